import { z } from 'zod'
import { noteField } from '~/lib/note-field'
import type { PipelineContext } from '../applications/applications.server'
import { requestInsightsRefresh } from '~/jobs/queue.server'
import { withWebhookEvents } from '../webhooks/emit.server'
import { taskPayload } from '../webhooks/payloads'

// The client's view of their improvement tasks: what the coach asked, and marking it done.
// Coaches assign tasks elsewhere; here a client reads and completes only their own.

export const CompleteTaskInput = z.object({
  note: noteField(2000),
})
export type CompleteTaskInput = z.input<typeof CompleteTaskInput>

// What the client sees of a task: never who assigned it or the insight behind it.
const clientTaskFields = {
  id: true,
  type: true,
  title: true,
  instructions: true,
  dueOn: true,
  status: true,
  completedAt: true,
  completionNote: true,
  application: { select: { id: true, company: true, roleTitle: true } },
} as const

/** To do first (soonest due first, undated last), then done, most recent first. Skipped tasks are left out. */
export async function listClientTasks(p: PipelineContext) {
  const [todo, done] = await Promise.all([
    p.db.task.findMany({
      where: { clientId: p.clientId, status: 'TODO' },
      orderBy: [{ dueOn: { sort: 'asc', nulls: 'last' } }, { createdAt: 'asc' }],
      select: clientTaskFields,
    }),
    p.db.task.findMany({
      where: { clientId: p.clientId, status: 'DONE' },
      orderBy: [{ completedAt: { sort: 'desc', nulls: 'last' } }, { updatedAt: 'desc' }],
      take: 50,
      select: clientTaskFields,
    }),
  ])
  return [...todo, ...done]
}

export function countOpenTasks(p: PipelineContext) {
  return p.db.task.count({ where: { clientId: p.clientId, status: 'TODO' } })
}

/** Marks the client's own task done, with an optional note. Null when the task is not theirs. */
export async function completeTask(p: PipelineContext, taskId: string, input: CompleteTaskInput, now = new Date()) {
  const { note } = CompleteTaskInput.parse(input)
  const task = await p.db.task.findFirst({
    where: { id: taskId, clientId: p.clientId },
    select: { id: true, status: true },
  })
  if (!task) return null
  const done = await withWebhookEvents(p, async (tx, emit) => {
    const done = await tx.task.update({
      where: { id: task.id },
      data: { status: 'DONE', completedAt: now, completionNote: note },
      select: clientTaskFields,
    })
    if (task.status !== 'DONE')
      await emit(
        'task.completed',
        taskPayload({ ...done, clientId: p.clientId, applicationId: done.application?.id }),
        now,
      )
    return done
  })
  // After the write commits, so the refresh reads the task done.
  requestInsightsRefresh(p.organizationId)
  return done
}

/** Back to do; the note stays. Null when the task is not theirs. */
export async function reopenTask(p: PipelineContext, taskId: string) {
  const task = await p.db.task.findFirst({ where: { id: taskId, clientId: p.clientId }, select: { id: true } })
  if (!task) return null
  return p.db.task.update({
    where: { id: task.id },
    data: { status: 'TODO', completedAt: null },
    select: clientTaskFields,
  })
}
