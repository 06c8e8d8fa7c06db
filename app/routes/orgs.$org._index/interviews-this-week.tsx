import { Form, Link } from '@remix-run/react'
import { SubmitButton } from '~/ui/form'
import { describeInterviewTime, interviewKindLabels } from '~/domain/interviews/interview-input'

import type { Home } from './route'
import { Section } from '~/ui/section'

// The caseload's interviews this week, with a mock interview to assign where one is close and unprepared.

export function InterviewsThisWeek({
  interviews,
  timezone,
  base,
  canAssign,
}: {
  interviews: Home['interviews']
  timezone: string
  base: string
  canAssign: boolean
}) {
  return (
    <Section
      headingId="interviews-heading"
      title="Interviews this week"
      card
      align="baseline"
      aside={
        <Link to={`${base}/settings/calendar`} className="text-sm text-brand-700 underline">
          Add them to your calendar
        </Link>
      }
    >
      {interviews.interviews.length === 0 ? (
        <p className="mt-2 text-slate-700">
          {interviews.past
            ? `No more interviews this week (${interviews.past} earlier).`
            : 'No interviews booked this week. They appear here once you or your clients add the dates.'}
        </p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100">
          {interviews.interviews.map((e) => (
            <li key={e.id} className="flex flex-wrap items-start justify-between gap-2 py-2">
              <div className="min-w-0">
                <p className="font-medium break-words">
                  <Link to={`${base}/clients/${e.client.id}`} className="text-brand-700 underline">
                    {e.client.name}
                  </Link>
                  {' · '}
                  {interviewKindLabels[e.kind]} at{' '}
                  <Link to={`${base}/applications/${e.applicationId}#interviews`} className="text-brand-700 underline">
                    {e.application.company}
                  </Link>
                </p>
                <p className="text-sm break-words text-slate-700">
                  <time dateTime={new Date(e.startsAt).toISOString()}>{describeInterviewTime(e, timezone)}</time>
                </p>
              </div>
              {e.needsPreparation ? (
                <div className="rounded-md border border-amber-300 bg-amber-50 p-2 text-sm">
                  <p className="text-amber-950">Within two days, and no mock interview planned.</p>
                  {canAssign ? (
                    <Form method="post" className="mt-1">
                      <input type="hidden" name="interviewId" value={e.id} />
                      <SubmitButton intent="prepare" pendingText="Assigning…" className="px-3 py-1">
                        Assign a mock interview
                      </SubmitButton>
                    </Form>
                  ) : null}
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Section>
  )
}
