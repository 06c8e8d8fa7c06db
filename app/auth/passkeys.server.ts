import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server'
import { recordUserEvent } from '~/domain/practices/audit.server'
import { issueRecoveryCodesIfNone, isSignInRecent, practicesRequiringTwoFactor } from '~/auth/two-factor.server'
import { prisma } from '~/lib/db.server'
import { getEnv } from '~/lib/env.server'
import { logger } from '~/lib/logger.server'

// Passkeys (WebAuthn) with @simplewebauthn/server: registered in the account's two-factor settings,
// used as the second step after a password, or alone ("Sign in with a passkey", discoverable
// credentials with user verification). Every ceremony's challenge is kept here, bound to its
// purpose and user, and is taken once before it expires: a response signed over any other
// challenge, or over the same one twice, is refused.

/** How long a browser has to answer a challenge. */
export const challengeTtlMs = 5 * 60 * 1000
const maxPasskeysPerUser = 20

export type CeremonyPurpose = 'register' | 'second-factor' | 'sign-in'

/** The relying party: the site's host name and origin, from APP_URL. */
export function relyingParty() {
  const url = new URL(getEnv().APP_URL)
  return { id: url.hostname, origin: url.origin, name: 'Rebound' }
}

// Challenges ------------------------------------------------------------------------------------

async function storeChallenge(challenge: string, purpose: CeremonyPurpose, userId: string | null, now: Date) {
  // Old challenges are worth nothing; clearing them here keeps the table small without a job.
  await prisma.webAuthnChallenge.deleteMany({ where: { expiresAt: { lt: now } } })
  await prisma.webAuthnChallenge.create({
    data: { challenge, purpose, userId, createdAt: now, expiresAt: new Date(now.getTime() + challengeTtlMs) },
  })
}

/** The challenge a browser's response was signed over, read from its clientDataJSON; null if unreadable. */
export function challengeOf(response: { response?: { clientDataJSON?: unknown } }) {
  const encoded = response.response?.clientDataJSON
  if (typeof encoded !== 'string' || encoded.length > 4096) return null
  try {
    const clientData: unknown = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'))
    const challenge = (clientData as { challenge?: unknown } | null)?.challenge
    return typeof challenge === 'string' && /^[\w-]{16,128}$/.test(challenge) ? challenge : null
  } catch {
    return null
  }
}

/**
 * The library's verdict on a browser's response, checked against the challenge taken for it on this
 * site; null (logged) when the library refuses the response by throwing.
 */
async function verdictOf<R, T>(
  ceremony: 'registration' | 'authentication',
  response: R,
  challenge: string,
  verify: (expected: {
    response: R
    expectedChallenge: string
    expectedOrigin: string
    expectedRPID: string
  }) => Promise<T>,
): Promise<T | null> {
  const rp = relyingParty()
  return verify({ response, expectedChallenge: challenge, expectedOrigin: rp.origin, expectedRPID: rp.id }).catch(
    (error: unknown) => {
      logger.info({ error: String(error) }, `passkey ${ceremony} refused`)
      return null
    },
  )
}

/**
 * Takes the challenge for this purpose and user, once: the delete succeeds for one request only,
 * however many race, and never after the expiry.
 */
export async function takeChallenge(
  challenge: string | null,
  purpose: CeremonyPurpose,
  userId: string | null,
  now: Date,
) {
  if (!challenge) return false
  const { count } = await prisma.webAuthnChallenge.deleteMany({
    where: { challenge, purpose, userId, expiresAt: { gt: now } },
  })
  return count === 1
}

/** Parses a browser's JSON answer; null for anything that is not an object with an id. */
export function parseCeremonyResponse<T extends RegistrationResponseJSON | AuthenticationResponseJSON>(
  json: string,
): T | null {
  if (json.length > 64_000) return null
  try {
    const value: unknown = JSON.parse(json)
    if (!value || typeof value !== 'object') return null
    const { id, response } = value as { id?: unknown; response?: unknown }
    return typeof id === 'string' && id.length <= 1024 && response && typeof response === 'object' ? (value as T) : null
  } catch {
    return null
  }
}

const asTransports = (transports: string[]) => transports as AuthenticatorTransport[]

// Registration ----------------------------------------------------------------------------------

/** Options for the browser to create a passkey for this user (a discoverable one, so it can sign in alone). */
export async function startPasskeyRegistration(user: { id: string; email: string; name: string }, now = new Date()) {
  const rp = relyingParty()
  const existing = await prisma.passkey.findMany({
    where: { userId: user.id },
    select: { credentialId: true, transports: true },
  })
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.email,
    userDisplayName: user.name,
    userID: new TextEncoder().encode(user.id),
    attestationType: 'none',
    // The same authenticator twice would be one device under two names.
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: asTransports(p.transports) })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
    timeout: challengeTtlMs,
  })
  await storeChallenge(options.challenge, 'register', user.id, now)
  return options
}

export type RegisterResult =
  | { ok: true; passkey: { id: string; name: string }; recoveryCodes: string[] | null }
  | { ok: false; reason: 'expired' | 'not-verified' | 'already' | 'too-many' }

/**
 * Saves the passkey the browser created, once its attestation checks out against a challenge made
 * for this user. The first factor an account gets comes with ten recovery codes (shown once).
 * The session that registered counts as having passed two-factor sign-in.
 */
export async function finishPasskeyRegistration(
  input: { userId: string; sessionId: string; name: string; response: RegistrationResponseJSON; ip?: string | null },
  now = new Date(),
): Promise<RegisterResult> {
  const challenge = challengeOf(input.response)
  if (!(await takeChallenge(challenge, 'register', input.userId, now))) return { ok: false, reason: 'expired' }
  if ((await prisma.passkey.count({ where: { userId: input.userId } })) >= maxPasskeysPerUser)
    return { ok: false, reason: 'too-many' }
  const verification = await verdictOf('registration', input.response, challenge!, (expected) =>
    verifyRegistrationResponse({ ...expected, requireUserVerification: false }),
  )
  const info = verification?.verified ? verification.registrationInfo : undefined
  if (!info) {
    await recordUserEvent(prisma, input.userId, 'user.passkey_add_failed', input.ip)
    return { ok: false, reason: 'not-verified' }
  }
  const { credential } = info
  const saved = await prisma.$transaction(async (tx) => {
    if (await tx.passkey.findUnique({ where: { credentialId: credential.id }, select: { id: true } })) return null
    const passkey = await tx.passkey.create({
      data: {
        userId: input.userId,
        credentialId: credential.id,
        publicKey: Buffer.from(credential.publicKey),
        counter: BigInt(credential.counter),
        transports: credential.transports ?? [],
        deviceType: info.credentialDeviceType,
        backedUp: info.credentialBackedUp,
        name: input.name,
        createdAt: now,
      },
      select: { id: true, name: true },
    })
    const recoveryCodes = await issueRecoveryCodesIfNone(tx, input.userId)
    await tx.session.updateMany({ where: { id: input.sessionId }, data: { twoFactorVerifiedAt: now } })
    await recordUserEvent(tx, input.userId, 'user.passkey_added', input.ip)
    return { passkey, recoveryCodes }
  })
  return saved ? { ok: true, ...saved } : { ok: false, reason: 'already' }
}

// Authentication --------------------------------------------------------------------------------

/**
 * Options for the browser to sign with a passkey. With a user (the second step after a password),
 * only that user's passkeys are offered; without one (password-less), the browser offers the
 * discoverable passkeys it holds for this site, and the person must be verified (PIN, fingerprint).
 */
export async function startPasskeyAuthentication(userId: string | null, now = new Date()) {
  const rp = relyingParty()
  const allowCredentials = userId
    ? (await prisma.passkey.findMany({ where: { userId }, select: { credentialId: true, transports: true } })).map(
        (p) => ({ id: p.credentialId, transports: asTransports(p.transports) }),
      )
    : []
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    allowCredentials,
    userVerification: userId ? 'preferred' : 'required',
    timeout: challengeTtlMs,
  })
  await storeChallenge(options.challenge, userId ? 'second-factor' : 'sign-in', userId, now)
  return options
}

export type AuthenticateResult =
  | { ok: true; user: { id: string; email: string; name: string } }
  | { ok: false; reason: 'expired' | 'unknown' | 'not-verified' }

/**
 * Checks a passkey's signature against a challenge made for this purpose (and user), and that its
 * counter moved on: a counter that did not is a cloned authenticator, refused. `userId` set: the
 * passkey must be that user's (second factor); null: any user's, with user verification (sign-in).
 */
export async function verifyPasskey(
  input: { userId: string | null; response: AuthenticationResponseJSON; ip?: string | null },
  now = new Date(),
): Promise<AuthenticateResult> {
  const purpose = input.userId ? 'second-factor' : 'sign-in'
  const challenge = challengeOf(input.response)
  if (!(await takeChallenge(challenge, purpose, input.userId, now))) return { ok: false, reason: 'expired' }
  const passkey = await prisma.passkey.findUnique({
    where: { credentialId: input.response.id },
    include: { user: { select: { id: true, email: true, name: true } } },
  })
  if (!passkey || (input.userId && passkey.userId !== input.userId)) {
    if (input.userId) await recordUserEvent(prisma, input.userId, 'user.passkey_failed', input.ip)
    return { ok: false, reason: 'unknown' }
  }
  const verification = await verdictOf('authentication', input.response, challenge!, (expected) =>
    verifyAuthenticationResponse({
      ...expected,
      credential: {
        id: passkey.credentialId,
        publicKey: new Uint8Array(passkey.publicKey),
        counter: Number(passkey.counter),
        transports: asTransports(passkey.transports),
      },
      requireUserVerification: input.userId === null,
    }),
  )
  // The conditional update orders two racing uses of one signature count: only one moves it on.
  const accepted =
    verification?.verified === true &&
    (
      await prisma.passkey.updateMany({
        where: { id: passkey.id, counter: passkey.counter },
        data: { counter: BigInt(verification.authenticationInfo.newCounter), lastUsedAt: now },
      })
    ).count === 1
  const action = !accepted
    ? 'user.passkey_failed'
    : input.userId
      ? 'user.passkey_passed'
      : 'user.signed_in_with_passkey'
  await recordUserEvent(prisma, passkey.userId, action, input.ip)
  return accepted ? { ok: true, user: passkey.user } : { ok: false, reason: 'not-verified' }
}

// Settings --------------------------------------------------------------------------------------

export function listPasskeys(userId: string) {
  return prisma.passkey.findMany({
    where: { userId },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true, deviceType: true },
    orderBy: { createdAt: 'asc' },
  })
}

/**
 * Removes one of the user's passkeys. Only from a recent sign-in, and never the last factor of a
 * member of a practice that requires two-factor sign-in. The last factor going takes the recovery
 * codes with it.
 */
export async function removePasskey(
  input: { userId: string; passkeyId: string; signedInAt: Date; ip?: string | null },
  now = new Date(),
): Promise<{ ok: true; name: string } | { ok: false; reason: 'not-recent' | 'not-found' | 'required' }> {
  if (!isSignInRecent(input.signedInAt, now)) return { ok: false, reason: 'not-recent' }
  const passkey = await prisma.passkey.findFirst({
    where: { id: input.passkeyId, userId: input.userId },
    select: { id: true, name: true },
  })
  if (!passkey) return { ok: false, reason: 'not-found' }
  const [others, totp] = await Promise.all([
    prisma.passkey.count({ where: { userId: input.userId, id: { not: passkey.id } } }),
    prisma.totpCredential.count({ where: { userId: input.userId } }),
  ])
  const last = others === 0 && totp === 0
  if (last && (await practicesRequiringTwoFactor(input.userId)).length > 0) return { ok: false, reason: 'required' }
  const removed = await prisma.$transaction(async (tx) => {
    const { count } = await tx.passkey.deleteMany({ where: { id: passkey.id, userId: input.userId } })
    if (count !== 1) return false
    if (last) await tx.recoveryCode.deleteMany({ where: { userId: input.userId } })
    await recordUserEvent(tx, input.userId, 'user.passkey_removed', input.ip)
    return true
  })
  return removed ? { ok: true, name: passkey.name } : { ok: false, reason: 'not-found' }
}
