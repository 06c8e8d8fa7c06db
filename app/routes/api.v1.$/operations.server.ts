import { z } from 'zod'
import {
  CheckInsQuery,
  InsightsQuery,
  TasksQuery,
  listCheckInsPage,
  listInsightsPage,
  listTasksPage,
} from '~/domain/api/pages.server'
import { findInsight } from '~/domain/insights/store.server'
import { caseloadFunnel } from '~/domain/patterns/patterns.server'
import { AssignTaskInput, TaskStatusInput, assignTask, updateTaskStatus } from '~/domain/tasks/tasks.server'
import { isOverdue } from '~/domain/tasks/tasks'
import { todayIn } from '~/lib/dates'
import * as S from './schemas'
import { type Operation, notFound, head, pagedBy } from './operation-kit.server'
import { clientOperations } from './client-operations.server'
import { applicationOperations } from './application-operations.server'

export {
  isAllowed,
  unknownCursor,
  unknownFieldsProblem,
  unknownParametersProblem,
  zodProblem,
  type Operation,
} from './operation-kit.server'

// Every operation of /api/v1: its path, scope, permission, the zod schemas that read its input and
// describe its answer, and the domain call. The router (./route.ts) and the OpenAPI document
// (./openapi.server.ts) both read this one table; clients and applications have files of their own.

export const operations: Operation[] = [
  ...clientOperations,
  ...applicationOperations,
  // Tasks
  {
    ...head('GET /tasks', 'listTasks', 'Tasks', 'tasks:read'),
    summary: 'List tasks, newest first, filtered as the tasks board',
    query: TasksQuery,
    ...pagedBy(S.Task, 'Task', listTasksPage, S.taskJson),
  },
  {
    method: 'POST',
    path: '/tasks',
    id: 'assignTask',
    summary: 'Assign a task to one client or several (one task each)',
    tag: 'Tasks',
    scope: 'tasks:write',
    permission: 'tasks:assign',
    body: AssignTaskInput,
    response: S.pageOf(S.Task, 'Task'),
    status: 201,
    async run(ctx) {
      const tasks = await assignTask(ctx.t, ctx.body as AssignTaskInput)
      const today = todayIn(ctx.t.org.timezone)
      return { data: tasks.map((task) => S.taskJson({ ...task, overdue: isOverdue(task, today) })), nextCursor: null }
    },
  },
  {
    ...head('GET /tasks/{id}', 'getTask', 'Tasks', 'tasks:read'),
    summary: 'One task',
    response: S.one(S.Task, 'Task'),
    async run(ctx) {
      const task = await ctx.t.db.task.findFirst({ where: { id: ctx.params.id } })
      if (!task) throw notFound('task')
      return { data: S.taskJson({ ...task, overdue: isOverdue(task, todayIn(ctx.t.org.timezone)) }) }
    },
  },
  {
    method: 'PATCH',
    path: '/tasks/{id}',
    id: 'updateTask',
    summary: 'Mark a task done, skipped or back to do',
    tag: 'Tasks',
    scope: 'tasks:write',
    permission: 'tasks:assign',
    body: TaskStatusInput,
    response: S.one(S.Task, 'Task'),
    async run(ctx) {
      const task = await updateTaskStatus(ctx.t, ctx.params.id!, (ctx.body as z.infer<typeof TaskStatusInput>).status)
      if (!task) throw notFound('task')
      return { data: S.taskJson({ ...task, overdue: isOverdue(task, todayIn(ctx.t.org.timezone)) }) }
    },
  },
  // Check-ins
  {
    ...head('GET /checkins', 'listCheckIns', 'Check-ins', 'checkins:read'),
    summary: 'Clients’ weekly check-ins, latest week first',
    query: CheckInsQuery,
    ...pagedBy(S.CheckIn, 'CheckIn', listCheckInsPage, S.checkInJson),
  },
  // Insights and figures
  {
    ...head('GET /insights', 'listInsights', 'Insights', 'insights:read'),
    summary: 'Open insights, most severe first',
    query: InsightsQuery,
    ...pagedBy(S.Insight, 'Insight', listInsightsPage, S.insightJson),
  },
  {
    ...head('GET /insights/{id}', 'getInsight', 'Insights', 'insights:read'),
    summary: 'One insight with its evidence',
    response: S.one(S.Insight, 'Insight'),
    async run(ctx) {
      const insight = await findInsight(ctx.t, ctx.params.id!)
      if (!insight) throw notFound('insight')
      return { data: S.insightJson(insight) }
    },
  },
  {
    method: 'GET',
    path: '/caseload',
    id: 'getCaseload',
    summary: 'The caseload funnel: how many applications reached each stage',
    tag: 'Insights',
    scope: 'insights:read',
    query: z.object({
      days: z.enum(['30', '90', '180']).default('90').describe('Applications sent in the last N days'),
    }),
    response: S.one(S.Caseload, 'Caseload'),
    async run(ctx) {
      const { days } = ctx.query as { days: string }
      const figures = await caseloadFunnel(ctx.t, { days: Number(days) })
      return { data: figures }
    },
  },
]
