import { describe, expect, test } from 'vitest'
import {
  authenticate,
  changePassword,
  EmailTakenError,
  hashResetToken,
  isResetTokenUsable,
  logIn,
  requestPasswordReset,
  resetPassword,
  signUp,
  slugify,
} from '~/auth/accounts.server'
import { hashPassword } from '~/auth/password.server'
import { createSession, validateSession } from '~/auth/session.server'
import { prisma } from '~/lib/db.server'
import { addMember, createPracticeWithOwner, createUser, defaultPassword, unique } from '../../tests/factories'

const newAccount = (
  overrides: Partial<{ name: string; email: string; password: string; practiceName: string }> = {},
) => ({
  name: 'Nora New',
  email: `${unique('nora-')}@example.test`,
  password: 'a long enough password',
  practiceName: `Northstar ${unique()}`,
  ...overrides,
})

/** The reset token from the link in the last reset email sent to `email`. */
async function resetTokenFromEmail(email: string) {
  const sent = await prisma.outboundEmail.findFirstOrThrow({
    where: { to: email, kind: 'password-reset' },
    orderBy: { createdAt: 'desc' },
  })
  const match = /reset-password\?token=([a-z2-7]+)/.exec(sent.text)
  if (!match?.[1]) throw new Error('no reset link in the email')
  return match[1]
}

describe('sign-up', () => {
  test('creates the user, a practice with a slug from its name, and an OWNER membership', async () => {
    const input = newAccount({
      email: `  ${unique('Mixed-')}@Example.TEST `,
      practiceName: `Ça Va Coaching ${unique()}`,
    })
    const { user, org } = await signUp(input)
    expect(user.email).toBe(input.email.trim().toLowerCase())
    expect(org.slug).toMatch(/^ca-va-coaching-[a-z0-9]+$/)
    const membership = await prisma.membership.findUniqueOrThrow({
      where: { organizationId_userId: { organizationId: org.id, userId: user.id } },
    })
    expect(membership.role).toBe('OWNER')
    expect(await prisma.auditEvent.count({ where: { organizationId: org.id, action: 'practice.created' } })).toBe(1)
  })

  test('a new practice starts with the default task templates', async () => {
    const { org } = await signUp(newAccount({ practiceName: `Templates ${unique()}` }))
    const types = (await prisma.taskTemplate.findMany({ where: { organizationId: org.id } })).map((t) => t.type)
    expect(types).toEqual(
      expect.arrayContaining(['FEEDBACK_REQUEST', 'FOLLOW_UP', 'MOCK_INTERVIEW', 'RESUME_TAILORING']),
    )
  })

  test('a second practice with the same name gets its own slug', async () => {
    const practiceName = `Same Name ${unique()}`
    const first = await signUp(newAccount({ practiceName }))
    const second = await signUp(newAccount({ practiceName }))
    expect(second.org.slug).not.toBe(first.org.slug)
    expect(second.org.slug.startsWith(first.org.slug)).toBe(true)
  })

  test('an email that already has an account is refused, in any case, and nothing is created', async () => {
    const existing = await createUser(prisma)
    const practiceName = `Dup ${unique()}`
    await expect(signUp(newAccount({ email: existing.email.toUpperCase(), practiceName }))).rejects.toBeInstanceOf(
      EmailTakenError,
    )
    expect(await prisma.organization.count({ where: { name: practiceName } })).toBe(0)
  })

  test('slugs are lower-case, hyphenated, and never a reserved word', () => {
    expect(slugify('  The Career Lab!! ')).toBe('the-career-lab')
    expect(slugify('new')).toBe('practice-new')
    expect(slugify('££')).toBe('practice')
  })
})

describe('passwords', () => {
  test('are stored as Argon2id with 19 MiB of memory, 2 passes and 1 lane', async () => {
    const { user } = await signUp(newAccount())
    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id } })
    expect(row.passwordHash.startsWith('$argon2id$v=19$m=19456,t=2,p=1$')).toBe(true)
  })

  test('of 8 and 256 characters are accepted; 7 and 257 are refused', async () => {
    const { SignUpInput } = await import('~/domain/practices/account-schemas')
    const { PasswordSchema } = await import('~/auth/password.server')
    for (const schema of [SignUpInput.shape.password, PasswordSchema]) {
      expect(schema.safeParse('x'.repeat(8)).success).toBe(true)
      expect(schema.safeParse('x'.repeat(256)).success).toBe(true)
      expect(schema.safeParse('x'.repeat(7)).success).toBe(false)
      expect(schema.safeParse('x'.repeat(257)).success).toBe(false)
    }
    const { user } = await signUp(newAccount({ password: 'y'.repeat(256) }))
    expect(await authenticate(user.email, 'y'.repeat(256))).not.toBeNull()
  })

  test('are never truncated: a 256-character password differing only in its last character fails', async () => {
    const password = `${'z'.repeat(255)}a`
    const user = await createUser(prisma, { passwordHash: await hashPassword(password) })
    expect(await authenticate(user.email, password)).not.toBeNull()
    expect(await authenticate(user.email, `${'z'.repeat(255)}b`)).toBeNull()
  })
})

describe('sign-in', () => {
  test('an unknown email and a wrong password get the same answer', async () => {
    const user = await createUser(prisma)
    const unknown = await authenticate(`${unique('nobody-')}@example.test`, defaultPassword)
    const wrong = await authenticate(user.email, 'not the password')
    expect(unknown).toBeNull()
    expect(wrong).toBeNull()
    expect(await logIn({ email: `${unique('nobody-')}@example.test`, password: defaultPassword })).toBeNull()
    expect(await logIn({ email: user.email, password: 'not the password' })).toBeNull()
  })

  test('an unknown email costs an Argon2 verification, like a wrong password', async () => {
    const user = await createUser(prisma)
    await authenticate(user.email, 'warm-up')
    const time = async (fn: () => Promise<unknown>) => {
      const started = performance.now()
      await fn()
      return performance.now() - started
    }
    const unknown = await time(() => authenticate(`${unique('nobody-')}@example.test`, 'guess'))
    const wrong = await time(() => authenticate(user.email, 'guess'))
    // Both spend roughly one Argon2id verification (tens of milliseconds); a skipped check would take ~1 ms.
    expect(unknown).toBeGreaterThan(wrong / 3)
  })

  test('the email matches in any case, and each sign-in starts a new session and is audited in every practice', async () => {
    const { org, owner } = await createPracticeWithOwner(prisma)
    const other = await createPracticeWithOwner(prisma)
    await addMember(prisma, other.org.id, owner.id, 'COACH')
    const first = await logIn({ email: owner.email.toUpperCase(), password: defaultPassword, ip: '203.0.113.9' })
    const second = await logIn({ email: owner.email, password: defaultPassword })
    expect(first?.user.id).toBe(owner.id)
    expect(second?.sessionId).not.toBe(first?.sessionId)
    for (const organizationId of [org.id, other.org.id]) {
      const events = await prisma.auditEvent.findMany({ where: { organizationId, action: 'user.signed_in' } })
      expect(events).toHaveLength(2)
      expect(events.every((e) => e.actorUserId === owner.id)).toBe(true)
    }
    expect(await prisma.auditEvent.count({ where: { organizationId: org.id, ip: '203.0.113.9' } })).toBe(1)
  })
})

describe('password reset', () => {
  test('an unknown address gets the same reply and no email; a real one gets one email with a link', async () => {
    const user = await createUser(prisma)
    const nobody = `${unique('nobody-')}@example.test`
    const forUnknown = await requestPasswordReset({ email: nobody })
    const forUser = await requestPasswordReset({ email: user.email.toUpperCase() })
    expect(Object.keys(forUnknown)).toEqual(Object.keys(forUser))
    expect(await prisma.outboundEmail.count({ where: { to: nobody } })).toBe(0)
    const emails = await prisma.outboundEmail.findMany({ where: { to: user.email } })
    expect(emails).toHaveLength(1)
    expect(emails[0]).toMatchObject({ kind: 'password-reset', status: 'OUTBOX' })
    expect(emails[0]!.html).toContain('/reset-password?token=')
  })

  test('only the token’s SHA-256 is stored; the token has at least 128 bits', async () => {
    const user = await createUser(prisma)
    await requestPasswordReset({ email: user.email })
    const token = await resetTokenFromEmail(user.email)
    expect(token.length * 5).toBeGreaterThanOrEqual(128)
    const row = await prisma.passwordResetToken.findFirstOrThrow({ where: { userId: user.id } })
    expect(row.tokenHash).toBe(hashResetToken(token))
    expect(row.tokenHash).not.toContain(token)
  })

  test('sets the new password, ends every session of the user, and works once', async () => {
    const user = await createUser(prisma)
    const sessions = await Promise.all([createSession(user.id), createSession(user.id)])
    await requestPasswordReset({ email: user.email })
    const token = await resetTokenFromEmail(user.email)
    expect(await resetPassword({ token, password: 'my brand new password' })).toMatchObject({ ok: true })
    for (const s of sessions) expect(await validateSession(s.token)).toBeNull()
    expect(await authenticate(user.email, 'my brand new password')).not.toBeNull()
    expect(await authenticate(user.email, defaultPassword)).toBeNull()
    expect(await resetPassword({ token, password: 'another new password' })).toEqual({ ok: false })
    expect(await isResetTokenUsable(token)).toBe(false)
  })

  test('a link expires after one hour', async () => {
    const user = await createUser(prisma)
    const asked = new Date('2026-03-02T09:00:00Z')
    await requestPasswordReset({ email: user.email }, asked)
    const token = await resetTokenFromEmail(user.email)
    expect(await isResetTokenUsable(token, new Date(asked.getTime() + 59 * 60_000))).toBe(true)
    const late = new Date(asked.getTime() + 60 * 60_000)
    expect(await resetPassword({ token, password: 'too late for this' }, late)).toEqual({ ok: false })
    expect(await authenticate(user.email, defaultPassword)).not.toBeNull()
  })

  test('a made-up token does nothing', async () => {
    expect(await resetPassword({ token: 'a'.repeat(32), password: 'whatever password' })).toEqual({ ok: false })
    expect(await resetPassword({ token: 'not base32!', password: 'whatever password' })).toEqual({ ok: false })
  })
})

describe('change password', () => {
  test('needs the current password', async () => {
    const user = await createUser(prisma)
    const current = await createSession(user.id)
    const result = await changePassword({
      userId: user.id,
      sessionId: current.sessionId,
      currentPassword: 'wrong one',
      newPassword: 'a new password here',
    })
    expect(result).toEqual({ ok: false, reason: 'wrong-password' })
    expect(await authenticate(user.email, defaultPassword)).not.toBeNull()
  })

  test('ends every session of the user, the current one too, and starts a new one with a new id', async () => {
    const user = await createUser(prisma)
    const [current, phone, laptop] = await Promise.all([1, 2, 3].map(() => createSession(user.id)))
    const result = await changePassword({
      userId: user.id,
      sessionId: current!.sessionId,
      currentPassword: defaultPassword,
      newPassword: 'a new password here',
    })
    expect(result).toEqual({ ok: true, token: expect.any(String), sessionId: expect.any(String) })
    if (!result.ok) throw new Error('not changed')
    expect(result.sessionId).not.toBe(current!.sessionId)
    expect((await validateSession(result.token))?.user.id).toBe(user.id)
    for (const old of [current, phone, laptop]) expect(await validateSession(old!.token)).toBeNull()
    expect(await authenticate(user.email, 'a new password here')).not.toBeNull()
  })
})
