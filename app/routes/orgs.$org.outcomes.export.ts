import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission, requireTenant } from '~/auth/require-tenant.server'
import { OutcomeQuery, outcomeCsv, outcomeReport } from '~/domain/outcomes/outcome-report.server'
import { recordTenantEvent } from '~/domain/practices/audit.server'
import { notFound } from '~/lib/responses.server'
import { queryOf } from '~/lib/request-input'

// The outcome report as a CSV: one line for the group, one per coach.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'clients:read')
  const report = await outcomeReport(t, OutcomeQuery.parse(queryOf(request)))
  if (!report) throw notFound()
  await recordTenantEvent(
    t,
    'outcomes.exported',
    { type: 'Cohort', id: report.cohort?.id ?? null },
    {
      from: report.from,
      to: report.to,
    },
  )
  const name = `outcomes-${t.org.slug}-${report.from}-to-${report.to}.csv`
  return new Response(`\uFEFF${outcomeCsv(report)}`, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
