import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { ConformForm, CopyField, type AnyForm } from '~/ui/form'

// The parts of a practice settings page (API keys, webhooks, single sign-on): the way back and the
// title, a section named by its heading, a list of the practice's items, and a secret shown once.

/** The link back to the page above, over the title. */
export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <p className="text-sm">
      <Link to={to} className="text-brand-700 underline">
        {children}
      </Link>
    </p>
  )
}

/** The top of a settings page: the way back, its title and what it is for. */
export function SettingsHeader({
  backTo,
  backLabel = 'Practice settings',
  title,
  children,
}: {
  backTo: string
  backLabel?: string
  title: string
  children: ReactNode
}) {
  return (
    <>
      <BackLink to={backTo}>{backLabel}</BackLink>
      <h1 className="mt-1 text-2xl font-bold">{title}</h1>
      <p className="mt-2 text-slate-700">{children}</p>
    </>
  )
}

/** A section of a settings page, named by its heading: `<id>-heading`. */
export function SettingsSection({
  id,
  title,
  className = 'mt-8',
  children,
}: {
  id: string
  title: string
  className?: string
  children: ReactNode
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className={className}>
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  )
}

/** The form that adds an item, in its own section below the list, with the form's errors above its fields. */
export function NewItemForm({ form, title, children }: { form: AnyForm; title: string; children: ReactNode }) {
  return (
    <SettingsSection id="new" title={title} className="mt-10">
      <ConformForm form={form} className="mt-3 space-y-5">
        {children}
      </ConformForm>
    </SettingsSection>
  )
}

/** The practice's items, one row each (what it is on the left, what to do on the right), or a line saying there are none. */
export function ItemRows<T extends { id: string }>({
  items,
  empty,
  children,
}: {
  items: readonly T[]
  empty: ReactNode
  children: (item: T) => ReactNode
}) {
  if (items.length === 0) return <p className="mt-2 text-slate-700">{empty}</p>
  return (
    <ul className="mt-3 divide-y divide-slate-200 rounded-md border border-slate-200">
      {items.map((item) => (
        <li key={item.id} className="flex flex-wrap items-start justify-between gap-3 p-3">
          {children(item)}
        </li>
      ))}
    </ul>
  )
}

/** A secret just made (a key, a signing secret), to copy now: it is never shown again. */
export function SecretShownOnce({
  id,
  label,
  value,
  message,
  className = 'mt-6',
  children,
}: {
  /** The input's id. */
  id: string
  label: string
  value: string
  /** What was made, and that it is shown only once. */
  message: ReactNode
  className?: string
  /** Anything below the secret (a next step). */
  children?: ReactNode
}) {
  return (
    <div role="status" className={`${className} rounded-md border border-emerald-300 bg-emerald-50 p-4`}>
      <p className="font-semibold break-words text-emerald-900">{message}</p>
      <CopyField
        id={id}
        label={label}
        value={value}
        labelClassName="mt-2 block text-sm text-emerald-900"
        className="mt-1 block w-full rounded border border-emerald-300 bg-white px-2 py-1 font-mono text-sm"
      />
      {children}
    </div>
  )
}
