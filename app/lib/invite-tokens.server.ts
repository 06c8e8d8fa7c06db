import { createHash, randomBytes } from 'node:crypto'

// Member invite tokens: made here, stored only as their hash, accepted in app/auth/member-invites.server.ts.

export const INVITE_LIFETIME_MS = 7 * 24 * 3600 * 1000

/** 256 bits from the CSPRNG; only the SHA-256 of the token is stored. */
export function generateInviteToken() {
  const token = randomBytes(32).toString('base64url')
  return { token, tokenHash: hashInviteToken(token) }
}

export function hashInviteToken(token: string) {
  return createHash('sha256').update(token).digest('hex')
}
