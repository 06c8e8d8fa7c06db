import type { LoaderFunctionArgs } from '@remix-run/node'
import { recordTenantEvent } from '~/domain/practices/audit.server'
import { ApplicationsQuery, streamApplicationsCsv } from '~/domain/applications/caseload-applications.server'
import { requirePermission, requireTenant } from '~/auth/require-tenant.server'
import { queryOf, searchParamsOf } from '~/lib/request-input'
import { fieldViewSql, readFieldView } from '~/domain/client-fields/client-field-values.server'
import { csvDownload } from '~/lib/csv-download.server'

// The applications in view (the page's filters and order, every page) as a CSV download.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'clients:read')
  const query = ApplicationsQuery.parse(queryOf(request))
  const view = await readFieldView(t, searchParamsOf(request))
  const filters = Object.fromEntries(
    Object.entries(query).filter(
      (entry): entry is [string, string | number] => entry[1] !== undefined && entry[0] !== 'at',
    ),
  )
  await recordTenantEvent(
    t,
    'applications.exported',
    { type: 'JobApplication', id: null },
    { ...filters, ...view.params, ...(view.sortField && { sort: `field.${view.sortField.id}` }) },
  )
  const chunks = streamApplicationsCsv(t, query, fieldViewSql(view), view.fields)
  return csvDownload(chunks, `applications-${t.org.slug}`)
}
