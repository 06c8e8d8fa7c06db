import type { ClientFieldDef } from '~/domain/client-fields/client-field-display'
import { clientStatuses, clientStatusLabels } from '~/domain/clients/client-status'
import type { RosterQuery } from '~/domain/clients/clients.server'
import { orgPath } from '~/lib/org-path'
import { CustomFieldFilters } from '~/ui/custom-fields'
import {
  AutoFilterForm,
  ClearFilters,
  countSetFilters,
  FilterButton,
  FilterFields,
  FilterSelect,
  MoreFilters,
  type FilterDef,
} from '~/ui/filters'
import { choicesOf } from '~/ui/form'

// The roster's filters: a GET form, so that every filter lives in the URL.

type Named = { id: string; name: string }[]

/** The search, in view on a phone while the other filters fold (MoreFilters). */
const search: FilterDef<'q'> = { name: 'q', label: 'Name or email', type: 'search', inputClassName: 'w-56' }

/** The filters that fold on a phone; the cohort filter only once the practice has cohorts. */
const moreFilters = (coaches: Named, cohorts: Named): FilterDef<'coach' | 'cohort'>[] => [
  {
    name: 'coach',
    label: 'Coach',
    all: 'All coaches',
    first: [{ value: 'none', label: 'Unassigned' }],
    options: choicesOf(coaches),
  },
  ...(cohorts.length
    ? [{ name: 'cohort', label: 'Cohort', all: 'All cohorts', options: choicesOf(cohorts) } as const]
    : []),
]

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
  coaches: Named
  cohorts: Named
  fieldView: { fields: ClientFieldDef[]; params: Record<string, string> }
  filtered: boolean
  slug: string
}) {
  const more = moreFilters(coaches, cohorts)
  // Active clients are the roster's own view, not a filter the coach set.
  const statusSet = Boolean(query.status) && query.status !== 'ACTIVE'
  return (
    <AutoFilterForm label="Filter clients" className="mt-4 flex flex-wrap items-end gap-3">
      {sortParam ? <input type="hidden" name="sort" value={sortParam} /> : null}
      {query.dir ? <input type="hidden" name="dir" value={query.dir} /> : null}
      <FilterFields filters={[search]} values={query} />
      <MoreFilters set={countSetFilters(more, query, fieldView.params) + (statusSet ? 1 : 0)} lineBreak>
        <FilterFields filters={more} values={query} />
        <FilterSelect
          name="status"
          label="Status"
          value={query.status ?? 'ACTIVE'}
          options={[
            ...clientStatuses.map((s) => ({ value: s, label: clientStatusLabels[s] })),
            { value: 'ALL', label: 'All but archived' },
          ]}
        />
        <CustomFieldFilters fields={fieldView.fields} params={fieldView.params} />
      </MoreFilters>
      <FilterButton>Search</FilterButton>
      <ClearFilters filtered={filtered} to={orgPath(slug, 'clients')} />
    </AutoFilterForm>
  )
}
