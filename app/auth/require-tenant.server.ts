import { redirect } from '@remix-run/node'
import { can, type Permission } from '~/domain/practices/permissions'
import { requireUser } from '~/auth/session.server'
import { prisma } from '~/lib/db.server'
import { pathParam } from '~/lib/request-input'
import { createTenantContext, type TenantContext } from '~/tenancy/scoped-client.server'
import { notFound } from '~/lib/responses.server'

// The request guard that opens the tenancy door: every tenant loader and action calls requireTenant.

/**
 * The signed-in user's membership in the practice named by params.org. Signed out: redirect to /login.
 * Not a member (or no such practice): 404, so a stranger cannot learn that a practice exists.
 * The membership is read on every request, so a removed member is out at once.
 */
export function requireTenant(request: Request, params: Record<string, string | undefined>) {
  // The layout's and the page's loaders run for the same request: look the membership up once.
  const slug = pathParam(params, 'org')
  const cached = tenantsPerRequest.get(request)
  if (cached?.slug === slug) return cached.tenant
  const tenant = resolveTenant(request, slug)
  tenantsPerRequest.set(request, { slug, tenant })
  return tenant
}

const tenantsPerRequest = new WeakMap<Request, { slug: string; tenant: Promise<TenantContext> }>()

async function resolveTenant(request: Request, slug: string) {
  const { user, hasTwoFactor, ssoOrganizationId } = await requireUser(request)
  if (!slug) throw notFound()
  const found = await prisma.membership.findFirst({
    where: { userId: user.id, organization: { slug } },
    include: { organization: { include: { ssoConnection: { select: { ssoOnly: true } } } } },
  })
  if (!found) throw notFound()
  const {
    organization: { ssoConnection, ...org },
    ...member
  } = found
  // An "SSO only" practice opens to a member signed in through its provider; owners keep their password.
  if (ssoConnection?.ssoOnly && member.role !== 'OWNER' && ssoOrganizationId !== org.id) {
    const url = new URL(request.url)
    const back = encodeURIComponent(`${url.pathname}${url.search}`)
    throw redirect(`/login/sso?practice=${encodeURIComponent(org.slug)}&redirectTo=${back}`)
  }
  // A practice that requires two-factor sign-in opens to a member without it only after they set it up.
  if (org.requireTwoFactor && !hasTwoFactor) {
    const url = new URL(request.url)
    throw redirect(`/settings/two-factor?redirectTo=${encodeURIComponent(`${url.pathname}${url.search}`)}`)
  }
  return createTenantContext(prisma, { user, org, role: member.role, membership: member })
}

export function requirePermission(t: Pick<TenantContext, 'role'>, permission: Permission) {
  if (!can(t.role, permission)) throw new Response('Forbidden', { status: 403 })
}

/** The practices a user belongs to, for the practice switcher. Spans practices, so it lives in the door. */
export function listUserPractices(userId: string) {
  return prisma.membership
    .findMany({
      where: { userId },
      select: { role: true, organization: { select: { id: true, name: true, slug: true } } },
      orderBy: { organization: { name: 'asc' } },
    })
    .then((rows) => rows.map(({ role, organization }) => ({ ...organization, role })))
}
