import { sha256 } from '@oslojs/crypto/sha2'
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding'
import { createElement } from 'react'
import type { z } from 'zod'
import ResetPasswordEmail from '../../emails/reset-password'
import { NameSchema, type SignUpInput } from '~/domain/practices/account-schemas'
import { dummyPasswordHash, hashPassword, PasswordSchema, verifyPassword } from '~/auth/password.server'
import { createSession, invalidateUserSessions } from '~/auth/session.server'
import { ssoOnlyPracticeFor, type SsoPractice } from '~/auth/sso.server'
import {
  recordAuditEvent,
  recordFailedSignIn,
  recordLockOut,
  recordSignIn,
  recordUserEvent,
} from '~/domain/practices/audit.server'
import { Prisma } from '~/generated/prisma/client'
import { isValidTimeZone } from '~/lib/dates'
import { prisma } from '~/lib/db.server'
import { renderEmail, sendEmail } from '~/lib/email.server'
import { getEnv } from '~/lib/env.server'
import { logger } from '~/lib/logger.server'
import { enqueue, queues } from '~/jobs/queue.server'
import { defaultTaskTemplates } from '~/domain/tasks/task-templates'

// Coach accounts: sign-up (with a practice), sign-in, password reset and change.

export class EmailTakenError extends Error {
  constructor() {
    super('An account already uses this email address')
    this.name = 'EmailTakenError'
  }
}

// Words the app's own URLs might use under /orgs.
const reservedSlugs = new Set(['new', 'join', 'settings', 'admin', 'api', 'switch'])

export function slugify(name: string) {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '')
  return base.length >= 2 && !reservedSlugs.has(base) ? base : `practice${base ? `-${base}` : ''}`
}

function randomSuffix() {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(3))).slice(0, 4)
}

function isUniqueViolation(error: unknown, field?: string) {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2002') return false
  if (!field) return true
  return JSON.stringify(error.meta ?? {}).includes(field)
}

/** A new user, their practice (with a slug from its name) and their OWNER membership, in one transaction. */
export async function signUp(input: z.infer<typeof SignUpInput>, options: { ip?: string; now?: Date } = {}) {
  const email = input.email.trim().toLowerCase()
  if (await prisma.user.findUnique({ where: { email }, select: { id: true } })) throw new EmailTakenError()
  const passwordHash = await hashPassword(input.password)
  const base = slugify(input.practiceName)
  for (let attempt = 0; attempt < 5; attempt++) {
    const slug = attempt === 0 ? base : `${base}-${randomSuffix()}`
    if (await prisma.organization.findUnique({ where: { slug }, select: { id: true } })) continue
    try {
      return await prisma.$transaction(async (tx) => {
        const user = await tx.user.create({ data: { email, name: input.name, passwordHash } })
        const timezone = input.timezone && isValidTimeZone(input.timezone) ? input.timezone : 'UTC'
        const org = await tx.organization.create({ data: { name: input.practiceName, slug, timezone } })
        await tx.membership.create({ data: { organizationId: org.id, userId: user.id, role: 'OWNER' } })
        // Every practice starts with the default task templates written from the rejection advice.
        await tx.taskTemplate.createMany({
          data: defaultTaskTemplates.map((template) => ({ ...template, organizationId: org.id })),
        })
        await recordAuditEvent(tx, {
          organizationId: org.id,
          actorUserId: user.id,
          action: 'practice.created',
          targetType: 'Organization',
          targetId: org.id,
          ip: options.ip,
        })
        return { user: { id: user.id, email: user.email, name: user.name }, org: { id: org.id, slug, name: org.name } }
      })
    } catch (error) {
      if (isUniqueViolation(error, 'email')) throw new EmailTakenError()
      if (!isUniqueViolation(error, 'slug')) throw error
      // Another sign-up took this slug a moment ago: try a suffixed one.
    }
  }
  throw new Error(`Could not find a free slug for "${input.practiceName}"`)
}

/**
 * The user for this email and password, or null. An unknown email costs one Argon2 verification,
 * like a wrong password, so neither the answer nor its timing says whether the account exists.
 */
export async function authenticate(email: string, password: string) {
  const user = await prisma.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, email: true, name: true, passwordHash: true },
  })
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password)
  if (!user || !valid) return null
  return { id: user.id, email: user.email, name: user.name }
}

/**
 * Checks the password, starts a new session and records the sign-in in each of the user's practices.
 * Throws SsoRequiredError for a member whose practices are all "SSO only" (and who owns none of them).
 */
export async function logIn(input: { email: string; password: string; ip?: string }, now: Date = new Date()) {
  const user = await authenticate(input.email, input.password)
  if (!user) {
    // Not awaited: the answer must take as long whether or not the account exists.
    void recordFailedSignIn(prisma, input.email, input.ip).catch((error) => logger.error({ error }, 'audit failed'))
    return null
  }
  // A member of "SSO only" practices signs in through their organisation (checked after the password,
  // so the answer says nothing about an address to someone who does not know its password).
  const ssoOnly = await ssoOnlyPracticeFor(user.id)
  if (ssoOnly) {
    await recordUserEvent(prisma, user.id, 'user.password_sign_in_refused_sso_only', input.ip)
    throw new SsoRequiredError(ssoOnly)
  }
  const session = await createSession(user.id, now)
  await recordSignIn(prisma, user.id, input.ip)
  // With a second factor, this session opens nothing until /login/two-factor has checked it.
  const [totp, passkeys] = await Promise.all([
    prisma.totpCredential.count({ where: { userId: user.id } }),
    prisma.passkey.count({ where: { userId: user.id } }),
  ])
  const twoFactorPending = totp + passkeys > 0
  return { user, ...session, twoFactorPending }
}

/** Records a lock-out (once for its window) in the practices of the account it protects. */
export function recordSignInLockOut(input: { email: string; ip?: string }, retryAfterSeconds: number) {
  void recordLockOut(prisma, input.email, retryAfterSeconds, input.ip).catch((error) =>
    logger.error({ error }, 'audit failed'),
  )
}

/** The password was right, but the member's practices take sign-ins only through their identity provider. */
export class SsoRequiredError extends Error {
  override name = 'SsoRequiredError'
  constructor(readonly practice: SsoPractice) {
    super('This account signs in through its organisation')
  }
}

// Password reset -------------------------------------------------------------------------------

const resetLifetimeMs = 60 * 60 * 1000

export function hashResetToken(token: string) {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)))
}

/**
 * Asks for a reset email without looking the address up: one job on the queue, whoever the address
 * belongs to, and the job (app/jobs/accounts.server.ts) looks it up and sends or not. The reply
 * therefore takes the same time for any address. A process that runs no jobs (a script, a test)
 * starts the work after the reply instead.
 */
export async function queuePasswordReset(input: { email: string }) {
  const queued = await enqueue(queues.passwordReset, { email: input.email }, { retryLimit: 2, retryDelay: 30 }).catch(
    (error: unknown) => {
      logger.error({ err: error instanceof Error ? error.message : String(error) }, 'could not queue a password reset')
      return null
    },
  )
  if (queued) return
  setImmediate(() => {
    requestPasswordReset(input).catch((error: unknown) => {
      logger.error({ err: error instanceof Error ? error.message : String(error) }, 'password reset email failed')
    })
  })
}

/**
 * The same work for any address, so the time it takes says nothing about who has an account: a
 * token is made and the email rendered either way; only an account's email is stored and sent.
 */
export async function requestPasswordReset(input: { email: string }, now: Date = new Date()) {
  const email = input.email.trim().toLowerCase()
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, name: true, email: true } })
  const token = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)))
  const tokenHash = hashResetToken(token)
  const resetUrl = `${getEnv().APP_URL}/reset-password?token=${token}`
  const react = createElement(ResetPasswordEmail, { name: user?.name ?? 'there', resetUrl })
  if (!user) {
    await renderEmail(react)
    return { sent: false, rendered: true }
  }
  await prisma.$transaction([
    // A newer link replaces any older one: only the latest email works.
    prisma.passwordResetToken.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: now } }),
    prisma.passwordResetToken.create({
      data: { userId: user.id, tokenHash, createdAt: now, expiresAt: new Date(now.getTime() + resetLifetimeMs) },
    }),
  ])
  await sendEmail({ to: user.email, subject: 'Choose a new Rebound password', kind: 'password-reset', react })
  return { sent: true, rendered: true }
}

async function findUsableResetToken(token: string, now: Date) {
  if (!/^[a-z2-7]{16,128}$/.test(token)) return null
  const row = await prisma.passwordResetToken.findUnique({ where: { tokenHash: hashResetToken(token) } })
  if (!row || row.usedAt || row.expiresAt <= now) return null
  return row
}

export async function isResetTokenUsable(token: string, now: Date = new Date()) {
  return (await findUsableResetToken(token, now)) !== null
}

/** Sets a new password from a reset link: single use, and every session of the user ends. */
export async function resetPassword(
  input: { token: string; password: string; ip?: string },
  now: Date = new Date(),
): Promise<{ ok: true; userId: string } | { ok: false }> {
  const row = await findUsableResetToken(input.token, now)
  if (!row) return { ok: false }
  const passwordHash = await hashPassword(PasswordSchema.parse(input.password))
  const used = await prisma.$transaction(async (tx) => {
    // The conditional update makes the token single-use even if two requests race.
    const { count } = await tx.passwordResetToken.updateMany({
      where: { id: row.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    })
    if (count !== 1) return false
    await tx.passwordResetToken.updateMany({ where: { userId: row.userId, usedAt: null }, data: { usedAt: now } })
    await tx.user.update({ where: { id: row.userId }, data: { passwordHash } })
    await tx.session.deleteMany({ where: { userId: row.userId } })
    await recordUserEvent(tx, row.userId, 'user.password_reset', input.ip)
    return true
  })
  return used ? { ok: true, userId: row.userId } : { ok: false }
}

// Settings -------------------------------------------------------------------------------------

/**
 * Changes the password when the current one is right and ends every session of the user, this one
 * included: the caller gets a new session (a new id) to carry on with.
 */
export async function changePassword(input: {
  userId: string
  sessionId: string
  currentPassword: string
  newPassword: string
  ip?: string
}): Promise<{ ok: true; token: string; sessionId: string } | { ok: false; reason: 'wrong-password' }> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: input.userId }, select: { passwordHash: true } })
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) return { ok: false, reason: 'wrong-password' }
  const passwordHash = await hashPassword(PasswordSchema.parse(input.newPassword))
  await prisma.user.update({ where: { id: input.userId }, data: { passwordHash } })
  await invalidateUserSessions(input.userId)
  const session = await createSession(input.userId)
  await recordUserEvent(prisma, input.userId, 'user.password_changed', input.ip)
  return { ok: true, ...session }
}

export async function updateUserName(userId: string, name: string) {
  await prisma.user.update({ where: { id: userId }, data: { name: NameSchema.parse(name) } })
}

const notificationFields = { notifyClientMessages: true, notifyRejections: true, notifyLowMood: true } as const
export type CoachNotificationPreferences = {
  notifyClientMessages: boolean
  notifyRejections: boolean
  notifyLowMood: boolean
}

/** Which kinds of word between digests the coach gets by email. */
export function findNotificationPreferences(userId: string) {
  return prisma.user.findUniqueOrThrow({ where: { id: userId }, select: notificationFields })
}

export async function updateNotificationPreferences(userId: string, preferences: CoachNotificationPreferences) {
  await prisma.user.update({ where: { id: userId }, data: preferences })
}
