import { Form, Link, useSubmit } from '@remix-run/react'
import { useId, useState, type ReactNode } from 'react'
import { inputClass, LabelledSelect, type Choice } from './form'

// The pieces of a page's GET filters, so that every filter lives in the URL: an empty value means
// "no filter", and each control starts at what the URL says.

/** A search form whose selects apply as soon as they change; typed filters wait for the button. */
export function AutoFilterForm({
  label,
  className,
  children,
}: {
  label: string
  className: string
  children: ReactNode
}) {
  const submit = useSubmit()
  return (
    <Form
      method="get"
      role="search"
      aria-label={label}
      className={className}
      onChange={(e) => {
        if ((e.target as HTMLElement).tagName === 'SELECT') submit(e.currentTarget, { preventScrollReset: true })
      }}
    >
      {children}
    </Form>
  )
}

/** A filter's select; `all` names its empty choice ("All coaches"), `first` any choices after it. */
export function FilterSelect({
  id,
  name,
  label,
  value,
  all,
  first = [],
  options,
  hint,
  className,
}: {
  /** Defaults to `name`. */
  id?: string
  name: string
  label: string
  value: string | null | undefined
  all?: string
  first?: readonly Choice[]
  options: readonly Choice[]
  hint?: string
  className?: string
}) {
  return (
    <LabelledSelect
      id={id ?? name}
      name={name}
      label={label}
      defaultValue={value ?? ''}
      first={all === undefined ? first : [{ value: '', label: all }, ...first]}
      options={options}
      hint={hint}
      className={className}
    />
  )
}

/** A filter typed in: text, a search or a date. */
export function FilterInput({
  id,
  name,
  label,
  value,
  type = 'text',
  className,
  inputClassName = '',
}: {
  /** Defaults to `name`. */
  id?: string
  name: string
  label: string
  value: string | null | undefined
  type?: 'text' | 'search' | 'date'
  className?: string
  inputClassName?: string
}) {
  return (
    <div className={className}>
      <label htmlFor={id ?? name} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id ?? name}
        name={name}
        type={type}
        defaultValue={value ?? ''}
        className={`mt-1 ${inputClass} ${inputClassName}`.trim()}
      />
    </div>
  )
}

/** A filter as a page lists them: a select (`options`, as FilterSelect takes them) or a filter typed in (`type`). */
export type FilterDef<Name extends string = string> = { name: Name; label: string; id?: string; className?: string } & (
  | { options: readonly Choice[]; all?: string; first?: readonly Choice[]; hint?: string }
  | { type: 'text' | 'search' | 'date'; inputClassName?: string }
)

/**
 * A page's filters, in the order listed, each starting at the URL's value in `values`. A control's id is
 * `idPrefix` and its name, unless the filter names its own.
 */
export function FilterFields<Name extends string>({
  filters,
  values,
  idPrefix = '',
  all,
}: {
  filters: readonly FilterDef<Name>[]
  values: { readonly [K in Name]?: string | null }
  idPrefix?: string
  /** The empty choice of the selects that name none of their own. */
  all?: string
}) {
  return (
    <>
      {filters.map(({ id, ...f }) =>
        'options' in f ? (
          <FilterSelect key={f.name} all={all} {...f} id={id ?? idPrefix + f.name} value={values[f.name]} />
        ) : (
          <FilterInput key={f.name} {...f} id={id ?? idPrefix + f.name} value={values[f.name]} />
        ),
      )}
    </>
  )
}

/** The button that applies the filters. */
export function FilterButton({ children }: { children: ReactNode }) {
  return (
    <button
      type="submit"
      className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-100"
    >
      {children}
    </button>
  )
}

/** "Clear filters": back to the page with none, shown only while some are set. */
export function ClearFilters({ filtered, to }: { filtered: boolean; to: string }) {
  if (!filtered) return null
  return (
    <Link to={to} className="py-2 text-sm text-brand-700 underline">
      Clear filters
    </Link>
  )
}

/**
 * The filters after a page's search, folded away below `md` behind a button that says how many are set: on a phone
 * the table comes into view under the search, not after a screen of selects. From `md` up they always show. Folded
 * fields are only out of sight: the form still sends them, so a filter set stays set.
 */
export function MoreFilters({
  set,
  buttonClassName = '',
  lineBreak = false,
  children,
}: {
  set: number
  buttonClassName?: string
  /** In a wrapping flex row: the opened filters start on a line of their own, under the button. */
  lineBreak?: boolean
  children: ReactNode
}) {
  const [open, setOpen] = useState(false)
  const id = useId()
  return (
    <>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((was) => !was)}
        className={`rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-100 md:hidden ${buttonClassName}`.trim()}
      >
        {open ? 'Fewer filters' : set ? `More filters (${set} set)` : 'More filters'}
      </button>
      {lineBreak && open ? <span aria-hidden className="basis-full md:hidden" /> : null}
      <div id={id} className={open ? 'contents' : 'hidden md:contents'}>
        {children}
      </div>
    </>
  )
}

/** How many of `filters`, and of the custom-field filters in `fieldParams`, the URL sets: what MoreFilters shows. */
export function countSetFilters<Name extends string>(
  filters: readonly FilterDef<Name>[],
  values: { readonly [K in Name]?: string | null },
  fieldParams: Record<string, string> = {},
) {
  return filters.filter((f) => Boolean(values[f.name])).length + Object.values(fieldParams).filter(Boolean).length
}
