import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { getEnv } from '~/lib/env.server'

// Small secrets kept at rest or in a cookie, sealed with AES-256-GCM under a key derived from
// SESSION_SECRET for one purpose (HKDF-SHA-256). The associated data binds a sealed value to its owner
// (a practice, a flow), so a value copied elsewhere does not open.

function keyFor(purpose: string) {
  return Buffer.from(hkdfSync('sha256', getEnv().SESSION_SECRET, 'rebound', purpose, 32))
}

export function sealSecret(plain: string, purpose: string, associatedData: string) {
  const nonce = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', keyFor(purpose), nonce)
  cipher.setAAD(Buffer.from(associatedData))
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return new Uint8Array(Buffer.concat([nonce, body, cipher.getAuthTag()]))
}

/** The plain text, or null when the value was altered, sealed for another purpose or owner, or under another secret. */
export function unsealSecret(sealed: Uint8Array, purpose: string, associatedData: string): string | null {
  if (sealed.length < 12 + 16) return null
  try {
    const buffer = Buffer.from(sealed)
    const decipher = createDecipheriv('aes-256-gcm', keyFor(purpose), buffer.subarray(0, 12))
    decipher.setAAD(Buffer.from(associatedData))
    decipher.setAuthTag(buffer.subarray(buffer.length - 16))
    return Buffer.concat([decipher.update(buffer.subarray(12, buffer.length - 16)), decipher.final()]).toString('utf8')
  } catch {
    return null
  }
}
