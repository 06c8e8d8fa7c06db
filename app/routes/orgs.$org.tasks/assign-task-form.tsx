import { getFormProps, getSelectProps, useForm, type SubmissionResult } from '@conform-to/react'
import { Form, useActionData, useSearchParams } from '@remix-run/react'
import type { TaskType } from '~/domain/tasks/tasks'
import { ErrorList, Field, FormErrors, SubmitButton, inputClass } from '~/ui/form'
import { TaskMessageField, TaskTemplateFields } from '~/ui/task-fields'
import type { action, Page } from './route'
import { Section } from '~/ui/section'

// Assign a task to one client from the board, pre-filled from the practice's template for its type.

export function AssignTaskForm({ page }: { page: Page }) {
  const { clients, prefills, defaultDueOn, query } = page
  const actionData = useActionData<typeof action>()
  const lastResult = actionData?.intent === 'assign' ? (actionData.result as SubmissionResult<string[]>) : undefined
  const initialType = (query.type ?? 'RESUME_TAILORING') as TaskType
  const [form, fields] = useForm({
    id: 'assign-task',
    lastResult,
    defaultValue: {
      clientIds: query.client ?? '',
      type: initialType,
      title: prefills[initialType].title,
      instructions: prefills[initialType].instructions,
      dueOn: defaultDueOn,
      message: '',
    },
  })
  const [params] = useSearchParams()
  return (
    <Section headingId="assign-heading" title="Assign a task" card>
      <Form
        method="post"
        action={`?${params.toString()}`}
        {...getFormProps(form)}
        className="mt-3 grid gap-3 md:grid-cols-2"
      >
        <input type="hidden" name="intent" value="assign" />
        <div className="md:col-span-2">
          <FormErrors id={form.errorId} errors={form.errors} />
        </div>
        <div>
          <label htmlFor={fields.clientIds.id} className="block text-sm font-medium text-slate-800">
            Client
          </label>
          <select {...getSelectProps(fields.clientIds)} key={fields.clientIds.key} className={`mt-1 ${inputClass}`}>
            <option value="">Choose a client</option>
            {clients.map((client) => (
              <option key={client.id} value={client.id}>
                {client.name}
              </option>
            ))}
          </select>
          <ErrorList id={fields.clientIds.errorId} errors={fields.clientIds.errors} />
        </div>
        <TaskTemplateFields
          type={fields.type}
          title={fields.title}
          instructions={fields.instructions}
          prefills={prefills}
          wideClass="md:col-span-2"
        />
        <TaskMessageField
          field={fields.message}
          hint="Left in your conversation with them, and sent with the task."
          className="md:col-span-2"
        />
        <Field label="Due on" type="date" field={fields.dueOn} />
        <div className="flex items-end">
          <SubmitButton pendingText="Assigning…">Assign task</SubmitButton>
        </div>
      </Form>
    </Section>
  )
}
