import { getFormProps, useForm } from '@conform-to/react'
import { Form, Link } from '@remix-run/react'
import { taskTypeLabels } from '~/domain/tasks/tasks'
import { orgPath } from '~/lib/org-path'
import { ErrorList, Field, FormErrors, SubmitButton } from '~/ui/form'
import { TaskTemplateFields } from '~/ui/task-fields'
import type { LoaderData } from './route'
import { useIntentResult } from '~/ui/intent-result'
import { Section } from '~/ui/section'

// The insight's suggested task, pre-filled from the practice's template, assigned to its client or to
// the clients it names who have no such task open.

export function AssignForm({ detail }: { detail: LoaderData }) {
  const { insight, clients, suggestedTask, alreadyOpen, kindOfTask, slug } = detail
  const lastResult = useIntentResult('assign')
  const [form, fields] = useForm<{
    title: string
    instructions: string
    dueOn: string
    clientId: string
    allClients: string
  }>({
    id: 'assign-task',
    lastResult,
    defaultValue: { title: suggestedTask.title, instructions: suggestedTask.instructions, dueOn: suggestedTask.dueOn },
  })
  const skipped = new Set(alreadyOpen.map((client) => client.id))
  const active = clients.filter((client) => client.status === 'ACTIVE')
  const assignable = active.filter((client) => !skipped.has(client.id))
  return (
    <Section headingId="assign-heading" title={<>Suggested task: {taskTypeLabels[suggestedTask.type]}</>} card>
      <p className="text-sm text-slate-700">
        Pre-filled from your practice’s template. Edit it if you like; the client sees it in their portal.
      </p>
      <Form method="post" {...getFormProps(form)} className="mt-3 space-y-3">
        <input type="hidden" name="intent" value="assign" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <TaskTemplateFields title={fields.title} instructions={fields.instructions} />
        <div className="max-w-xs">
          <Field label="Due on" type="date" field={fields.dueOn} />
        </div>
        <ErrorList errors={[...(fields.clientId.errors ?? []), ...(fields.allClients.errors ?? [])]} />
        {alreadyOpen.length > 0 ? <AlreadyOpenNote clients={alreadyOpen} kindOfTask={kindOfTask} slug={slug} /> : null}
        {active.length === 0 ? (
          <p className="text-slate-700">No active client to assign it to.</p>
        ) : assignable.length === 0 ? null : insight.clientId ? (
          <SubmitButton pendingText="Assigning…">Assign to {assignable[0]!.name}</SubmitButton>
        ) : (
          <div className="flex flex-wrap gap-2">
            <SubmitButton name="allClients" value="true" pendingText="Assigning…">
              {assignable.length === active.length
                ? `Assign to all ${active.length} clients`
                : `Assign to the ${assignable.length === 1 ? 'one client' : `${assignable.length} clients`} without one`}
            </SubmitButton>
            {assignable.map((client) => (
              <SubmitButton
                key={client.id}
                name="clientId"
                value={client.id}
                variant="secondary"
                pendingText="Assigning…"
              >
                Assign to {client.name}
              </SubmitButton>
            ))}
          </div>
        )}
      </Form>
    </Section>
  )
}

function AlreadyOpenNote({
  clients,
  kindOfTask,
  slug,
}: {
  clients: { id: string; name: string }[]
  kindOfTask: string
  slug: string
}) {
  const n = clients.length
  return (
    <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-slate-900" role="note">
      <p>
        {n === 1 ? '1 client' : `${n} clients`} skipped: they already have an open {kindOfTask}. To give{' '}
        {n === 1 ? 'them' : 'one of them'} another, assign it by hand:
      </p>
      <ul className="mt-1 flex flex-wrap gap-x-3 gap-y-1">
        {clients.map((client) => (
          <li key={client.id}>
            <Link to={`${orgPath(slug, 'tasks')}?client=${client.id}`} className="text-brand-700 underline">
              {client.name}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  )
}
