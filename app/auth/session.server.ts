import { redirect } from '@remix-run/node'
import {
  generateSessionToken,
  sessionCookie,
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

const cookie = sessionCookie('rb_session')

export const sessionCookieName = cookie.name
/** A Set-Cookie value for a new session. The cookie lives as long as the session's absolute lifetime. */
export const sessionCookieHeader = cookie.header
export const clearSessionCookieHeader = cookie.clear
/** A request `Cookie:` header that carries this token. */
export const cookieHeaderFor = cookie.requestHeader
export const readSessionToken = cookie.read

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
