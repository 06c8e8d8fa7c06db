import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { sessionCookie } from '~/auth/session-token.server'
import { getEnv } from '~/lib/env.server'

// A browser that has signed in to an account before carries a cookie saying so, signed for that
// account. Sign-in attempts from it are throttled on their own, so strangers guessing the password
// elsewhere cannot lock the owner out of their own laptop.

const cookie = sessionCookie('rb_device')

const normalise = (email: string) => email.trim().toLowerCase()

function mac(deviceId: string, email: string) {
  return createHmac('sha256', getEnv().SESSION_SECRET)
    .update(`known-device/${deviceId}/${normalise(email)}`)
    .digest('base64url')
}

/** The Set-Cookie value that marks this browser as known for `email`, keeping its id if it had one. */
export function knownDeviceCookieHeader(request: Request, email: string) {
  const previous = cookie.read(request)?.split('.')[0]
  const deviceId = previous && /^[\w-]{16,64}$/.test(previous) ? previous : randomBytes(16).toString('base64url')
  return cookie.header(`${deviceId}.${mac(deviceId, email)}`)
}

/** The id of this browser when it signed in to `email` before, else null. */
export function knownDeviceFor(request: Request, email: string) {
  const [deviceId, signature, ...rest] = (cookie.read(request) ?? '').split('.')
  if (!deviceId || !signature || rest.length || deviceId.length > 64) return null
  const expected = Buffer.from(mac(deviceId, email))
  const given = Buffer.from(signature)
  return expected.length === given.length && timingSafeEqual(expected, given) ? deviceId : null
}

/** A request `Cookie:` header carrying this Set-Cookie value (for tests). */
export const knownDeviceRequestHeader = (setCookie: string) => setCookie.split(';')[0]!
