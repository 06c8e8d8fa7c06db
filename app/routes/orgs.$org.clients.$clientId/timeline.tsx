import type { ActorType, Outcome, Stage } from '~/domain/applications/pipeline'
import { describeStageChange } from '~/domain/applications/pipeline'
import { Link } from '@remix-run/react'
import { formatDateTime } from '~/lib/dates'
import { orgPath } from '~/lib/org-path'
import { Pager } from '~/ui/data-table'
import { Section } from '~/ui/section'

// The client's history on the coach's page: what happened to which application, in words, a page
// at a time so that a busy client's page stays short.

type TimelineEvent = {
  id: string
  fromStage: Stage | null
  toStage: Stage
  fromOutcome: Outcome | null
  toOutcome: Outcome
  applicationId: string
  actorType: ActorType
  occurredAt: Date | string
  application: { company: string; roleTitle: string }
}

const actorWords = (firstName: string): Record<ActorType, string> => ({
  COACH: 'by a coach',
  CLIENT: `by ${firstName}`,
  IMPORT: 'from an import',
  SYSTEM: 'by Rebound',
  API_KEY: 'through a connected tool',
})

export function Timeline({
  events,
  page,
  pageSize,
  total,
  firstName,
  timezone,
  slug,
}: {
  events: TimelineEvent[]
  page: number
  pageSize: number
  total: number
  firstName: string
  timezone: string
  slug: string
}) {
  const who = actorWords(firstName)
  return (
    <Section headingId="timeline-heading" title="Timeline" id="timeline" card className="min-w-0">
      {events.length === 0 ? (
        <p className="mt-2 text-slate-700">{total === 0 ? 'Nothing has happened yet.' : 'No events on this page.'}</p>
      ) : (
        <ol className="mt-2 space-y-2 text-sm">
          {events.map((e) => (
            <li key={e.id} className="border-l-2 border-brand-600 pl-3">
              <p className="font-medium break-words">{describeStageChange(e)}</p>
              <p className="break-words text-slate-800">
                <Link to={orgPath(slug, 'applications', e.applicationId)} className="text-brand-800 underline">
                  {e.application.company} · {e.application.roleTitle}
                </Link>
              </p>
              <p className="text-xs text-slate-600">
                {formatDateTime(e.occurredAt, timezone)} · {who[e.actorType]}
              </p>
            </li>
          ))}
        </ol>
      )}
      {total > pageSize ? (
        <Pager page={page} pageSize={pageSize} total={total} label="Timeline" param="timeline" />
      ) : null}
    </Section>
  )
}
