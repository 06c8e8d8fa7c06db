import { createHash, randomBytes } from 'node:crypto'
import type { Role } from '~/generated/prisma/enums'
import { InputError } from '~/lib/input-error'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import { recordTenantEvent, writeAuditedWith } from '../practices/audit.server'
import type { ApiKeyInput } from './api-key-input'
import { apiKeyPrefix } from './scopes'

// API keys of a practice (docs/decisions/0034-api-keys.md): made by owners and admins, shown once,
// stored as a SHA-256 hash, revocable, each acting with the role its maker had when it was made.

export { ApiKeyInput } from './api-key-input'

export function hashApiKey(key: string) {
  return createHash('sha256').update(key).digest('hex')
}

/** 256 random bits after the recognisable prefix. */
export function generateApiKey() {
  return `${apiKeyPrefix}${randomBytes(32).toString('base64url')}`
}

const shownPrefixLength = apiKeyPrefix.length + 8

/** Makes a key; the returned `secret` is the only time the whole key exists outside the caller. */
export async function createApiKey(t: TenantContext, input: ApiKeyInput, now = new Date()) {
  const expiresAt = input.expiresOn ? new Date(`${input.expiresOn}T23:59:59.999Z`) : null
  if (expiresAt && expiresAt <= now) throw new InputError('expiresOn', 'Choose a day after today')
  const secret = generateApiKey()
  const key = await writeAuditedWith(
    t,
    (tx) =>
      tx.apiKey.create({
        data: {
          organizationId: t.org.id,
          name: input.name,
          prefix: secret.slice(0, shownPrefixLength),
          keyHash: hashApiKey(secret),
          scopes: [...new Set(input.scopes)],
          role: t.role,
          createdById: t.user.id,
          expiresAt,
        },
      }),
    (key) => [
      'api_key.created',
      { type: 'ApiKey', id: key.id },
      {
        name: key.name,
        prefix: key.prefix,
        scopes: key.scopes,
        role: key.role,
        expiresAt: expiresAt?.toISOString() ?? null,
      },
    ],
  )
  return { key, secret }
}

export function listApiKeys(t: TenantContext) {
  return t.db.apiKey.findMany({
    orderBy: [{ revokedAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'desc' }],
    select: {
      id: true,
      name: true,
      prefix: true,
      scopes: true,
      role: true,
      createdById: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      useCount: true,
      createdAt: true,
    },
    take: 200,
  })
}

/** Null when the key is not this practice's; revoking twice keeps the first time. */
export async function revokeApiKey(t: TenantContext, id: string, now = new Date()) {
  const key = await t.db.apiKey.findFirst({ where: { id } })
  if (!key) return null
  if (key.revokedAt) return key
  const revoked = await t.db.apiKey.update({ where: { id: key.id }, data: { revokedAt: now } })
  await recordTenantEvent(t, 'api_key.revoked', { type: 'ApiKey', id: key.id }, { name: key.name, prefix: key.prefix })
  return revoked
}

const rank: Record<Role, number> = { COACH: 0, ADMIN: 1, OWNER: 2 }

/** The role a key acts with: the one it was made with, never more than its maker holds today. */
export function effectiveKeyRole(keyRole: Role, makerRoleNow: Role): Role {
  return rank[makerRoleNow] < rank[keyRole] ? makerRoleNow : keyRole
}

export function isKeyLive(key: { revokedAt: Date | null; expiresAt: Date | null }, now = new Date()) {
  return !key.revokedAt && (!key.expiresAt || key.expiresAt > now)
}
