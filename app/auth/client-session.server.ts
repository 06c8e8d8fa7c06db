import { redirect } from '@remix-run/node'
import { consume, type BucketOptions, type RateLimitResult } from '~/auth/rate-limit.server'
import {
  generateSessionToken,
  sessionCookie,
  validateSessionToken,
  type SessionStore,
  type StoredSession,
} from '~/auth/session-token.server'
import { hashAccessToken, isLinkLive } from '~/domain/clients/access-links.server'
import type { PipelineContext } from '~/domain/applications/applications.server'
import type { Organization } from '~/generated/prisma/client'
import { prisma } from '~/lib/db.server'
import { createTenantContext, type TenantDb } from '~/tenancy/scoped-client.server'

// Client sessions: a job seeker opens the invite link their coach sent (or a sign-in link from a
// digest) and gets a session on the ClientSession table, under the same rules as coach sessions
// (session-token.server.ts) but with its own cookie, which the coach door never reads.

type StoredClientSession = StoredSession & { clientId: string; organizationId: string }

const clientSessions: SessionStore<StoredClientSession> = {
  find: (id) =>
    prisma.clientSession.findUnique({
      where: { id },
      select: {
        id: true,
        secretHash: true,
        createdAt: true,
        lastVerifiedAt: true,
        clientId: true,
        organizationId: true,
      },
    }),
  touch: async (id, lastVerifiedAt) => {
    await prisma.clientSession.updateMany({ where: { id }, data: { lastVerifiedAt } })
  },
  delete: async (id) => {
    await prisma.clientSession.deleteMany({ where: { id } })
  },
}

// ---------------------------------------------------------------------------------------------
// The cookie: the coach cookie's rules, another name

const cookie = sessionCookie('rb_client')

export const clientCookieName = cookie.name
export const clientCookieHeader = cookie.header
export const clearClientCookieHeader = cookie.clear
/** A request `Cookie:` header that carries this client token (for tests). */
export const clientCookieHeaderFor = cookie.requestHeader
export const readClientToken = cookie.read

// ---------------------------------------------------------------------------------------------
// Sessions

export async function createClientSession(
  client: { id: string; organizationId: string },
  now: Date = new Date(),
): Promise<{ token: string; sessionId: string }> {
  const { id, token, secretHash } = generateSessionToken()
  await prisma.clientSession.create({
    data: {
      id,
      clientId: client.id,
      organizationId: client.organizationId,
      secretHash,
      createdAt: now,
      lastVerifiedAt: now,
    },
  })
  return { token, sessionId: id }
}

export function validateClientSession(token: string, now: Date = new Date()) {
  return validateSessionToken(clientSessions, token, now)
}

export async function invalidateClientSession(sessionId: string) {
  await prisma.clientSession.deleteMany({ where: { id: sessionId } })
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
  return { ok: true, cookie: clientCookieHeader(sessionToken), clientId: link.client.id, sessionId }
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

/**
 * The tenancy door is built for members of a practice. A client is not one, so the portal opens it
 * with a pseudo-user that names the client ('client:<id>', never a real user id) and the COACH role
 * with the practice's "own clients only" switch off: the door then scopes every query to the
 * practice, and the portal's domain functions add the client's id to every where.
 */
function portalTenantDb(org: Organization, client: PortalClient) {
  const pseudoUser = { id: `client:${client.id}`, email: client.email, name: client.name }
  return createTenantContext(prisma, {
    user: pseudoUser,
    org: { ...org, coachesSeeOwnClientsOnly: false },
    role: 'COACH',
  }).db
}

async function loadPortal(request: Request): Promise<PortalContext | null> {
  const token = readClientToken(request)
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
  const db = portalTenantDb(organization, client)
  const pipeline: PipelineContext = {
    db,
    organizationId: client.organizationId,
    clientId: client.id,
    timezone: client.timezone,
    actor: { type: 'CLIENT' },
  }
  return { client, org: { id: organization.id, name: organization.name }, db, pipeline, sessionId: session.id }
}

// Loaders of one request run in parallel; they share one lookup.
const perRequest = new WeakMap<Request, Promise<PortalContext | null>>()

export function getPortal(request: Request) {
  let pending = perRequest.get(request)
  if (!pending) {
    pending = loadPortal(request)
    perRequest.set(request, pending)
  }
  return pending
}

/** The signed-in client, or a redirect to the page that says to ask the coach for a new link. */
export async function requireClient(request: Request): Promise<PortalContext> {
  const portal = await getPortal(request)
  if (portal) return portal
  const headers = readClientToken(request) ? { 'Set-Cookie': clearClientCookieHeader() } : undefined
  throw redirect('/me/signed-out', { headers })
}
