import { useSearchParams } from '@remix-run/react'
import type { ApplicationsQuery } from '~/domain/applications/caseload-applications.server'
import { outcomeChoices, reasonChoices, seniorityChoices, sourceChoices, stageChoices } from '~/ui/pipeline-choices'
import type { ClientFieldDef } from '~/domain/client-fields/client-field-display'
import { orgPath } from '~/lib/org-path'
import { CustomFieldFilters } from '~/ui/custom-fields'
import {
  AutoFilterForm,
  ClearFilters,
  FilterButton,
  FilterFields,
  MoreFilters,
  countSetFilters,
  type FilterDef,
} from '~/ui/filters'
import { choicesOf } from '~/ui/form'

// The applications table's filters: a GET form, so that every filter lives in the URL. Each select
// starts with "All", and each control's id is `f-<name>`.

type FilterName = Exclude<keyof ApplicationsQuery, 'sort' | 'dir' | 'after' | 'before' | 'at'>

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
  // The search stays in view on a phone; the rest fold (MoreFilters).
  const search: FilterDef<FilterName> = {
    name: 'q',
    label: 'Search company, title or client',
    type: 'search',
    className: 'col-span-2',
  }
  const more: FilterDef<FilterName>[] = [
    { name: 'stage', label: 'Stage', options: stageChoices },
    { name: 'outcome', label: 'Outcome', options: outcomeChoices },
    { name: 'coach', label: 'Coach', options: [{ value: 'none', label: 'Unassigned' }, ...choicesOf(coaches)] },
    ...(cohorts.length ? [{ name: 'cohort', label: 'Cohort', options: choicesOf(cohorts) } as const] : []),
    {
      name: 'client',
      label: 'Client',
      options: choicesOf(clients.clients),
      hint: clients.complete ? undefined : 'Find other clients by name with the search box.',
    },
    { name: 'company', label: 'Company starts with', type: 'text' },
    { name: 'seniority', label: 'Seniority', options: seniorityChoices },
    { name: 'industry', label: 'Industry', type: 'text' },
    { name: 'source', label: 'Source', options: sourceChoices },
    { name: 'reason', label: 'Rejection reason', options: reasonChoices },
    {
      name: 'feedback',
      label: 'Feedback received',
      options: [
        { value: 'yes', label: 'Yes (rejections)' },
        { value: 'no', label: 'No (rejections)' },
      ],
    },
    { name: 'from', label: 'Applied from', type: 'date' },
    { name: 'to', label: 'Applied to', type: 'date' },
  ]
  return (
    <AutoFilterForm
      label="Filter applications"
      className="mt-4 grid grid-cols-2 items-end gap-3 md:grid-cols-4 xl:grid-cols-7"
    >
      <input type="hidden" name="sort" value={fieldView.sort ?? query.sort} />
      <input type="hidden" name="dir" value={query.dir} />
      {params.has('hide') ? <input type="hidden" name="hide" value={params.get('hide') ?? ''} /> : null}
      <FilterFields filters={[search]} values={query} idPrefix="f-" all="All" />
      <MoreFilters set={countSetFilters(more, query, fieldView.params)} buttonClassName="col-span-2 justify-self-start">
        <FilterFields filters={more} values={query} idPrefix="f-" all="All" />
        <CustomFieldFilters fields={fieldView.fields} params={fieldView.params} />
      </MoreFilters>
      <div className="col-span-2 flex items-center gap-3">
        <FilterButton>Apply filters</FilterButton>
        <ClearFilters filtered={filtered} to={orgPath(slug, 'applications')} />
      </div>
    </AutoFilterForm>
  )
}
