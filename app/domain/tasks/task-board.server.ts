import { z } from 'zod'
import type { TaskType } from '~/generated/prisma/enums'
import { addDays, todayIn } from '~/lib/dates'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import { listTaskBoard, taskPrefill } from './tasks.server'
import { taskTypes } from './tasks'

// The tasks page, read in one go: the board with its filters, the clients to pick from, and the
// practice's template text for each type of task (the "Assign a task" form swaps them in).

const page = z.coerce.number().int().min(1).max(10_000).default(1).catch(1)

export const TaskBoardQuery = z.object({
  client: z.string().max(64).optional().catch(undefined),
  type: z.enum(taskTypes).optional().catch(undefined),
  overdue: z
    .string()
    .optional()
    .catch(undefined)
    .transform((v) => v === '1' || v === 'on' || v === 'true'),
  /** The page of each column: ?todo=2&done=3&skipped=1. */
  todo: page,
  done: page,
  skipped: page,
})
export type TaskBoardQuery = z.output<typeof TaskBoardQuery>

export async function getTaskBoardPage(t: TenantContext, query: TaskBoardQuery, now = new Date()) {
  const [board, clients, prefills] = await Promise.all([
    listTaskBoard(t, { clientId: query.client, type: query.type, overdue: query.overdue }, now, {
      TODO: query.todo,
      DONE: query.done,
      SKIPPED: query.skipped,
    }),
    t.db.client.findMany({
      where: { status: { not: 'ARCHIVED' } },
      select: { id: true, name: true, status: true },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      take: 1000,
    }),
    Promise.all(taskTypes.map(async (type) => [type, await taskPrefill(t, type)] as const)),
  ])
  return {
    ...board,
    clients,
    prefills: Object.fromEntries(prefills) as Record<TaskType, { title: string; instructions: string }>,
    defaultDueOn: addDays(todayIn(t.org.timezone, now), 7),
  }
}
