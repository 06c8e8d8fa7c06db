import type { ReactNode } from 'react'
import {
  describeStageChange,
  endedByLabels,
  reasonLabels,
  seniorityLabels,
  sourceLabels,
  stageLabels,
  webLink,
  workModeLabels,
} from '~/domain/applications/pipeline'
import { isOverdue, taskStatusLabels, taskTypeLabels } from '~/domain/tasks/tasks'
import { formatDate, formatDateTime } from '~/lib/dates'
import type { LoaderData } from './route'
import { Section } from '~/ui/section'
import { formatCount } from '~/lib/numbers'

// What the coach reads on the application page: the details, the rejection, the timeline, the tasks.

type Page = { page: LoaderData }

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="font-medium break-words text-slate-900">{children}</dd>
    </div>
  )
}

const yesNo = (value: boolean) => (value ? 'Yes' : 'No')

function salary(a: LoaderData['application']) {
  const f = (n: number) => formatCount(n)
  const currency = a.salaryCurrency ? ` ${a.salaryCurrency}` : ''
  if (a.salaryMin !== null && a.salaryMax !== null) return `${f(a.salaryMin)}–${f(a.salaryMax)}${currency}`
  if (a.salaryMin !== null) return `From ${f(a.salaryMin)}${currency}`
  if (a.salaryMax !== null) return `Up to ${f(a.salaryMax)}${currency}`
  return '—'
}

export function JobLink({ value }: { value: string | null }) {
  if (!value) return <>—</>
  const href = webLink(value)
  if (!href) return <span className="break-all">{value}</span>
  return (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow" className="break-all text-brand-700 underline">
      {value}
      <span className="sr-only"> (opens in a new tab)</span>
    </a>
  )
}

export function ApplicationDetails({ page }: Page) {
  const a = page.application
  return (
    <Section headingId="details-heading" title="Details" card>
      <dl className="mt-3 grid grid-cols-2 gap-x-6 gap-y-3 xl:grid-cols-3">
        <Item label="Company">{a.company}</Item>
        <Item label="Job title">{a.roleTitle}</Item>
        <Item label="Seniority">{a.seniority ? seniorityLabels[a.seniority] : '—'}</Item>
        <Item label="Industry">{a.industry ?? '—'}</Item>
        <Item label="Location">
          {[a.location, a.workMode ? workModeLabels[a.workMode] : null].filter(Boolean).join(' · ') || '—'}
        </Item>
        <Item label="Source">{sourceLabels[a.source]}</Item>
        <Item label="Applied">{a.appliedOn ? formatDate(a.appliedOn) : 'Not yet (saved)'}</Item>
        <Item label="Résumé tailored">{yesNo(a.resumeTailored)}</Item>
        <Item label="Cover letter">{yesNo(a.coverLetter)}</Item>
        <Item label="Salary range">{salary(a)}</Item>
        <Item label="Added">
          {formatDateTime(a.createdAt, page.timezone)}
          {a.imported ? ' (imported)' : ''}
        </Item>
        <Item label="Last update">{formatDateTime(a.lastEventAt, page.timezone)}</Item>
        <div className="col-span-2 min-w-0 xl:col-span-3">
          <dt className="text-sm text-slate-600">Job link</dt>
          <dd className="font-medium">
            <JobLink value={a.jobUrl} />
          </dd>
        </div>
      </dl>
      <h3 className="mt-4 text-base font-semibold">{a.client.name.split(' ')[0]}’s notes</h3>
      {a.notes ? (
        <p className="mt-1 break-words whitespace-pre-wrap text-slate-900">{a.notes}</p>
      ) : (
        <p className="mt-1 text-slate-700">No notes.</p>
      )}
    </Section>
  )
}

export function RejectionSummary({ page }: Page) {
  const a = page.application
  const stage = a.rejectionStage ?? a.stage
  return (
    <section aria-labelledby="rejection-heading" className="rounded-lg border border-amber-200 bg-amber-50 p-4">
      <h2 id="rejection-heading" className="text-lg font-semibold text-amber-950">
        Rejected at {stageLabels[stage]}
      </h2>
      <dl className="mt-3 grid grid-cols-2 gap-x-6 gap-y-3 xl:grid-cols-4">
        <Item label="Ended by">
          {a.endedBy === 'CANDIDATE' ? a.client.name : a.endedBy ? endedByLabels[a.endedBy] : '—'}
        </Item>
        <Item label="Reason">{a.rejectionReason ? reasonLabels[a.rejectionReason] : '—'}</Item>
        <Item label="Feedback requested">{a.feedbackRequestedOn ? formatDate(a.feedbackRequestedOn) : 'Not yet'}</Item>
        <Item label="Feedback received">{yesNo(a.feedbackReceived)}</Item>
      </dl>
      <h3 className="mt-4 text-base font-semibold text-amber-950">What the employer said</h3>
      {a.feedbackText ? (
        <blockquote className="mt-1 border-l-4 border-amber-300 pl-3 break-words whitespace-pre-wrap text-slate-900">
          {a.feedbackText}
        </blockquote>
      ) : (
        <p className="mt-1 text-slate-800">No feedback written down yet.</p>
      )}
    </section>
  )
}

function actorLabel(actor: LoaderData['events'][number]['actor'], clientName: string) {
  switch (actor.kind) {
    case 'CLIENT':
      return `${clientName} (client)`
    case 'COACH':
      return actor.name ? `${actor.name} (coach)` : 'A former coach'
    case 'IMPORT':
      return 'a CSV import'
    case 'SYSTEM':
      return 'the no-response sweep'
    case 'API_KEY':
      return 'a connected tool (API key)'
  }
}

export function Timeline({ page }: Page) {
  return (
    <Section headingId="timeline-heading" title="Timeline" card>
      <p className="text-sm text-slate-600">Times in {page.timezone}.</p>
      {page.events.length === 0 ? (
        <p className="mt-2 text-slate-700">Nothing has happened yet.</p>
      ) : (
        <ol className="mt-3 space-y-3 border-l-2 border-slate-200 pl-4">
          {page.events.map((e) => (
            <li key={e.id}>
              <p className="font-medium text-slate-900">{describeStageChange(e)}</p>
              <p className="text-sm text-slate-700">
                <time dateTime={new Date(e.occurredAt).toISOString()}>
                  {formatDateTime(e.occurredAt, page.timezone)}
                </time>{' '}
                · by {actorLabel(e.actor, page.application.client.name)}
              </p>
            </li>
          ))}
        </ol>
      )}
    </Section>
  )
}

export function TaskList({ page }: Page) {
  return (
    <Section headingId="tasks-heading" title="Tasks about this application" card>
      {page.tasks.length === 0 ? (
        <p className="mt-2 text-slate-700">None yet.</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100">
          {page.tasks.map((task) => (
            <li key={task.id} className="py-2">
              <p className="font-medium break-words">{task.title}</p>
              <p className="text-sm text-slate-700">
                {taskTypeLabels[task.type]} · {taskStatusLabels[task.status]}
                {task.dueOn ? ` · due ${formatDate(task.dueOn)}` : ''}
                {isOverdue(task, page.today) ? <span className="font-semibold text-red-800"> · overdue</span> : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Section>
  )
}
