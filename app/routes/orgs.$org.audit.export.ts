import type { LoaderFunctionArgs } from '@remix-run/node'
import { AuditQuery, recordTenantEvent, streamAuditCsv } from '~/domain/practices/audit.server'
import { queryOf } from '~/lib/request-input'
import { csvDownload } from '~/lib/csv-download.server'
import { requirePermission, requireTenant } from '~/auth/require-tenant.server'

// The audit log in view (the page's filters, every page) as a CSV download.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'audit:read')
  const { page: _page, ...query } = AuditQuery.parse(queryOf(request))
  await recordTenantEvent(t, 'audit.exported', { type: 'AuditEvent', id: null }, filtersOf(query))
  const chunks = streamAuditCsv(t, { ...query, page: 1 })
  return csvDownload(chunks, `audit-log-${t.org.slug}`)
}

function filtersOf(query: Record<string, string | number | undefined>) {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)) as Record<string, string>
}
