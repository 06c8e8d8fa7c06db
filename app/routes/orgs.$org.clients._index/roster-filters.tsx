import { Form, Link, useSubmit } from '@remix-run/react'
import type { ClientFieldDef } from '~/domain/client-fields/client-field-display'
import { clientStatuses, clientStatusLabels } from '~/domain/clients/client-status'
import type { RosterQuery } from '~/domain/clients/clients.server'
import { orgPath } from '~/lib/org-path'
import { CustomFieldFilters } from '~/ui/custom-fields'
import { inputClass } from '~/ui/form'

// The roster's filters: a GET form, so that every filter lives in the URL.

export function RosterFilters({
  query,
  sortParam,
  coaches,
  cohorts,
  fieldView,
  filtered,
  slug,
}: {
  query: RosterQuery
  sortParam: string
  coaches: { id: string; name: string }[]
  cohorts: { id: string; name: string }[]
  fieldView: { fields: ClientFieldDef[]; params: Record<string, string> }
  filtered: boolean
  slug: string
}) {
  const submit = useSubmit()
  return (
    <Form
      method="get"
      role="search"
      aria-label="Filter clients"
      className="mt-4 flex flex-wrap items-end gap-3"
      onChange={(e) => {
        if ((e.target as HTMLElement).tagName === 'SELECT') submit(e.currentTarget, { preventScrollReset: true })
      }}
    >
      {sortParam ? <input type="hidden" name="sort" value={sortParam} /> : null}
      {query.dir ? <input type="hidden" name="dir" value={query.dir} /> : null}
      <div>
        <label htmlFor="q" className="block text-sm font-medium text-slate-800">
          Name or email
        </label>
        <input id="q" name="q" type="search" defaultValue={query.q ?? ''} className={`mt-1 ${inputClass} w-56`} />
      </div>
      <div>
        <label htmlFor="coach" className="block text-sm font-medium text-slate-800">
          Coach
        </label>
        <select id="coach" name="coach" defaultValue={query.coach ?? ''} className={`mt-1 ${inputClass}`}>
          <option value="">All coaches</option>
          <option value="none">Unassigned</option>
          {coaches.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      {cohorts.length ? (
        <div>
          <label htmlFor="cohort" className="block text-sm font-medium text-slate-800">
            Cohort
          </label>
          <select id="cohort" name="cohort" defaultValue={query.cohort ?? ''} className={`mt-1 ${inputClass}`}>
            <option value="">All cohorts</option>
            {cohorts.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div>
        <label htmlFor="status" className="block text-sm font-medium text-slate-800">
          Status
        </label>
        <select id="status" name="status" defaultValue={query.status ?? 'ACTIVE'} className={`mt-1 ${inputClass}`}>
          {clientStatuses.map((s) => (
            <option key={s} value={s}>
              {clientStatusLabels[s]}
            </option>
          ))}
          <option value="ALL">All but archived</option>
        </select>
      </div>
      <CustomFieldFilters fields={fieldView.fields} params={fieldView.params} />
      <button
        type="submit"
        className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-100"
      >
        Search
      </button>
      {filtered ? (
        <Link to={orgPath(slug, 'clients')} className="py-2 text-sm text-brand-700 underline">
          Clear filters
        </Link>
      ) : null}
    </Form>
  )
}
