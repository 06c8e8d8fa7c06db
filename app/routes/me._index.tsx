import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requireClient } from '~/auth/client-session.server'
import { loadPortalHome, type PipelineCard } from '~/domain/clients/portal-home.server'
import { outcomeLabels, stageLabels } from '~/domain/applications/pipeline'
import type { Stage } from '~/domain/applications/pipeline'
import { formatDate } from '~/lib/dates'
import { describeInterviewTime, interviewKindLabels } from '~/domain/interviews/interview-input'
import { Badge, Card, LinkButton, ProgressBar, SectionTitle } from '~/ui/portal'

export async function loader({ request }: LoaderFunctionArgs) {
  const c = await requireClient(request)
  return loadPortalHome(c.pipeline, c.client.weeklyGoal)
}

// Every stage reached is progress; say so in the seeds' tone, never as a score.
function encouragement(furthest: Stage | null, total: number) {
  if (total === 0)
    return 'Add the applications you have sent, even the ones you have not heard back from. Every one counts.'
  if (furthest === 'OFFER') return 'You have reached an offer stage. Your experience is landing.'
  if (furthest === 'FINAL') return 'You have reached a final round: only a handful of people get that far.'
  if (furthest === 'INTERVIEW') return 'You have made it to interviews, past most of the people who applied.'
  if (furthest === 'SCREEN') return 'Your applications are getting you conversations. Keep going.'
  return 'Only about 2% of applicants to a posting reach an interview. Each application is a step, whatever the answer.'
}

export default function PortalHome() {
  const home = useLoaderData<typeof loader>()
  const metGoal = home.appliedThisWeek >= home.weeklyGoal
  return (
    <div className="space-y-5">
      <h1 className="sr-only">Your pipeline</h1>
      {home.comingUp.length ? (
        <section aria-labelledby="coming-up" className="rounded-lg border border-emerald-200 bg-white p-4 shadow-sm">
          <SectionTitle id="coming-up">Coming up</SectionTitle>
          <ul className="mt-2 space-y-3">
            {home.comingUp.map((event) => (
              <li key={event.id}>
                <Link
                  to={`/me/applications/${event.applicationId}#interviews`}
                  className="block min-h-11 rounded-md py-1 font-medium break-words text-brand-700 underline"
                >
                  {interviewKindLabels[event.kind]} · {event.application.company}
                </Link>
                <p className="text-sm break-words text-slate-700">
                  <time dateTime={new Date(event.startsAt).toISOString()}>
                    {describeInterviewTime(event, home.timezone)}
                  </time>
                </p>
                {event.note ? <p className="text-sm break-words text-slate-800">{event.note}</p> : null}
              </li>
            ))}
          </ul>
          <p className="mt-3 text-sm text-slate-700">
            You got this far for a reason. Your coach can help you prepare: ask in your messages.
          </p>
        </section>
      ) : null}
      <Card>
        <SectionTitle>This week</SectionTitle>
        <div className="mt-3">
          <ProgressBar
            value={home.appliedThisWeek}
            max={home.weeklyGoal}
            label="Applications against your weekly goal"
          />
        </div>
        <p className="mt-3 text-slate-700">
          {metGoal ? 'You have reached this week’s goal. Well done.' : encouragement(home.furthestStage, home.total)}
          {home.furthestStage === 'OFFER' ? (
            <>
              {' '}
              <Link to="/me/placement" className="font-medium text-brand-700 underline">
                Accepted an offer? Tell your coach
              </Link>
            </>
          ) : null}
        </p>
        <div className="mt-4 flex flex-col gap-2 sm:flex-row">
          <LinkButton to="/me/applications/new">Add application</LinkButton>
          <LinkButton to="/me/tasks" variant="secondary">
            {home.openTasks === 0 ? 'No open tasks' : `${home.openTasks} open task${home.openTasks === 1 ? '' : 's'}`}
          </LinkButton>
        </div>
      </Card>

      {home.hasCheckedIn ? null : (
        <Card className="border-brand-100 bg-brand-50">
          <SectionTitle>How are you doing this week?</SectionTitle>
          <p className="mt-1 text-slate-700">
            A job search has ups and downs. A one-minute check-in helps your coach help you.
          </p>
          <LinkButton to="/me/check-in" className="mt-3">
            Do this week’s check-in
          </LinkButton>
        </Card>
      )}

      <section aria-labelledby="in-progress" className="space-y-4">
        <SectionTitle id="in-progress">In progress</SectionTitle>
        {home.active.length === 0 ? <p className="text-slate-700">Nothing in progress yet.</p> : null}
        {home.active.map((group) => (
          <div key={group.stage}>
            <h3 className="text-sm font-semibold tracking-wide text-slate-700 uppercase">
              {stageLabels[group.stage]} ({group.applications.length})
            </h3>
            <ApplicationCards applications={group.applications} />
          </div>
        ))}
      </section>

      {home.closed.length > 0 ? (
        <section aria-labelledby="closed" className="space-y-2">
          <SectionTitle id="closed">Closed</SectionTitle>
          <p className="text-sm text-slate-700">
            Each of these taught you something about what you want and what works.
          </p>
          <ApplicationCards applications={home.closed} showOutcome />
        </section>
      ) : null}
    </div>
  )
}

function ApplicationCards({
  applications,
  showOutcome = false,
}: {
  applications: PipelineCard[]
  showOutcome?: boolean
}) {
  return (
    <ul className="mt-2 space-y-2">
      {applications.map((a) => (
        <li key={a.id}>
          <Link
            to={`/me/applications/${a.id}`}
            className="block min-h-11 rounded-lg border border-slate-200 bg-white p-3 shadow-sm hover:border-brand-600 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none"
          >
            <span className="block font-semibold break-words text-slate-900">{a.company}</span>
            <span className="block break-words text-slate-700">{a.roleTitle}</span>
            <span className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
              {showOutcome ? (
                <Badge tone={a.outcome}>
                  {outcomeLabels[a.outcome]} at {stageLabels[a.stage]}
                </Badge>
              ) : null}
              {a.appliedOn ? <span>Applied {formatDate(a.appliedOn)}</span> : <span>Not sent yet</span>}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  )
}
