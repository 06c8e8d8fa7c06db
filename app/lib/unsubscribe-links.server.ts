import { createHmac, timingSafeEqual } from 'node:crypto'
import { getEnv } from './env.server'

// One-click unsubscribe (RFC 8058). The link carries the practice and client ids and an
// HMAC-SHA256 of them under SESSION_SECRET: the signature is the proof, so a mail provider's
// POST without any cookie unsubscribes at once. It never expires; the client can subscribe again
// in the portal (/me/preferences). Signing only: app/auth/unsubscribe.server.ts acts on a verified link.

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

// A coach's word-between-digests emails carry the same kind of link, signed over the user id alone
// (under its own prefix, so it can never pass as a client's link): it turns those emails off.

function coachMac(userId: string) {
  return createHmac('sha256', getEnv().SESSION_SECRET).update(`unsubscribe-coach/${userId}`).digest('base64url')
}

export function coachUnsubscribeUrl(userId: string) {
  return `${getEnv().APP_URL}/unsubscribe/coach.${userId}.${coachMac(userId)}`
}

/** The coach a token names, or null when it is not a coach's link or its signature does not match. */
export function verifyCoachUnsubscribeToken(token: string) {
  const parts = token.split('.')
  if (parts.length !== 3 || parts[0] !== 'coach' || !parts[1] || parts[1].length > 100) return null
  const expected = Buffer.from(coachMac(parts[1]))
  const given = Buffer.from(parts[2] ?? '')
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
  return { userId: parts[1] }
}
