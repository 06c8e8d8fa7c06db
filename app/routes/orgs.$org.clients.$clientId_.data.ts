import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission, requireTenant } from '~/auth/require-tenant.server'
import { findClient } from '~/domain/clients/clients.server'
import { exportClientData } from '~/domain/clients/data-export-send.server'
import { pathParam } from '~/lib/request-input'
import { notFound } from '~/lib/responses.server'
import { zipDownload } from '~/lib/zip-download.server'

// The client's records as the client would download them, for a coach to hand over.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'clients:read')
  const client = await findClient(t, pathParam(params, 'clientId'))
  if (!client || client.erasedAt) throw notFound()
  const { chunks, fileName } = await exportClientData(
    { db: t.db, client, org: t.org, organizationId: t.org.id },
    { userId: t.user.id },
  )
  return zipDownload(chunks, fileName)
}
