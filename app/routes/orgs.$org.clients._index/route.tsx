import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useMemo } from 'react'
import { can } from '~/domain/practices/permissions'
import { clientStatusLabels } from '~/domain/clients/client-status'
import { listRoster, RosterQuery, type RosterRow } from '~/domain/clients/clients.server'
import { rosterPageChoices } from '~/domain/practices/filter-choices.server'
import { addDays, formatDay, todayIn } from '~/lib/dates'
import { getEnv } from '~/lib/env.server'
import { BulkActionInput, BulkInputError, runBulkAction } from '~/domain/clients/bulk.server'
import { BulkBar, useSelection, type BulkActionData } from '~/ui/bulk-actions'
import { requirePermission, requireTenant } from '~/auth/require-tenant.server'
import { CellLink, DataTable, Pager, serverColumnHelper, useLoadingAt } from '~/ui/data-table'
import { queryOf, readForm, searchParamsOf } from '~/lib/request-input'
import { fieldViewOf, fieldViewSql } from '~/domain/client-fields/client-field-values.server'
import { customFieldColumns } from '~/ui/custom-fields'
import { RosterFilters } from './roster-filters'
import { orgPath } from '~/lib/org-path'
import { unreadByClient } from '~/domain/conversations/unread.server'
import { UnreadBadge } from '~/ui/conversation'
import { PageHeader } from '~/ui/page-header'

export const meta: MetaFunction = () => [{ title: 'Clients · Rebound' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'clients:read')
  const query = RosterQuery.parse(queryOf(request))
  const search = searchParamsOf(request)
  const { fields, coaches, cohorts } = await rosterPageChoices(t)
  const fieldView = fieldViewOf(fields, search)
  const roster = await listRoster(t, query, new Date(), fieldViewSql(fieldView))
  const unread = Object.fromEntries(
    await unreadByClient(
      t,
      roster.rows.map((r) => r.id),
    ),
  )
  return {
    roster,
    coaches,
    cohorts,
    query,
    /** The sort as the URL has it (a custom field's sort is field.<id>). */
    sortParam: fieldView.sortField ? `field.${fieldView.sortField.id}` : query.sort,
    fieldView: { fields: fieldView.fields, params: fieldView.params },
    unread,
    slug: t.org.slug,
    timeZone: t.org.timezone,
    defaultDueOn: addDays(todayIn(t.org.timezone), 7),
    canWrite: can(t.role, 'clients:write'),
    canAssign: can(t.role, 'tasks:assign'),
  }
}

/** Bulk actions on the clients chosen on the roster (app/domain/clients/bulk.server.ts). */
export async function action({ request, params }: ActionFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'clients:write')
  const parsed = BulkActionInput.safeParse(Object.fromEntries(groupForm(await readForm(request))))
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'Choose clients and an action'
    return data<BulkActionData>({ bulkError: message }, { status: 400 })
  }
  if (parsed.data.bulk === 'task') requirePermission(t, 'tasks:assign')
  try {
    const result = await runBulkAction(t, parsed.data, getEnv().APP_URL)
    return data<BulkActionData>({ bulk: { ...result, kind: parsed.data.bulk } })
  } catch (error) {
    if (!(error instanceof BulkInputError)) throw error
    return data<BulkActionData>({ bulkError: error.message }, { status: 400 })
  }
}

/** Form fields as an object, the repeated ones (clientIds, a multiple choice's value) as lists. */
function groupForm(form: FormData) {
  const out = new Map<string, string | string[]>()
  for (const key of new Set(form.keys())) {
    const values = form.getAll(key).filter((v): v is string => typeof v === 'string')
    out.set(key, key === 'clientIds' || key === 'value' ? values : (values.at(-1) ?? ''))
  }
  return out
}

type Row = RosterRow
const col = serverColumnHelper<Row>()
const moodWords = ['', 'Very low', 'Low', 'Okay', 'Good', 'Great']

export default function Roster() {
  const data = useLoaderData<typeof loader>()
  const { roster, coaches, cohorts, query, fieldView, unread, slug, timeZone, defaultDueOn, canWrite, canAssign } = data
  const selection = useSelection(roster.rows.map((row) => row.id))
  const { selected, toggle } = selection
  const loading = useLoadingAt(orgPath(slug, 'clients'))
  const columns = useMemo(
    () => [
      col.accessor('name', {
        header: 'Client',
        cell: (info) => (
          <span className="inline-flex items-center gap-2">
            {canWrite ? (
              <input
                type="checkbox"
                className="size-4"
                aria-label={`Select ${info.getValue()}`}
                checked={selected.has(info.row.original.id)}
                onChange={(e) => toggle(info.row.original.id, e.currentTarget.checked)}
              />
            ) : null}
            <CellLink
              to={
                orgPath(slug, 'clients', info.row.original.id) + (unread[info.row.original.id] ? '#conversation' : '')
              }
              className="font-medium text-brand-700 underline"
            >
              {info.getValue()}
            </CellLink>
            <UnreadBadge count={unread[info.row.original.id] ?? 0} label="unread messages" />
          </span>
        ),
      }),
      col.accessor('coachName', { id: 'coach', header: 'Coach', cell: (info) => info.getValue() ?? 'Unassigned' }),
      col.accessor('status', { header: 'Status', cell: (info) => clientStatusLabels[info.getValue()] }),
      col.accessor('appsThisWeek', {
        header: 'This week',
        cell: (info) => {
          const goal = info.row.original.weeklyGoal
          const met = info.getValue() >= goal
          return (
            <span className={met ? 'font-medium text-emerald-800' : ''}>
              {info.getValue()} of {goal}
            </span>
          )
        },
      }),
      col.accessor('activeApplications', { header: 'Active' }),
      col.accessor('interviewsInProgress', { header: 'Interviewing' }),
      col.accessor('rejections30d', { header: 'Rejections (30 days)' }),
      col.accessor('lastActivityAt', { header: 'Last update', cell: (info) => formatDay(info.getValue(), timeZone) }),
      col.accessor('openTasks', { header: 'Open tasks' }),
      col.accessor('latestMood', {
        header: 'Mood',
        cell: (info) => {
          const mood = info.getValue()
          return mood ? `${mood}/5 ${moodWords[mood]}` : '—'
        },
      }),
      ...customFieldColumns<Row>(fieldView.fields),
    ],
    [slug, timeZone, canWrite, selected, toggle, unread, fieldView.fields],
  )
  const filtered = Boolean(
    query.q ||
    query.coach ||
    query.cohort ||
    Object.keys(fieldView.params).length ||
    (query.status && query.status !== 'ACTIVE'),
  )
  return (
    <main>
      <PageHeader
        title="Clients"
        smallIntro
        align="center"
        intro={<>“This week” counts applications sent {roster.weekSpan} (from Monday, in the practice’s timezone).</>}
      >
        {canWrite ? <AddClientLink slug={slug} /> : null}
      </PageHeader>
      <RosterFilters {...data} filtered={filtered} />
      {canWrite ? (
        <BulkBar
          selection={selection}
          rowCount={roster.rows.length}
          coaches={coaches}
          cohorts={cohorts}
          fields={fieldView.fields}
          defaultDueOn={defaultDueOn}
          canAssign={canAssign}
        />
      ) : null}
      <DataTable
        caption="Clients of the practice"
        columns={columns}
        data={roster.rows}
        defaultSort="name"
        empty={
          filtered ? (
            <p className="text-slate-700">No clients match these filters.</p>
          ) : (
            <>
              <h2 className="text-lg font-semibold">No clients yet</h2>
              <p className="mt-1 text-slate-700">
                Add your first client, then send them their invite link so they can keep their pipeline up to date.
              </p>
              {canWrite ? <AddClientLink slug={slug} className="mt-4 inline-block" /> : null}
            </>
          )
        }
        loading={loading}
        className="mt-4"
        pager={
          roster.total > 0 ? (
            <Pager page={roster.page} pageSize={roster.pageSize} total={roster.total} label="Clients" />
          ) : null
        }
      />
    </main>
  )
}

function AddClientLink({ slug, className = '' }: { slug: string; className?: string }) {
  return (
    <Link
      to={orgPath(slug, 'clients', 'new')}
      className={`${className} rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800`.trim()}
    >
      Add client
    </Link>
  )
}
