import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type SubmissionResult,
} from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useState } from 'react'
import { z } from 'zod'
import { can } from '~/domain/practices/permissions'
import type { TaskType } from '~/domain/tasks/tasks'
import { getTaskBoardPage, TaskBoardQuery } from '~/domain/tasks/task-board.server'
import { assignTask, AssignTaskInput, TaskStatusInput, updateTaskStatus } from '~/domain/tasks/tasks.server'
import { taskStatusLabels, taskStatuses, taskTypeLabels, taskTypes } from '~/domain/tasks/tasks'
import { formatDate } from '~/lib/dates'
import { inputErrorReply, notFound } from '~/lib/responses.server'
import { redirectWithToast } from '~/lib/toast.server'
import { requirePermission, requireTenant } from '~/auth/require-tenant.server'
import { Button, ErrorList, FormErrors, SubmitButton, inputClass } from '~/ui/form'
import { queryOf, readForm } from '~/lib/request-input'
import { orgPath } from '~/lib/org-path'

export const meta: MetaFunction = () => [{ title: 'Tasks · Rebound' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  const query = TaskBoardQuery.parse(queryOf(request))
  const page = await getTaskBoardPage(t, query)
  return { ...page, query, slug: t.org.slug, canAssign: can(t.role, 'tasks:assign') }
}

const Intent = z.discriminatedUnion('intent', [
  AssignTaskInput.extend({ intent: z.literal('assign') }),
  TaskStatusInput.extend({ intent: z.literal('status'), taskId: z.string().min(1) }),
])

export async function action({ request, params }: ActionFunctionArgs) {
  const t = await requireTenant(request, params)
  const submission = parseWithZod(await readForm(request), { schema: Intent })
  const intent = String(submission.payload.intent ?? '')
  if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
  const input = submission.value
  const back = `${orgPath(t.org.slug, 'tasks')}${new URL(request.url).search}`
  requirePermission(t, 'tasks:assign')
  if (input.intent === 'status') {
    const task = await updateTaskStatus(t, input.taskId, input.status)
    if (!task) throw notFound()
    return redirectWithToast(back, { title: `${task.title}: ${taskStatusLabels[input.status].toLowerCase()}` })
  }
  try {
    const created = await assignTask(t, input)
    return redirectWithToast(back, {
      title: created.length === 1 ? 'Task assigned' : `${created.length} tasks assigned`,
    })
  } catch (error) {
    return inputErrorReply(submission, error, { intent })
  }
}

type Page = ReturnType<typeof useLoaderData<typeof loader>>
type BoardTask = Page['columns']['TODO'][number]

const columnHints = { TODO: 'By due date, soonest first', DONE: 'Most recent first', SKIPPED: 'Most recent first' }

export default function TasksPage() {
  const page = useLoaderData<typeof loader>()
  const { columns, clients, query, slug, canAssign } = page
  const total = columns.TODO.length + columns.DONE.length + columns.SKIPPED.length
  const filtered = Boolean(query.client || query.type || query.overdue)
  return (
    <main className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">Tasks</h1>
        <p className="text-slate-700">What your clients are working on, by status and due date.</p>
      </div>

      <Form method="get" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3">
        <div>
          <label htmlFor="filter-client" className="block text-sm font-medium text-slate-800">
            Client
          </label>
          <select id="filter-client" name="client" defaultValue={query.client ?? ''} className={`mt-1 ${inputClass}`}>
            <option value="">All clients</option>
            {clients.map((client) => (
              <option key={client.id} value={client.id}>
                {client.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-type" className="block text-sm font-medium text-slate-800">
            Type
          </label>
          <select id="filter-type" name="type" defaultValue={query.type ?? ''} className={`mt-1 ${inputClass}`}>
            <option value="">All types</option>
            {taskTypes.map((type) => (
              <option key={type} value={type}>
                {taskTypeLabels[type]}
              </option>
            ))}
          </select>
        </div>
        <label className="flex items-center gap-2 py-2 text-sm font-medium text-slate-800">
          <input type="checkbox" name="overdue" value="1" defaultChecked={query.overdue} className="h-4 w-4" />
          Overdue only
        </label>
        <Button type="submit" variant="secondary">
          Filter
        </Button>
        {filtered ? (
          <Link to={orgPath(slug, 'tasks')} className="py-2 text-sm text-brand-700 underline">
            Clear filters
          </Link>
        ) : null}
      </Form>

      {total === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-4 text-slate-700">
          {filtered
            ? 'No task matches these filters.'
            : 'No tasks yet. Assign one below, or from an insight on your home page.'}
        </p>
      ) : null}

      <div className="grid gap-4 md:grid-cols-3">
        {taskStatuses.map((status) => (
          <section
            key={status}
            aria-labelledby={`column-${status}`}
            className="rounded-lg border border-slate-200 bg-slate-50 p-3"
          >
            <h2 id={`column-${status}`} className="font-semibold">
              {taskStatusLabels[status]} ({columns[status].length})
            </h2>
            <p className="text-xs text-slate-700">{columnHints[status]}</p>
            <ul className="mt-2 space-y-2">
              {columns[status].map((task) => (
                <li key={task.id}>
                  <TaskCard task={task} slug={slug} canChange={canAssign} />
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>

      {canAssign ? <AssignTaskForm page={page} /> : null}
    </main>
  )
}

function TaskCard({ task, slug, canChange }: { task: BoardTask; slug: string; canChange: boolean }) {
  const others = taskStatuses.filter((status) => status !== task.status)
  const actionLabels = { TODO: 'Back to to do', DONE: 'Mark done', SKIPPED: 'Skip' } as const
  return (
    <article
      className={`rounded-md border bg-white p-3 text-sm shadow-sm ${task.overdue ? 'border-l-4 border-red-700' : 'border-slate-200'}`}
      aria-label={task.title}
    >
      <h3 className="font-medium break-words">{task.title}</h3>
      <p className="mt-1 text-slate-700">
        <Link to={orgPath(slug, 'clients', task.client.id)} className="text-brand-700 underline">
          {task.client.name}
        </Link>{' '}
        · {taskTypeLabels[task.type]}
      </p>
      <p className="mt-1 text-slate-700">
        {task.overdue ? <span className="font-semibold text-red-800">Overdue · </span> : null}
        {task.status === 'DONE'
          ? `Done ${formatDate(task.completedAt)}`
          : task.dueOn
            ? `Due ${formatDate(task.dueOn)}`
            : 'No due date'}
      </p>
      {task.application ? (
        <p className="mt-1 text-slate-700">
          About {task.application.company}, {task.application.roleTitle}
        </p>
      ) : null}
      {task.insight ? (
        <p className="mt-1">
          <Link to={orgPath(slug, 'insights', task.insight.id)} className="text-brand-700 underline">
            From an insight
          </Link>
        </p>
      ) : null}
      {task.completionNote ? (
        <p className="mt-1 break-words text-slate-800">Client’s note: {task.completionNote}</p>
      ) : null}
      {canChange ? (
        <Form method="post" className="mt-2 flex flex-wrap gap-2">
          <input type="hidden" name="taskId" value={task.id} />
          <input type="hidden" name="intent" value="status" />
          {others.map((status) => (
            <Button
              key={status}
              type="submit"
              name="status"
              value={status}
              variant="secondary"
              className="min-h-9 px-3 py-1"
              aria-label={`${actionLabels[status]}: ${task.title} for ${task.client.name}`}
            >
              {actionLabels[status]}
            </Button>
          ))}
        </Form>
      ) : null}
    </article>
  )
}

function AssignTaskForm({ page }: { page: Page }) {
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
    },
  })
  // Choosing a type swaps in that type's template; what the coach typed before stays until then.
  const [chosen, setChosen] = useState<TaskType | null>(null)
  const [params] = useSearchParams()
  return (
    <section aria-labelledby="assign-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="assign-heading" className="text-lg font-semibold">
        Assign a task
      </h2>
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
        <div className="md:col-span-2">
          <label htmlFor={fields.title.id} className="block text-sm font-medium text-slate-800">
            Title
          </label>
          <input
            {...getInputProps(fields.title, { type: 'text' })}
            key={`${fields.title.key}-${chosen}`}
            {...(chosen && { defaultValue: prefills[chosen].title })}
            className={`mt-1 ${inputClass}`}
          />
          <ErrorList id={fields.title.errorId} errors={fields.title.errors} />
        </div>
        <div className="md:col-span-2">
          <label htmlFor={fields.instructions.id} className="block text-sm font-medium text-slate-800">
            Instructions
          </label>
          <textarea
            {...getTextareaProps(fields.instructions)}
            key={`${fields.instructions.key}-${chosen}`}
            {...(chosen && { defaultValue: prefills[chosen].instructions })}
            rows={8}
            className={`mt-1 ${inputClass}`}
          />
          <ErrorList id={fields.instructions.errorId} errors={fields.instructions.errors} />
        </div>
        <div>
          <label htmlFor={fields.dueOn.id} className="block text-sm font-medium text-slate-800">
            Due on
          </label>
          <input
            {...getInputProps(fields.dueOn, { type: 'date' })}
            key={fields.dueOn.key}
            className={`mt-1 ${inputClass}`}
          />
          <ErrorList id={fields.dueOn.errorId} errors={fields.dueOn.errors} />
        </div>
        <div className="flex items-end">
          <SubmitButton pendingText="Assigning…">Assign task</SubmitButton>
        </div>
      </Form>
    </section>
  )
}
