import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { Form, useActionData } from '@remix-run/react'
import type { TaskType } from '~/domain/tasks/tasks'
import { Field, FormErrors, SubmitButton } from '~/ui/form'
import { TaskMessageField, TaskTemplateFields } from '~/ui/task-fields'
import type { action, LoaderData } from './route'

// A task about this application, pre-filled from the practice's templates (a mock interview when an
// interview is booked), with an optional message that lands in this application's conversation.

export function AssignApplicationTask({ page }: { page: LoaderData }) {
  const actionData = useActionData<typeof action>()
  const lastResult =
    actionData && 'intent' in actionData && actionData.intent === 'assign-task'
      ? (actionData.result as SubmissionResult<string[]>)
      : undefined
  const initialType: TaskType = page.interviews.length ? 'MOCK_INTERVIEW' : 'FOLLOW_UP'
  const [form, fields] = useForm({
    id: 'application-assign-task',
    lastResult,
    defaultValue: {
      type: initialType,
      title: page.prefills[initialType]?.title ?? '',
      instructions: page.prefills[initialType]?.instructions ?? '',
      dueOn: page.defaultDueOn,
      message: '',
    },
  })
  return (
    <section aria-labelledby="assign-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <details open={Boolean(lastResult)}>
        <summary className="cursor-pointer text-lg font-semibold">
          <h2 id="assign-heading" className="inline">
            Assign a task about this application
          </h2>
        </summary>
        <Form method="post" {...getFormProps(form)} className="mt-3 space-y-3">
          <FormErrors id={form.errorId} errors={form.errors} />
          <TaskTemplateFields
            type={fields.type}
            title={fields.title}
            instructions={fields.instructions}
            prefills={page.prefills}
            rows={6}
          />
          <Field label="Due on" type="date" field={fields.dueOn} />
          <TaskMessageField
            field={fields.message}
            hint="Left in this application’s conversation, and sent with the task."
          />
          <SubmitButton intent="assign-task" pendingText="Assigning…">
            Assign the task
          </SubmitButton>
        </Form>
      </details>
    </section>
  )
}
