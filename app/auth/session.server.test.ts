import { sha256 } from '@oslojs/crypto/sha2'
import { afterEach, describe, expect, test } from 'vitest'
import {
  clearSessionCookieHeader,
  cookieHeaderFor,
  createSession,
  getUserSession,
  invalidateSession,
  invalidateUserSessions,
  requireUser,
  sessionCookieHeader,
  validateSession,
} from '~/auth/session.server'
import { prisma } from '~/lib/db.server'
import { createUser } from '../../tests/factories'

const hour = 3600_000
const day = 24 * hour
const start = new Date('2026-03-02T09:00:00Z')
const at = (ms: number) => new Date(start.getTime() + ms)

function requestWith(token: string, path = '/orgs') {
  return new Request(`http://localhost:3000${path}`, { headers: { Cookie: cookieHeaderFor(token) } })
}

describe('session tokens', () => {
  test('a token is <id>.<secret>, with at least 128 bits of secret, and only the secret’s SHA-256 is stored', async () => {
    const user = await createUser(prisma)
    const { token, sessionId } = await createSession(user.id, start)
    expect(token).toMatch(/^[a-z2-7]+\.[a-z2-7]+$/)
    const [id, secret] = token.split('.') as [string, string]
    expect(id).toBe(sessionId)
    // base32: 5 bits a character
    expect(secret.length * 5).toBeGreaterThanOrEqual(160)
    const row = await prisma.session.findUniqueOrThrow({ where: { id } })
    expect(Buffer.from(row.secretHash)).toEqual(Buffer.from(sha256(new TextEncoder().encode(secret))))
    expect(JSON.stringify(row)).not.toContain(secret)
  })

  test('each session gets a different token', async () => {
    const user = await createUser(prisma)
    const tokens = await Promise.all([1, 2, 3].map(() => createSession(user.id)))
    expect(new Set(tokens.map((t) => t.token)).size).toBe(3)
  })

  test('a token with the right id and a wrong secret is refused', async () => {
    const user = await createUser(prisma)
    const { sessionId } = await createSession(user.id, start)
    expect(await validateSession(`${sessionId}.${'a'.repeat(32)}`, at(hour))).toBeNull()
    expect(await validateSession(`${sessionId}`, at(hour))).toBeNull()
    expect(await validateSession('not a token', at(hour))).toBeNull()
  })

  test('a valid token gives the user and the session id', async () => {
    const user = await createUser(prisma, { name: 'Sam Session' })
    const { token, sessionId } = await createSession(user.id, start)
    expect(await validateSession(token, at(5 * 60_000))).toEqual({
      sessionId,
      user: { id: user.id, email: user.email, name: 'Sam Session' },
      signedInAt: start,
      hasTwoFactor: false,
      twoFactorPending: false,
      ssoOrganizationId: null,
    })
  })
})

describe('expiry and renewal', () => {
  test('a session unused for 14 days is over, and its row is deleted', async () => {
    const user = await createUser(prisma)
    const { token, sessionId } = await createSession(user.id, start)
    expect(await validateSession(token, at(14 * day - 60_000))).not.toBeNull()
    const again = await createSession(user.id, start)
    expect(await validateSession(again.token, at(14 * day))).toBeNull()
    expect(await prisma.session.findUnique({ where: { id: again.sessionId } })).toBeNull()
    expect(await prisma.session.findUnique({ where: { id: sessionId } })).not.toBeNull()
  })

  test('use renews the session, writing lastVerifiedAt at most once an hour', async () => {
    const user = await createUser(prisma)
    const { token, sessionId } = await createSession(user.id, start)
    const lastVerified = async () =>
      (await prisma.session.findUniqueOrThrow({ where: { id: sessionId } })).lastVerifiedAt

    await validateSession(token, at(59 * 60_000))
    expect(await lastVerified()).toEqual(start)

    await validateSession(token, at(hour))
    expect(await lastVerified()).toEqual(at(hour))

    await validateSession(token, at(hour + 30 * 60_000))
    expect(await lastVerified()).toEqual(at(hour))

    // Used every 10 days, the session outlives the 14-day inactivity window.
    expect(await validateSession(token, at(11 * day))).not.toBeNull()
    expect(await validateSession(token, at(21 * day))).not.toBeNull()
    expect(await lastVerified()).toEqual(at(21 * day))
  })

  test('no session outlives 30 days, however active', async () => {
    const user = await createUser(prisma)
    const { token, sessionId } = await createSession(user.id, start)
    for (const d of [7, 14, 21, 28]) expect(await validateSession(token, at(d * day))).not.toBeNull()
    expect(await validateSession(token, at(30 * day - 60_000))).not.toBeNull()
    expect(await validateSession(token, at(30 * day))).toBeNull()
    expect(await prisma.session.findUnique({ where: { id: sessionId } })).toBeNull()
  })
})

describe('ending sessions', () => {
  test('invalidateSession deletes the row, and the token stops working', async () => {
    const user = await createUser(prisma)
    const { token, sessionId } = await createSession(user.id)
    await invalidateSession(sessionId)
    expect(await prisma.session.findUnique({ where: { id: sessionId } })).toBeNull()
    expect(await validateSession(token)).toBeNull()
  })

  test('invalidateUserSessions ends every session of the user but the one kept, and no one else’s', async () => {
    const user = await createUser(prisma)
    const other = await createUser(prisma)
    const [current, second, third] = await Promise.all([1, 2, 3].map(() => createSession(user.id)))
    const theirs = await createSession(other.id)
    await invalidateUserSessions(user.id, { except: current!.sessionId })
    expect(await validateSession(current!.token)).not.toBeNull()
    expect(await validateSession(second!.token)).toBeNull()
    expect(await validateSession(third!.token)).toBeNull()
    expect(await validateSession(theirs.token)).not.toBeNull()
    await invalidateUserSessions(user.id)
    expect(await validateSession(current!.token)).toBeNull()
  })
})

describe('the cookie and the request helpers', () => {
  const original = { NODE_ENV: process.env.NODE_ENV, APP_URL: process.env.APP_URL }
  afterEach(() => {
    process.env.NODE_ENV = original.NODE_ENV
    process.env.APP_URL = original.APP_URL
  })

  test('in development the cookie is rb_session, HttpOnly, SameSite=Lax, Path=/, not Secure', () => {
    const header = sessionCookieHeader('abc.def')
    expect(header).toMatch(/^rb_session=abc\.def;/)
    expect(header).toContain('HttpOnly')
    expect(header).toContain('SameSite=Lax')
    expect(header).toContain('Path=/')
    expect(header).not.toContain('Secure')
    expect(clearSessionCookieHeader()).toMatch(/^rb_session=;.*Max-Age=0/)
  })

  test('in production over https the cookie is Secure with the __Host- prefix', () => {
    process.env.NODE_ENV = 'production'
    process.env.APP_URL = 'https://rebound.example'
    const header = sessionCookieHeader('abc.def')
    expect(header).toMatch(/^__Host-rb_session=abc\.def;/)
    expect(header).toContain('Secure')
    expect(header).toContain('Path=/')
    expect(header).not.toContain('Domain')
  })

  test('getUserSession reads the cookie; requireUser redirects a signed-out visitor to the login page', async () => {
    const user = await createUser(prisma)
    const { token, sessionId } = await createSession(user.id)
    expect((await getUserSession(requestWith(token)))?.sessionId).toBe(sessionId)
    expect(await getUserSession(new Request('http://localhost:3000/orgs'))).toBeNull()

    const thrown = await requireUser(new Request('http://localhost:3000/orgs/acme/clients?page=2')).catch((e) => e)
    expect(thrown).toBeInstanceOf(Response)
    expect(thrown.status).toBe(302)
    expect(thrown.headers.get('Location')).toBe(`/login?redirectTo=${encodeURIComponent('/orgs/acme/clients?page=2')}`)
    expect((await requireUser(requestWith(token))).user.id).toBe(user.id)
  })
})
