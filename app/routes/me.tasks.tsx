import { useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { requireClient } from '~/auth/client-session.server'
import { completeTask, CompleteTaskInput, listClientTasks, reopenTask } from '~/domain/tasks/client-tasks.server'
import { formatDate, formatDay, isoDate, todayIn } from '~/lib/dates'
import { SmallMarkdown } from '~/ui/small-markdown'
import { redirectWithToast } from '~/lib/toast.server'
import { Button, SubmitButton, TextareaField, ConformForm } from '~/ui/form'
import { Badge, Card, PageTitle } from '~/ui/portal'
import { readForm } from '~/lib/request-input'
import { notFound } from '~/lib/responses.server'

export const meta: MetaFunction = () => [{ title: 'Your tasks · Rebound' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const c = await requireClient(request)
  return {
    tasks: await listClientTasks(c.pipeline),
    today: todayIn(c.client.timezone),
    timezone: c.client.timezone,
  }
}

const TaskAction = z.discriminatedUnion('intent', [
  CompleteTaskInput.extend({ intent: z.literal('complete'), taskId: z.string().min(1) }),
  z.object({ intent: z.literal('reopen'), taskId: z.string().min(1) }),
])

export async function action({ request }: ActionFunctionArgs) {
  const c = await requireClient(request)
  const submission = parseWithZod(await readForm(request), { schema: TaskAction })
  const taskId = String(submission.payload.taskId ?? '')
  if (submission.status !== 'success') return data({ taskId, result: submission.reply() }, { status: 400 })
  const { intent } = submission.value
  const task =
    intent === 'complete'
      ? await completeTask(c.pipeline, submission.value.taskId, submission.value)
      : await reopenTask(c.pipeline, submission.value.taskId)
  if (!task) throw notFound()
  return redirectWithToast(
    '/me/tasks',
    intent === 'complete' ? { title: 'Done. Nice work.' } : { title: 'Back on your list' },
  )
}

type Task = ReturnType<typeof useLoaderData<typeof loader>>['tasks'][number]

export default function TasksPage() {
  const { tasks, today, timezone } = useLoaderData<typeof loader>()
  const open = tasks.filter((t) => t.status === 'TODO')
  const done = tasks.filter((t) => t.status !== 'TODO')
  return (
    <>
      <PageTitle intro="Small steps your coach suggested. Each one makes the next application count more.">
        Your tasks
      </PageTitle>
      {tasks.length === 0 ? (
        <p className="text-slate-700">No tasks right now. Your coach will add some when they can help.</p>
      ) : null}
      <TaskCards tasks={open} today={today} timezone={timezone} className="space-y-3" />
      {done.length > 0 ? (
        <section aria-labelledby="done" className="mt-6">
          <h2 id="done" className="text-lg font-semibold text-slate-900">
            Done
          </h2>
          <TaskCards tasks={done} today={today} timezone={timezone} className="mt-2 space-y-3" />
        </section>
      ) : null}
    </>
  )
}

function TaskCards({ tasks, className, ...at }: { tasks: Task[]; today: string; timezone: string; className: string }) {
  return (
    <ul className={className}>
      {tasks.map((task) => (
        <li key={task.id}>
          <TaskCard task={task} {...at} />
        </li>
      ))}
    </ul>
  )
}

function TaskCard({ task, today, timezone }: { task: Task; today: string; timezone: string }) {
  const actionData = useActionData<typeof action>()
  const lastResult = actionData?.taskId === task.id ? (actionData.result as SubmissionResult<string[]>) : undefined
  const [form, fields] = useForm<{ note: string }>({ id: `task-${task.id}`, lastResult })
  const due = task.dueOn ? isoDate(new Date(task.dueOn)) : null
  const overdue = task.status === 'TODO' && due !== null && due < today
  return (
    <Card>
      <h3 className="font-semibold break-words text-slate-900">{task.title}</h3>
      <p className="mt-1 flex flex-wrap gap-2 text-sm text-slate-700">
        {task.status === 'DONE' ? (
          <Badge tone="OFFER_ACCEPTED">Done {formatDay(task.completedAt, timezone)}</Badge>
        ) : null}
        {due ? <span className={overdue ? 'font-medium text-red-800' : ''}>Due {formatDate(task.dueOn)}</span> : null}
        {task.application ? (
          <span>
            About {task.application.company}, {task.application.roleTitle}
          </span>
        ) : null}
      </p>
      {task.instructions ? <SmallMarkdown text={task.instructions} className="mt-2 text-slate-800" /> : null}
      {task.status === 'TODO' ? (
        <ConformForm form={form} className="mt-3 space-y-3">
          <input type="hidden" name="taskId" value={task.id} />
          <TextareaField label="A note for your coach (optional)" field={fields.note} rows={2} />
          <SubmitButton intent="complete" className="min-h-11 w-full" pendingText="Saving…">
            Mark done
          </SubmitButton>
        </ConformForm>
      ) : (
        <>
          {task.completionNote ? (
            <p className="mt-2 text-sm break-words text-slate-700">Your note: {task.completionNote}</p>
          ) : null}
          <Form method="post" className="mt-3">
            <input type="hidden" name="taskId" value={task.id} />
            <Button type="submit" name="intent" value="reopen" variant="secondary" className="min-h-11 w-full">
              Not done yet
            </Button>
          </Form>
        </>
      )}
    </Card>
  )
}
