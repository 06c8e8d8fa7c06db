import { getInputProps, type FieldMetadata } from '@conform-to/react'
import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { ErrorList } from '~/ui/form'

// Pieces of the client portal, built for a phone first: one column, tap targets at least 44px high.

export function PageTitle({ children, intro }: { children: ReactNode; intro?: ReactNode }) {
  return (
    <div className="mb-5">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">{children}</h1>
      {intro ? <p className="mt-1 text-slate-700">{intro}</p> : null}
    </div>
  )
}

export function Card({ children, className = '' }: { children: ReactNode; className?: string }) {
  return (
    <section className={`rounded-lg border border-slate-200 bg-white p-4 shadow-sm ${className}`}>{children}</section>
  )
}

export function SectionTitle({ children, id }: { children: ReactNode; id?: string }) {
  return (
    <h2 id={id} className="text-lg font-semibold text-slate-900">
      {children}
    </h2>
  )
}

const linkButton = {
  primary: 'bg-brand-700 text-white hover:bg-brand-800',
  secondary: 'border border-slate-300 bg-white text-slate-900 hover:bg-slate-100',
}

export function LinkButton({
  to,
  children,
  variant = 'primary',
  className = '',
}: {
  to: string
  children: ReactNode
  variant?: keyof typeof linkButton
  className?: string
}) {
  return (
    <Link
      to={to}
      className={`inline-flex min-h-11 items-center justify-center rounded-md px-4 py-2 font-medium focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2 focus-visible:outline-none ${linkButton[variant]} ${className}`}
    >
      {children}
    </Link>
  )
}

/** A progress bar that also says its numbers in words, for screen readers and at a glance. */
export function ProgressBar({ value, max, label }: { value: number; max: number; label: string }) {
  const percent = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : 0
  return (
    <div>
      <p className="flex items-baseline justify-between text-sm text-slate-700">
        <span>{label}</span>
        <span className="font-semibold text-slate-900">
          {value} of {max}
        </span>
      </p>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={Math.min(value, max)}
        aria-valuetext={`${value} of ${max}`}
        className="mt-1 h-3 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className="h-full rounded-full bg-brand-700" style={{ width: `${percent}%` }} />
      </div>
    </div>
  )
}

/** A checkbox with its label beside it; the whole row is the tap target. */
export function CheckboxField({ label, field }: { label: string; field: FieldMetadata<unknown> }) {
  return (
    <div>
      <label htmlFor={field.id} className="flex min-h-11 items-center gap-3 text-slate-900">
        <input
          {...getInputProps(field as FieldMetadata<string>, { type: 'checkbox' })}
          key={field.key}
          className="size-5 rounded border-slate-400 text-brand-700 focus:ring-brand-600"
        />
        {label}
      </label>
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  )
}

/** A 1-5 scale as a group of radio buttons, each a large labelled box. */
export function ScaleField({
  legend,
  field,
  labels,
}: {
  legend: string
  field: FieldMetadata<unknown>
  labels: readonly [string, string, string, string, string]
}) {
  const current = typeof field.initialValue === 'string' ? field.initialValue : undefined
  return (
    <fieldset aria-describedby={field.errors?.length ? field.errorId : undefined}>
      <legend className="text-base font-semibold text-slate-900">{legend}</legend>
      <div className="mt-2 grid grid-cols-5 gap-1.5">
        {labels.map((label, index) => {
          const value = String(index + 1)
          const id = `${field.id}-${value}`
          return (
            <div key={value}>
              <input
                type="radio"
                id={id}
                name={field.name}
                value={value}
                defaultChecked={current === value}
                className="peer sr-only"
              />
              <label
                htmlFor={id}
                className="flex min-h-16 cursor-pointer flex-col items-center justify-center rounded-md border border-slate-300 bg-white px-1 py-2 text-center text-slate-900 peer-checked:border-brand-700 peer-checked:bg-brand-50 peer-checked:ring-2 peer-checked:ring-brand-700 peer-focus-visible:ring-2 peer-focus-visible:ring-brand-600"
              >
                <span className="text-lg font-semibold">{value}</span>
                <span className="text-xs leading-tight text-slate-700">{label}</span>
              </label>
            </div>
          )
        })}
      </div>
      <ErrorList id={field.errorId} errors={field.errors} />
    </fieldset>
  )
}

const outcomeTones: Record<string, string> = {
  ACTIVE: 'bg-brand-50 text-brand-800',
  REJECTED: 'bg-slate-100 text-slate-800',
  GHOSTED: 'bg-amber-50 text-amber-900',
  WITHDRAWN: 'bg-slate-100 text-slate-800',
  OFFER_ACCEPTED: 'bg-emerald-50 text-emerald-900',
  OFFER_DECLINED: 'bg-emerald-50 text-emerald-900',
}

export function Badge({ tone, children }: { tone: string; children: ReactNode }) {
  return (
    <span
      className={`inline-block rounded-full px-2.5 py-0.5 text-sm font-medium ${outcomeTones[tone] ?? outcomeTones.ACTIVE}`}
    >
      {children}
    </span>
  )
}
