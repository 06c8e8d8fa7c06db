import { redirect } from '@remix-run/node'
import { can, type Permission } from '~/domain/practices/permissions'
import { requireUser } from '~/auth/session.server'
import { prisma, queryRows } from '~/lib/db.server'
import { Prisma } from '~/generated/prisma/client'
import { pathParam } from '~/lib/request-input'
import { createTenantContext, type TenantContext } from '~/tenancy/scoped-client.server'
import { notFound } from '~/lib/responses.server'
import type { Organization } from '~/generated/prisma/client'
import type { Role } from '~/generated/prisma/enums'
import { requestScope } from '~/lib/request-scope.server'

// The request guard that opens the tenancy door: every tenant loader and action calls requireTenant.

/**
 * The signed-in user's membership in the practice named by params.org. Signed out: redirect to /login.
 * Not a member (or no such practice): 404, so a stranger cannot learn that a practice exists.
 * The membership is read on every request, so a removed member is out at once.
 */
export function requireTenant(request: Request, params: Record<string, string | undefined>) {
  // The layout's and the page's loaders run for the same request: look the membership up once.
  const slug = pathParam(params, 'org')
  const scope = requestScope(request)
  const cached = scope ? (scope.get(tenantKey) as CachedTenant | undefined) : tenantsPerRequest.get(request)
  if (cached?.slug === slug) return cached.tenant
  const tenant = resolveTenant(request, slug)
  if (scope) scope.set(tenantKey, { slug, tenant })
  else tenantsPerRequest.set(request, { slug, tenant })
  return tenant
}

type CachedTenant = { slug: string; tenant: Promise<TenantContext> }
const tenantKey = Symbol('tenant')
const tenantsPerRequest = new WeakMap<Request, CachedTenant>()

async function resolveTenant(request: Request, slug: string) {
  const { user, hasTwoFactor, ssoOrganizationId } = await requireUser(request)
  if (!slug) throw notFound()
  const found = await findMembership(user.id, slug)
  if (!found) throw notFound()
  const { membership: member, ssoOnly, org } = found
  // An "SSO only" practice opens to a member signed in through its provider; owners keep their password.
  if (ssoOnly && member.role !== 'OWNER' && ssoOrganizationId !== org.id) {
    const url = new URL(request.url)
    const back = encodeURIComponent(`${url.pathname}${url.search}`)
    throw redirect(`/login/sso?practice=${encodeURIComponent(org.slug)}&redirectTo=${back}`)
  }
  // A practice that requires two-factor sign-in opens to a member without it only after they set it up.
  if (org.requireTwoFactor && !hasTwoFactor) {
    const url = new URL(request.url)
    throw redirect(`/settings/two-factor?redirectTo=${encodeURIComponent(`${url.pathname}${url.search}`)}`)
  }
  const t = createTenantContext(prisma, { user, org, role: member.role, membership: member })
  practicesOfTenant.set(t, found.practices)
  return t
}

type UserPractice = { id: string; name: string; slug: string; role: Role }
type MembershipRow = Organization & {
  __membershipId: string
  __role: Role
  __ssoOnly: boolean | null
  __practices: UserPractice[]
}

/** The practices of the tenant's user, read with the membership (the practice switcher of every practice page). */
const practicesOfTenant = new WeakMap<TenantContext, UserPractice[]>()

/**
 * The user's membership in the practice of this slug, with the practice and whether it signs in only through its
 * provider, and every practice the user belongs to (for the switcher): one query on every request (Prisma's nested
 * include took three, and the practice list a fourth). The practice's columns come whole (`o.*`), as Prisma reads
 * the model; the membership's carry names no column of Organization has.
 */
async function findMembership(userId: string, slug: string) {
  const [row] = await queryRows<MembershipRow>(
    prisma,
    Prisma.sql`
    SELECT m.id AS "__membershipId", m.role::text AS "__role", sc."ssoOnly" AS "__ssoOnly",
      (SELECT json_agg(json_build_object('id', po.id, 'name', po.name, 'slug', po.slug, 'role', pm.role::text)
                       ORDER BY po.name ASC, po.id ASC)
       FROM "Membership" pm JOIN "Organization" po ON po.id = pm."organizationId"
       WHERE pm."userId" = m."userId") AS "__practices",
      o.*
    FROM "Membership" m
    JOIN "Organization" o ON o.id = m."organizationId"
    LEFT JOIN "SsoConnection" sc ON sc."organizationId" = o.id
    WHERE m."userId" = ${userId} AND o.slug = ${slug}
    LIMIT 1`,
  )
  if (!row) return null
  const { __membershipId: id, __role: role, __ssoOnly: ssoOnly, __practices: practices, ...org } = row
  return {
    membership: { id, role, userId, organizationId: org.id },
    ssoOnly: ssoOnly === true,
    org: org as Organization,
    practices,
  }
}

export function requirePermission(t: Pick<TenantContext, 'role'>, permission: Permission) {
  if (!can(t.role, permission)) throw new Response('Forbidden', { status: 403 })
}

/** The practices of a practice page's user, for the switcher: as read with the membership when the door opened. */
export function tenantPractices(t: TenantContext) {
  return practicesOfTenant.get(t) ?? listUserPractices(t.user.id)
}

/** The practices a user belongs to, for the practice switcher. Spans practices, so it lives in the door. */
export function listUserPractices(userId: string): Promise<UserPractice[]> {
  return queryRows<{ id: string; name: string; slug: string; role: Role }>(
    prisma,
    Prisma.sql`
    SELECT o.id, o.name, o.slug, m.role::text AS role
    FROM "Membership" m JOIN "Organization" o ON o.id = m."organizationId"
    WHERE m."userId" = ${userId}
    ORDER BY o.name ASC, o.id ASC`,
  )
}
