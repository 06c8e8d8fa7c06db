import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { listAuditEvents } from '~/domain/practices/audit-log.server'
import { requirePermission, requireTenant } from '~/tenancy/scoped-client.server'

export const meta: MetaFunction = () => [{ title: 'Audit log · Rebound' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'audit:read')
  const page = Number(new URL(request.url).searchParams.get('page')) || 1
  return listAuditEvents(t, Math.min(page, 10_000))
}

const describe = (action: string) => action.replace(/[._]/g, ' ')

export default function AuditLog() {
  const { events, page, pageCount } = useLoaderData<typeof loader>()
  return (
    <main>
      <h1 className="text-2xl font-bold">Audit log</h1>
      {events.length === 0 ? <p className="mt-4 text-slate-600">Nothing recorded yet.</p> : null}
      <ol className="mt-4 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {events.map((e) => (
          <li key={e.id} className="flex flex-wrap justify-between gap-2 p-3 text-sm">
            <span>
              <span className="font-medium text-slate-900">{e.actorName}</span>{' '}
              <span className="text-slate-800">{describe(e.action)}</span>
              {e.targetType ? <span className="text-slate-600"> · {e.targetType}</span> : null}
            </span>
            <time dateTime={new Date(e.createdAt).toISOString()} className="text-slate-600">
              {new Date(e.createdAt).toLocaleString('en-GB', { timeZone: 'UTC' })} UTC
            </time>
          </li>
        ))}
      </ol>
      <nav aria-label="Pages" className="mt-4 flex items-center gap-4 text-sm">
        {page > 1 ? (
          <Link to={`?page=${page - 1}`} className="font-medium text-brand-700 underline">
            Newer
          </Link>
        ) : null}
        <span className="text-slate-700">
          Page {page} of {pageCount}
        </span>
        {page < pageCount ? (
          <Link to={`?page=${page + 1}`} className="font-medium text-brand-700 underline">
            Older
          </Link>
        ) : null}
      </nav>
    </main>
  )
}
