import { decodeBase32IgnorePadding } from '@oslojs/encoding'
import { generateHOTP } from '@oslojs/otp'
import { describe, expect, test } from 'vitest'
import { logIn } from '~/auth/accounts.server'
import { limitTwoFactor } from '~/auth/rate-limit.server'
import { requireTenant } from '~/auth/require-tenant.server'
import {
  completeTwoFactorSession,
  cookieHeaderFor,
  createSession,
  requireUser,
  validateSession,
} from '~/auth/session.server'
import {
  enableTotp,
  redeemRecoveryCode,
  regenerateRecoveryCodes,
  removeTotp,
  startTotpEnrolment,
  verifyTotpCode,
} from '~/auth/two-factor.server'
import { prisma } from '~/lib/db.server'
import { createPracticeWithOwner, defaultPassword, unique } from '../../tests/factories'

const step = 30_000
const codeAt = (key: Uint8Array, at: Date) => generateHOTP(key, BigInt(Math.floor(at.getTime() / step)), 6)

/** An owner with two-factor sign-in on, the key their app holds and their recovery codes. */
async function enrolledOwner(now = new Date()) {
  const { org, owner } = await createPracticeWithOwner(prisma)
  const { sessionId } = await createSession(owner.id, now)
  const enrolment = await startTotpEnrolment(owner)
  const key = decodeBase32IgnorePadding(enrolment.secret.replace(/ /g, ''))
  const enabled = await enableTotp(
    { userId: owner.id, sessionId, sealedKey: enrolment.sealedKey, code: codeAt(key, now) },
    now,
  )
  if (!enabled.ok) throw new Error(`enrolment failed: ${enabled.reason}`)
  return { org, owner, key, sessionId, recoveryCodes: enabled.recoveryCodes ?? [] }
}

const actions = async (userId: string) =>
  (await prisma.auditEvent.findMany({ where: { actorUserId: userId }, orderBy: { createdAt: 'asc' } })).map(
    (e) => e.action,
  )

describe('enrolling an authenticator app', () => {
  test('a wrong code turns nothing on and is audited; the right one stores the key encrypted and gives ten codes', async () => {
    const { owner } = await createPracticeWithOwner(prisma)
    const { sessionId } = await createSession(owner.id)
    const enrolment = await startTotpEnrolment(owner)
    expect(enrolment.qrCode).toMatch(/^data:image\/svg\+xml;base64,/)
    expect(Buffer.from(enrolment.qrCode.split(',')[1]!, 'base64').toString()).toContain('<svg')
    const key = decodeBase32IgnorePadding(enrolment.secret.replace(/ /g, ''))
    expect(key).toHaveLength(20)

    const wrong = String((Number(codeAt(key, new Date())) + 1) % 1_000_000).padStart(6, '0')
    expect(await enableTotp({ userId: owner.id, sessionId, sealedKey: enrolment.sealedKey, code: wrong })).toEqual({
      ok: false,
      reason: 'wrong-code',
    })
    expect(await prisma.totpCredential.count({ where: { userId: owner.id } })).toBe(0)

    const enabled = await enableTotp({
      userId: owner.id,
      sessionId,
      sealedKey: enrolment.sealedKey,
      code: codeAt(key, new Date()),
    })
    expect(enabled.ok).toBe(true)
    if (!enabled.ok || !enabled.recoveryCodes) throw new Error('the first factor comes with recovery codes')
    expect(new Set(enabled.recoveryCodes).size).toBe(10)
    for (const code of enabled.recoveryCodes) expect(code).toMatch(/^[A-Z2-7]{5}-[A-Z2-7]{5}$/)

    const stored = await prisma.totpCredential.findUniqueOrThrow({ where: { userId: owner.id } })
    expect(Buffer.from(stored.encryptedKey).includes(Buffer.from(key))).toBe(false)
    const hashes = await prisma.recoveryCode.findMany({ where: { userId: owner.id } })
    expect(hashes).toHaveLength(10)
    for (const row of hashes) expect(enabled.recoveryCodes.map((c) => c.replace('-', ''))).not.toContain(row.codeHash)

    // The session that enrolled is not sent back to the code page.
    const session = await prisma.session.findUniqueOrThrow({ where: { id: sessionId } })
    expect(session.twoFactorVerifiedAt).not.toBeNull()
    expect(await actions(owner.id)).toEqual(['user.two_factor_enrol_failed', 'user.two_factor_enabled'])
  })

  test('a key set up for one account does not open for another', async () => {
    const a = await createPracticeWithOwner(prisma)
    const b = await createPracticeWithOwner(prisma)
    const { sessionId } = await createSession(b.owner.id)
    const enrolment = await startTotpEnrolment(a.owner)
    const key = decodeBase32IgnorePadding(enrolment.secret.replace(/ /g, ''))
    const result = await enableTotp({
      userId: b.owner.id,
      sessionId,
      sealedKey: enrolment.sealedKey,
      code: codeAt(key, new Date()),
    })
    expect(result).toEqual({ ok: false, reason: 'expired' })
    expect(await enableTotp({ userId: b.owner.id, sessionId, sealedKey: '%00', code: '123456' })).toEqual({
      ok: false,
      reason: 'expired',
    })
  })
})

describe('signing in with two-factor', () => {
  test('the password alone gives a pending session that opens nothing until a code is checked', async () => {
    const { owner, org, key } = await enrolledOwner()
    const signedIn = await logIn({ email: owner.email, password: defaultPassword })
    expect(signedIn?.twoFactorPending).toBe(true)
    const pending = new Request(`http://localhost:3000/orgs/${org.slug}`, {
      headers: { Cookie: cookieHeaderFor(signedIn!.token) },
    })
    const thrown = await requireUser(pending).catch((e: unknown) => e)
    expect(thrown).toBeInstanceOf(Response)
    expect((thrown as Response).headers.get('Location')).toBe(
      `/login/two-factor?redirectTo=${encodeURIComponent(`/orgs/${org.slug}`)}`,
    )

    const now = new Date(Date.now() + step)
    expect(await verifyTotpCode({ userId: owner.id, code: codeAt(key, now) }, now)).toEqual({ ok: true })
    const next = await completeTwoFactorSession(signedIn!.sessionId, owner.id)
    expect(await validateSession(signedIn!.token)).toBeNull()
    const session = await validateSession(next.token)
    expect(session?.twoFactorPending).toBe(false)
    const t = await requireTenant(
      new Request(`http://localhost:3000/orgs/${org.slug}`, { headers: { Cookie: cookieHeaderFor(next.token) } }),
      { org: org.slug },
    )
    expect(t.org.id).toBe(org.id)
  })

  test('a code works once, and codes from other time steps do not work', async () => {
    const now = new Date()
    const { owner, key } = await enrolledOwner(now)
    // The enrolment used this step's code already.
    expect(await verifyTotpCode({ userId: owner.id, code: codeAt(key, now) }, now)).toEqual({
      ok: false,
      reason: 'wrong-code',
    })
    const later = new Date(now.getTime() + 5 * step)
    expect(await verifyTotpCode({ userId: owner.id, code: codeAt(key, later) }, later)).toEqual({ ok: true })
    expect(await verifyTotpCode({ userId: owner.id, code: codeAt(key, later) }, later)).toEqual({
      ok: false,
      reason: 'wrong-code',
    })
    const old = new Date(later.getTime() - 3 * step)
    const evenLater = new Date(later.getTime() + 3 * step)
    expect((await verifyTotpCode({ userId: owner.id, code: codeAt(key, old) }, evenLater)).ok).toBe(false)
    expect((await verifyTotpCode({ userId: owner.id, code: 'abcdef' }, evenLater)).ok).toBe(false)
    const audited = await actions(owner.id)
    expect(audited.filter((a) => a === 'user.two_factor_passed')).toHaveLength(1)
    expect(audited.filter((a) => a === 'user.two_factor_failed')).toHaveLength(4)
  })

  test('a recovery code works once, typed in any case, and says how many are left', async () => {
    const { owner, recoveryCodes } = await enrolledOwner()
    const code = recoveryCodes[3]!
    expect(await redeemRecoveryCode({ userId: owner.id, code: ` ${code.toLowerCase()} ` })).toEqual({
      ok: true,
      remaining: 9,
    })
    expect(await redeemRecoveryCode({ userId: owner.id, code })).toEqual({ ok: false, reason: 'wrong-code' })
    const other = await enrolledOwner()
    expect((await redeemRecoveryCode({ userId: other.owner.id, code: recoveryCodes[4]! })).ok).toBe(false)
    expect(await actions(owner.id)).toContain('user.recovery_code_used')
    expect(await actions(owner.id)).toContain('user.recovery_code_failed')
  })

  test('five codes a minute per account; the sixth waits and says how long', async () => {
    const userId = unique('user-')
    const now = new Date()
    for (let i = 0; i < 5; i++) expect((await limitTwoFactor({ userId, ip: '203.0.113.9' }, now)).allowed).toBe(true)
    const refused = await limitTwoFactor({ userId, ip: '198.51.100.4' }, now)
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 60 })
    expect((await limitTwoFactor({ userId, ip: '198.51.100.4' }, new Date(now.getTime() + 61_000))).allowed).toBe(true)
  })
})

describe('changing two-factor sign-in', () => {
  test('turning it off or making new codes needs a sign-in from the last 10 minutes', async () => {
    const { owner, recoveryCodes } = await enrolledOwner()
    const signedInAt = new Date(Date.now() - 11 * 60_000)
    expect(await removeTotp({ userId: owner.id, signedInAt })).toEqual({ ok: false, reason: 'not-recent' })
    expect(await regenerateRecoveryCodes({ userId: owner.id, signedInAt })).toEqual({ ok: false, reason: 'not-recent' })
    expect(await prisma.totpCredential.count({ where: { userId: owner.id } })).toBe(1)

    const fresh = await regenerateRecoveryCodes({ userId: owner.id, signedInAt: new Date() })
    expect(fresh.ok).toBe(true)
    expect((await redeemRecoveryCode({ userId: owner.id, code: recoveryCodes[0]! })).ok).toBe(false)
    if (fresh.ok) expect((await redeemRecoveryCode({ userId: owner.id, code: fresh.recoveryCodes[0]! })).ok).toBe(true)

    expect(await removeTotp({ userId: owner.id, signedInAt: new Date() })).toEqual({ ok: true })
    expect(await prisma.totpCredential.count({ where: { userId: owner.id } })).toBe(0)
    expect(await prisma.recoveryCode.count({ where: { userId: owner.id } })).toBe(0)
    expect(await actions(owner.id)).toEqual(
      expect.arrayContaining(['user.recovery_codes_regenerated', 'user.two_factor_removed']),
    )
  })

  test('a member of a practice that requires two-factor cannot turn it off', async () => {
    const { owner, org } = await enrolledOwner()
    await prisma.organization.update({ where: { id: org.id }, data: { requireTwoFactor: true } })
    expect(await removeTotp({ userId: owner.id, signedInAt: new Date() })).toEqual({ ok: false, reason: 'required' })
  })

  test('a practice that requires two-factor sends a member without it to set it up, and opens once they have', async () => {
    const { org, owner } = await createPracticeWithOwner(prisma, { org: { requireTwoFactor: true } })
    const { token, sessionId } = await createSession(owner.id)
    const request = () =>
      new Request(`http://localhost:3000/orgs/${org.slug}/clients`, { headers: { Cookie: cookieHeaderFor(token) } })
    const thrown = await requireTenant(request(), { org: org.slug }).catch((e: unknown) => e)
    expect((thrown as Response).status).toBe(302)
    expect((thrown as Response).headers.get('Location')).toBe(
      `/settings/two-factor?redirectTo=${encodeURIComponent(`/orgs/${org.slug}/clients`)}`,
    )
    const enrolment = await startTotpEnrolment(owner)
    const key = decodeBase32IgnorePadding(enrolment.secret.replace(/ /g, ''))
    await enableTotp({ userId: owner.id, sessionId, sealedKey: enrolment.sealedKey, code: codeAt(key, new Date()) })
    expect((await requireTenant(request(), { org: org.slug })).org.id).toBe(org.id)
  })
})
