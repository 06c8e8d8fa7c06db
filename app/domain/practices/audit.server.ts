import type { Db } from '~/lib/db.server'

// Who did what to which record in a practice. Written with whichever client the caller holds
// (the raw client, or a transaction), so an act and its audit row can commit together.

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }
type ActorType = 'COACH' | 'CLIENT' | 'IMPORT' | 'SYSTEM'

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
