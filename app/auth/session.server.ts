import { redirect } from '@remix-run/node'
import {
  generateSessionToken,
  sessionPolicy,
  validateSessionToken,
  type SessionStore,
  type StoredSession,
} from '~/auth/session-token.server'
import { prisma } from '~/lib/db.server'

// Coach sessions: the `Session` table and the cookie that carries its token.

export type SessionUser = { id: string; email: string; name: string }
export type UserSession = { user: SessionUser; sessionId: string }

type CoachSession = StoredSession & { user: SessionUser }

const coachSessions: SessionStore<CoachSession> = {
  find: (id) =>
    prisma.session.findUnique({
      where: { id },
      select: {
        id: true,
        secretHash: true,
        createdAt: true,
        lastVerifiedAt: true,
        user: { select: { id: true, email: true, name: true } },
      },
    }),
  touch: async (id, lastVerifiedAt) => {
    await prisma.session.updateMany({ where: { id }, data: { lastVerifiedAt } })
  },
  delete: async (id) => {
    await prisma.session.deleteMany({ where: { id } })
  },
}

/** Production over https: Secure, with the `__Host-` prefix that pins the cookie to this host. */
function isSecure() {
  return process.env.NODE_ENV === 'production' && (process.env.APP_URL ?? '').startsWith('https:')
}

export function sessionCookieName() {
  return isSecure() ? '__Host-rb_session' : 'rb_session'
}

function cookieAttributes(maxAgeSeconds: number) {
  return `Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${isSecure() ? '; Secure' : ''}`
}

/** A Set-Cookie value for a new session. The cookie lives as long as the session's absolute lifetime. */
export function sessionCookieHeader(token: string) {
  return `${sessionCookieName()}=${token}; ${cookieAttributes(Math.floor(sessionPolicy.absoluteMs / 1000))}`
}

export function clearSessionCookieHeader() {
  return `${sessionCookieName()}=; ${cookieAttributes(0)}; Expires=Thu, 01 Jan 1970 00:00:00 GMT`
}

/** A request `Cookie:` header that carries this token. */
export function cookieHeaderFor(token: string) {
  return `${sessionCookieName()}=${token}`
}

export function readSessionToken(request: Request) {
  const header = request.headers.get('Cookie')
  if (!header) return null
  const name = sessionCookieName()
  for (const part of header.split(';')) {
    const index = part.indexOf('=')
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim() || null
  }
  return null
}

export async function createSession(userId: string, now: Date = new Date()) {
  const { id, token, secretHash } = generateSessionToken()
  await prisma.session.create({ data: { id, userId, secretHash, createdAt: now, lastVerifiedAt: now } })
  return { token, sessionId: id }
}

export async function validateSession(token: string, now: Date = new Date()): Promise<UserSession | null> {
  const session = await validateSessionToken(coachSessions, token, now)
  return session ? { user: session.user, sessionId: session.id } : null
}

// Loaders of one request run in parallel; they share one lookup.
const perRequest = new WeakMap<Request, Promise<UserSession | null>>()

export function getUserSession(request: Request): Promise<UserSession | null> {
  let pending = perRequest.get(request)
  if (!pending) {
    const token = readSessionToken(request)
    pending = token ? validateSession(token) : Promise.resolve(null)
    perRequest.set(request, pending)
  }
  return pending
}

/** The signed-in user, or a redirect to the login page that comes back here afterwards. */
export async function requireUser(request: Request): Promise<UserSession> {
  const session = await getUserSession(request)
  if (session) return session
  const url = new URL(request.url)
  const redirectTo = `${url.pathname}${url.search}`
  const headers = readSessionToken(request) ? { 'Set-Cookie': clearSessionCookieHeader() } : undefined
  throw redirect(`/login?redirectTo=${encodeURIComponent(redirectTo)}`, { headers })
}

export async function invalidateSession(sessionId: string) {
  await prisma.session.deleteMany({ where: { id: sessionId } })
}

/** Ends every session of a user, except `except` (the one making the request) when given. */
export async function invalidateUserSessions(userId: string, options: { except?: string } = {}) {
  await prisma.session.deleteMany({
    where: { userId, ...(options.except ? { id: { not: options.except } } : {}) },
  })
}
