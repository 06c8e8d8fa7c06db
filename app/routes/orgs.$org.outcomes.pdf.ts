import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission, requireTenant } from '~/auth/require-tenant.server'
import { outcomePdf } from '~/domain/outcomes/outcome-pdf.server'
import { OutcomeQuery, outcomeReport } from '~/domain/outcomes/outcome-report.server'
import { printableReport } from '~/domain/outcomes/report-text'
import { recordTenantEvent } from '~/domain/practices/audit.server'
import { notFound } from '~/lib/responses.server'
import { queryOf } from '~/lib/request-input'

// The outcome report as a PDF, with the funnel drawn as a chart; the same figures as the page.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'clients:read')
  const report = await outcomeReport(t, OutcomeQuery.parse(queryOf(request)))
  if (!report) throw notFound()
  const pdf = await outcomePdf(printableReport(report, t.org.name))
  await recordTenantEvent(
    t,
    'outcomes.exported',
    { type: 'Cohort', id: report.cohort?.id ?? null },
    { from: report.from, to: report.to, format: 'pdf' },
  )
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="outcomes-${t.org.slug}-${report.from}-to-${report.to}.pdf"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
