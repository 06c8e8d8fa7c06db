import { z } from 'zod'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import { changesOf, recordTenantEvent } from '../practices/audit.server'
import { taskTypes } from './tasks'

// The practice's task templates (Settings → Templates): edit, add, retire and bring back. A task
// copies its template's text when it is assigned, so editing or retiring a template never changes a
// task a client already has. Every change is in the audit log.

export const TaskTemplateInput = z.object({
  type: z.enum(taskTypes, { error: 'Choose a type of task' }),
  title: z
    .string({ error: 'Give the template a title' })
    .trim()
    .min(1, 'Give the template a title')
    .max(200, 'Use at most 200 characters'),
  instructions: z
    .string()
    .trim()
    .max(10_000, 'Use at most 10,000 characters')
    .optional()
    .transform((v) => v ?? ''),
})
export type TaskTemplateInput = z.output<typeof TaskTemplateInput>

/** Every template, by type, the ones still offered first within a type. */
export function listPracticeTemplates(t: TenantContext) {
  return t.db.taskTemplate.findMany({
    orderBy: [{ type: 'asc' }, { retiredAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'asc' }, { id: 'asc' }],
  })
}

export async function addTaskTemplate(t: TenantContext, input: TaskTemplateInput, ip?: string | null) {
  const template = await t.db.taskTemplate.create({ data: { ...input, organizationId: t.org.id } })
  await recordTenantEvent(
    t,
    'task_template.added',
    { type: 'TaskTemplate', id: template.id },
    { type: input.type, title: input.title },
    { ip },
  )
  return template
}

/** Null when the template is not this practice's. */
export async function updateTaskTemplate(
  t: TenantContext,
  id: string,
  input: TaskTemplateInput,
  ip?: string | null,
) {
  const before = await t.db.taskTemplate.findFirst({ where: { id } })
  if (!before) return null
  const changes = changesOf(before, input, ['type', 'title', 'instructions'])
  if (Object.keys(changes).length === 0) return before
  const updated = await t.db.taskTemplate.update({ where: { id: before.id }, data: input })
  await recordTenantEvent(t, 'task_template.edited', { type: 'TaskTemplate', id }, { changes }, { ip })
  return updated
}

/** Retires (or, with `retired` false, brings back) a template. Null when it is not this practice's. */
export async function setTaskTemplateRetired(
  t: TenantContext,
  id: string,
  retired: boolean,
  ip?: string | null,
  now = new Date(),
) {
  const before = await t.db.taskTemplate.findFirst({ where: { id } })
  if (!before) return null
  if (Boolean(before.retiredAt) === retired) return before
  const updated = await t.db.taskTemplate.update({ where: { id: before.id }, data: { retiredAt: retired ? now : null } })
  await recordTenantEvent(
    t,
    retired ? 'task_template.retired' : 'task_template.restored',
    { type: 'TaskTemplate', id },
    { type: before.type, title: before.title },
    { ip },
  )
  return updated
}
