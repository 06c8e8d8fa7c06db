import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type SubmissionResult,
} from '@conform-to/react'
import { Form, useActionData } from '@remix-run/react'
import { useState } from 'react'
import { taskTypeLabels, taskTypes, type TaskType } from '~/domain/tasks/tasks'
import { ErrorList, Field, FormErrors, SubmitButton, inputClass } from '~/ui/form'
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
  const [chosen, setChosen] = useState<TaskType | null>(null)
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
          <div>
            <label htmlFor={fields.type.id} className="block text-sm font-medium text-slate-800">
              Type
            </label>
            <select
              {...getSelectProps(fields.type)}
              key={fields.type.key}
              onChange={(event) => setChosen(event.currentTarget.value as TaskType)}
              className={`mt-1 ${inputClass}`}
            >
              {taskTypes.map((type) => (
                <option key={type} value={type}>
                  {taskTypeLabels[type]}
                </option>
              ))}
            </select>
            <ErrorList id={fields.type.errorId} errors={fields.type.errors} />
          </div>
          <div>
            <label htmlFor={fields.title.id} className="block text-sm font-medium text-slate-800">
              Title
            </label>
            <input
              {...getInputProps(fields.title, { type: 'text' })}
              key={`${fields.title.key}-${chosen}`}
              {...(chosen && { defaultValue: page.prefills[chosen]?.title })}
              className={`mt-1 ${inputClass}`}
            />
            <ErrorList id={fields.title.errorId} errors={fields.title.errors} />
          </div>
          <div>
            <label htmlFor={fields.instructions.id} className="block text-sm font-medium text-slate-800">
              Instructions
            </label>
            <textarea
              {...getTextareaProps(fields.instructions)}
              key={`${fields.instructions.key}-${chosen}`}
              {...(chosen && { defaultValue: page.prefills[chosen]?.instructions })}
              rows={6}
              className={`mt-1 ${inputClass}`}
            />
            <ErrorList id={fields.instructions.errorId} errors={fields.instructions.errors} />
          </div>
          <Field label="Due on" type="date" field={fields.dueOn} />
          <div>
            <label htmlFor={fields.message.id} className="block text-sm font-medium text-slate-800">
              Message to the client (optional)
            </label>
            <p id={`${fields.message.id}-hint`} className="text-sm text-slate-700">
              Left in this application’s conversation, and sent with the task.
            </p>
            <textarea
              {...getTextareaProps(fields.message, { ariaDescribedBy: `${fields.message.id}-hint` })}
              key={fields.message.key}
              rows={3}
              className={`mt-1 ${inputClass}`}
            />
            <ErrorList id={fields.message.errorId} errors={fields.message.errors} />
          </div>
          <SubmitButton intent="assign-task" pendingText="Assigning…">
            Assign the task
          </SubmitButton>
        </Form>
      </details>
    </section>
  )
}
