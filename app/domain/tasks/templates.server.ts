import type { TenantContext } from '~/tenancy/scoped-client.server'
import { changesOf, recordTenantEvent } from '../practices/audit.server'
import type { TaskTemplateInput } from './template-input'

export { TaskTemplateInput } from './template-input'

// The practice's task templates (Settings → Templates): edit, add, retire and bring back. A task
// copies its template's text when it is assigned, so editing or retiring a template never changes a
// task a client already has. Every change is in the audit log.

/** Every template, by type, the ones still offered first within a type. */
export function listPracticeTemplates(t: TenantContext) {
  return t.db.taskTemplate.findMany({
    orderBy: [{ type: 'asc' }, { retiredAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'asc' }, { id: 'asc' }],
  })
}

const fieldsOf = (input: TaskTemplateInput) => ({
  type: input.type,
  title: input.title,
  instructions: input.instructions,
})

export async function addTaskTemplate(t: TenantContext, input: TaskTemplateInput, ip?: string | null) {
  const template = await t.db.taskTemplate.create({ data: { ...fieldsOf(input), organizationId: t.org.id } })
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
export async function updateTaskTemplate(t: TenantContext, id: string, input: TaskTemplateInput, ip?: string | null) {
  const before = await t.db.taskTemplate.findFirst({ where: { id } })
  if (!before) return null
  const data = fieldsOf(input)
  const changes = changesOf(before, data, ['type', 'title', 'instructions'])
  if (Object.keys(changes).length === 0) return before
  const updated = await t.db.taskTemplate.update({ where: { id: before.id }, data })
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
  const updated = await t.db.taskTemplate.update({
    where: { id: before.id },
    data: { retiredAt: retired ? now : null },
  })
  await recordTenantEvent(
    t,
    retired ? 'task_template.retired' : 'task_template.restored',
    { type: 'TaskTemplate', id },
    { type: before.type, title: before.title },
    { ip },
  )
  return updated
}
