import { Form, Link, useSubmit } from '@remix-run/react'
import type { ClientFieldDef } from '~/domain/client-fields/client-field-display'
import { clientStatuses, clientStatusLabels } from '~/domain/clients/client-status'
import type { RosterQuery } from '~/domain/clients/clients.server'
import { orgPath } from '~/lib/org-path'
import { CustomFieldFilters } from '~/ui/custom-fields'
import { choicesOf, inputClass, LabelledSelect } from '~/ui/form'

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
      <LabelledSelect
        id="coach"
        name="coach"
        label="Coach"
        defaultValue={query.coach ?? ''}
        first={[
          { value: '', label: 'All coaches' },
          { value: 'none', label: 'Unassigned' },
        ]}
        options={choicesOf(coaches)}
      />
      {cohorts.length ? (
        <LabelledSelect
          id="cohort"
          name="cohort"
          label="Cohort"
          defaultValue={query.cohort ?? ''}
          first={[{ value: '', label: 'All cohorts' }]}
          options={choicesOf(cohorts)}
        />
      ) : null}
      <LabelledSelect
        id="status"
        name="status"
        label="Status"
        defaultValue={query.status ?? 'ACTIVE'}
        options={[
          ...clientStatuses.map((s) => ({ value: s, label: clientStatusLabels[s] })),
          { value: 'ALL', label: 'All but archived' },
        ]}
      />
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
