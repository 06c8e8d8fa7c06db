import { redirect } from '@remix-run/node'
import { sessionCookie, sessionStore, startSession, type StoredSession } from '~/auth/session-token.server'
import { oncePerRequest } from '~/lib/request-scope.server'
import { prisma, queryRows } from '~/lib/db.server'
import { Prisma } from '~/generated/prisma/client'

// Coach sessions: the `Session` table and the cookie that carries its token.

export type SessionUser = { id: string; email: string; name: string }
export type UserSession = {
  user: SessionUser
  sessionId: string
  /** When the user signed in (a new session at every sign-in): "recent sign-in" checks read it. */
  signedInAt: Date
  /** The user has a second factor and this session has not checked it yet: it opens nothing but /login/two-factor. */
  twoFactorPending: boolean
  hasTwoFactor: boolean
  /** The practice whose identity provider signed this session in; null for a password sign-in. */
  ssoOrganizationId: string | null
}

type CoachSession = StoredSession & {
  twoFactorVerifiedAt: Date | null
  ssoOrganizationId: string | null
  user: SessionUser & { totpCredential: { userId: string } | null; _count: { passkeys: number } }
}

type SessionRow = StoredSession & {
  twoFactorVerifiedAt: Date | null
  ssoOrganizationId: string | null
  userId: string
  email: string
  name: string
  hasTotp: boolean
  passkeys: number
}

// Read on every request: one query for the session, its user and whether the user has a second factor (Prisma's
// nested select took three, and counted every user's passkeys to find this one's).
const coachSessions = sessionStore<CoachSession>(prisma.session, async (id) => {
  const [row] = await queryRows<SessionRow>(
    prisma,
    Prisma.sql`
    SELECT s.id, s."secretHash", s."createdAt", s."lastVerifiedAt", s."twoFactorVerifiedAt", s."ssoOrganizationId",
           u.id AS "userId", u.email, u.name,
           EXISTS (SELECT 1 FROM "TotpCredential" tc WHERE tc."userId" = u.id) AS "hasTotp",
           (SELECT count(*)::int FROM "Passkey" pk WHERE pk."userId" = u.id) AS passkeys
    FROM "Session" s JOIN "User" u ON u.id = s."userId"
    WHERE s.id = ${id}`,
  )
  if (!row) return null
  const { userId, email, name, hasTotp, passkeys, ...session } = row
  return {
    ...session,
    user: {
      id: userId,
      email,
      name,
      totpCredential: hasTotp ? { userId } : null,
      _count: { passkeys },
    },
  }
})

const cookie = sessionCookie('rb_session')

/** A Set-Cookie value for a new session. The cookie lives as long as the session's absolute lifetime. */
export const sessionCookieHeader = cookie.header
export const clearSessionCookieHeader = cookie.clear
/** A request `Cookie:` header that carries this token. */
export const cookieHeaderFor = cookie.requestHeader
export const readSessionToken = cookie.read

/**
 * A new session. `twoFactorVerified`: the sign-in already checked a second factor (or the user just enrolled one).
 * `ssoOrganizationId`: the practice whose identity provider signed the user in.
 */
export async function createSession(
  userId: string,
  now: Date = new Date(),
  options: { twoFactorVerified?: boolean; ssoOrganizationId?: string | null } = {},
) {
  const twoFactorVerifiedAt = options.twoFactorVerified ? now : null
  const ssoOrganizationId = options.ssoOrganizationId ?? null
  return startSession(now, (row) =>
    prisma.session.create({ data: { ...row, userId, twoFactorVerifiedAt, ssoOrganizationId } }),
  )
}

/** The session for this token, two-factor pending or not. */
export async function validateSession(token: string, now: Date = new Date()): Promise<UserSession | null> {
  const session = await coachSessions.validate(token, now)
  if (!session) return null
  const { totpCredential, _count, ...user } = session.user
  const hasTwoFactor = totpCredential !== null || _count.passkeys > 0
  return {
    user,
    sessionId: session.id,
    signedInAt: session.createdAt,
    hasTwoFactor,
    twoFactorPending: hasTwoFactor && session.twoFactorVerifiedAt === null,
    ssoOrganizationId: session.ssoOrganizationId,
  }
}

/** The request's session, including one still waiting for its second factor. */
export const getAnySession = oncePerRequest((request): Promise<UserSession | null> => {
  const token = readSessionToken(request)
  return token ? validateSession(token) : Promise.resolve(null)
})

/** The signed-in user's session; null when signed out or when the second factor is still to be checked. */
export async function getUserSession(request: Request): Promise<UserSession | null> {
  const session = await getAnySession(request)
  return session && !session.twoFactorPending ? session : null
}

function backHere(request: Request) {
  const url = new URL(request.url)
  return encodeURIComponent(`${url.pathname}${url.search}`)
}

/**
 * The signed-in user, or a redirect to the login page that comes back here afterwards. A session
 * that has not checked its second factor yet is sent to /login/two-factor instead.
 */
export async function requireUser(request: Request): Promise<UserSession> {
  const session = await getAnySession(request)
  if (session && !session.twoFactorPending) return session
  if (session) throw redirect(`/login/two-factor?redirectTo=${backHere(request)}`)
  throw cookie.redirectOut(request, `/login?redirectTo=${backHere(request)}`)
}

export async function invalidateSession(sessionId: string) {
  await coachSessions.delete(sessionId)
}

/** Ends every session of a user, except `except` (the one making the request) when given. */
export async function invalidateUserSessions(userId: string, options: { except?: string } = {}) {
  await prisma.session.deleteMany({
    where: { userId, ...(options.except ? { id: { not: options.except } } : {}) },
  })
}

/**
 * The second factor is checked: the pending session is replaced by a new one (a new id, so a
 * token seen before this point is worth nothing) that counts as fully signed in.
 */
export async function completeTwoFactorSession(pendingSessionId: string, userId: string, now: Date = new Date()) {
  // A single sign-on that led here stays one: the new session keeps the practice that signed it in.
  const pending = await prisma.session.findUnique({
    where: { id: pendingSessionId },
    select: { ssoOrganizationId: true },
  })
  await invalidateSession(pendingSessionId)
  return createSession(userId, now, { twoFactorVerified: true, ssoOrganizationId: pending?.ssoOrganizationId })
}
