import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import type { ApplicationCount } from '~/domain/applications/caseload-applications.server'
import { ApplicationsQuery, listApplications } from '~/domain/applications/caseload-applications.server'
import { applicationsPageChoices } from '~/domain/practices/filter-choices.server'
import { requirePermission, requireTenant } from '~/auth/require-tenant.server'
import { DataTable, KeysetPager, useLoadingAt } from '~/ui/data-table'
import { searchParamsOf } from '~/lib/request-input'
import { orgPath } from '~/lib/org-path'
import { fieldViewOf, fieldViewSql } from '~/domain/client-fields/client-field-values.server'
import { fieldParam } from '~/domain/client-fields/client-field-display'
import { ApplicationFilters } from './application-filters'
import { columnLabels, defaultHidden, hideable, useApplicationColumns } from './application-columns'
import { formatCount } from '~/lib/numbers'

export const meta: MetaFunction = () => [{ title: 'Applications · Rebound' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'clients:read')
  const search = searchParamsOf(request)
  const query = ApplicationsQuery.parse(Object.fromEntries(search))
  const { fields, coaches, clients, cohorts } = await applicationsPageChoices(t, query.client)
  const fieldView = fieldViewOf(fields, search)
  const page = await listApplications(t, query, fieldViewSql(fieldView))
  const hidden = (search.get('hide') ?? defaultHidden)
    .split(',')
    .filter((c) => (hideable as readonly string[]).includes(c))
  const rows = page.rows.map(({ notes: _n, jobUrl: _j, clientEmail: _e, sortValue: _s, ...row }) => row)
  return {
    page: { ...page, rows },
    query,
    hidden,
    coaches,
    clients,
    cohorts,
    fieldView: {
      fields: fieldView.fields,
      params: fieldView.params,
      sort: fieldView.sortField ? fieldParam(fieldView.sortField.id) : null,
    },
    slug: t.org.slug,
    timeZone: t.org.timezone,
  }
}

function countLabel(count: ApplicationCount) {
  const n = formatCount(count.total)
  return count.kind === 'exact' ? n : count.kind === 'about' ? `about ${n}` : `more than ${n}`
}

export default function Applications() {
  const data = useLoaderData<typeof loader>()
  const { page, query, hidden, fieldView, slug, timeZone } = data
  const [params, setParams] = useSearchParams()
  const loading = useLoadingAt(orgPath(slug, 'applications'))
  const columns = useApplicationColumns(slug, timeZone, fieldView.fields)
  const columnVisibility = Object.fromEntries(hidden.map((id) => [id, false]))
  const toggleColumn = (id: string) =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev)
        const next = hidden.includes(id) ? hidden.filter((h) => h !== id) : [...hidden, id]
        p.set('hide', next.join(','))
        return p
      },
      { preventScrollReset: true, replace: true },
    )
  const exportParams = new URLSearchParams(params)
  for (const key of ['after', 'before', 'at', 'hide']) exportParams.delete(key)
  const filtered =
    [
      'q',
      'stage',
      'outcome',
      'coach',
      'cohort',
      'client',
      'company',
      'seniority',
      'industry',
      'source',
      'reason',
      'feedback',
      'from',
      'to',
    ].some((k) => Boolean(query[k as keyof typeof query])) || Object.keys(fieldView.params).length > 0
  return (
    <main>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">Applications</h1>
        <div className="flex flex-wrap gap-2">
          <Link
            to={orgPath(slug, 'imports')}
            className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-brand-700 hover:bg-slate-100"
          >
            Import CSV
          </Link>
          <a
            href={`${orgPath(slug, 'applications', 'export')}${exportParams.size ? `?${exportParams}` : ''}`}
            download
            className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-brand-700 hover:bg-slate-100"
          >
            Export CSV
          </a>
        </div>
      </div>
      <ApplicationFilters {...data} filtered={filtered} />
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer text-slate-800">Columns</summary>
        <fieldset className="mt-2 flex flex-wrap gap-x-4 gap-y-1">
          <legend className="sr-only">Columns to show</legend>
          {hideable.map((id) => (
            <label key={id} className="inline-flex items-center gap-1 text-slate-800">
              <input type="checkbox" checked={!hidden.includes(id)} onChange={() => toggleColumn(id)} />
              {columnLabels[id]}
            </label>
          ))}
        </fieldset>
      </details>
      <p role="status" className="mt-3 text-sm text-slate-700">
        {loading
          ? 'Loading…'
          : `${countLabel(page.count)} application${page.count.total === 1 ? '' : 's'}${filtered ? ' match these filters' : ''}`}
      </p>
      <DataTable
        caption="Applications of the practice"
        columns={columns}
        data={page.rows}
        defaultSort="lastEventAt"
        defaultDir="desc"
        columnVisibility={columnVisibility}
        empty={
          filtered ? (
            <>
              <h2 className="text-lg font-semibold">No applications match these filters</h2>
              <p className="mt-1 text-slate-700">Try fewer filters, or a shorter search.</p>
              <Link to={orgPath(slug, 'applications')} className="mt-3 inline-block text-brand-700 underline">
                Clear filters
              </Link>
            </>
          ) : (
            <>
              <h2 className="text-lg font-semibold">No applications yet</h2>
              <p className="mt-1 text-slate-700">
                Applications appear here as your clients add them, or import a spreadsheet of them.
              </p>
              <Link to={orgPath(slug, 'clients')} className="mt-3 inline-block text-brand-700 underline">
                Go to your clients
              </Link>
            </>
          )
        }
        loading={loading}
        className="mt-2"
        pager={
          page.rows.length > 0 ? (
            <KeysetPager
              position={page.position}
              count={page.rows.length}
              totalLabel={countLabel(page.count)}
              previous={page.previous}
              next={page.next}
              pageSize={page.pageSize}
              label="Applications"
            />
          ) : null
        }
      />
    </main>
  )
}
