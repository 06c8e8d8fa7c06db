import { describe, expect, test } from 'vitest'
import { logIn } from '~/auth/accounts.server'
import {
  challengeTtlMs,
  finishPasskeyRegistration,
  listPasskeys,
  relyingParty,
  removePasskey,
  startPasskeyAuthentication,
  startPasskeyRegistration,
  verifyPasskey,
} from '~/auth/passkeys.server'
import { createSession, validateSession } from '~/auth/session.server'
import { hasTwoFactor } from '~/auth/two-factor.server'
import { prisma } from '~/lib/db.server'
import { createPracticeWithOwner, defaultPassword } from '../../tests/factories'
import { SoftwareAuthenticator } from '../../tests/fakes/webauthn-authenticator'

const actions = async (userId: string) =>
  (await prisma.auditEvent.findMany({ where: { actorUserId: userId }, orderBy: { createdAt: 'asc' } })).map(
    (e) => e.action,
  )

/** An owner with one passkey on a software authenticator. */
async function ownerWithPasskey(authenticator = new SoftwareAuthenticator(relyingParty().origin), now = new Date()) {
  const { org, owner } = await createPracticeWithOwner(prisma)
  const { sessionId } = await createSession(owner.id, now)
  const options = await startPasskeyRegistration(owner, now)
  const response = authenticator.register(options)
  const added = await finishPasskeyRegistration({ userId: owner.id, sessionId, name: 'Work laptop', response }, now)
  if (!added.ok) throw new Error(`registration failed: ${added.reason}`)
  return { org, owner, sessionId, authenticator, added }
}

describe('registering a passkey', () => {
  test('the first passkey is saved with its public key, turns two-factor on, gives ten recovery codes and verifies the session', async () => {
    const { owner, sessionId, added } = await ownerWithPasskey()
    expect(added.passkey.name).toBe('Work laptop')
    expect(added.recoveryCodes).toHaveLength(10)
    const [stored] = await prisma.passkey.findMany({ where: { userId: owner.id } })
    expect(stored!.publicKey.length).toBeGreaterThan(60)
    expect(stored!.counter).toBe(1n)
    expect(stored!.transports).toEqual(['internal'])
    expect(await hasTwoFactor(owner.id)).toBe(true)
    const session = await prisma.session.findUnique({ where: { id: sessionId } })
    expect(session!.twoFactorVerifiedAt).not.toBeNull()
    expect(await actions(owner.id)).toContain('user.passkey_added')
    // The registration's challenge is gone: nothing is left to replay.
    expect(await prisma.webAuthnChallenge.count({ where: { userId: owner.id } })).toBe(0)
  })

  test('a second passkey keeps the recovery codes the account has, and the first is excluded from its options', async () => {
    const { owner, sessionId, authenticator } = await ownerWithPasskey()
    const options = await startPasskeyRegistration(owner)
    expect(options.excludeCredentials).toHaveLength(1)
    expect(options.authenticatorSelection?.residentKey).toBe('required')
    const second = await finishPasskeyRegistration({
      userId: owner.id,
      sessionId,
      name: 'Phone',
      response: authenticator.register(options),
    })
    expect(second).toMatchObject({ ok: true, recoveryCodes: null })
    expect((await listPasskeys(owner.id)).map((p) => p.name)).toEqual(['Work laptop', 'Phone'])
  })

  test('a registration answer works once, not after its challenge expires, and not for another account', async () => {
    const now = new Date()
    const { owner } = await createPracticeWithOwner(prisma)
    const { owner: other } = await createPracticeWithOwner(prisma)
    const { sessionId } = await createSession(owner.id, now)
    const authenticator = new SoftwareAuthenticator(relyingParty().origin)

    const late = authenticator.register(await startPasskeyRegistration(owner, now))
    const afterExpiry = new Date(now.getTime() + challengeTtlMs + 1000)
    expect(
      await finishPasskeyRegistration({ userId: owner.id, sessionId, name: 'x', response: late }, afterExpiry),
    ).toEqual({
      ok: false,
      reason: 'expired',
    })

    const stolen = authenticator.register(await startPasskeyRegistration(owner, now))
    expect(
      await finishPasskeyRegistration({ userId: other.id, sessionId, name: 'x', response: stolen }, now),
    ).toMatchObject({ ok: false, reason: 'expired' })

    const response = authenticator.register(await startPasskeyRegistration(owner, now))
    const first = await finishPasskeyRegistration({ userId: owner.id, sessionId, name: 'Laptop', response }, now)
    expect(first.ok).toBe(true)
    const again = await finishPasskeyRegistration({ userId: owner.id, sessionId, name: 'Laptop', response }, now)
    expect(again).toEqual({ ok: false, reason: 'expired' })
    expect(await prisma.passkey.count({ where: { userId: owner.id } })).toBe(1)
  })

  test('an answer made for another site is refused and audited', async () => {
    const { owner } = await createPracticeWithOwner(prisma)
    const { sessionId } = await createSession(owner.id)
    const phishing = new SoftwareAuthenticator('https://rebound-login.example')
    const response = phishing.register(await startPasskeyRegistration(owner))
    expect(await finishPasskeyRegistration({ userId: owner.id, sessionId, name: 'x', response })).toEqual({
      ok: false,
      reason: 'not-verified',
    })
    expect(await prisma.passkey.count({ where: { userId: owner.id } })).toBe(0)
    expect(await actions(owner.id)).toContain('user.passkey_add_failed')
  })
})

describe('signing in with a passkey', () => {
  test('password-less: a discoverable passkey signs its owner in, moves its counter on and notes when it was used', async () => {
    const { owner, authenticator } = await ownerWithPasskey()
    const options = await startPasskeyAuthentication(null)
    expect(options.allowCredentials ?? []).toEqual([])
    expect(options.userVerification).toBe('required')
    const response = authenticator.authenticate(options)
    const signedIn = await verifyPasskey({ userId: null, response })
    expect(signedIn).toEqual({ ok: true, user: { id: owner.id, email: owner.email, name: owner.name } })
    const stored = await prisma.passkey.findFirstOrThrow({ where: { userId: owner.id } })
    expect(stored.counter).toBe(2n)
    expect(stored.lastUsedAt).not.toBeNull()
    expect(await actions(owner.id)).toContain('user.signed_in_with_passkey')

    // The same signed answer again: its challenge was used.
    expect(await verifyPasskey({ userId: null, response })).toEqual({ ok: false, reason: 'expired' })
  })

  test('a counter that does not move on (a cloned authenticator) is refused', async () => {
    const { owner, authenticator } = await ownerWithPasskey()
    const options = await startPasskeyAuthentication(null)
    const cloned = authenticator.authenticate(options, undefined, { counter: 1 })
    expect(await verifyPasskey({ userId: null, response: cloned })).toEqual({ ok: false, reason: 'not-verified' })
    expect((await prisma.passkey.findFirstOrThrow({ where: { userId: owner.id } })).counter).toBe(1n)
    expect(await actions(owner.id)).toContain('user.passkey_failed')
  })

  test('password-less sign-in needs the person verified; the second step after a password does not', async () => {
    const { owner, authenticator } = await ownerWithPasskey()
    const presenceOnly = new SoftwareAuthenticator(relyingParty().origin, { userVerified: false })
    presenceOnly.passkeys.push(...authenticator.passkeys)
    const alone = presenceOnly.authenticate(await startPasskeyAuthentication(null))
    expect(await verifyPasskey({ userId: null, response: alone })).toEqual({ ok: false, reason: 'not-verified' })
    const second = presenceOnly.authenticate(await startPasskeyAuthentication(owner.id))
    expect(await verifyPasskey({ userId: owner.id, response: second })).toMatchObject({ ok: true })
    expect(await actions(owner.id)).toContain('user.passkey_passed')
  })

  test('as the second step: only the user’s own passkeys are offered and accepted, against a challenge made for them', async () => {
    const { owner, authenticator } = await ownerWithPasskey()
    const { owner: other, authenticator: othersAuthenticator } = await ownerWithPasskey()
    const options = await startPasskeyAuthentication(owner.id)
    expect(options.allowCredentials?.map((c) => c.id)).toEqual([
      authenticator.passkeys[0]!.credentialId.toString('base64url'),
    ])
    // Another account's passkey signing this user's challenge.
    const wrongKey = othersAuthenticator.authenticate(options, othersAuthenticator.passkeys[0])
    expect(await verifyPasskey({ userId: owner.id, response: wrongKey })).toEqual({ ok: false, reason: 'unknown' })
    // A challenge made for the password-less sign-in does not serve as the second step.
    const signInChallenge = authenticator.authenticate(await startPasskeyAuthentication(null))
    expect(await verifyPasskey({ userId: owner.id, response: signInChallenge })).toEqual({
      ok: false,
      reason: 'expired',
    })
    // Nor one made for another user.
    const othersChallenge = authenticator.authenticate(
      await startPasskeyAuthentication(other.id),
      authenticator.passkeys[0],
    )
    expect(await verifyPasskey({ userId: owner.id, response: othersChallenge })).toEqual({
      ok: false,
      reason: 'expired',
    })
    const mine = authenticator.authenticate(await startPasskeyAuthentication(owner.id))
    expect(await verifyPasskey({ userId: owner.id, response: mine })).toMatchObject({ ok: true })
  })

  test('a password sign-in of a member with only a passkey waits for the second step', async () => {
    const { owner } = await ownerWithPasskey()
    const session = await logIn({ email: owner.email, password: defaultPassword })
    expect(session?.twoFactorPending).toBe(true)
    expect(await validateSession(session!.token)).toMatchObject({ twoFactorPending: true, hasTwoFactor: true })
  })
})

describe('removing a passkey', () => {
  test('needs a sign-in from the last 10 minutes; a removed passkey no longer signs in', async () => {
    const now = new Date()
    const { owner, authenticator } = await ownerWithPasskey()
    const [passkey] = await listPasskeys(owner.id)
    const old = new Date(now.getTime() - 11 * 60 * 1000)
    expect(await removePasskey({ userId: owner.id, passkeyId: passkey!.id, signedInAt: old }, now)).toEqual({
      ok: false,
      reason: 'not-recent',
    })
    expect(await removePasskey({ userId: owner.id, passkeyId: passkey!.id, signedInAt: now }, now)).toEqual({
      ok: true,
      name: 'Work laptop',
    })
    expect(await hasTwoFactor(owner.id)).toBe(false)
    // The last factor took the recovery codes with it.
    expect(await prisma.recoveryCode.count({ where: { userId: owner.id } })).toBe(0)
    const response = authenticator.authenticate(await startPasskeyAuthentication(null))
    expect(await verifyPasskey({ userId: null, response })).toEqual({ ok: false, reason: 'unknown' })
    expect(await actions(owner.id)).toContain('user.passkey_removed')
  })

  test('another member’s passkey cannot be removed', async () => {
    const { owner } = await ownerWithPasskey()
    const { owner: other } = await createPracticeWithOwner(prisma)
    const [passkey] = await listPasskeys(owner.id)
    expect(await removePasskey({ userId: other.id, passkeyId: passkey!.id, signedInAt: new Date() })).toEqual({
      ok: false,
      reason: 'not-found',
    })
    expect(await prisma.passkey.count({ where: { userId: owner.id } })).toBe(1)
  })

  test('in a practice that requires two-factor sign-in, the last factor stays; one of two can go', async () => {
    const { org, owner, sessionId, authenticator } = await ownerWithPasskey()
    await prisma.organization.update({ where: { id: org.id }, data: { requireTwoFactor: true } })
    const [first] = await listPasskeys(owner.id)
    expect(await removePasskey({ userId: owner.id, passkeyId: first!.id, signedInAt: new Date() })).toEqual({
      ok: false,
      reason: 'required',
    })
    const options = await startPasskeyRegistration(owner)
    await finishPasskeyRegistration({
      userId: owner.id,
      sessionId,
      name: 'Phone',
      response: authenticator.register(options),
    })
    expect(await removePasskey({ userId: owner.id, passkeyId: first!.id, signedInAt: new Date() })).toMatchObject({
      ok: true,
    })
    expect(await prisma.recoveryCode.count({ where: { userId: owner.id, usedAt: null } })).toBe(10)
  })
})
