import { z } from 'zod'
import type { Prisma } from '~/generated/prisma/client'
import { addDays, isCalendarDay } from '~/lib/dates'
import type { Db } from '~/lib/db.server'
import { startOfDayIn } from '~/lib/weeks'
import { toCsv } from '../imports/csv'
import type { TenantContext, TenantDb } from '~/tenancy/scoped-client.server'

// Who did what to which record in a practice. Written with whichever client the caller holds
// (the raw client, or a transaction), so an act and its audit row can commit together; read back as
// the practice's audit log and its CSV export.

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

/** The context's practice and user, with its door or a transaction opened through it. */
type AuditWriter = Pick<TenantContext, 'org' | 'user'> & { db: Pick<TenantDb, 'auditEvent'> }

export function recordTenantEvent(
  t: AuditWriter,
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

/** The door's transaction, as `t.db.$transaction` hands it to its callback: the models, no client-wide calls. */
type TenantTransaction = Omit<TenantDb, '$transaction' | '$connect' | '$disconnect' | '$on' | '$use' | '$extends'>

/** What `recordTenantEvent` takes after the context: the action, its target, metadata and options. */
type AuditEntry = Parameters<typeof recordTenantEvent> extends [unknown, ...infer Rest] ? Rest : never

/** A write and the audit entry that names it, in one transaction: the entry stands only if the write does. */
export function writeAudited<T>(t: TenantContext, write: (tx: TenantTransaction) => Promise<T>, ...entry: AuditEntry) {
  return writeAuditedWith(t, write, () => entry)
}

/**
 * The same, with the entry made from what the write returned (the new row's id and fields); no entry
 * when `entryOf` gives null (an edit that changed nothing).
 */
export function writeAuditedWith<T>(
  t: TenantContext,
  write: (tx: TenantTransaction) => Promise<T>,
  entryOf: (result: T) => AuditEntry | null,
) {
  return t.db.$transaction(async (tx) => {
    const result = await write(tx)
    const entry = entryOf(result)
    if (entry) await recordTenantEvent({ ...t, db: tx }, ...entry)
    return result
  })
}

// ---------------------------------------------------------------------------------------------
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
    events: events.map((e) => ({ ...e, actorName: actorName(e, names), metadata: readable(e.metadata, names) })),
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

// Entries name members by id (a coach of a client); the log shows their names.
const memberKeys: Record<string, string> = { coachId: 'coach' }

function readable(metadata: Prisma.JsonValue, names: Map<string, string>): Prisma.JsonValue {
  if (!metadata || typeof metadata !== 'object' || Array.isArray(metadata)) return metadata
  const nameOf = (id: Prisma.JsonValue) => (typeof id === 'string' ? (names.get(id) ?? 'A former member') : id)
  const out: Record<string, Prisma.JsonValue> = {}
  for (const [key, value] of Object.entries(metadata)) {
    if (key === 'changes' && value && typeof value === 'object' && !Array.isArray(value)) {
      out.changes = Object.fromEntries(
        Object.entries(value).map(([field, change]) => {
          const named = memberKeys[field]
          if (!named || !change || typeof change !== 'object' || Array.isArray(change)) return [field, change]
          return [named, { from: nameOf(change.from ?? null), to: nameOf(change.to ?? null) }]
        }),
      )
    } else if (memberKeys[key]) out[memberKeys[key]] = nameOf(value ?? null)
    else out[key] = value ?? null
  }
  return out
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
        JSON.stringify(readable(e.metadata, names)),
        e.ip ?? '',
      ]),
    )
    sent += page.length
    cursor = page.at(-1)!.id
  }
}
