import type { TenantContext } from '~/tenancy/scoped-client.server'

// The practice's audit log, newest first, a page at a time, with the actor's name.

export const AUDIT_PAGE_SIZE = 50

export async function listAuditEvents(t: TenantContext, page: number) {
  const skip = (Math.max(1, page) - 1) * AUDIT_PAGE_SIZE
  const [events, total] = await Promise.all([
    t.db.auditEvent.findMany({
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip,
      take: AUDIT_PAGE_SIZE,
      select: {
        id: true,
        action: true,
        actorType: true,
        actorUserId: true,
        targetType: true,
        targetId: true,
        metadata: true,
        ip: true,
        createdAt: true,
      },
    }),
    t.db.auditEvent.count(),
  ])
  // The door shows only current members: someone who has left appears as a former member.
  const ids = [...new Set(events.map((e) => e.actorUserId).filter((id): id is string => Boolean(id)))]
  const users = await t.db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })
  const names = new Map(users.map((u) => [u.id, u.name]))
  return {
    events: events.map((e) => ({
      ...e,
      actorName: e.actorUserId ? (names.get(e.actorUserId) ?? 'A former member') : e.actorType.toLowerCase(),
    })),
    page: Math.max(1, page),
    pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
  }
}
