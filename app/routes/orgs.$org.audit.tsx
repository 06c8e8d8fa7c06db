import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, Form } from '@remix-run/react'
import { listAuditEvents, AuditQuery } from '~/domain/practices/audit.server'
import { requirePermission, requireTenant } from '~/auth/require-tenant.server'
import { formatDateTime } from '~/lib/dates'
import { queryOf } from '~/lib/request-input'
import { ClearFilters, FilterButton, FilterFields, type FilterDef } from '~/ui/filters'
import { choicesOf } from '~/ui/form'
import { orgPath } from '~/lib/org-path'
import { formatCount } from '~/lib/numbers'
import { PageSteps } from '~/ui/page-steps'

export const meta: MetaFunction = () => [{ title: 'Audit log · Rebound' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'audit:read')
  const query = AuditQuery.parse(queryOf(request))
  const log = await listAuditEvents(t, query)
  return { ...log, query, slug: t.org.slug, timezone: t.org.timezone }
}

const actionLabels: Record<string, string> = {
  'client.added': 'added a client',
  'client.edited': 'edited a client',
  'client.archived': 'archived a client',
  'invite_link.issued': 'issued an invite link',
  'invite_link.revoked': 'revoked an invite link',
  'import.uploaded': 'uploaded a file to import',
  'import.committed': 'imported applications',
  'applications.exported': 'exported applications as CSV',
  'audit.exported': 'exported the audit log as CSV',
  'task.assigned': 'assigned a task',
  'task_template.added': 'added a task template',
  'task_template.edited': 'edited a task template',
  'task_template.retired': 'retired a task template',
  'task_template.restored': 'brought back a task template',
  'clients.bulk_invited': 'sent invite links to several clients',
  'clients.bulk_coach_changed': 'changed the coach of several clients',
  'clients.bulk_paused': 'paused several clients',
  'digests.sent': 'sent the weekly digests',
  'digest.sent_now': 'sent a digest now',
  'user.signed_in': 'signed in',
  'user.sign_in_failed': 'failed to sign in (wrong password)',
  'user.locked_out': 'was locked out after too many sign-in attempts',
  'user.password_changed': 'changed their password',
  'user.password_reset': 'reset their password',
  'user.two_factor_enabled': 'turned on two-factor sign-in',
  'user.two_factor_enrol_failed': 'entered a wrong code while setting up two-factor sign-in',
  'user.two_factor_passed': 'passed two-factor sign-in',
  'user.two_factor_failed': 'entered a wrong two-factor code',
  'user.recovery_code_used': 'signed in with a recovery code',
  'user.recovery_code_failed': 'entered a wrong recovery code',
  'user.recovery_codes_regenerated': 'made new recovery codes',
  'user.two_factor_removed': 'removed their authenticator app',
  'user.passkey_added': 'added a passkey',
  'user.passkey_add_failed': 'tried to add a passkey that could not be checked',
  'user.passkey_removed': 'removed a passkey',
  'user.passkey_passed': 'passed two-factor sign-in with a passkey',
  'user.passkey_failed': 'used a passkey that did not work',
  'user.signed_in_with_passkey': 'signed in with a passkey',
  'member.invite_sent': 'invited a member',
  'member.invite_resent': 'sent a member invite again',
  'member.invite_revoked': 'revoked a member invite',
  'member.invite_accepted': 'joined the practice',
  'member.role_changed': 'changed a member’s role',
  'member.removed': 'removed a member',
  'practice.created': 'created the practice',
  'practice.settings_changed': 'changed the practice settings',
}
const describeAction = (action: string) => actionLabels[action] ?? action.replace(/[._]/g, ' ')

type Json = string | number | boolean | null | Json[] | { [key: string]: Json }
const show = (value: Json) =>
  value === null || value === '' ? '(empty)' : typeof value === 'object' ? JSON.stringify(value) : String(value)

/** What changed (before → after), then the other details an entry carries. */
function Details({ metadata }: { metadata: Json }) {
  if (!metadata || typeof metadata !== 'object' || Array.isArray(metadata)) return null
  const { changes, name: _name, ...rest } = metadata
  const changeRows =
    changes && typeof changes === 'object' && !Array.isArray(changes)
      ? Object.entries(changes as Record<string, { from: Json; to: Json }>)
      : []
  const restRows = Object.entries(rest)
  if (changeRows.length === 0 && restRows.length === 0) return null
  return (
    <dl className="mt-1 grid grid-cols-[minmax(0,auto)_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-xs text-slate-700">
      {changeRows.map(([field, change]) => (
        <div key={field} className="contents">
          <dt className="font-medium">{field}</dt>
          <dd className="break-words">
            <del className="text-slate-600">{show(change.from)}</del> →{' '}
            <ins className="no-underline">{show(change.to)}</ins>
          </dd>
        </div>
      ))}
      {restRows.map(([key, value]) => (
        <div key={key} className="contents">
          <dt className="font-medium">{key}</dt>
          <dd className="break-words">{show(value)}</dd>
        </div>
      ))}
    </dl>
  )
}

const auditFilters = ['actor', 'action', 'from', 'to'] as const
type AuditFilter = (typeof auditFilters)[number]
const filterFields = (members: { id: string; name: string }[], actions: string[]): FilterDef<AuditFilter>[] => [
  {
    name: 'actor',
    label: 'Who',
    all: 'Everyone',
    first: [{ value: 'system', label: 'Rebound (schedule)' }],
    options: choicesOf(members),
  },
  {
    name: 'action',
    label: 'What',
    className: 'max-w-64',
    all: 'Everything',
    options: actions.map((a) => ({ value: a, label: describeAction(a) })),
  },
  { name: 'from', label: 'From', type: 'date' },
  { name: 'to', label: 'To', type: 'date' },
]

export default function AuditLog() {
  const { events, total, page, pageCount, actions, members, query, slug, timezone } = useLoaderData<typeof loader>()
  const filters = new URLSearchParams()
  for (const key of auditFilters) if (query[key]) filters.set(key, query[key]!)
  const pageLink = (n: number) => `?${new URLSearchParams([...filters, ['page', String(n)]])}`
  const filtered = filters.size > 0
  return (
    <main className="mx-auto max-w-5xl p-4 sm:p-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">Audit log</h1>
        <a
          href={`${orgPath(slug, 'audit', 'export')}${filtered ? `?${filters}` : ''}`}
          className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-100"
        >
          Download CSV
        </a>
      </div>
      <p className="mt-1 text-sm text-slate-700">Times are in the practice’s timezone, {timezone}.</p>
      <Form method="get" aria-label="Filter the audit log" className="mt-4 flex flex-wrap items-end gap-3">
        <FilterFields filters={filterFields(members, actions)} values={query} />
        <FilterButton>Filter</FilterButton>
        <ClearFilters filtered={filtered} to={orgPath(slug, 'audit')} />
      </Form>
      <p className="mt-4 text-sm text-slate-700" aria-live="polite">
        {formatCount(total)} {total === 1 ? 'entry' : 'entries'}
      </p>
      {events.length === 0 ? (
        <p className="mt-2 text-slate-600">{filtered ? 'Nothing matches these filters.' : 'Nothing recorded yet.'}</p>
      ) : (
        <ol className="mt-2 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {events.map((e) => {
            const meta = e.metadata as { name?: Json } | null
            return (
              <li key={e.id} className="flex flex-col gap-1 p-3 text-sm sm:flex-row sm:justify-between sm:gap-4">
                <div className="min-w-0">
                  <span className="font-medium text-slate-900">{e.actorName}</span>{' '}
                  <span className="text-slate-800">{describeAction(e.action)}</span>
                  {typeof meta?.name === 'string' ? (
                    <span className="text-slate-800">
                      {' · '}
                      {e.targetType === 'Client' && e.targetId ? (
                        <Link to={orgPath(slug, 'clients', e.targetId)} className="text-brand-700 underline">
                          {meta.name}
                        </Link>
                      ) : (
                        meta.name
                      )}
                    </span>
                  ) : null}
                  <Details metadata={e.metadata as Json} />
                </div>
                <time dateTime={new Date(e.createdAt).toISOString()} className="shrink-0 text-slate-600">
                  {formatDateTime(e.createdAt, timezone)}
                </time>
              </li>
            )
          })}
        </ol>
      )}
      <nav aria-label="Pages" className="mt-4 flex items-center gap-4 text-sm">
        <PageSteps
          page={page}
          pages={pageCount}
          hrefFor={pageLink}
          previous="Newer"
          next="Older"
          linkClass="font-medium text-brand-700 underline"
          pageClass="text-slate-700"
          keepScroll={false}
        />
      </nav>
    </main>
  )
}
