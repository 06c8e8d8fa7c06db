import { Form, Link, useSearchParams, useSubmit } from '@remix-run/react'
import type { ApplicationsQuery } from '~/domain/applications/caseload-applications.server'
import {
  options,
  outcomeLabels,
  outcomes,
  reasonLabels,
  rejectionReasons,
  seniorities,
  seniorityLabels,
  sourceLabels,
  sources,
  stageLabels,
  stages,
} from '~/domain/applications/pipeline'
import type { ClientFieldDef } from '~/domain/client-fields/client-field-display'
import { orgPath } from '~/lib/org-path'
import { CustomFieldFilters } from '~/ui/custom-fields'
import { inputClass } from '~/ui/form'

// The applications table's filters: a GET form, so that every filter lives in the URL.

function Select({
  name,
  label,
  value,
  choices,
  hint,
}: {
  name: string
  label: string
  value?: string
  choices: { value: string; label: string }[]
  hint?: string
}) {
  return (
    <div>
      <label htmlFor={`f-${name}`} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        id={`f-${name}`}
        name={name}
        defaultValue={value ?? ''}
        aria-describedby={hint ? `f-${name}-hint` : undefined}
        className={`mt-1 ${inputClass}`}
      >
        <option value="">All</option>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
      {hint ? (
        <p id={`f-${name}-hint`} className="mt-1 max-w-48 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
    </div>
  )
}

function TextFilter({
  name,
  label,
  value,
  type = 'text',
  className = '',
}: {
  name: string
  label: string
  value?: string
  type?: string
  className?: string
}) {
  return (
    <div className={className}>
      <label htmlFor={`f-${name}`} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input id={`f-${name}`} name={name} type={type} defaultValue={value ?? ''} className={`mt-1 ${inputClass}`} />
    </div>
  )
}

export function ApplicationFilters({
  query,
  coaches,
  clients,
  cohorts,
  fieldView,
  filtered,
  slug,
}: {
  query: ApplicationsQuery
  coaches: { id: string; name: string }[]
  clients: { clients: { id: string; name: string }[]; complete: boolean }
  cohorts: { id: string; name: string }[]
  /** `sort`: the field the table is sorted by (field.<id>), if any. */
  fieldView: { fields: ClientFieldDef[]; params: Record<string, string>; sort: string | null }
  filtered: boolean
  slug: string
}) {
  const [params] = useSearchParams()
  const submit = useSubmit()
  return (
    <Form
      method="get"
      role="search"
      aria-label="Filter applications"
      className="mt-4 grid grid-cols-2 items-end gap-3 md:grid-cols-4 xl:grid-cols-7"
      onChange={(e) => {
        if ((e.target as HTMLElement).tagName === 'SELECT') submit(e.currentTarget, { preventScrollReset: true })
      }}
    >
      <input type="hidden" name="sort" value={fieldView.sort ?? query.sort} />
      <input type="hidden" name="dir" value={query.dir} />
      {params.has('hide') ? <input type="hidden" name="hide" value={params.get('hide') ?? ''} /> : null}
      <TextFilter
        name="q"
        label="Search company, title or client"
        value={query.q}
        type="search"
        className="col-span-2"
      />
      <Select name="stage" label="Stage" value={query.stage} choices={options(stages, stageLabels)} />
      <Select name="outcome" label="Outcome" value={query.outcome} choices={options(outcomes, outcomeLabels)} />
      <Select
        name="coach"
        label="Coach"
        value={query.coach}
        choices={[{ value: 'none', label: 'Unassigned' }, ...coaches.map((c) => ({ value: c.id, label: c.name }))]}
      />
      {cohorts.length ? (
        <Select
          name="cohort"
          label="Cohort"
          value={query.cohort}
          choices={cohorts.map((c) => ({ value: c.id, label: c.name }))}
        />
      ) : null}
      <Select
        name="client"
        label="Client"
        value={query.client}
        choices={clients.clients.map((c) => ({ value: c.id, label: c.name }))}
        hint={clients.complete ? undefined : 'Find other clients by name with the search box.'}
      />
      <TextFilter name="company" label="Company starts with" value={query.company} />
      <Select
        name="seniority"
        label="Seniority"
        value={query.seniority}
        choices={options(seniorities, seniorityLabels)}
      />
      <TextFilter name="industry" label="Industry" value={query.industry} />
      <Select name="source" label="Source" value={query.source} choices={options(sources, sourceLabels)} />
      <Select
        name="reason"
        label="Rejection reason"
        value={query.reason}
        choices={options(rejectionReasons, reasonLabels)}
      />
      <Select
        name="feedback"
        label="Feedback received"
        value={query.feedback}
        choices={[
          { value: 'yes', label: 'Yes (rejections)' },
          { value: 'no', label: 'No (rejections)' },
        ]}
      />
      <TextFilter name="from" label="Applied from" value={query.from} type="date" />
      <TextFilter name="to" label="Applied to" value={query.to} type="date" />
      <CustomFieldFilters fields={fieldView.fields} params={fieldView.params} />
      <div className="col-span-2 flex items-center gap-3">
        <button
          type="submit"
          className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-100"
        >
          Apply filters
        </button>
        {filtered ? (
          <Link to={orgPath(slug, 'applications')} className="py-2 text-sm text-brand-700 underline">
            Clear filters
          </Link>
        ) : null}
      </div>
    </Form>
  )
}
