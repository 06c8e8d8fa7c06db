import { randomBytes } from 'node:crypto'
import { hashPassword } from '~/auth/password.server'
import { createSession } from '~/auth/session.server'
import { recordAuditEvent, recordUserEvent } from '~/domain/practices/audit.server'
import { unsealClientSecret } from '~/domain/sso/sso-connection.server'
import { prisma } from '~/lib/db.server'
import { getEnv, isSecureOrigin } from '~/lib/env.server'
import { logger } from '~/lib/logger.server'
import { buildAuthorizationRequest, discoverProvider, exchangeCode, OidcCallbackError } from '~/lib/oidc.server'
import { sealSecret, unsealSecret } from '~/lib/sealed-secret.server'

// Single sign-on with a practice's OpenID Connect provider (docs/decisions/0025-single-sign-on.md):
// finding the practice, sending the browser to its provider, and taking the answer back. The person is
// not signed in yet, so this runs outside the tenancy door, with the raw client, and touches only the
// practice whose provider the flow was started for.

export const ssoCallbackPath = '/login/sso/callback'
const flowLifetimeMs = 10 * 60 * 1000
const flowCookieName = 'rb_sso_flow'
const flowPurpose = 'sso sign-in flow'

export type SsoPractice = { organizationId: string; name: string; slug: string }

/**
 * The practice whose provider serves this work email (its domain is one the practice allows) or this
 * practice address (a slug, or a URL with /orgs/<slug>). Several practices allowing the same domain:
 * the one the person belongs to or is invited to; otherwise null, and they enter the practice instead.
 */
export async function findSsoPractice(identifier: string, now: Date = new Date()): Promise<SsoPractice | null> {
  const text = identifier.trim().toLowerCase()
  const select = { organizationId: true, organization: { select: { name: true, slug: true } } } as const
  const asPractice = (row: { organizationId: string; organization: { name: string; slug: string } }) => ({
    organizationId: row.organizationId,
    ...row.organization,
  })
  if (text.includes('@') && !text.includes('/')) {
    const domain = text.slice(text.lastIndexOf('@') + 1)
    const rows = await prisma.ssoConnection.findMany({ where: { allowedDomains: { has: domain } }, select })
    if (rows.length <= 1) return rows[0] ? asPractice(rows[0]) : null
    const ids = rows.map((r) => r.organizationId)
    const [members, invites] = await Promise.all([
      prisma.membership.findMany({ where: { organizationId: { in: ids }, user: { email: text } } }),
      prisma.memberInvite.findMany({
        where: { organizationId: { in: ids }, email: text, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      }),
    ])
    const known = new Set([...members, ...invites].map((r) => r.organizationId))
    const mine = rows.filter((r) => known.has(r.organizationId))
    return mine.length === 1 ? asPractice(mine[0]!) : null
  }
  const slug = /\/orgs\/([a-z0-9-]+)/.exec(text)?.[1] ?? text.replace(/^\/+|\/+$/g, '')
  if (!/^[a-z0-9-]{1,60}$/.test(slug)) return null
  const row = await prisma.ssoConnection.findFirst({ where: { organization: { slug } }, select })
  return row ? asPractice(row) : null
}

async function providerOf(organizationId: string) {
  const connection = await prisma.ssoConnection.findUnique({
    where: { organizationId },
    include: { organization: { select: { id: true, name: true, slug: true } } },
  })
  if (!connection) return null
  const clientSecret = unsealClientSecret(connection.clientSecretSealed, organizationId)
  if (!clientSecret) return null
  const provider = { issuer: connection.issuer, clientId: connection.clientId, clientSecret }
  return { connection, provider }
}

// The flow's state, nonce and PKCE verifier travel in a sealed, short-lived cookie bound to this
// browser: the callback opens only with the cookie set when the flow started.
type Flow = {
  organizationId: string
  state: string
  nonce: string
  codeVerifier: string
  redirectTo: string
  expiresAt: number
}

function flowCookieAttributes(maxAgeSeconds: number) {
  return `Path=/login/sso; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${isSecureOrigin() ? '; Secure' : ''}`
}

export function clearFlowCookieHeader() {
  return `${flowCookieName}=; ${flowCookieAttributes(0)}; Expires=Thu, 01 Jan 1970 00:00:00 GMT`
}

function readFlow(cookieHeader: string | null, now: Date): Flow | null {
  const raw = cookieHeader
    ?.split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${flowCookieName}=`))
    ?.slice(flowCookieName.length + 1)
  if (!raw || !/^[\w-]{1,4000}$/.test(raw)) return null
  const json = unsealSecret(Buffer.from(raw, 'base64url'), flowPurpose, flowCookieName)
  if (!json) return null
  const flow = JSON.parse(json) as Flow
  return flow.expiresAt > now.getTime() ? flow : null
}

export class SsoUnavailableError extends Error {
  override name = 'SsoUnavailableError'
}

/**
 * Starts a sign-in with the practice's provider: where to send the browser, and the cookie that holds
 * the flow's secrets until it comes back. Throws SsoUnavailableError when the provider cannot be reached.
 */
export async function startSsoSignIn(
  input: { organizationId: string; loginHint?: string | null; redirectTo: string },
  now: Date = new Date(),
) {
  const found = await providerOf(input.organizationId)
  if (!found) throw new SsoUnavailableError('This practice has no usable single sign-on')
  let config
  try {
    config = await discoverProvider(found.provider)
  } catch (error) {
    logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'sso discovery failed')
    throw new SsoUnavailableError('The identity provider did not answer')
  }
  const request = await buildAuthorizationRequest(config, {
    redirectUri: `${getEnv().APP_URL}${ssoCallbackPath}`,
    loginHint: input.loginHint?.includes('@') ? input.loginHint : null,
  })
  const flow: Flow = {
    organizationId: input.organizationId,
    state: request.state,
    nonce: request.nonce,
    codeVerifier: request.codeVerifier,
    redirectTo: input.redirectTo,
    expiresAt: now.getTime() + flowLifetimeMs,
  }
  const sealed = Buffer.from(sealSecret(JSON.stringify(flow), flowPurpose, flowCookieName)).toString('base64url')
  const cookie = `${flowCookieName}=${sealed}; ${flowCookieAttributes(flowLifetimeMs / 1000)}`
  return { url: request.url, cookie }
}

export type SsoRefusal =
  | 'expired'
  | 'unavailable'
  | 'cancelled'
  | 'provider'
  | 'email-unverified'
  | 'wrong-domain'
  | 'not-invited'
  | 'linked-elsewhere'

export type SsoSignInResult =
  | {
      ok: true
      token: string
      sessionId: string
      user: { id: string; name: string; email: string }
      practice: SsoPractice
      twoFactorPending: boolean
      redirectTo: string
    }
  | { ok: false; reason: SsoRefusal; practice?: SsoPractice; email?: string }

/**
 * Finishes a sign-in from the provider's answer at `callbackUrl`: the code is exchanged (state, nonce and
 * PKCE checked), then the email must be verified and of an allowed domain, and belong to a member (linked
 * now if this is their first single sign-on) or to an open invite of this practice.
 */
export async function completeSsoSignIn(
  input: { search: URLSearchParams; cookieHeader: string | null; ip?: string | null },
  now: Date = new Date(),
): Promise<SsoSignInResult> {
  // The address the provider was told to answer at, whatever proxy the request came through.
  const callbackUrl = new URL(`${getEnv().APP_URL}${ssoCallbackPath}?${input.search}`)
  const flow = readFlow(input.cookieHeader, now)
  if (!flow) return { ok: false, reason: 'expired' }
  const found = await providerOf(flow.organizationId)
  if (!found) return { ok: false, reason: 'unavailable' }
  const { connection, provider } = found
  const practice = {
    organizationId: connection.organizationId,
    name: connection.organization.name,
    slug: connection.organization.slug,
  }
  const refuse = async (reason: SsoRefusal, metadata: Record<string, string | null> = {}, email?: string) => {
    await recordAuditEvent(prisma, {
      organizationId: practice.organizationId,
      actorType: 'SYSTEM',
      action: 'sso.sign_in_refused',
      targetType: 'SsoConnection',
      targetId: connection.id,
      metadata: { reason, ...metadata },
      ip: input.ip,
    })
    return { ok: false as const, reason, practice, email }
  }

  let claims
  try {
    const config = await discoverProvider(provider)
    claims = await exchangeCode(config, callbackUrl, flow)
  } catch (error) {
    const code = error instanceof OidcCallbackError ? error.code : 'unreachable'
    logger.warn({ code, err: error instanceof Error ? error.message : String(error) }, 'sso callback refused')
    return refuse(code === 'access_denied' ? 'cancelled' : code === 'unreachable' ? 'unavailable' : 'provider', {
      check: code,
    })
  }
  const { email } = claims
  if (!email || !claims.emailVerified) return refuse('email-unverified', { subject: claims.subject, email })
  const domain = email.slice(email.lastIndexOf('@') + 1)
  if (!connection.allowedDomains.includes(domain)) return refuse('wrong-domain', { email, domain }, email)

  const passwordHash = await hashPassword(randomBytes(32).toString('base64url'))
  type Linked = { refused: 'not-invited' | 'linked-elsewhere' } | { userId: string }
  const linked = await prisma.$transaction(async (tx): Promise<Linked> => {
    const orgId = practice.organizationId
    const where = {
      organizationId_issuer_subject: { organizationId: orgId, issuer: claims.issuer, subject: claims.subject },
    }
    const identity = await tx.ssoIdentity.findUnique({ where, select: { id: true, userId: true } })
    if (identity) {
      const member = await tx.membership.findUnique({
        where: { organizationId_userId: { organizationId: orgId, userId: identity.userId } },
      })
      if (!member) return { refused: 'not-invited' }
      await tx.ssoIdentity.update({ where: { id: identity.id }, data: { email, lastSignInAt: now } })
      return { userId: identity.userId }
    }
    let user = await tx.user.findUnique({ where: { email }, select: { id: true } })
    let member = user
      ? await tx.membership.findUnique({ where: { organizationId_userId: { organizationId: orgId, userId: user.id } } })
      : null
    if (member) {
      const other = await tx.ssoIdentity.findUnique({
        where: { organizationId_userId: { organizationId: orgId, userId: member.userId } },
      })
      if (other) return { refused: 'linked-elsewhere' }
    } else {
      // Not a member yet: an open invite to this address lets them in, and is used up.
      const invite = await tx.memberInvite.findFirst({
        where: { organizationId: orgId, email, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
        orderBy: { createdAt: 'desc' },
      })
      if (!invite) return { refused: 'not-invited' }
      const claimed = await tx.memberInvite.updateMany({
        where: { id: invite.id, acceptedAt: null, revokedAt: null },
        data: { acceptedAt: now },
      })
      if (claimed.count !== 1) return { refused: 'not-invited' }
      // A new account gets a random password nobody knows: it signs in through the provider (or resets it).
      user ??= await tx.user.create({
        data: { email, name: claims.name?.trim().slice(0, 100) || email.slice(0, email.indexOf('@')), passwordHash },
        select: { id: true },
      })
      member = await tx.membership.create({ data: { organizationId: orgId, userId: user.id, role: invite.role } })
      await recordAuditEvent(tx, {
        organizationId: orgId,
        actorUserId: user.id,
        action: 'member.invite_accepted',
        targetType: 'Membership',
        targetId: member.id,
        metadata: { inviteId: invite.id, email, role: member.role, via: 'sso' },
        ip: input.ip,
      })
    }
    const created = await tx.ssoIdentity.create({
      data: {
        organizationId: orgId,
        userId: member.userId,
        issuer: claims.issuer,
        subject: claims.subject,
        email,
        lastSignInAt: now,
      },
    })
    await recordAuditEvent(tx, {
      organizationId: orgId,
      actorUserId: member.userId,
      action: 'sso.identity_linked',
      targetType: 'SsoIdentity',
      targetId: created.id,
      metadata: { issuer: claims.issuer, subject: claims.subject, email },
      ip: input.ip,
    })
    return { userId: member.userId }
  })
  if ('refused' in linked) return refuse(linked.refused, { email, subject: claims.subject }, email)

  const user = await prisma.user.findUniqueOrThrow({
    where: { id: linked.userId },
    select: { id: true, name: true, email: true, totpCredential: { select: { userId: true } } },
  })
  const session = await createSession(user.id, now, { ssoOrganizationId: practice.organizationId })
  await recordUserEvent(prisma, user.id, 'user.signed_in_sso', input.ip)
  return {
    ok: true,
    ...session,
    user: { id: user.id, name: user.name, email: user.email },
    practice,
    // The provider's sign-in does not replace Rebound's second factor for a member who set one up.
    twoFactorPending: user.totpCredential !== null,
    redirectTo: flow.redirectTo,
  }
}

/**
 * Whether a password sign-in is refused for this user: every practice they belong to is "SSO only" and
 * they own none of them (owners keep their password as the way back in when the provider fails).
 * The practice to send them to, or null.
 */
export async function ssoOnlyPracticeFor(userId: string): Promise<SsoPractice | null> {
  const memberships = await prisma.membership.findMany({
    where: { userId },
    select: {
      role: true,
      organization: { select: { id: true, name: true, slug: true, ssoConnection: { select: { ssoOnly: true } } } },
    },
  })
  if (memberships.length === 0) return null
  const blocked = memberships.every((m) => m.role !== 'OWNER' && m.organization.ssoConnection?.ssoOnly === true)
  if (!blocked) return null
  const { id, name, slug } = memberships[0]!.organization
  return { organizationId: id, name, slug }
}
