import { z } from 'zod'
import type { InsightKind, TaskStatus, TaskType } from '~/generated/prisma/enums'
import { dateOnly, isCalendarDay, isoDate, todayIn } from '~/lib/dates'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import { insightKinds } from '../insights/kinds'
import { isOverdue, taskStatuses, taskTypes } from '../tasks/tasks'
import { instantOf, isId, openCursor, sealCursor } from './cursor.server'

// Pages of records for the JSON API where the web shows a whole board rather than a table: tasks,
// check-ins and open insights, each read through the door in a fixed order that ends with the id. The
// cursor holds the last row's sort key and id (./cursor.server.ts), and the next page is the rows after
// that key: rows added or removed meanwhile, the cursor's own row included, never shift it.

export const apiPageSize = { default: 50, max: 200 }

const id = z.string().trim().max(64).optional()
export const PageQuery = z.object({
  cursor: z.string().max(400).optional().describe('The `nextCursor` of the previous page, as it came.'),
  limit: z.coerce.number().int().min(1).max(apiPageSize.max).default(apiPageSize.default),
})

export const TasksQuery = PageQuery.extend({
  client: id.describe('Only this client’s tasks.'),
  type: z.enum(taskTypes).optional(),
  status: z.enum(taskStatuses).optional(),
  overdue: z.enum(['true', 'false']).optional().describe('Only tasks to do whose due date has passed.'),
})
export type TasksQuery = z.infer<typeof TasksQuery>

/** The page, and the cursor after its last row when more rows follow. */
function page<T extends { id: string }>(rows: T[], limit: number, list: string, keyOf: (row: T) => unknown[]) {
  const more = rows.length > limit
  const items = rows.slice(0, limit)
  const last = items.at(-1)
  return { items, nextCursor: more && last ? sealCursor(list, [...keyOf(last), last.id]) : null }
}

/**
 * The rows after a cursor's key, for an order by `fields` (each descending or ascending) then the id:
 * (a < x) or (a = x and b < y) or ... or (a = x and b = y and id < last id). Undefined when there is no
 * cursor, null when the cursor is not this list's.
 */
function after(
  list: string,
  cursor: string | undefined,
  fields: { name: string; desc: boolean; read: (v: unknown) => unknown }[],
  idDesc: boolean,
) {
  if (!cursor) return undefined
  const key = openCursor(list, cursor)
  if (!key || key.length !== fields.length + 1 || !isId(key.at(-1))) return null
  const values = fields.map((f, i) => f.read(key[i]))
  if (values.some((v) => v === null)) return null
  const all = [
    ...fields.map((f, i) => ({ name: f.name, desc: f.desc, value: values[i] })),
    {
      name: 'id',
      desc: idDesc,
      value: key.at(-1),
    },
  ]
  return {
    OR: all.map((field, i) => ({
      ...Object.fromEntries(all.slice(0, i).map((e) => [e.name, e.value])),
      [field.name]: { [field.desc ? 'lt' : 'gt']: field.value },
    })),
  }
}

const instant = (v: unknown) => instantOf(v)
const day = (v: unknown) => (typeof v === 'string' && isCalendarDay(v) ? dateOnly(v) : null)
const integer = (v: unknown) => (Number.isSafeInteger(v) ? v : null)

/** Tasks, newest first, with `overdue` as of today in the practice's timezone. */
export async function listTasksPage(t: TenantContext, query: TasksQuery, now = new Date()) {
  const today = todayIn(t.org.timezone, now)
  const keyset = after('tasks', query.cursor, [{ name: 'createdAt', desc: true, read: instant }], true)
  if (keyset === null) return null
  const rows = await t.db.task.findMany({
    where: {
      ...(keyset && { AND: [keyset] }),
      ...(query.overdue === 'true'
        ? { status: 'TODO' as TaskStatus, dueOn: { lt: dateOnly(today) } }
        : query.status && { status: query.status }),
      ...(query.client && { clientId: query.client }),
      ...(query.type && { type: query.type as TaskType }),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
  })
  const { items, nextCursor } = page(rows, query.limit, 'tasks', (r) => [r.createdAt.toISOString()])
  return { items: items.map((task) => ({ ...task, overdue: isOverdue(task, today) })), nextCursor }
}

export const CheckInsQuery = PageQuery.extend({ client: id.describe('Only this client’s check-ins.') })
export type CheckInsQuery = z.infer<typeof CheckInsQuery>

/** Check-ins, latest week first. */
export async function listCheckInsPage(t: TenantContext, query: CheckInsQuery) {
  const keyset = after('checkins', query.cursor, [{ name: 'weekOf', desc: true, read: day }], true)
  if (keyset === null) return null
  const rows = await t.db.checkIn.findMany({
    where: { ...(query.client && { clientId: query.client }), ...(keyset && { AND: [keyset] }) },
    orderBy: [{ weekOf: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
  })
  return page(rows, query.limit, 'checkins', (r) => [isoDate(r.weekOf)])
}

export const InsightsQuery = PageQuery.extend({
  client: id.describe('Only this client’s insights.'),
  kind: z.enum(insightKinds).optional(),
})
export type InsightsQuery = z.infer<typeof InsightsQuery>

/** Open insights, most severe first, as the dashboard lists them. */
export async function listInsightsPage(t: TenantContext, query: InsightsQuery) {
  const keyset = after(
    'insights',
    query.cursor,
    [
      { name: 'severity', desc: true, read: integer },
      { name: 'computedAt', desc: true, read: instant },
    ],
    false,
  )
  if (keyset === null) return null
  const rows = await t.db.insight.findMany({
    where: {
      status: 'OPEN',
      ...(query.client && { clientId: query.client }),
      ...(query.kind && { kind: query.kind as InsightKind }),
      AND: [{ OR: [{ clientId: null }, { client: { status: 'ACTIVE' } }] }, ...(keyset ? [keyset] : [])],
    },
    orderBy: [{ severity: 'desc' }, { computedAt: 'desc' }, { id: 'asc' }],
    take: query.limit + 1,
  })
  return page(rows, query.limit, 'insights', (r) => [r.severity, r.computedAt.toISOString()])
}

/** A client's notes, newest first. */
export async function listNotesPage(t: TenantContext, clientId: string, query: z.infer<typeof PageQuery>) {
  const keyset = after(`notes:${clientId}`, query.cursor, [{ name: 'createdAt', desc: true, read: instant }], true)
  if (keyset === null) return null
  const rows = await t.db.note.findMany({
    where: { clientId, ...(keyset && { AND: [keyset] }) },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
  })
  return page(rows, query.limit, `notes:${clientId}`, (r) => [r.createdAt.toISOString()])
}

/** An application's stage events, newest first. */
export async function listStageEventsPage(t: TenantContext, applicationId: string, query: z.infer<typeof PageQuery>) {
  const list = `events:${applicationId}`
  const keyset = after(list, query.cursor, [{ name: 'occurredAt', desc: true, read: instant }], true)
  if (keyset === null) return null
  const rows = await t.db.stageEvent.findMany({
    where: { applicationId, ...(keyset && { AND: [keyset] }) },
    orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
  })
  return page(rows, query.limit, list, (r) => [r.occurredAt.toISOString()])
}
