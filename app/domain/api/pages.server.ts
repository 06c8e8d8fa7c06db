import { z } from 'zod'
import type { InsightKind, TaskStatus, TaskType } from '~/generated/prisma/enums'
import { dateOnly, todayIn } from '~/lib/dates'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import { insightKinds } from '../insights/kinds'
import { isOverdue, taskStatuses, taskTypes } from '../tasks/tasks'

// Pages of records for the JSON API where the web shows a whole board rather than a table: tasks,
// check-ins and open insights, each read through the door in a fixed order that ends with the id,
// so a cursor (the last id of a page) continues exactly where the page stopped.

export const apiPageSize = { default: 50, max: 200 }

const id = z.string().trim().max(64).optional()
export const PageQuery = z.object({
  cursor: z.string().max(64).optional().describe('The `nextCursor` of the previous page.'),
  limit: z.coerce.number().int().min(1).max(apiPageSize.max).default(apiPageSize.default),
})

export const TasksQuery = PageQuery.extend({
  client: id.describe('Only this client’s tasks.'),
  type: z.enum(taskTypes).optional(),
  status: z.enum(taskStatuses).optional(),
  overdue: z.enum(['true', 'false']).optional().describe('Only tasks to do whose due date has passed.'),
})
export type TasksQuery = z.infer<typeof TasksQuery>

async function page<T extends { id: string }>(rows: T[], limit: number) {
  const more = rows.length > limit
  const items = rows.slice(0, limit)
  return { items, nextCursor: more ? (items.at(-1)?.id ?? null) : null }
}

const cursorOf = (cursor: string | undefined) => (cursor ? { cursor: { id: cursor }, skip: 1 } : {})

/** Tasks, newest first, with `overdue` as of today in the practice's timezone. */
export async function listTasksPage(t: TenantContext, query: TasksQuery, now = new Date()) {
  const today = todayIn(t.org.timezone, now)
  if (query.cursor && !(await t.db.task.count({ where: { id: query.cursor } }))) return null
  const rows = await t.db.task.findMany({
    where: {
      ...(query.overdue === 'true'
        ? { status: 'TODO' as TaskStatus, dueOn: { lt: dateOnly(today) } }
        : query.status && { status: query.status }),
      ...(query.client && { clientId: query.client }),
      ...(query.type && { type: query.type as TaskType }),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
    ...cursorOf(query.cursor),
  })
  const { items, nextCursor } = await page(rows, query.limit)
  return { items: items.map((task) => ({ ...task, overdue: isOverdue(task, today) })), nextCursor }
}

export const CheckInsQuery = PageQuery.extend({ client: id.describe('Only this client’s check-ins.') })
export type CheckInsQuery = z.infer<typeof CheckInsQuery>

/** Check-ins, latest week first. */
export async function listCheckInsPage(t: TenantContext, query: CheckInsQuery) {
  if (query.cursor && !(await t.db.checkIn.count({ where: { id: query.cursor } }))) return null
  const rows = await t.db.checkIn.findMany({
    where: query.client ? { clientId: query.client } : {},
    orderBy: [{ weekOf: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
    ...cursorOf(query.cursor),
  })
  return page(rows, query.limit)
}

export const InsightsQuery = PageQuery.extend({
  client: id.describe('Only this client’s insights.'),
  kind: z.enum(insightKinds).optional(),
})
export type InsightsQuery = z.infer<typeof InsightsQuery>

/** Open insights, most severe first, as the dashboard lists them. */
export async function listInsightsPage(t: TenantContext, query: InsightsQuery) {
  if (query.cursor && !(await t.db.insight.count({ where: { id: query.cursor } }))) return null
  const rows = await t.db.insight.findMany({
    where: {
      status: 'OPEN',
      ...(query.client && { clientId: query.client }),
      ...(query.kind && { kind: query.kind as InsightKind }),
      OR: [{ clientId: null }, { client: { status: 'ACTIVE' } }],
    },
    orderBy: [{ severity: 'desc' }, { computedAt: 'desc' }, { id: 'asc' }],
    take: query.limit + 1,
    ...cursorOf(query.cursor),
  })
  return page(rows, query.limit)
}
