import { createHash, randomBytes } from 'node:crypto'
import type { PipelineContext } from '../applications/applications.server'
import type { TenantContext } from '~/tenancy/scoped-client.server'

// Calendar subscription URLs: one per client (in the portal) and one per coach in each practice.
// The token is 256 bits from the CSPRNG and only its SHA-256 is kept; making a new link ends the old
// one, and a revoked or unknown token answers 404 (app/auth/calendar-feed.server.ts opens them).

export function hashFeedToken(token: string) {
  return createHash('sha256').update(token).digest('hex')
}

function newToken() {
  const token = randomBytes(32).toString('base64url')
  return { token, tokenHash: hashFeedToken(token) }
}

/** The path a calendar app subscribes to. */
export const feedPath = (token: string) => `/calendar/${token}.ics`

export function findClientFeed(p: PipelineContext) {
  return p.db.calendarFeed.findFirst({
    where: { clientId: p.clientId, revokedAt: null },
    select: { id: true, createdAt: true },
  })
}

/** A new feed for the client; any earlier one stops working in the same transaction. */
export async function issueClientFeed(p: PipelineContext, now = new Date()) {
  const { token, tokenHash } = newToken()
  await p.db.$transaction([
    p.db.calendarFeed.updateMany({ where: { clientId: p.clientId, revokedAt: null }, data: { revokedAt: now } }),
    p.db.calendarFeed.create({ data: { organizationId: p.organizationId, clientId: p.clientId, tokenHash } }),
  ])
  return token
}

export async function revokeClientFeed(p: PipelineContext, now = new Date()) {
  const { count } = await p.db.calendarFeed.updateMany({
    where: { clientId: p.clientId, revokedAt: null },
    data: { revokedAt: now },
  })
  return count
}

export function findCoachFeed(t: TenantContext) {
  return t.db.calendarFeed.findFirst({
    where: { userId: t.user.id, clientId: null, revokedAt: null },
    select: { id: true, createdAt: true },
  })
}

/** A new feed of this coach's interviews and tasks in this practice; any earlier one stops working. */
export async function issueCoachFeed(t: TenantContext, now = new Date()) {
  const { token, tokenHash } = newToken()
  await t.db.$transaction([
    t.db.calendarFeed.updateMany({
      where: { userId: t.user.id, clientId: null, revokedAt: null },
      data: { revokedAt: now },
    }),
    t.db.calendarFeed.create({ data: { organizationId: t.org.id, userId: t.user.id, tokenHash } }),
  ])
  return token
}

export async function revokeCoachFeed(t: TenantContext, now = new Date()) {
  const { count } = await t.db.calendarFeed.updateMany({
    where: { userId: t.user.id, clientId: null, revokedAt: null },
    data: { revokedAt: now },
  })
  return count
}
