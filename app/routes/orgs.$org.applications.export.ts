import type { LoaderFunctionArgs } from '@remix-run/node'
import { ApplicationsQuery, streamApplicationsCsv } from '~/domain/applications/caseload-applications.server'
import { requirePermission, requireTenant } from '~/tenancy/scoped-client.server'

// The applications in view (the page's filters and order, every page) as a CSV download.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'clients:read')
  const query = ApplicationsQuery.parse(Object.fromEntries(new URL(request.url).searchParams))
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
