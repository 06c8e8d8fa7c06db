import type { LoaderFunctionArgs } from '@remix-run/node'
import { recordTenantEvent } from '~/domain/practices/audit.server'
import { ApplicationsQuery, streamApplicationsCsv } from '~/domain/applications/caseload-applications.server'
import { requirePermission, requireTenant } from '~/auth/require-tenant.server'
import { queryOf } from '~/lib/request-input'

// The applications in view (the page's filters and order, every page) as a CSV download.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'clients:read')
  const query = ApplicationsQuery.parse(queryOf(request))
  const filters = Object.fromEntries(
    Object.entries(query).filter(
      (entry): entry is [string, string | number] => entry[1] !== undefined && entry[0] !== 'at',
    ),
  )
  await recordTenantEvent(t, 'applications.exported', { type: 'JobApplication', id: null }, filters)
  const chunks = streamApplicationsCsv(t, query)
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
      'Content-Disposition': `attachment; filename="applications-${t.org.slug}-${day}.csv"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
