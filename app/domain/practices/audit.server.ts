import type { Db } from '~/lib/db.server'
import type { TenantContext } from '~/tenancy/scoped-client.server'

// Who did what to which record in a practice. Written with whichever client the caller holds
// (the raw client, or a transaction), so an act and its audit row can commit together.

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }
type ActorType = 'COACH' | 'CLIENT' | 'IMPORT' | 'SYSTEM' | 'API_KEY'

export type AuditEventInput = {
  organizationId: string
  actorUserId?: string | null
  actorType?: ActorType
  action: string
  targetType?: string | null
  targetId?: string | null
  metadata?: { [key: string]: JsonValue }
  ip?: string | null
}

export async function recordAuditEvent(db: Pick<Db, 'auditEvent'>, event: AuditEventInput) {
  return db.auditEvent.create({
    data: {
      organizationId: event.organizationId,
      actorUserId: event.actorUserId ?? null,
      actorType: event.actorType ?? 'COACH',
      action: event.action,
      targetType: event.targetType ?? null,
      targetId: event.targetId ?? null,
      metadata: event.metadata ?? {},
      ip: event.ip ?? null,
    },
  })
}

/** An act on a user's own account, recorded in every practice they belong to (each practice sees its members' sign-ins). */
export async function recordUserEvent(
  db: Pick<Db, 'auditEvent' | 'membership'>,
  userId: string,
  action: string,
  ip?: string | null,
) {
  const memberships = await db.membership.findMany({ where: { userId }, select: { organizationId: true } })
  if (memberships.length === 0) return 0
  const { count } = await db.auditEvent.createMany({
    data: memberships.map((m) => ({
      organizationId: m.organizationId,
      actorUserId: userId,
      actorType: 'COACH' as const,
      action,
      targetType: 'User',
      targetId: userId,
      ip: ip ?? null,
    })),
  })
  return count
}

export function recordSignIn(db: Pick<Db, 'auditEvent' | 'membership'>, userId: string, ip?: string | null) {
  return recordUserEvent(db, userId, 'user.signed_in', ip)
}

/** A failed sign-in, recorded in each practice of the account it named (an unknown email records nothing). */
export async function recordFailedSignIn(
  db: Pick<Db, 'auditEvent' | 'membership' | 'user'>,
  email: string,
  ip?: string | null,
) {
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true } })
  if (user) await recordUserEvent(db, user.id, 'user.sign_in_failed', ip)
}

/** The first refused attempt of a lock-out, recorded once for its window in each practice of the account. */
export async function recordLockOut(
  db: Pick<Db, 'auditEvent' | 'membership' | 'user'>,
  email: string,
  retryAfterSeconds: number,
  ip?: string | null,
  now = new Date(),
) {
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true } })
  if (!user) return
  const since = new Date(now.getTime() - Math.max(60, retryAfterSeconds) * 1000)
  const recent = await db.auditEvent.findFirst({
    where: { actorUserId: user.id, action: 'user.locked_out', createdAt: { gte: since } },
    select: { id: true },
  })
  if (!recent) await recordUserEvent(db, user.id, 'user.locked_out', ip)
}

// ---------------------------------------------------------------------------------------------
// Acts in a practice, by the signed-in member (or by the practice's schedule)

export type Change = { from: JsonValue; to: JsonValue }

const asJson = (value: unknown): JsonValue =>
  value instanceof Date ? value.toISOString() : value === undefined ? null : (value as JsonValue)

/** The fields whose value differs, as { field: { from, to } }. */
export function changesOf<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
  fields: readonly (keyof T & string)[],
) {
  const changes: Record<string, Change> = {}
  for (const field of fields) {
    if (!(field in after)) continue
    const from = asJson(before[field])
    const to = asJson(after[field])
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to }
  }
  return changes
}

export function recordTenantEvent(
  t: Pick<TenantContext, 'org' | 'user' | 'db'>,
  action: string,
  target: { type: string; id: string | null },
  metadata: { [key: string]: JsonValue } = {},
  options: { system?: boolean; ip?: string | null } = {},
) {
  return t.db.auditEvent.create({
    data: {
      organizationId: t.org.id,
      actorUserId: options.system ? null : t.user.id,
      actorType: options.system ? 'SYSTEM' : 'COACH',
      action,
      targetType: target.type,
      targetId: target.id,
      metadata,
      ip: options.ip ?? null,
    },
  })
}
