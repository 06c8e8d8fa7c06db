import { Form, Link } from '@remix-run/react'
import { taskStatuses, taskTypeLabels } from '~/domain/tasks/tasks'
import { formatDate, formatDay } from '~/lib/dates'
import { orgPath } from '~/lib/org-path'
import { Button } from '~/ui/form'
import type { BoardTask } from './route'

// One task on the board: whose it is, when it is due or was done, where it came from, and the buttons
// that move it to the other columns.

export function TaskCard({
  task,
  slug,
  canChange,
  timezone,
}: {
  task: BoardTask
  slug: string
  canChange: boolean
  timezone: string
}) {
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
          ? `Done ${formatDay(task.completedAt, timezone)}`
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
