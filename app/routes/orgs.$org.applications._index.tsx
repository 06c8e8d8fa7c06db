import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation, useSearchParams, useSubmit } from '@remix-run/react'
import { useMemo } from 'react'
import type { ApplicationCount, ApplicationListRow } from '~/domain/applications/caseload-applications.server'
import {
  ApplicationsQuery,
  listApplicationFilterChoices,
  listApplications,
} from '~/domain/applications/caseload-applications.server'
import { listCohortChoices } from '~/domain/cohorts/cohorts.server'
import { listCoaches } from '~/domain/clients/clients.server'
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
import { formatDate, formatDay } from '~/lib/dates'
import { requirePermission, requireTenant } from '~/auth/require-tenant.server'
import { DataTable, KeysetPager, serverColumnHelper } from '~/ui/data-table'
import { inputClass } from '~/ui/form'
import { searchParamsOf } from '~/lib/request-input'
import { orgPath } from '~/lib/org-path'

export const meta: MetaFunction = () => [{ title: 'Applications · Rebound' }]

const hideable = [
  'coach',
  'company',
  'roleTitle',
  'stage',
  'outcome',
  'appliedOn',
  'lastEventAt',
  'seniority',
  'industry',
  'source',
  'location',
  'reason',
  'feedback',
] as const
// The columns that fit a 1440 px screen; the rest are a click away under Columns.
const defaultHidden = 'industry,source,location,reason,feedback'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'clients:read')
  const search = searchParamsOf(request)
  const query = ApplicationsQuery.parse(Object.fromEntries(search))
  const [page, coaches, clients, cohorts] = await Promise.all([
    listApplications(t, query),
    listCoaches(t),
    listApplicationFilterChoices(t, query.client),
    listCohortChoices(t),
  ])
  const hidden = (search.get('hide') ?? defaultHidden)
    .split(',')
    .filter((c) => (hideable as readonly string[]).includes(c))
  const rows = page.rows.map(({ notes: _n, jobUrl: _j, clientEmail: _e, ...row }) => row)
  return {
    page: { ...page, rows },
    query,
    hidden,
    coaches,
    clients,
    cohorts,
    slug: t.org.slug,
    timeZone: t.org.timezone,
  }
}

type Row = Omit<ApplicationListRow, 'notes' | 'jobUrl' | 'clientEmail'> & { lastEventAt: Date | string }
const col = serverColumnHelper<Row>()
const columnLabels: Record<(typeof hideable)[number], string> = {
  coach: 'Coach',
  company: 'Company',
  roleTitle: 'Job title',
  stage: 'Stage',
  outcome: 'Outcome',
  appliedOn: 'Applied',
  lastEventAt: 'Last update',
  seniority: 'Seniority',
  industry: 'Industry',
  source: 'Source',
  location: 'Location',
  reason: 'Rejection reason',
  feedback: 'Feedback received',
}

function countLabel(count: ApplicationCount) {
  const n = count.total.toLocaleString('en-US')
  return count.kind === 'exact' ? n : count.kind === 'about' ? `about ${n}` : `more than ${n}`
}

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

export default function Applications() {
  const { page, query, hidden, coaches, clients, cohorts, slug, timeZone } = useLoaderData<typeof loader>()
  const [params, setParams] = useSearchParams()
  const submit = useSubmit()
  const navigation = useNavigation()
  const loading = navigation.state === 'loading' && navigation.location?.pathname === orgPath(slug, 'applications')
  const columns = useMemo(
    () => [
      col.accessor('clientName', {
        id: 'client',
        header: 'Client',
        cell: (info) => (
          <Link
            to={orgPath(slug, 'clients', info.row.original.clientId)}
            className="font-medium text-brand-700 underline"
          >
            {info.getValue()}
          </Link>
        ),
      }),
      col.accessor('company', {
        header: 'Company',
        cell: (info) => (
          <Link to={`/orgs/${slug}/applications/${info.row.original.id}`} className="text-brand-700 underline">
            {info.getValue()}
          </Link>
        ),
      }),
      col.accessor('roleTitle', { header: 'Job title' }),
      col.accessor('stage', { header: 'Stage', cell: (info) => stageLabels[info.getValue()] }),
      col.accessor('outcome', { header: 'Outcome', cell: (info) => outcomeLabels[info.getValue()] }),
      col.accessor('appliedOn', {
        header: 'Applied',
        cell: (info) => (info.getValue() ? formatDate(info.getValue()) : 'Not yet'),
      }),
      col.accessor('lastEventAt', { header: 'Last update', cell: (info) => formatDay(info.getValue(), timeZone) }),
      col.accessor('coachName', {
        id: 'coach',
        header: 'Coach',
        enableSorting: false,
        cell: (info) => info.getValue() ?? 'Unassigned',
      }),
      col.accessor('seniority', {
        header: 'Seniority',
        enableSorting: false,
        cell: (info) => (info.getValue() ? seniorityLabels[info.getValue()!] : '—'),
      }),
      col.accessor('industry', { header: 'Industry', enableSorting: false, cell: (info) => info.getValue() ?? '—' }),
      col.accessor('source', { header: 'Source', enableSorting: false, cell: (info) => sourceLabels[info.getValue()] }),
      col.accessor('location', { header: 'Location', enableSorting: false, cell: (info) => info.getValue() ?? '—' }),
      col.accessor('rejectionReason', {
        id: 'reason',
        header: 'Rejection reason',
        enableSorting: false,
        cell: (info) => (info.getValue() ? reasonLabels[info.getValue()!] : '—'),
      }),
      col.accessor('feedbackReceived', {
        id: 'feedback',
        header: 'Feedback received',
        enableSorting: false,
        cell: (info) => (info.row.original.outcome === 'REJECTED' ? (info.getValue() ? 'Yes' : 'No') : '—'),
      }),
    ],
    [slug, timeZone],
  )
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
  const filtered = [
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
  ].some((k) => Boolean(query[k as keyof typeof query]))
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
      <Form
        method="get"
        role="search"
        aria-label="Filter applications"
        className="mt-4 grid grid-cols-2 items-end gap-3 md:grid-cols-4 xl:grid-cols-7"
        onChange={(e) => {
          if ((e.target as HTMLElement).tagName === 'SELECT') submit(e.currentTarget, { preventScrollReset: true })
        }}
      >
        <input type="hidden" name="sort" value={query.sort} />
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
      <div className={`mt-2 transition-opacity ${loading ? 'opacity-60' : ''}`} aria-busy={loading}>
        <DataTable
          caption="Applications of the practice"
          columns={columns}
          data={page.rows}
          getRowId={(row) => row.id}
          defaultSort="lastEventAt"
          defaultDir="desc"
          columnVisibility={columnVisibility}
          empty={
            <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
              {filtered ? (
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
              )}
            </div>
          }
        />
        {page.rows.length > 0 ? (
          <KeysetPager
            position={page.position}
            count={page.rows.length}
            totalLabel={countLabel(page.count)}
            previous={page.previous}
            next={page.next}
            pageSize={page.pageSize}
            label="Applications"
          />
        ) : null}
      </div>
    </main>
  )
}
