import type { Permission } from '~/domain/practices/permissions'
import { pathParam } from '~/lib/request-input'
import { notFound } from '~/lib/responses.server'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import { requirePermission, requireTenant } from './require-tenant.server'

/**
 * The start of a page about one of the practice's records (a client's edit, placement or erase page): the member,
 * who must have `permission`, and the record that the path's `param` names, as `find` reads it. A record that is
 * missing or not in the member's view is 404.
 */
export async function requireTenantRecord<Found>(
  request: Request,
  params: Record<string, string | undefined>,
  permission: Permission,
  param: string,
  find: (t: TenantContext, id: string) => Promise<Found | null>,
) {
  const t = await requireTenant(request, params)
  requirePermission(t, permission)
  const record = await find(t, pathParam(params, param))
  if (!record) throw notFound()
  return { t, record }
}
