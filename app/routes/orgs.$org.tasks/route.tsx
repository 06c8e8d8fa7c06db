import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { can } from '~/domain/practices/permissions'
import { getTaskBoardPage, TaskBoardQuery } from '~/domain/tasks/task-board.server'
import { assignTask, AssignTaskInput, TaskStatusInput, updateTaskStatus } from '~/domain/tasks/tasks.server'
import { taskStatusLabels, taskStatuses } from '~/domain/tasks/tasks'
import { Pager } from '~/ui/data-table'
import { inputErrorReply, notFound, parseIntentForm } from '~/lib/responses.server'
import { redirectWithToast } from '~/lib/toast.server'
import { taskTypeChoices } from '~/ui/task-fields'
import { requirePermission, requireTenant } from '~/auth/require-tenant.server'
import { ClearFilters, FilterFields } from '~/ui/filters'
import { Button, choicesOf } from '~/ui/form'
import { queryOf, readForm } from '~/lib/request-input'
import { orgPath } from '~/lib/org-path'
import { AssignTaskForm } from './assign-task-form'
import { TaskCard } from './task-card'
import { formatCount } from '~/lib/numbers'
import { EmptyNote } from '~/ui/empty-note'

export const meta: MetaFunction = () => [{ title: 'Tasks · Rebound' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  const query = TaskBoardQuery.parse(queryOf(request))
  const page = await getTaskBoardPage(t, query)
  return { ...page, query, slug: t.org.slug, timezone: t.org.timezone, canAssign: can(t.role, 'tasks:assign') }
}

const Intent = z.discriminatedUnion('intent', [
  AssignTaskInput.extend({ intent: z.literal('assign') }),
  TaskStatusInput.extend({ intent: z.literal('status'), taskId: z.string().min(1) }),
])

export async function action({ request, params }: ActionFunctionArgs) {
  const t = await requireTenant(request, params)
  const parsed = parseIntentForm(await readForm(request), Intent)
  if (!parsed.ok) return parsed.refusal
  const { intent, submission, value: input } = parsed
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

export type Page = ReturnType<typeof useLoaderData<typeof loader>>
export type BoardTask = Page['columns']['TODO'][number]

const columnHints = {
  TODO: 'By due date, soonest first',
  DONE: 'By the day it was done, most recent first',
  SKIPPED: 'Most recently skipped first',
}
const columnParams = { TODO: 'todo', DONE: 'done', SKIPPED: 'skipped' } as const

export default function TasksPage() {
  const page = useLoaderData<typeof loader>()
  const { columns, totals, pages, pageSizes, timezone, clients, query, slug, canAssign } = page
  const total = totals.TODO + totals.DONE + totals.SKIPPED
  const filtered = Boolean(query.client || query.type || query.overdue)
  return (
    <main className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">Tasks</h1>
        <p className="text-slate-700">What your clients are working on, by status and due date.</p>
      </div>

      <Form method="get" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3">
        <FilterFields
          idPrefix="filter-"
          values={query}
          filters={[
            { name: 'client', label: 'Client', all: 'All clients', options: choicesOf(clients) },
            { name: 'type', label: 'Type', all: 'All types', options: taskTypeChoices },
          ]}
        />
        <label className="flex items-center gap-2 py-2 text-sm font-medium text-slate-800">
          <input type="checkbox" name="overdue" value="1" defaultChecked={query.overdue} className="h-4 w-4" />
          Overdue only
        </label>
        <Button type="submit" variant="secondary">
          Filter
        </Button>
        <ClearFilters filtered={filtered} to={orgPath(slug, 'tasks')} />
      </Form>

      {total === 0 ? (
        <EmptyNote>
          {filtered
            ? 'No task matches these filters.'
            : 'No tasks yet. Assign one below, or from an insight on your home page.'}
        </EmptyNote>
      ) : null}

      <div className="grid gap-4 md:grid-cols-3">
        {taskStatuses.map((status) => (
          <section
            key={status}
            aria-labelledby={`column-${status}`}
            className="rounded-lg border border-slate-200 bg-slate-50 p-3"
          >
            <h2 id={`column-${status}`} className="font-semibold">
              {taskStatusLabels[status]} ({formatCount(totals[status])})
            </h2>
            <p className="text-xs text-slate-700">{columnHints[status]}</p>
            <ul className="mt-2 space-y-2">
              {columns[status].map((task) => (
                <li key={task.id}>
                  <TaskCard task={task} slug={slug} canChange={canAssign} timezone={timezone} />
                </li>
              ))}
            </ul>
            {totals[status] > pageSizes[status] ? (
              <Pager
                page={pages[status]}
                pageSize={pageSizes[status]}
                total={totals[status]}
                label={taskStatusLabels[status]}
                param={columnParams[status]}
              />
            ) : null}
          </section>
        ))}
      </div>

      {canAssign ? <AssignTaskForm page={page} /> : null}
    </main>
  )
}
