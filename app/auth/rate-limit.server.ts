import type { AppLoadContext } from '@remix-run/node'
import { Prisma } from '~/generated/prisma/client'
import { prisma } from '~/lib/db.server'

// Token buckets kept in PostgreSQL, so a limit holds across every app instance. A bucket
// refills continuously: someone who hits a limit waits a little, never forever.

export type BucketOptions = { capacity: number; refillPerSecond: number }
export type RateLimitResult = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number }

export const limits = {
  /** Sign-ins to one account from browsers it has never signed in from, wherever they are. */
  loginPerAccount: { capacity: 10, refillPerSecond: 1 / 30 },
  /** Sign-ins to one account from one address. */
  loginPerAccountAndIp: { capacity: 10, refillPerSecond: 1 / 30 },
  /** Sign-ins from a browser that signed in to the account before: its own bucket, out of strangers' reach. */
  loginPerKnownDevice: { capacity: 10, refillPerSecond: 1 / 30 },
  loginPerIp: { capacity: 50, refillPerSecond: 1 / 5 },
  resetPerAccount: { capacity: 3, refillPerSecond: 1 / 600 },
  resetPerIp: { capacity: 10, refillPerSecond: 1 / 60 },
  signupPerIp: { capacity: 10, refillPerSecond: 1 / 120 },
  /** Two-factor and recovery codes for one account: a million codes cannot be walked through. */
  twoFactorPerAccount: { capacity: 5, refillPerSecond: 1 / 60 },
  twoFactorPerIp: { capacity: 30, refillPerSecond: 1 / 10 },
  /** Password-less passkey sign-ins (and the challenges they ask for) from one address: nobody is known yet. */
  passkeySignInPerIp: { capacity: 30, refillPerSecond: 1 / 10 },
  /** Passkey challenges one signed-in account asks for (each is a row until it is used or expires). */
  passkeyChallengesPerAccount: { capacity: 20, refillPerSecond: 1 / 15 },
  /** Single sign-on starts and callbacks from one address, and starts for one email or practice. */
  ssoPerIp: { capacity: 30, refillPerSecond: 1 / 10 },
  ssoPerIdentifier: { capacity: 10, refillPerSecond: 1 / 30 },
} satisfies Record<string, BucketOptions>

// `now` comes from the caller (a fake clock in tests), sent as epoch milliseconds and read back as
// UTC, the way Prisma stores DateTime columns.
function sqlTime(now: Date) {
  return Prisma.sql`(to_timestamp(${now.getTime()}::float8 / 1000) AT TIME ZONE 'UTC')`
}

/**
 * Takes one token from the bucket `key`. One statement, so concurrent requests on any number
 * of servers cannot both take the last token: the row lock of ON CONFLICT orders them.
 */
export async function consume(key: string, options: BucketOptions, now: Date = new Date()): Promise<RateLimitResult> {
  const { capacity, refillPerSecond } = options
  const at = sqlTime(now)
  const refilled = Prisma.sql`LEAST(${capacity}::float8, b."tokens" + GREATEST(0, EXTRACT(EPOCH FROM (${at} - b."updatedAt"))::float8) * ${refillPerSecond}::float8)`
  const taken = await prisma.$queryRaw<{ tokens: number }[]>`
    INSERT INTO "RateLimitBucket" AS b ("key", "tokens", "updatedAt")
    VALUES (${key}, ${capacity - 1}::float8, ${at})
    ON CONFLICT ("key") DO UPDATE
      SET "tokens" = ${refilled} - 1, "updatedAt" = GREATEST(b."updatedAt", ${at})
      WHERE ${refilled} >= 1
    RETURNING "tokens"`
  if (taken[0]) return { allowed: true, remaining: Math.floor(taken[0].tokens) }

  const [bucket] = await prisma.$queryRaw<{ tokens: number }[]>`
    SELECT ${refilled} AS "tokens" FROM "RateLimitBucket" AS b WHERE b."key" = ${key}`
  const missing = 1 - (bucket?.tokens ?? 0)
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(missing / refillPerSecond)) }
}

/** Checks the per-IP bucket first, so a flood from one address does not drain an account's bucket. */
async function consumeBoth(
  ip: string,
  ipOptions: BucketOptions,
  account: string,
  accountOptions: BucketOptions,
  prefix: string,
  now: Date,
) {
  const byIp = await consume(`${prefix}:ip:${ip}`, ipOptions, now)
  if (!byIp.allowed) return byIp
  return consume(`${prefix}:account:${account.trim().toLowerCase()}`, accountOptions, now)
}

/**
 * Sign-in throttling by account and address together. A browser that signed in to the account before
 * (`knownDevice`) has a bucket of its own, so that guesses from elsewhere, which drain the account's
 * bucket for unknown browsers, never lock the owner out of it.
 */
export async function limitLogin(
  { email, ip, knownDevice = null }: { email: string; ip: string; knownDevice?: string | null },
  now: Date = new Date(),
): Promise<RateLimitResult> {
  const account = email.trim().toLowerCase()
  if (knownDevice) return consume(`login:device:${knownDevice}:${account}`, limits.loginPerKnownDevice, now)
  const byIp = await consume(`login:ip:${ip}`, limits.loginPerIp, now)
  if (!byIp.allowed) return byIp
  const byPair = await consume(`login:pair:${account}:${ip}`, limits.loginPerAccountAndIp, now)
  if (!byPair.allowed) return byPair
  return consume(`login:account:${account}`, limits.loginPerAccount, now)
}

export function limitPasswordReset({ email, ip }: { email: string; ip: string }, now: Date = new Date()) {
  return consumeBoth(ip, limits.resetPerIp, email, limits.resetPerAccount, 'reset', now)
}

/** Attempts at a two-factor or recovery code, by account and by address. */
export function limitTwoFactor({ userId, ip }: { userId: string; ip: string }, now: Date = new Date()) {
  return consumeBoth(ip, limits.twoFactorPerIp, userId, limits.twoFactorPerAccount, 'two-factor', now)
}

/** A password-less passkey sign-in, or its challenge, from this address. */
export function limitPasskeySignIn({ ip }: { ip: string }, now: Date = new Date()) {
  return consume(`passkey-sign-in:ip:${ip}`, limits.passkeySignInPerIp, now)
}

/** A passkey challenge for a known account (registering one, or the second step of signing in). */
export function limitPasskeyChallenge({ userId }: { userId: string }, now: Date = new Date()) {
  return consume(`passkey-challenge:account:${userId}`, limits.passkeyChallengesPerAccount, now)
}

/** Single sign-on: a start names an email or practice (`identifier`); a callback names none. */
export function limitSso({ ip, identifier }: { ip: string; identifier?: string }, now: Date = new Date()) {
  if (!identifier) return consume(`sso:ip:${ip}`, limits.ssoPerIp, now)
  return consumeBoth(ip, limits.ssoPerIp, identifier, limits.ssoPerIdentifier, 'sso', now)
}

export function limitSignup({ ip }: { ip: string }, now: Date = new Date()) {
  return consume(`signup:ip:${ip}`, limits.signupPerIp, now)
}

/** Buckets untouched for a day are full again; deleting them changes nothing. */
export async function pruneRateLimitBuckets(now: Date = new Date()) {
  const result = await prisma.$executeRaw`
    DELETE FROM "RateLimitBucket" WHERE "updatedAt" < ${sqlTime(new Date(now.getTime() - 24 * 3600 * 1000))}`
  return result
}

/**
 * The client's address. The Express server passes `req.ip` (which trusts X-Forwarded-For only
 * from a loopback proxy) as `context.clientIp`; without it, the proxy headers or 'unknown'.
 */
export function getClientIp(request: Request, context?: Partial<AppLoadContext> | null) {
  const fromServer = context?.clientIp
  if (typeof fromServer === 'string' && fromServer) return fromServer
  const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim()
  return forwarded || request.headers.get('x-real-ip')?.trim() || 'unknown'
}

export function tooManyRequestsHeaders(retryAfterSeconds: number) {
  return { 'Retry-After': String(retryAfterSeconds) }
}

/** "in 3 minutes": when to try again, for the inline message. */
export function describeRetryAfter(seconds: number) {
  if (seconds < 60) return `in ${seconds} second${seconds === 1 ? '' : 's'}`
  const minutes = Math.ceil(seconds / 60)
  return `in ${minutes} minute${minutes === 1 ? '' : 's'}`
}
