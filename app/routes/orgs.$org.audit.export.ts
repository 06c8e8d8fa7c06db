import type { LoaderFunctionArgs } from '@remix-run/node'
import { AuditQuery, recordTenantEvent, streamAuditCsv } from '~/domain/practices/audit.server'
import { queryOf } from '~/lib/request-input'
import { requirePermission, requireTenant } from '~/auth/require-tenant.server'

// The audit log in view (the page's filters, every page) as a CSV download.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'audit:read')
  const { page: _page, ...query } = AuditQuery.parse(queryOf(request))
  await recordTenantEvent(t, 'audit.exported', { type: 'AuditEvent', id: null }, filtersOf(query))
  const chunks = streamAuditCsv(t, { ...query, page: 1 })
  const encoder = new TextEncoder()
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode('\uFEFF')) // a BOM, so spreadsheets read the file as UTF-8
    },
    async pull(controller) {
      const { value, done } = await chunks.next()
      if (done) controller.close()
      else controller.enqueue(encoder.encode(value))
    },
    async cancel() {
      await chunks.return(undefined)
    },
  })
  const day = new Date().toISOString().slice(0, 10)
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="audit-log-${t.org.slug}-${day}.csv"`,
      'Cache-Control': 'private, no-store',
    },
  })
}

function filtersOf(query: Record<string, string | number | undefined>) {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)) as Record<string, string>
}
