import { z } from 'zod'
import type { Prisma } from '~/generated/prisma/client'
import { addDays, isCalendarDay } from '~/lib/dates'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import { toCsv } from '../imports/csv'
import { startOfDayIn } from '~/lib/weeks'

// The practice's audit log, newest first, a page at a time, with the actor's name; filtered by
// actor, action and a date range (days in the practice's timezone), all of it in the URL.

export const AUDIT_PAGE_SIZE = 50
/** The most rows one CSV export holds. */
export const AUDIT_EXPORT_LIMIT = 50_000

const blankIsUnset = (v: string | undefined) => (v ? v : undefined)
const text = (max: number) => z.string().trim().max(max).optional().transform(blankIsUnset).catch(undefined)
const day = z.string().refine(isCalendarDay).optional().catch(undefined)

/** The page's URL parameters. Anything unreadable falls back to no filter: a bad URL never fails. */
export const AuditQuery = z.object({
  /** A member's user id, or `system` for what the practice's schedule did. */
  actor: text(64),
  /** An action (`client.edited`) or a family of actions (`client`). */
  action: z
    .string()
    .regex(/^[a-z_]+(\.[a-z_]+)?$/)
    .optional()
    .catch(undefined),
  from: day,
  to: day,
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
})
export type AuditQuery = z.infer<typeof AuditQuery>

function whereOf(t: TenantContext, query: AuditQuery): Prisma.AuditEventWhereInput {
  const where: Prisma.AuditEventWhereInput = {}
  if (query.actor === 'system') where.actorType = 'SYSTEM'
  else if (query.actor) where.actorUserId = query.actor
  if (query.action) where.action = query.action.includes('.') ? query.action : { startsWith: `${query.action}.` }
  const createdAt: Prisma.DateTimeFilter = {}
  if (query.from) createdAt.gte = startOfDayIn(query.from, t.org.timezone)
  if (query.to) createdAt.lt = startOfDayIn(addDays(query.to, 1), t.org.timezone)
  if (createdAt.gte || createdAt.lt) where.createdAt = createdAt
  return where
}

const eventSelect = {
  id: true,
  action: true,
  actorType: true,
  actorUserId: true,
  targetType: true,
  targetId: true,
  metadata: true,
  ip: true,
  createdAt: true,
} as const

export async function listAuditEvents(t: TenantContext, query: AuditQuery) {
  const where = whereOf(t, query)
  const [events, total, actions, members] = await Promise.all([
    t.db.auditEvent.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (query.page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      select: eventSelect,
    }),
    t.db.auditEvent.count({ where }),
    t.db.auditEvent.findMany({ distinct: ['action'], select: { action: true }, orderBy: { action: 'asc' } }),
    t.db.user.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } }),
  ])
  const names = new Map(members.map((u) => [u.id, u.name]))
  return {
    events: events.map((e) => ({ ...e, actorName: actorName(e, names) })),
    total,
    page: query.page,
    pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    actions: actions.map((a) => a.action),
    members,
  }
}

// The door shows only current members: someone who has left appears as a former member.
function actorName(e: { actorUserId: string | null; actorType: string }, names: Map<string, string>) {
  if (e.actorUserId) return names.get(e.actorUserId) ?? 'A former member'
  return e.actorType === 'SYSTEM' ? 'Rebound (schedule)' : e.actorType.toLowerCase()
}

/** The filtered log as CSV rows, oldest first, times in the practice's timezone and in UTC. */
export async function* streamAuditCsv(t: TenantContext, query: AuditQuery) {
  const where = whereOf(t, query)
  const members = await t.db.user.findMany({ select: { id: true, name: true } })
  const names = new Map(members.map((u) => [u.id, u.name]))
  const local = new Intl.DateTimeFormat('sv-SE', {
    timeZone: t.org.timezone,
    dateStyle: 'short',
    timeStyle: 'medium',
  })
  yield toCsv([[`Time (${t.org.timezone})`, 'Time (UTC)', 'Actor', 'Action', 'Record', 'Record id', 'Details', 'IP']])
  let cursor: string | undefined
  let sent = 0
  while (sent < AUDIT_EXPORT_LIMIT) {
    const page = await t.db.auditEvent.findMany({
      where,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: 500,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: eventSelect,
    })
    if (page.length === 0) break
    yield toCsv(
      page.map((e) => [
        local.format(e.createdAt),
        e.createdAt.toISOString(),
        actorName(e, names),
        e.action,
        e.targetType ?? '',
        e.targetId ?? '',
        JSON.stringify(e.metadata),
        e.ip ?? '',
      ]),
    )
    sent += page.length
    cursor = page.at(-1)!.id
  }
}
