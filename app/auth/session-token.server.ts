import { redirect } from '@remix-run/node'
import { sha256 } from '@oslojs/crypto/sha2'
import { constantTimeEqual } from '@oslojs/crypto/subtle'
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding'
import { isSecureOrigin } from '~/lib/env.server'

// Session tokens as Lucia's guide designs them, for any session table (coach sessions now,
// client sessions later). A token is `<id>.<secret>`: the id finds the row, and only the
// SHA-256 of the secret is stored, so a leaked table cannot be replayed as cookies.

const minute = 60 * 1000
const hour = 60 * minute
const day = 24 * hour

export const sessionPolicy = {
  /** A session nobody used for this long is over. */
  inactivityMs: 14 * day,
  /** lastVerifiedAt is written at most this often, so reads stay reads. */
  renewAfterMs: hour,
  /** No session outlives this, however active. */
  absoluteMs: 30 * day,
}

const idBytes = 15 // 120 bits: unique, not secret
const secretBytes = 20 // 160 bits of secret

export type StoredSession = { id: string; secretHash: Uint8Array; createdAt: Date; lastVerifiedAt: Date }

/** How one session table is read and written. */
export type SessionStore<S extends StoredSession> = {
  find(id: string): Promise<S | null>
  touch(id: string, lastVerifiedAt: Date): Promise<void>
  delete(id: string): Promise<void>
  /** The session for a token, or null (validateSessionToken). */
  validate(token: string, now?: Date): Promise<S | null>
}

/** The three calls of a session table (Prisma's `session` and `clientSession` both fit). */
type SessionTable = {
  updateMany(args: { where: { id: string }; data: { lastVerifiedAt: Date } }): PromiseLike<unknown>
  deleteMany(args: { where: { id: string } }): PromiseLike<unknown>
}

/** A store over a session table: `find` reads a session with what its kind of session needs beside it. */
export function sessionStore<S extends StoredSession>(
  table: SessionTable,
  find: (id: string) => PromiseLike<S | null>,
): SessionStore<S> {
  const store: SessionStore<S> = {
    find: async (id) => find(id),
    touch: async (id, lastVerifiedAt) => {
      await table.updateMany({ where: { id }, data: { lastVerifiedAt } })
    },
    delete: async (id) => {
      await table.deleteMany({ where: { id } })
    },
    validate: (token, now) => validateSessionToken(store, token, now),
  }
  return store
}

function randomString(bytes: number) {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(bytes)))
}

export function hashSecret(secret: string) {
  return new Uint8Array(sha256(new TextEncoder().encode(secret)))
}

/** A new token, and what to store for it. The caller creates the row with its own owner columns. */
export function generateSessionToken() {
  const id = randomString(idBytes)
  const secret = randomString(secretBytes)
  return { id, token: `${id}.${secret}`, secretHash: hashSecret(secret) }
}

/** The columns every session row starts with; its table adds the owner's (a user, a client). */
export type NewSessionRow = { id: string; secretHash: Uint8Array<ArrayBuffer>; createdAt: Date; lastVerifiedAt: Date }

/** A new session: its row written by `insert`, its token (for the cookie) and its id returned. */
export async function startSession(now: Date, insert: (row: NewSessionRow) => PromiseLike<unknown>) {
  const { id, token, secretHash } = generateSessionToken()
  await insert({ id, secretHash, createdAt: now, lastVerifiedAt: now })
  return { token, sessionId: id }
}

const tokenPattern = /^([a-z2-7]{1,64})\.([a-z2-7]{1,128})$/

export function isSessionExpired(session: StoredSession, now: Date = new Date()) {
  const t = now.getTime()
  return (
    t - session.lastVerifiedAt.getTime() >= sessionPolicy.inactivityMs ||
    t - session.createdAt.getTime() >= sessionPolicy.absoluteMs
  )
}

/**
 * The session for a token, or null. An expired session is deleted; a live one has its
 * lastVerifiedAt moved to `now` when the last write is over an hour old.
 */
export async function validateSessionToken<S extends StoredSession>(
  store: SessionStore<S>,
  token: string,
  now: Date = new Date(),
): Promise<S | null> {
  const match = tokenPattern.exec(token)
  if (!match) return null
  const [, id, secret] = match as unknown as [string, string, string]
  const session = await store.find(id)
  if (!session) return null
  if (!constantTimeEqual(hashSecret(secret), new Uint8Array(session.secretHash))) return null
  if (isSessionExpired(session, now)) {
    await store.delete(id)
    return null
  }
  if (now.getTime() - session.lastVerifiedAt.getTime() >= sessionPolicy.renewAfterMs) {
    await store.touch(id, now)
    return { ...session, lastVerifiedAt: now }
  }
  return session
}

// ---------------------------------------------------------------------------------------------
// The cookie that carries a session token. Coach and client sessions use one each, with the same rules.

/** Production over https: Secure, with the `__Host-` prefix that pins the cookie to this host. */
const isSecureCookie = isSecureOrigin

function cookieAttributes(maxAgeSeconds: number) {
  return `Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${isSecureCookie() ? '; Secure' : ''}`
}

/** HttpOnly, SameSite=Lax, Path=/, living as long as the session's absolute lifetime. */
export function sessionCookie(baseName: string) {
  const name = () => (isSecureCookie() ? `__Host-${baseName}` : baseName)
  const cookie = {
    name,
    /** A Set-Cookie value for a new session. */
    header: (token: string) => `${name()}=${token}; ${cookieAttributes(Math.floor(sessionPolicy.absoluteMs / 1000))}`,
    /** A Set-Cookie value that removes the cookie (Expires too, for older browsers). */
    clear: () => `${name()}=; ${cookieAttributes(0)}; Expires=Thu, 01 Jan 1970 00:00:00 GMT`,
    /** A request `Cookie:` header that carries this token. */
    requestHeader: (token: string) => `${name()}=${token}`,
    /** A redirect to `to` for a visitor without a valid session: it clears the cookie when the request sent one. */
    redirectOut(request: Request, to: string): Response {
      const headers = cookie.read(request) ? { 'Set-Cookie': cookie.clear() } : undefined
      return redirect(to, { headers })
    },
    read(request: Request) {
      const header = request.headers.get('Cookie')
      if (!header) return null
      const wanted = name()
      for (const part of header.split(';')) {
        const index = part.indexOf('=')
        if (index > 0 && part.slice(0, index).trim() === wanted) return part.slice(index + 1).trim() || null
      }
      return null
    },
  }
  return cookie
}
