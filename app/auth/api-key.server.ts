import { effectiveKeyRole, hashApiKey, isKeyLive } from '~/domain/api-keys/api-keys.server'
import { apiKeyPrefix } from '~/domain/api-keys/scopes'
import { prisma } from '~/lib/db.server'
import { problem } from '~/lib/problem'
import { createTenantContext, type TenantContext } from '~/tenancy/scoped-client.server'
import { consume, type BucketOptions } from './rate-limit.server'

// The JSON API's guard: a Bearer key opens the tenancy door with the key's role, or a problem
// (401, 429) says what is wrong. Cookies never count here, so no browser session reaches the API.

/** Per key: 120 requests in a burst, refilled at 2 a second (120 a minute). */
export const apiKeyLimit: BucketOptions & { windowSeconds: number } = {
  capacity: 120,
  refillPerSecond: 2,
  windowSeconds: 60,
}

export type ApiCaller = {
  t: TenantContext
  key: { id: string; name: string; scopes: string[]; prefix: string }
  rateHeaders: Record<string, string>
}

const challenge = { 'WWW-Authenticate': 'Bearer realm="rebound-api"' }

function unauthorized(detail: string) {
  return problem(401, detail, {}, challenge)
}

export function rateLimitHeaders(remaining: number, resetSeconds: number) {
  return {
    'RateLimit-Policy': `${apiKeyLimit.capacity};w=${apiKeyLimit.windowSeconds}`,
    'RateLimit-Limit': String(apiKeyLimit.capacity),
    'RateLimit-Remaining': String(Math.max(0, remaining)),
    'RateLimit-Reset': String(Math.max(0, Math.ceil(resetSeconds))),
  }
}

/** The caller of an API request, or a thrown problem Response. */
export async function requireApiKey(request: Request, now = new Date()): Promise<ApiCaller> {
  const header = request.headers.get('Authorization') ?? ''
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
  if (!match) throw unauthorized('Send your API key in the Authorization header: "Authorization: Bearer rb_live_…".')
  const secret = match[1]!
  if (!secret.startsWith(apiKeyPrefix)) throw unauthorized('That is not a Rebound API key: keys start with rb_live_.')
  if (secret.length > 200) throw unauthorized('That is not a Rebound API key: it is far longer than a key.')
  const key = await prisma.apiKey.findUnique({
    where: { keyHash: hashApiKey(secret) },
    include: { organization: true },
  })
  if (!key) throw unauthorized('This API key is not known. Check that it was copied whole.')
  if (key.revokedAt) throw unauthorized('This API key was revoked. Make a new one in the practice settings.')
  if (!isKeyLive(key, now)) throw unauthorized('This API key has expired. Make a new one in the practice settings.')
  const membership = key.createdById
    ? await prisma.membership.findFirst({
        where: { organizationId: key.organizationId, userId: key.createdById },
        include: { user: { select: { id: true, email: true, name: true } } },
      })
    : null
  if (!membership)
    throw unauthorized('The member who made this API key has left the practice. Make a new key in the settings.')

  const limited = await consume(`api:key:${key.id}`, apiKeyLimit, now)
  if (!limited.allowed) {
    throw problem(
      429,
      `This key has made more than ${apiKeyLimit.capacity} requests a minute. Try again in ${limited.retryAfterSeconds} seconds.`,
      {},
      { 'Retry-After': String(limited.retryAfterSeconds), ...rateLimitHeaders(0, limited.retryAfterSeconds) },
    )
  }
  await prisma.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: now, useCount: { increment: 1 } } })
  const { organization, ...rest } = key
  const role = effectiveKeyRole(rest.role, membership.role)
  const t = createTenantContext(prisma, {
    user: membership.user,
    org: organization,
    role,
    membership: { id: membership.id, role, userId: membership.userId, organizationId: membership.organizationId },
  })
  const resetSeconds = (apiKeyLimit.capacity - limited.remaining) / apiKeyLimit.refillPerSecond
  return {
    t,
    key: { id: key.id, name: key.name, scopes: key.scopes, prefix: key.prefix },
    rateHeaders: rateLimitHeaders(limited.remaining, resetSeconds),
  }
}
