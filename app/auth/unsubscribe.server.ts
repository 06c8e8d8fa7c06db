import { createHmac, timingSafeEqual } from 'node:crypto'
import { prisma } from '~/lib/db.server'
import { getEnv } from '~/lib/env.server'

// One-click unsubscribe (RFC 8058). The link carries the practice and client ids and an
// HMAC-SHA256 of them under SESSION_SECRET: the signature is the proof, so a mail provider's
// POST without any cookie unsubscribes at once. It never expires; the client can subscribe again
// in the portal (/me/preferences). Reads by signed id, so it uses the raw client like auth does.

function mac(organizationId: string, clientId: string) {
  return createHmac('sha256', getEnv().SESSION_SECRET)
    .update(`unsubscribe/${organizationId}/${clientId}`)
    .digest('base64url')
}

export function unsubscribeToken(organizationId: string, clientId: string) {
  return `${organizationId}.${clientId}.${mac(organizationId, clientId)}`
}

export function unsubscribeUrl(organizationId: string, clientId: string) {
  return `${getEnv().APP_URL}/unsubscribe/${unsubscribeToken(organizationId, clientId)}`
}

/** The practice and client a token names, or null when its signature does not match. */
export function verifyUnsubscribeToken(token: string) {
  const parts = token.split('.')
  if (parts.length !== 3 || parts.some((p) => !p || p.length > 100)) return null
  const [organizationId, clientId, signature] = parts as [string, string, string]
  const expected = Buffer.from(mac(organizationId, clientId))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
  return { organizationId, clientId }
}

/** What the unsubscribe page shows before the click, or null for a bad or stale link. */
export async function findUnsubscribeTarget(token: string) {
  const ids = verifyUnsubscribeToken(token)
  if (!ids) return null
  const client = await prisma.client.findFirst({
    where: { id: ids.clientId, organizationId: ids.organizationId },
    select: { digestOptIn: true, organization: { select: { name: true } } },
  })
  return client ? { practiceName: client.organization.name, subscribed: client.digestOptIn } : null
}

/** Stops the client's digests at once. Returns false for a bad or stale link. */
export async function unsubscribeByToken(token: string) {
  const ids = verifyUnsubscribeToken(token)
  if (!ids) return false
  const { count } = await prisma.client.updateMany({
    where: { id: ids.clientId, organizationId: ids.organizationId },
    data: { digestOptIn: false },
  })
  return count === 1
}
