import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { sha256 } from '@oslojs/crypto/sha2'
import { constantTimeEqual } from '@oslojs/crypto/subtle'
import { encodeBase32NoPadding, encodeBase32UpperCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding'
import { createTOTPKeyURI, generateHOTP } from '@oslojs/otp'
import QRCode from 'qrcode'
import { recordUserEvent } from '~/domain/practices/audit.server'
import { prisma } from '~/lib/db.server'
import { getEnv } from '~/lib/env.server'

// Two-factor sign-in with an authenticator app (TOTP, RFC 6238: 30-second steps, 6 digits, SHA-1,
// which every app reads) and ten single-use recovery codes. The key is stored encrypted; a code is
// accepted once (the time step is remembered); recovery codes are stored as SHA-256 only.

const period = 30
const digits = 6
const keyBytes = 20
const recoveryCodeCount = 10
/** Removing a factor or making new recovery codes needs a sign-in this recent. */
export const recentSignInMs = 10 * 60 * 1000

export type TwoFactorResult = { ok: true } | { ok: false; reason: 'wrong-code' }

// Encryption of the key -------------------------------------------------------------------------

function encryptionKey() {
  return Buffer.from(hkdfSync('sha256', getEnv().SESSION_SECRET, 'rebound', 'totp key encryption', 32))
}

/** AES-256-GCM, bound to the user: a sealed key copied to another account does not open. */
function seal(key: Uint8Array, userId: string) {
  const nonce = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', encryptionKey(), nonce)
  cipher.setAAD(Buffer.from(userId))
  const body = Buffer.concat([cipher.update(key), cipher.final()])
  return Buffer.concat([nonce, body, cipher.getAuthTag()])
}

function unseal(sealed: Uint8Array, userId: string): Uint8Array | null {
  if (sealed.length !== 12 + keyBytes + 16) return null
  try {
    const buffer = Buffer.from(sealed)
    const decipher = createDecipheriv('aes-256-gcm', encryptionKey(), buffer.subarray(0, 12))
    decipher.setAAD(Buffer.from(userId))
    decipher.setAuthTag(buffer.subarray(12 + keyBytes))
    return new Uint8Array(Buffer.concat([decipher.update(buffer.subarray(12, 12 + keyBytes)), decipher.final()]))
  } catch {
    return null
  }
}

// Codes -----------------------------------------------------------------------------------------

/** Six digits, with any spaces or dashes people type between them removed; null if not a code. */
export function normaliseTotpCode(input: string) {
  const code = input.replace(/[\s-]/g, '')
  return /^\d{6}$/.test(code) ? code : null
}

/** The time step of a code that matches at `now` (one step either side, for clock drift), if any. */
function matchingCounter(key: Uint8Array, code: string, now: Date) {
  const current = Math.floor(now.getTime() / 1000 / period)
  for (const counter of [current, current - 1, current + 1]) {
    const expected = generateHOTP(key, BigInt(counter), digits)
    if (constantTimeEqual(new TextEncoder().encode(expected), new TextEncoder().encode(code))) return counter
  }
  return null
}

export function normaliseRecoveryCode(input: string) {
  const code = input.toUpperCase().replace(/[^A-Z2-7]/g, '')
  return code.length === 10 ? code : null
}

const hashCode = (code: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(`recovery/${code}`)))

function newRecoveryCodes() {
  return Array.from({ length: recoveryCodeCount }, () => {
    // 50 random bits each, written as two groups of five for reading aloud.
    const code = encodeBase32UpperCaseNoPadding(randomBytes(7)).slice(0, 10)
    return `${code.slice(0, 5)}-${code.slice(5)}`
  })
}

// Enrolment -------------------------------------------------------------------------------------

/** A second factor of any kind: an authenticator app or a passkey. */
export async function hasTwoFactor(userId: string) {
  const [totp, passkeys] = await Promise.all([
    prisma.totpCredential.count({ where: { userId } }),
    prisma.passkey.count({ where: { userId } }),
  ])
  return totp + passkeys > 0
}

type RecoveryCodeDb = Pick<typeof prisma, 'recoveryCode'>

async function replaceRecoveryCodes(db: RecoveryCodeDb, userId: string) {
  const recoveryCodes = newRecoveryCodes()
  await db.recoveryCode.deleteMany({ where: { userId } })
  await db.recoveryCode.createMany({
    data: recoveryCodes.map((c) => ({ userId, codeHash: hashCode(normaliseRecoveryCode(c)!) })),
  })
  return recoveryCodes
}

/**
 * Ten recovery codes for an account's first second factor; null when the account already has
 * codes (from its other factor), which stay as they are.
 */
export async function issueRecoveryCodesIfNone(db: RecoveryCodeDb, userId: string) {
  if ((await db.recoveryCode.count({ where: { userId } })) > 0) return null
  return replaceRecoveryCodes(db, userId)
}

/**
 * A fresh key to scan: the otpauth URI as a QR code (an SVG data URL, drawn on the server), the
 * secret as text for typing in, and the key sealed for the form that confirms it.
 */
export function startTotpEnrolment(user: { id: string; email: string }) {
  return enrolmentFor(user, new Uint8Array(randomBytes(keyBytes)))
}

/** The same enrolment again (after a mistyped code), so the key already scanned stays the one to confirm. */
export function resumeTotpEnrolment(user: { id: string; email: string }, sealedKey: string) {
  const key = /^[\w-]{1,200}$/.test(sealedKey) ? unseal(Buffer.from(sealedKey, 'base64url'), user.id) : null
  return key ? enrolmentFor(user, key) : startTotpEnrolment(user)
}

async function enrolmentFor(user: { id: string; email: string }, key: Uint8Array) {
  const uri = createTOTPKeyURI('Rebound', user.email, key, period, digits)
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
  return {
    secret: encodeBase32NoPadding(key)
      .match(/.{1,4}/g)!
      .join(' '),
    qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
    sealedKey: seal(key, user.id).toString('base64url'),
  }
}

/**
 * Turns on two-factor sign-in once a code from the app proves it was set up. Returns the ten
 * recovery codes, which are never shown again. The session that enrolled counts as verified.
 */
export async function enableTotp(
  input: { userId: string; sessionId: string; sealedKey: string; code: string; ip?: string | null },
  now: Date = new Date(),
): Promise<{ ok: true; recoveryCodes: string[] | null } | { ok: false; reason: 'wrong-code' | 'expired' | 'already' }> {
  const key = /^[\w-]{1,200}$/.test(input.sealedKey)
    ? unseal(Buffer.from(input.sealedKey, 'base64url'), input.userId)
    : null
  if (!key) return { ok: false, reason: 'expired' }
  const code = normaliseTotpCode(input.code)
  const counter = code ? matchingCounter(key, code, now) : null
  if (counter === null) {
    await recordUserEvent(prisma, input.userId, 'user.two_factor_enrol_failed', input.ip)
    return { ok: false, reason: 'wrong-code' }
  }
  const created = await prisma.$transaction(async (tx) => {
    if (await tx.totpCredential.findUnique({ where: { userId: input.userId }, select: { userId: true } })) return false
    await tx.totpCredential.create({
      data: { userId: input.userId, encryptedKey: seal(key, input.userId), lastCounter: counter, createdAt: now },
    })
    const recoveryCodes = await issueRecoveryCodesIfNone(tx, input.userId)
    await tx.session.updateMany({ where: { id: input.sessionId }, data: { twoFactorVerifiedAt: now } })
    await recordUserEvent(tx, input.userId, 'user.two_factor_enabled', input.ip)
    return { recoveryCodes }
  })
  return created ? { ok: true, recoveryCodes: created.recoveryCodes } : { ok: false, reason: 'already' }
}

// Sign-in ---------------------------------------------------------------------------------------

/** Checks a code from the authenticator app; a code is accepted once, so a watched code cannot be replayed. */
export async function verifyTotpCode(
  input: { userId: string; code: string; ip?: string | null },
  now: Date = new Date(),
): Promise<TwoFactorResult> {
  const credential = await prisma.totpCredential.findUnique({ where: { userId: input.userId } })
  const key = credential ? unseal(credential.encryptedKey, input.userId) : null
  const code = normaliseTotpCode(input.code)
  const counter = key && code ? matchingCounter(key, code, now) : null
  // The conditional update makes each time step single-use even if two requests race.
  const accepted =
    counter !== null &&
    (
      await prisma.totpCredential.updateMany({
        where: { userId: input.userId, lastCounter: { lt: counter } },
        data: { lastCounter: counter },
      })
    ).count === 1
  await recordUserEvent(prisma, input.userId, accepted ? 'user.two_factor_passed' : 'user.two_factor_failed', input.ip)
  return accepted ? { ok: true } : { ok: false, reason: 'wrong-code' }
}

/** Signs in with a recovery code instead of the app: each code works once. */
export async function redeemRecoveryCode(
  input: { userId: string; code: string; ip?: string | null },
  now: Date = new Date(),
): Promise<TwoFactorResult & { remaining?: number }> {
  const code = normaliseRecoveryCode(input.code)
  const { count } = code
    ? await prisma.recoveryCode.updateMany({
        where: { userId: input.userId, codeHash: hashCode(code), usedAt: null },
        data: { usedAt: now },
      })
    : { count: 0 }
  if (count !== 1) {
    await recordUserEvent(prisma, input.userId, 'user.recovery_code_failed', input.ip)
    return { ok: false, reason: 'wrong-code' }
  }
  await recordUserEvent(prisma, input.userId, 'user.recovery_code_used', input.ip)
  const remaining = await prisma.recoveryCode.count({ where: { userId: input.userId, usedAt: null } })
  return { ok: true, remaining }
}

// Settings --------------------------------------------------------------------------------------

export function isSignInRecent(signedInAt: Date, now: Date = new Date()) {
  return now.getTime() - signedInAt.getTime() < recentSignInMs
}

export async function twoFactorStatus(userId: string) {
  const [credential, remaining, passkeys] = await Promise.all([
    prisma.totpCredential.findUnique({ where: { userId }, select: { createdAt: true } }),
    prisma.recoveryCode.count({ where: { userId, usedAt: null } }),
    prisma.passkey.count({ where: { userId } }),
  ])
  return { enabledAt: credential?.createdAt ?? null, recoveryCodesLeft: remaining, passkeys }
}

/**
 * Removes the authenticator app. Only from a recent sign-in, so a session left open cannot do it.
 * With passkeys left, two-factor sign-in stays on (and the recovery codes stay); without, it is off,
 * which a member of a practice that requires it cannot do.
 */
export async function removeTotp(
  input: { userId: string; signedInAt: Date; ip?: string | null },
  now: Date = new Date(),
): Promise<{ ok: true } | { ok: false; reason: 'not-recent' | 'required' | 'not-enabled' }> {
  if (!isSignInRecent(input.signedInAt, now)) return { ok: false, reason: 'not-recent' }
  if ((await prisma.totpCredential.count({ where: { userId: input.userId } })) === 0)
    return { ok: false, reason: 'not-enabled' }
  const last = (await prisma.passkey.count({ where: { userId: input.userId } })) === 0
  if (last && (await practicesRequiringTwoFactor(input.userId)).length > 0) return { ok: false, reason: 'required' }
  await prisma.$transaction(async (tx) => {
    await tx.totpCredential.deleteMany({ where: { userId: input.userId } })
    if (last) await tx.recoveryCode.deleteMany({ where: { userId: input.userId } })
    await recordUserEvent(tx, input.userId, 'user.two_factor_removed', input.ip)
  })
  return { ok: true }
}

/** Ten new recovery codes in place of the old ones (shown once). Only from a recent sign-in. */
export async function regenerateRecoveryCodes(
  input: { userId: string; signedInAt: Date; ip?: string | null },
  now: Date = new Date(),
): Promise<{ ok: true; recoveryCodes: string[] } | { ok: false; reason: 'not-recent' | 'not-enabled' }> {
  if (!isSignInRecent(input.signedInAt, now)) return { ok: false, reason: 'not-recent' }
  if (!(await hasTwoFactor(input.userId))) return { ok: false, reason: 'not-enabled' }
  const recoveryCodes = await prisma.$transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(tx, input.userId)
    await recordUserEvent(tx, input.userId, 'user.recovery_codes_regenerated', input.ip)
    return codes
  })
  return { ok: true, recoveryCodes }
}

/** The practices of this user that require every member to use two-factor sign-in. */
export async function practicesRequiringTwoFactor(userId: string) {
  const rows = await prisma.membership.findMany({
    where: { userId, organization: { requireTwoFactor: true } },
    select: { organization: { select: { name: true, slug: true } } },
  })
  return rows.map((r) => r.organization)
}
