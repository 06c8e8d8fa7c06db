import { useSearchParams } from '@remix-run/react'
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
import { AutoFilterForm, ClearFilters, FilterButton, FilterInput, FilterSelect } from '~/ui/filters'
import { choicesOf, type Choice } from '~/ui/form'

// The applications table's filters: a GET form, so that every filter lives in the URL. Each select
// starts with "All", and its id is `f-<name>`.

const all = (options: Choice[]) => ({ all: 'All', options })

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
  return (
    <AutoFilterForm
      label="Filter applications"
      className="mt-4 grid grid-cols-2 items-end gap-3 md:grid-cols-4 xl:grid-cols-7"
    >
      <input type="hidden" name="sort" value={fieldView.sort ?? query.sort} />
      <input type="hidden" name="dir" value={query.dir} />
      {params.has('hide') ? <input type="hidden" name="hide" value={params.get('hide') ?? ''} /> : null}
      <FilterInput
        id="f-q"
        name="q"
        label="Search company, title or client"
        value={query.q}
        type="search"
        className="col-span-2"
      />
      <FilterSelect
        id="f-stage"
        name="stage"
        label="Stage"
        value={query.stage}
        {...all(options(stages, stageLabels))}
      />
      <FilterSelect
        id="f-outcome"
        name="outcome"
        label="Outcome"
        value={query.outcome}
        {...all(options(outcomes, outcomeLabels))}
      />
      <FilterSelect
        id="f-coach"
        name="coach"
        label="Coach"
        value={query.coach}
        {...all([{ value: 'none', label: 'Unassigned' }, ...choicesOf(coaches)])}
      />
      {cohorts.length ? (
        <FilterSelect id="f-cohort" name="cohort" label="Cohort" value={query.cohort} {...all(choicesOf(cohorts))} />
      ) : null}
      <FilterSelect
        id="f-client"
        name="client"
        label="Client"
        value={query.client}
        {...all(choicesOf(clients.clients))}
        hint={clients.complete ? undefined : 'Find other clients by name with the search box.'}
      />
      <FilterInput id="f-company" name="company" label="Company starts with" value={query.company} />
      <FilterSelect
        id="f-seniority"
        name="seniority"
        label="Seniority"
        value={query.seniority}
        {...all(options(seniorities, seniorityLabels))}
      />
      <FilterInput id="f-industry" name="industry" label="Industry" value={query.industry} />
      <FilterSelect
        id="f-source"
        name="source"
        label="Source"
        value={query.source}
        {...all(options(sources, sourceLabels))}
      />
      <FilterSelect
        id="f-reason"
        name="reason"
        label="Rejection reason"
        value={query.reason}
        {...all(options(rejectionReasons, reasonLabels))}
      />
      <FilterSelect
        id="f-feedback"
        name="feedback"
        label="Feedback received"
        value={query.feedback}
        {...all([
          { value: 'yes', label: 'Yes (rejections)' },
          { value: 'no', label: 'No (rejections)' },
        ])}
      />
      <FilterInput id="f-from" name="from" label="Applied from" value={query.from} type="date" />
      <FilterInput id="f-to" name="to" label="Applied to" value={query.to} type="date" />
      <CustomFieldFilters fields={fieldView.fields} params={fieldView.params} />
      <div className="col-span-2 flex items-center gap-3">
        <FilterButton>Apply filters</FilterButton>
        <ClearFilters filtered={filtered} to={orgPath(slug, 'applications')} />
      </div>
    </AutoFilterForm>
  )
}
