import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { Form, Link } from '@remix-run/react'
import { formatDate, formatDateTime } from '~/lib/dates'
import { ErrorList, SubmitButton, inputClass } from '~/ui/form'
import { orgPath } from '~/lib/org-path'
import { Section } from '~/ui/section'
import { ItemList } from '~/ui/item-list'

// The client page's side column: the client's tasks, their check-ins and the practice's private notes.

type Task = { id: string; title: string; status: 'TODO' | 'DONE' | string; dueOn: Date | null }
type CheckIn = { id: string; weekOf: Date; mood: number; energy: number; confidence: number; note: string | null }
type Note = { id: string; body: string; createdAt: Date; author: { name: string } | null }

export function CareColumn({
  tasks,
  checkIns,
  notes,
  slug,
  clientId,
  timezone,
  canAssign,
  noteResult,
}: {
  tasks: Task[]
  checkIns: CheckIn[]
  notes: Note[]
  slug: string
  clientId: string
  timezone: string
  canAssign: boolean
  noteResult: SubmissionResult<string[]> | undefined
}) {
  const [noteForm, noteFields] = useForm<{ body: string }>({ id: 'add-note', lastResult: noteResult })
  return (
    <div className="space-y-4">
      <Section
        headingId="tasks-heading"
        title="Tasks"
        card
        aside={
          <>
            {canAssign ? (
              <Link to={`${orgPath(slug, 'tasks')}?client=${clientId}`} className="text-sm text-brand-700 underline">
                Assign a task
              </Link>
            ) : null}
          </>
        }
      >
        <ItemList
          items={tasks}
          empty="No tasks assigned."
          className="space-y-1 text-sm"
          itemClassName="flex justify-between gap-2"
        >
          {(task) => (
            <>
              <span className={task.status === 'DONE' ? 'text-slate-600 line-through' : ''}>{task.title}</span>
              <span className="text-slate-700">
                {task.status === 'TODO' ? `due ${formatDate(task.dueOn)}` : task.status.toLowerCase()}
              </span>
            </>
          )}
        </ItemList>
      </Section>
      <Section headingId="checkins-heading" title="Check-ins" card>
        <ItemList items={checkIns} empty="No check-ins yet." className="space-y-1 text-sm">
          {(c) => (
            <>
              Week of {formatDate(c.weekOf)}: mood {c.mood}/5, energy {c.energy}/5, confidence {c.confidence}/5
              {c.note ? <span className="block text-slate-700">“{c.note}”</span> : null}
            </>
          )}
        </ItemList>
      </Section>
      <Section headingId="notes-heading" title="Private notes" card>
        <p className="text-sm text-slate-700">Only your practice sees these; the client never does.</p>
        <Form method="post" {...getFormProps(noteForm)} className="mt-2 space-y-2">
          <label htmlFor={noteFields.body.id} className="sr-only">
            New note
          </label>
          <textarea
            {...getTextareaProps(noteFields.body)}
            key={noteFields.body.key}
            rows={3}
            className={inputClass}
            placeholder="What did you talk about?"
          />
          <ErrorList id={noteFields.body.errorId} errors={noteFields.body.errors} />
          <SubmitButton intent="add-note" pendingText="Saving…">
            Add note
          </SubmitButton>
        </Form>
        <ul className="mt-3 space-y-2 text-sm">
          {notes.map((n) => (
            <li key={n.id} className="rounded-md bg-slate-50 p-2">
              <p className="whitespace-pre-wrap">{n.body}</p>
              <p className="mt-1 text-xs text-slate-600">
                {n.author?.name ?? 'Former member'} · {formatDateTime(n.createdAt, timezone)}
              </p>
            </li>
          ))}
        </ul>
      </Section>
    </div>
  )
}
