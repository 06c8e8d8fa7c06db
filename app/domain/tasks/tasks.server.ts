import { z } from 'zod'
import type { TaskStatus, TaskType } from '~/generated/prisma/enums'
import { dateOnly, formatDate, isCalendarDay, todayIn, notACalendarDay } from '~/lib/dates'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import { suggestionFor, type TaskSuggestion } from '../insights/kinds'
import { evidenceOf, findInsight } from '../insights/store.server'
import { defaultTaskTemplates } from './task-templates'
import { isOverdue, taskStatuses, taskTypeLabels, taskTypes } from './tasks'
import { recordTenantEvent } from '../practices/audit.server'
import { InputError } from '~/lib/input-error'
import { coachSpeaker, postMessage } from '../conversations/messages.server'
import { notifyClient } from '../notifications/notify.server'
import { withWebhookEvents } from '../webhooks/emit.server'
import { taskPayload } from '../webhooks/payloads'
import { requiredText } from '../form-fields'

// Improvement tasks on the coach's side: assigning them (by hand, or the one an insight suggests),
// the board, and the practice's templates. The client completes them in the portal (client-tasks.server.ts).

export { isOverdue }

const isoDay = z
  .string({ error: 'Choose a due date' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-11-23')
  .refine(isCalendarDay, notACalendarDay)
const optionalId = z
  .string()
  .max(64)
  .nullish()
  .transform((v) => v || null)

export const AssignTaskInput = z.object({
  /** One client id (a single form field) or several. */
  clientIds: z.preprocess(
    (v) => (typeof v === 'string' ? [v] : v),
    z.array(z.string().min(1).max(64), { error: 'Choose a client' }).min(1, 'Choose a client').max(500),
  ),
  type: z.enum(taskTypes, { error: 'Choose a type of task' }),
  title: requiredText('Enter a title', 200, 'Use at most 200 characters'),
  instructions: z.string().trim().max(10_000, 'Use at most 10,000 characters').default(''),
  /** A date in the practice's timezone, today or later (checked by assignTask). */
  dueOn: isoDay,
  applicationId: optionalId,
  insightId: optionalId,
  /** A message to the client, left in their conversation with the task. */
  message: z.string().trim().max(5000, 'Keep a message under 5,000 characters').default(''),
})
export type AssignTaskInput = z.output<typeof AssignTaskInput>

function assertDueDate(t: TenantContext, dueOn: string, now: Date) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dueOn)) throw new InputError('dueOn', 'Use a date like 2026-11-23')
  if (!isCalendarDay(dueOn)) throw new InputError('dueOn', notACalendarDay)
  if (dueOn < todayIn(t.org.timezone, now)) throw new InputError('dueOn', 'Choose today or a later date')
}

/** Assigns one task to each of the clients. Throws InputError for a client, application or insight not in view. */
export async function assignTask(t: TenantContext, input: AssignTaskInput, now = new Date()) {
  const parsed = AssignTaskInput.parse(input)
  assertDueDate(t, parsed.dueOn, now)
  const clientIds = [...new Set(parsed.clientIds)]
  const clients = await t.db.client.findMany({
    where: { id: { in: clientIds }, status: { not: 'ARCHIVED' } },
    select: { id: true },
  })
  if (clients.length !== clientIds.length) throw new InputError('clientIds', 'Choose clients of this practice')
  if (parsed.applicationId) {
    if (clientIds.length !== 1) throw new InputError('applicationId', 'An application belongs to one client')
    const application = await t.db.jobApplication.findFirst({
      where: { id: parsed.applicationId, clientId: clientIds[0] },
      select: { id: true },
    })
    if (!application) throw new InputError('applicationId', 'Choose one of this client’s applications')
  }
  if (parsed.insightId && !(await findInsight(t, parsed.insightId)))
    throw new InputError('insightId', 'That insight is not in this practice')
  const tasks = await createTasks(t, clientIds, parsed, now)
  for (const clientId of clientIds) {
    // A task about an application leaves its message in that application's thread.
    if (parsed.message) await postMessage(coachSpeaker(t), clientId, parsed.applicationId, parsed.message, now)
  }
  return tasks
}

async function createTasks(
  t: TenantContext,
  clientIds: string[],
  task: Pick<AssignTaskInput, 'type' | 'title' | 'instructions' | 'dueOn' | 'applicationId' | 'insightId'>,
  now: Date,
) {
  // The tasks, their audit entries and their events commit together; word to the clients follows the commit.
  const tasks = await withWebhookEvents({ db: t.db, organizationId: t.org.id }, async (tx, emit) => {
    // One insert per client: single-row writes check their keys inside the transaction (the door's
    // check for bulk inserts runs outside it, which a one-connection embedded database cannot serve).
    const tasks = []
    for (const clientId of clientIds) {
      tasks.push(
        await tx.task.create({
          data: {
            organizationId: t.org.id,
            clientId,
            type: task.type,
            title: task.title,
            instructions: task.instructions,
            dueOn: dateOnly(task.dueOn),
            applicationId: task.applicationId,
            insightId: task.insightId,
            assignedById: t.user.id,
            createdAt: now,
          },
        }),
      )
    }
    for (const created of tasks) {
      await recordTenantEvent(
        { ...t, db: tx },
        'task.assigned',
        { type: 'Task', id: created.id },
        {
          clientId: created.clientId,
          title: created.title,
          type: created.type,
          dueOn: task.dueOn,
          ...(task.insightId ? { insightId: task.insightId } : {}),
        },
      )
      await emit('task.assigned', taskPayload(created), now)
    }
    return tasks
  })

  for (const created of tasks) {
    const due = task.dueOn ? `, due ${formatDate(dateOnly(task.dueOn))}` : ''
    await notifyClient(
      { db: t.db, organizationId: t.org.id },
      created.clientId,
      'TASK',
      `${t.user.name} assigned you a task: ${created.title}${due}.`,
      '/me/tasks',
      now,
    )
  }
  return tasks
}

/**
 * Title and instructions for a new task of this type: the practice's template, else the default
 * one. Suggestions of type OTHER (a check-in call, coach outreach) bring their own.
 */
export async function taskPrefill(t: TenantContext, type: TaskType, suggestion?: TaskSuggestion) {
  if (type === 'OTHER' && suggestion) return { title: suggestion.title, instructions: suggestion.instructions ?? '' }
  const active = await t.db.taskTemplate.findFirst({
    where: { type, retiredAt: null },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  })
  // A type whose templates the practice retired offers none, rather than the default it replaced.
  const retiredAll = !active && (await t.db.taskTemplate.count({ where: { type } })) > 0
  const template = active ?? (retiredAll ? null : defaultTaskTemplates.find((candidate) => candidate.type === type))
  if (template) return { title: template.title, instructions: template.instructions }
  return { title: suggestion?.title ?? taskTypeLabels[type], instructions: suggestion?.instructions ?? '' }
}

export const AssignSuggestedTaskInput = z.object({
  allClients: z
    .union([z.literal('on'), z.literal('true'), z.literal('false'), z.boolean()])
    .optional()
    .transform((v) => v === true || v === 'on' || v === 'true'),
  /** For a caseload insight assigned to one of the clients it names. */
  clientId: optionalId,
  dueOn: isoDay,
  /** The coach's edits of the pre-filled title and instructions; the template's when left out. */
  title: z.string().trim().max(200, 'Use at most 200 characters').optional(),
  instructions: z.string().trim().max(10_000, 'Use at most 10,000 characters').optional(),
})
export type AssignSuggestedTaskInput = z.output<typeof AssignSuggestedTaskInput>

/**
 * The one-click task: the insight's suggested task, pre-filled from the practice's template, to the
 * insight's client, or for a caseload insight to every active client it names (allClients) or to one
 * of them (clientId). A client who already has an open task of that type (from any insight, or given
 * by hand) is skipped: the coach can still give them another by hand (assignTask). Null when the
 * insight is not in view.
 */
export async function assignSuggestedTask(
  t: TenantContext,
  insightId: string,
  options: { allClients?: boolean; clientId?: string | null; dueOn: string; title?: string; instructions?: string },
  now = new Date(),
) {
  assertDueDate(t, options.dueOn, now)
  const insight = await findInsight(t, insightId)
  if (!insight) return null
  const evidence = evidenceOf(insight)
  const suggestion = suggestionFor(insight.kind, evidence)
  const type = insight.suggestedTaskType ?? suggestion.type

  let targets: string[]
  if (insight.clientId) targets = [insight.clientId]
  else if (options.allClients) targets = evidence.clientIds ?? []
  else if (options.clientId && evidence.clientIds?.includes(options.clientId)) targets = [options.clientId]
  else throw new InputError('clientId', 'Choose one of the clients this insight names, or all of them')

  const [active, already] = await Promise.all([
    t.db.client.findMany({ where: { id: { in: targets }, status: 'ACTIVE' }, select: { id: true } }),
    clientsWithOpenTask(t, targets, type, suggestion.title),
  ])
  const clientIds = active.map((client) => client.id).filter((id) => !already.has(id))
  const skippedClientIds = active.map((client) => client.id).filter((id) => already.has(id))
  const template = await taskPrefill(t, type, suggestion)
  const prefill = {
    title: options.title || template.title,
    instructions: options.instructions ?? template.instructions,
  }
  const applicationId = insight.clientId && evidence.applicationIds.length === 1 ? evidence.applicationIds[0]! : null
  const created = clientIds.length
    ? await createTasks(
        t,
        clientIds,
        { type, ...prefill, dueOn: options.dueOn, applicationId, insightId: insight.id },
        now,
      )
    : []
  return { insight, created, type, skippedClientIds, kindOfTask: kindOfTask(type, suggestion.title) }
}

/**
 * Which of the clients already have a task of this kind still to do: of this type, or for type
 * OTHER (a catch-all) with this title.
 */
export async function clientsWithOpenTask(t: TenantContext, clientIds: string[], type: TaskType, title: string) {
  if (clientIds.length === 0) return new Set<string>()
  const open = await t.db.task.findMany({
    where: { type, ...(type === 'OTHER' && { title }), status: 'TODO', clientId: { in: clientIds } },
    select: { clientId: true },
    distinct: ['clientId'],
  })
  return new Set(open.map((task) => task.clientId))
}

/** "follow-up task", or for type OTHER the suggestion's own title: "“Book a check-in call” task". */
export function kindOfTask(type: TaskType, title: string) {
  if (type === 'OTHER') return `“${title}” task`
  const label = taskTypeLabels[type]
  return `${/^[A-Z][a-z]/.test(label) && !label.startsWith('LinkedIn') ? label[0]!.toLowerCase() + label.slice(1) : label} task`
}

export type TaskListFilter = {
  status?: TaskStatus
  clientId?: string
  type?: TaskType
  insightId?: string
  /** Only tasks still to do whose due date has passed. */
  overdue?: boolean
  take?: number
}

const taskInclude = {
  client: { select: { id: true, name: true, coachId: true } },
  application: { select: { id: true, company: true, roleTitle: true } },
  insight: { select: { id: true, kind: true } },
} as const

/** Tasks by due date (undated last), each with `overdue` as of today in the practice's timezone. */
export async function listTasks(t: TenantContext, filter: TaskListFilter = {}, now = new Date()) {
  const today = todayIn(t.org.timezone, now)
  const tasks = await t.db.task.findMany({
    where: {
      ...(filter.overdue
        ? { status: 'TODO', dueOn: { lt: dateOnly(today) } }
        : filter.status && { status: filter.status }),
      ...(filter.clientId && { clientId: filter.clientId }),
      ...(filter.type && { type: filter.type }),
      ...(filter.insightId && { insightId: filter.insightId }),
    },
    include: taskInclude,
    orderBy: [{ dueOn: { sort: 'asc', nulls: 'last' } }, { createdAt: 'asc' }, { id: 'asc' }],
    take: filter.take ?? 500,
  })
  return tasks.map((task) => ({ ...task, overdue: isOverdue(task, today) }))
}

export function countOverdueTasks(t: TenantContext, now = new Date()) {
  return t.db.task.count({ where: { status: 'TODO', dueOn: { lt: dateOnly(todayIn(t.org.timezone, now)) } } })
}

/** How many tasks each column of the board shows at a time. */
export const TASK_BOARD_PAGE_SIZE = { TODO: 20, DONE: 10, SKIPPED: 10 } as const satisfies Record<TaskStatus, number>

export type TaskBoardPages = Partial<Record<TaskStatus, number>>

/**
 * The tasks board, each column a page at a time with its total: to do by due date (soonest first,
 * no due date last), done by the day it was done and skipped by when it was skipped, most recent
 * first. With `overdue`, only the overdue tasks to do.
 */
export async function listTaskBoard(
  t: TenantContext,
  filter: { clientId?: string; type?: TaskType; overdue?: boolean } = {},
  now = new Date(),
  pages: TaskBoardPages = {},
) {
  const today = todayIn(t.org.timezone, now)
  const common = {
    ...(filter.clientId && { clientId: filter.clientId }),
    ...(filter.type && { type: filter.type }),
  }
  const column = async (status: TaskStatus) => {
    if (filter.overdue && status !== 'TODO') return { tasks: [], total: 0, page: 1 }
    const where =
      status === 'TODO' && filter.overdue
        ? { ...common, status, dueOn: { lt: dateOnly(today) } }
        : { ...common, status }
    const size = TASK_BOARD_PAGE_SIZE[status]
    const total = await t.db.task.count({ where })
    const pageCount = Math.max(1, Math.ceil(total / size))
    const page = Math.min(Math.max(1, pages[status] ?? 1), pageCount)
    const tasks = await t.db.task.findMany({
      where,
      include: taskInclude,
      orderBy:
        status === 'TODO'
          ? [{ dueOn: { sort: 'asc', nulls: 'last' } }, { createdAt: 'asc' }, { id: 'asc' }]
          : status === 'DONE'
            ? [{ completedAt: { sort: 'desc', nulls: 'last' } }, { updatedAt: 'desc' }, { id: 'asc' }]
            : [{ updatedAt: 'desc' }, { id: 'asc' }],
      skip: (page - 1) * size,
      take: size,
    })
    return { tasks: tasks.map((task) => ({ ...task, overdue: isOverdue(task, today) })), total, page }
  }
  const [todo, done, skipped] = await Promise.all([column('TODO'), column('DONE'), column('SKIPPED')])
  return {
    today,
    columns: { TODO: todo.tasks, DONE: done.tasks, SKIPPED: skipped.tasks },
    totals: { TODO: todo.total, DONE: done.total, SKIPPED: skipped.total },
    pages: { TODO: todo.page, DONE: done.page, SKIPPED: skipped.page },
    pageSizes: TASK_BOARD_PAGE_SIZE,
  }
}

export const TaskStatusInput = z.object({ status: z.enum(taskStatuses, { error: 'Choose a status' }) })

/** The coach marks a task done, skipped or back to do. Null when the task is not in view. */
export async function updateTaskStatus(t: TenantContext, id: string, status: TaskStatus, now = new Date()) {
  const task = await t.db.task.findFirst({ where: { id }, select: { id: true, status: true, completedAt: true } })
  if (!task) return null
  return withWebhookEvents({ db: t.db, organizationId: t.org.id }, async (tx, emit) => {
    const updated = await tx.task.update({
      where: { id: task.id },
      data: { status, completedAt: status === 'DONE' ? (task.completedAt ?? now) : null },
    })
    if (status === 'DONE' && task.status !== 'DONE') await emit('task.completed', taskPayload(updated), now)
    return updated
  })
}

export function listTaskTemplates(t: TenantContext) {
  return t.db.taskTemplate.findMany({ orderBy: [{ type: 'asc' }, { createdAt: 'asc' }] })
}

/**
 * Gives the practice the default templates (task-templates.ts) if it has none yet, so signing up
 * and seeding can both call it. Returns how many it created.
 */
export async function ensureDefaultTaskTemplates(t: TenantContext) {
  if ((await t.db.taskTemplate.count()) > 0) return 0
  const { count } = await t.db.taskTemplate.createMany({
    data: defaultTaskTemplates.map((template) => ({ ...template, organizationId: t.org.id })),
  })
  return count
}
