import { consume, type BucketOptions, type RateLimitResult } from '~/auth/rate-limit.server'
import { sessionCookie, sessionStore, startSession, type StoredSession } from '~/auth/session-token.server'
import { hashAccessToken, isLinkLive } from '~/domain/clients/access-links.server'
import type { PipelineContext } from '~/domain/applications/applications.server'
import { oncePerRequest } from '~/lib/request-scope.server'
import { prisma } from '~/lib/db.server'
import { createPortalDb, type TenantDb } from '~/tenancy/scoped-client.server'

// Client sessions: a job seeker opens the invite link their coach sent (or a sign-in link from a
// digest) and gets a session on the ClientSession table, under the same rules as coach sessions
// (session-token.server.ts) but with its own cookie, which the coach door never reads.

type StoredClientSession = StoredSession & { clientId: string; organizationId: string }

const clientSessions = sessionStore<StoredClientSession>(prisma.clientSession, (id) =>
  prisma.clientSession.findUnique({
    where: { id },
    select: { id: true, secretHash: true, createdAt: true, lastVerifiedAt: true, clientId: true, organizationId: true },
  }),
)

// ---------------------------------------------------------------------------------------------
// The cookie: the coach cookie's rules, another name

const cookie = sessionCookie('rb_client')

export const clearClientCookieHeader = cookie.clear
/** A request `Cookie:` header that carries this client token (for tests). */
export const clientCookieHeaderFor = cookie.requestHeader

// ---------------------------------------------------------------------------------------------
// Sessions

export async function createClientSession(
  client: { id: string; organizationId: string },
  now: Date = new Date(),
): Promise<{ token: string; sessionId: string }> {
  return startSession(now, (row) =>
    prisma.clientSession.create({ data: { ...row, clientId: client.id, organizationId: client.organizationId } }),
  )
}

export function validateClientSession(token: string, now: Date = new Date()) {
  return clientSessions.validate(token, now)
}

export function invalidateClientSession(sessionId: string) {
  return clientSessions.delete(sessionId)
}

// ---------------------------------------------------------------------------------------------
// Redeeming a link

export const linkLimits = {
  /** Per address: enough for a household sharing one, too few to guess 160-bit tokens (not that it could). */
  perIp: { capacity: 20, refillPerSecond: 1 / 30 },
  /** Per link: a forwarded or leaked link cannot be hammered. */
  perLink: { capacity: 10, refillPerSecond: 1 / 60 },
} satisfies Record<string, BucketOptions>

export type RedeemResult =
  | { ok: true; cookie: string; clientId: string; sessionId: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'rate-limited'; retryAfterSeconds: number }

const tokenPattern = /^[a-z2-7]{16,128}$/

function limited(result: RateLimitResult): RedeemResult | null {
  return result.allowed ? null : { ok: false, reason: 'rate-limited', retryAfterSeconds: result.retryAfterSeconds }
}

/**
 * Starts a client session from an invite or sign-in link. Expired, revoked and unknown links, and
 * links of an archived client, all give the same 'invalid': the page reveals nothing about why.
 * A sign-in link works once.
 */
export async function redeemAccessLink(
  token: string,
  { ip, now = new Date() }: { ip: string; now?: Date },
): Promise<RedeemResult> {
  const byIp = limited(await consume(`client-link:ip:${ip}`, linkLimits.perIp, now))
  if (byIp) return byIp
  if (!tokenPattern.test(token)) return { ok: false, reason: 'invalid' }
  const tokenHash = hashAccessToken(token)
  const byLink = limited(await consume(`client-link:link:${tokenHash}`, linkLimits.perLink, now))
  if (byLink) return byLink

  const link = await prisma.clientAccessLink.findUnique({
    where: { tokenHash },
    select: {
      id: true,
      kind: true,
      expiresAt: true,
      revokedAt: true,
      client: { select: { id: true, organizationId: true, status: true } },
    },
  })
  if (!link || !isLinkLive(link, now) || link.client.status === 'ARCHIVED') return { ok: false, reason: 'invalid' }

  // One conditional write: a link revoked (or a sign-in link used) a moment ago does not slip through.
  const { count } = await prisma.clientAccessLink.updateMany({
    where: { id: link.id, revokedAt: null, expiresAt: { gt: now } },
    data: { lastUsedAt: now, ...(link.kind === 'SIGN_IN' ? { revokedAt: now } : {}) },
  })
  if (count !== 1) return { ok: false, reason: 'invalid' }

  const { token: sessionToken, sessionId } = await createClientSession(link.client, now)
  return { ok: true, cookie: cookie.header(sessionToken), clientId: link.client.id, sessionId }
}

// ---------------------------------------------------------------------------------------------
// The portal context

const clientFields = {
  id: true,
  organizationId: true,
  name: true,
  email: true,
  status: true,
  weeklyGoal: true,
  timezone: true,
  digestOptIn: true,
} as const

export type PortalClient = {
  id: string
  organizationId: string
  name: string
  email: string
  status: string
  weeklyGoal: number
  timezone: string
  digestOptIn: boolean
}

/** Everything a portal route needs. `db` reaches the client's practice; the domain functions limit it to the client. */
export type PortalContext = {
  client: PortalClient
  /** Only what a client may see of their practice. */
  org: { id: string; name: string }
  db: TenantDb
  pipeline: PipelineContext
  sessionId: string
}

async function loadPortal(request: Request): Promise<PortalContext | null> {
  const token = cookie.read(request)
  if (!token) return null
  const session = await validateClientSession(token)
  if (!session) return null
  const row = await prisma.client.findFirst({
    where: { id: session.clientId, organizationId: session.organizationId },
    select: { ...clientFields, organization: true },
  })
  if (!row || row.status === 'ARCHIVED') {
    await invalidateClientSession(session.id)
    return null
  }
  const { organization, ...client } = row
  // The door scopes every query to this client: one client can never read or write another's rows.
  const db = createPortalDb(prisma, organization.id, client.id)
  const pipeline: PipelineContext = {
    db,
    organizationId: client.organizationId,
    clientId: client.id,
    timezone: client.timezone,
    actor: { type: 'CLIENT' },
  }
  return { client, org: { id: organization.id, name: organization.name }, db, pipeline, sessionId: session.id }
}

export const getPortal = oncePerRequest(loadPortal)

/** The signed-in client, or a redirect to the page that says to ask the coach for a new link. */
export async function requireClient(request: Request): Promise<PortalContext> {
  const portal = await getPortal(request)
  if (portal) return portal
  throw cookie.redirectOut(request, '/me/signed-out')
}
