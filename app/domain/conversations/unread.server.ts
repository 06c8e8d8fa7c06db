import type { TenantContext } from '~/tenancy/scoped-client.server'
import {
  clientInView,
  emptySql,
  executeTenantSql,
  joinSql,
  ownClientsCondition,
  queryScopedSql,
  queryTenantSql,
  sql,
} from '~/tenancy/sql.server'
import type { Speaker } from './messages.server'

// Unread counts from read markers (MessageRead): the other side's messages after the reader's marker
// of each thread. For a coach, what was written before they joined the practice is history, not unread. Only messages newer than the marker are counted, through the index on
// (organizationId, clientId, authorType, createdAt); nothing scans a whole thread history per page view.

/** Unread client messages per client for this coach, over all of each client's threads. */
export async function unreadByClient(t: TenantContext, clientIds?: string[]) {
  if (clientIds && !clientIds.length) return new Map<string, number>()
  const rows = await queryTenantSql<{ clientId: string; unread: number }>(
    t,
    (organizationId) => sql`
      SELECT m."clientId", count(*)::int AS unread
      FROM "Message" m
      JOIN "Client" c ON c.id = m."clientId" AND c."organizationId" = ${organizationId}
      LEFT JOIN "MessageRead" r ON r."organizationId" = ${organizationId} AND r."readerType" = 'COACH'
        AND r."readerId" = ${t.user.id} AND r."clientId" = m."clientId" AND r.thread = coalesce(m."applicationId", '')
      WHERE m."organizationId" = ${organizationId} AND m."authorType" = 'CLIENT' AND m."deletedAt" IS NULL
        AND (r."lastReadAt" IS NULL OR m."createdAt" > r."lastReadAt")
        AND m."createdAt" > (
          SELECT mb."createdAt" FROM "Membership" mb
          WHERE mb."organizationId" = ${organizationId} AND mb."userId" = ${t.user.id}
        )
        AND ${ownClientsCondition(t)}
        ${clientIds ? sql`AND m."clientId" IN (${joinSql(clientIds)})` : emptySql}
      GROUP BY m."clientId"`,
  )
  return new Map(rows.map((r) => [r.clientId, r.unread]))
}

/** The coach's total unread client messages across every client in view. */
export async function unreadTotal(t: TenantContext) {
  let total = 0
  for (const n of (await unreadByClient(t)).values()) total += n
  return total
}

/**
 * One client's application threads that have messages, with the reader's unread count each, the latest message
 * first: one statement. The other side's messages count as unread after the reader's marker of the thread (all of
 * them without one) and, for a coach, only those written after the coach joined the practice.
 */
export async function applicationThreads(s: Speaker, clientId: string) {
  const other = s.type === 'COACH' ? 'CLIENT' : 'COACH'
  return queryScopedSql<{
    id: string
    company: string
    roleTitle: string
    unread: number
    lastMessageAt: Date | null
  }>(s.db, (org) => {
    // What a coach reads counts from the day they joined the practice.
    const sinceJoined =
      s.type === 'COACH'
        ? sql`AND m."createdAt" > coalesce((
              SELECT mb."createdAt" FROM "Membership" mb WHERE mb."organizationId" = ${org} AND mb."userId" = ${s.readerId}
            ), '-infinity')`
        : emptySql
    return sql`
        SELECT a.id, a.company, a."roleTitle", t.unread, t."lastMessageAt"
        FROM (
          SELECT m."applicationId" AS id, max(m."createdAt") AS "lastMessageAt",
                 (count(*) FILTER (
                   WHERE m."authorType" = ${other}::"ActorType"
                     AND (r."lastReadAt" IS NULL OR m."createdAt" > r."lastReadAt") ${sinceJoined}
                 ))::int AS unread
          FROM "Message" m
          LEFT JOIN "MessageRead" r ON r."organizationId" = ${org} AND r."readerType" = ${s.type}::"ActorType"
            AND r."readerId" = ${s.readerId} AND r."clientId" = m."clientId" AND r.thread = m."applicationId"
          WHERE m."organizationId" = ${org} AND m."clientId" = ${clientId} AND m."applicationId" IS NOT NULL
            AND m."deletedAt" IS NULL AND ${clientInView(s.db, clientId)}
          GROUP BY m."applicationId"
        ) t
        JOIN "JobApplication" a ON a."organizationId" = ${org} AND a.id = t.id AND a."clientId" = ${clientId}
        ORDER BY t."lastMessageAt" DESC, a.id`
  })
}

async function unreadByThread(
  s: Speaker,
  clientId: string,
  markers: { thread: string; lastReadAt: Date }[],
  authorType: 'COACH' | 'CLIENT',
) {
  const marked = markers.filter((m) => m.thread)
  const joined =
    s.type === 'COACH'
      ? (await s.db.membership.findFirst({ where: { userId: s.readerId }, select: { createdAt: true } }))?.createdAt
      : undefined
  const rows = await s.db.message.groupBy({
    by: ['applicationId'],
    where: {
      clientId,
      authorType,
      deletedAt: null,
      ...(joined ? { createdAt: { gt: joined } } : {}),
      OR: [
        ...markers.map((m) => ({ applicationId: m.thread || null, createdAt: { gt: m.lastReadAt } })),
        { applicationId: { not: null, notIn: marked.map((m) => m.thread) } },
        ...(markers.some((m) => !m.thread) ? [] : [{ applicationId: null }]),
      ],
    },
    _count: { _all: true },
  })
  return new Map(rows.map((r) => [r.applicationId ?? '', r._count._all]))
}

/** What the client has not read yet: their own thread and each application's. */
export async function unreadForClient(s: Speaker) {
  const clientId = s.readerId
  const markers = await s.db.messageRead.findMany({
    where: { clientId, readerType: 'CLIENT', readerId: clientId },
    select: { thread: true, lastReadAt: true },
  })
  const byThread = await unreadByThread(s, clientId, markers, 'COACH')
  let total = 0
  for (const n of byThread.values()) total += n
  return { total, clientThread: byThread.get('') ?? 0, byThread }
}

/** The clients with unread messages for this coach, most unread first (the coach's home). */
export async function unreadClients(t: TenantContext, take = 10) {
  const unread = await unreadByClient(t)
  const clients = await t.db.client.findMany({
    where: { id: { in: [...unread.keys()] } },
    select: { id: true, name: true },
  })
  return clients
    .map((c) => ({ ...c, unread: unread.get(c.id) ?? 0 }))
    .sort((a, b) => b.unread - a.unread || a.name.localeCompare(b.name))
    .slice(0, take)
}

/**
 * A coach newly given clients starts with their threads read as of now: what the client wrote to an
 * earlier coach is history to read, not a pile of unread. One marker per thread that exists (the
 * client's own, and each application thread with messages); a later marker the coach already has is kept.
 */
export async function startReadingAsCoach(t: TenantContext, clientIds: string[], coachId: string, now = new Date()) {
  if (clientIds.length === 0) return
  const ids = joinSql(clientIds)
  await executeTenantSql(
    t,
    (organizationId) => sql`
      INSERT INTO "MessageRead" (id, "organizationId", "clientId", "readerType", "readerId", thread, "lastReadAt")
      SELECT gen_random_uuid()::text, ${organizationId}, threads."clientId", 'COACH'::"ActorType", ${coachId},
             threads.thread, ${now}
      FROM (
        SELECT c.id AS "clientId", '' AS thread FROM "Client" c
        WHERE c."organizationId" = ${organizationId} AND c.id IN (${ids})
        UNION
        SELECT DISTINCT m."clientId", m."applicationId" FROM "Message" m
        WHERE m."organizationId" = ${organizationId} AND m."clientId" IN (${ids}) AND m."applicationId" IS NOT NULL
      ) threads
      ON CONFLICT ("organizationId", "readerType", "readerId", "clientId", thread)
      DO UPDATE SET "lastReadAt" = GREATEST("MessageRead"."lastReadAt", EXCLUDED."lastReadAt")`,
  )
}
