import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { can } from '~/domain/practices/permissions'
import { getDashboard } from '~/domain/practices/dashboard.server'
import { describeEvidence, severityLabels } from '~/domain/insights/describe'
import { insightKindLabels, severityBand } from '~/domain/insights/kinds'
import { recomputeInsights } from '~/domain/insights/store.server'
import { funnelStages } from '~/domain/patterns/patterns'
import { stageLabels } from '~/domain/applications/pipeline'
import { taskTypeLabels } from '~/domain/tasks/tasks'
import { formatDate } from '~/lib/dates'
import { redirectWithToast } from '~/lib/toast.server'
import { requirePermission, requireTenant } from '~/auth/require-tenant.server'
import { SubmitButton } from '~/ui/form'
import { FunnelBars, SeverityBadge, StatCard } from '~/ui/insights'
import { notFound } from '~/lib/responses.server'
import { orgPath } from '~/lib/org-path'
import { unreadClients } from '~/domain/conversations/unread.server'
import { listCoachNotifications } from '~/domain/notifications/notify.server'
import { UnreadBadge } from '~/ui/conversation'
import { formatDateTime } from '~/lib/dates'
import { countFailingEndpoints } from '~/domain/webhooks/endpoints.server'
import { assignMockInterview, caseloadInterviewsThisWeek } from '~/domain/interviews/caseload-week.server'
import { describeInterviewTime, interviewKindLabels } from '~/domain/interviews/interview-input'
import { readForm } from '~/lib/request-input'

export const meta: MetaFunction = () => [{ title: 'Home · Rebound' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  const [dashboard, unread, news, failingEndpoints, interviews] = await Promise.all([
    getDashboard(t),
    unreadClients(t),
    listCoachNotifications({ db: t.db, organizationId: t.org.id, userId: t.user.id }),
    can(t.role, 'practice:settings') ? countFailingEndpoints(t) : 0,
    caseloadInterviewsThisWeek(t),
  ])
  return {
    ...dashboard,
    unread,
    news,
    failingEndpoints,
    interviews,
    canAssign: can(t.role, 'tasks:assign'),
    timezone: t.org.timezone,
    name: t.user.name,
    slug: t.org.slug,
    canRefresh: can(t.role, 'insights:manage'),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const t = await requireTenant(request, params)
  const form = await readForm(request)
  if (form.get('intent') === 'prepare') {
    requirePermission(t, 'tasks:assign')
    const task = await assignMockInterview(t, String(form.get('interviewId') ?? '').slice(0, 64))
    if (!task) throw notFound()
    return redirectWithToast(`${orgPath(t.org.slug)}#interviews-heading`, {
      title: 'Mock interview assigned',
      description: `“${task.title}”, due ${formatDate(task.dueOn)}.`,
    })
  }
  requirePermission(t, 'insights:manage')
  const summary = await recomputeInsights(t)
  if (!summary) throw notFound()
  return redirectWithToast(orgPath(t.org.slug), {
    title: 'Insights recomputed',
    description: `${summary.open} open, ${summary.created} new, ${summary.resolved} resolved.`,
  })
}

const weekStats = [
  { key: 'applications', label: 'Applications' },
  { key: 'screens', label: 'Screens' },
  { key: 'interviews', label: 'Interviews' },
  { key: 'offers', label: 'Offers' },
  { key: 'ghosted', label: 'Ghosted' },
] as const
const rejectionStages = ['APPLIED', 'SCREEN', 'INTERVIEW', 'FINAL', 'OFFER'] as const

export default function PracticeHome() {
  const {
    week,
    insights,
    overdueTasks,
    overdueCount,
    funnel,
    clients,
    name,
    slug,
    canRefresh,
    unread,
    news,
    failingEndpoints,
    timezone,
    interviews,
    canAssign,
  } = useLoaderData<typeof loader>()
  const base = orgPath(slug)
  return (
    <main className="space-y-8">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">Welcome, {name}</h1>
          <p className="text-slate-700">
            The week of {formatDate(week.weekStart)} so far against the same days of the week before, and who needs you
            now.
          </p>
        </div>
        {canRefresh ? (
          <Form method="post">
            <SubmitButton variant="secondary" pendingText="Recomputing…">
              Recompute now
            </SubmitButton>
          </Form>
        ) : null}
      </div>

      {failingEndpoints ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          {failingEndpoints === 1 ? 'A webhook endpoint was' : `${failingEndpoints} webhook endpoints were`} turned off
          after failing for a day.{' '}
          <Link to={orgPath(slug, 'settings', 'webhooks')} className="underline">
            See what the receiver answered
          </Link>
        </p>
      ) : null}

      {unread.length || news.length ? (
        <div className="grid gap-4 lg:grid-cols-2">
          <section
            aria-labelledby="unread-heading"
            className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
          >
            <h2 id="unread-heading" className="text-lg font-semibold">
              Unread messages
            </h2>
            {unread.length === 0 ? (
              <p className="mt-2 text-slate-700">You have read everything your clients wrote.</p>
            ) : (
              <ul className="mt-2 space-y-1">
                {unread.map((c) => (
                  <li key={c.id}>
                    <Link to={`${base}/clients/${c.id}#conversation`} className="text-brand-700 underline">
                      {c.name}
                    </Link>
                    <UnreadBadge count={c.unread} label="unread messages" />
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="news-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <h2 id="news-heading" className="text-lg font-semibold">
              Since the digest
            </h2>
            {news.length === 0 ? (
              <p className="mt-2 text-slate-700">Nothing new from your clients.</p>
            ) : (
              <ul className="mt-2 space-y-2 text-sm">
                {news.map((n) => (
                  <li key={n.id}>
                    <Link to={n.path} className="break-words text-brand-700 underline">
                      {n.summary}
                    </Link>
                    <span className="block text-xs text-slate-700">{formatDateTime(n.createdAt, timezone)}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      ) : null}

      <InterviewsThisWeek interviews={interviews} timezone={timezone} base={base} canAssign={canAssign} />

      {clients === 0 ? (
        <section
          aria-labelledby="start-heading"
          className="rounded-lg border border-dashed border-slate-300 bg-white p-6"
        >
          <h2 id="start-heading" className="text-lg font-semibold">
            Start with your clients
          </h2>
          <p className="mt-1 text-slate-700">
            Your practice has no clients yet. Add one (or import a spreadsheet), send them their invite link, and their
            applications, rejections and patterns show up here.
          </p>
          <p className="mt-3 flex flex-wrap gap-3">
            <Link
              to={`${base}/clients/new`}
              className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white"
            >
              Add a client
            </Link>
            <Link to={`${base}/imports`} className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium">
              Import from a spreadsheet
            </Link>
          </p>
        </section>
      ) : null}

      <section aria-labelledby="week-heading">
        <h2 id="week-heading" className="text-lg font-semibold">
          This week against last
        </h2>
        <p className="text-sm text-slate-700">{week.compared}, in the practice’s timezone.</p>
        <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
          {weekStats.map((stat) => (
            <StatCard
              key={stat.key}
              label={stat.label}
              value={week.thisWeek[stat.key]}
              previous={week.lastWeek[stat.key]}
              // More ghosting is not good news.
              higherIsBetter={stat.key !== 'ghosted'}
            />
          ))}
          <StatCard label="Rejections" value={week.thisWeek.rejections} previous={week.lastWeek.rejections} neutral />
        </dl>
        <div className="mt-3 overflow-x-auto">
          <table className="w-full min-w-[28rem] border-collapse bg-white text-sm">
            <caption className="py-1 text-left text-sm font-medium text-slate-800">Rejections by stage</caption>
            <thead>
              <tr className="border-b border-slate-200 text-left text-slate-700">
                <th scope="col" className="p-2 font-medium">
                  Week
                </th>
                {rejectionStages.map((stage) => (
                  <th key={stage} scope="col" className="p-2 text-right font-medium">
                    {stageLabels[stage]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {(['thisWeek', 'lastWeek'] as const).map((key) => (
                <tr key={key} className="border-b border-slate-100">
                  <th scope="row" className="p-2 text-left font-medium">
                    {key === 'thisWeek' ? 'This week so far' : 'Same days last week'}
                  </th>
                  {rejectionStages.map((stage) => (
                    <td key={stage} className="p-2 text-right tabular-nums">
                      {week[key].rejectionsByStage[stage]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <div className="grid gap-6 lg:grid-cols-3">
        <section aria-labelledby="risk-heading" className="lg:col-span-2">
          <h2 id="risk-heading" className="text-lg font-semibold">
            Clients at risk
          </h2>
          {insights.length === 0 ? (
            <p className="mt-2 rounded-lg border border-dashed border-slate-300 bg-white p-4 text-slate-700">
              No open insights.{' '}
              {clients === 0
                ? 'They appear once your clients log applications.'
                : 'Insights are recomputed every hour and after changes; press “Recompute now” to see them at once.'}
            </p>
          ) : (
            <ul className="mt-2 space-y-3">
              {insights.map((insight) => {
                const evidence = describeEvidence(insight.kind, insight.evidence as Record<string, unknown>)
                return (
                  <li key={insight.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                    <div className="flex flex-wrap items-center gap-2">
                      <SeverityBadge severity={insight.severity} />
                      <h3 className="font-semibold">
                        <Link
                          to={`${base}/insights/${insight.id}`}
                          className="text-brand-700 underline underline-offset-2"
                        >
                          {insightKindLabels[insight.kind]}
                          {insight.client ? `: ${insight.client.name}` : ': whole caseload'}
                        </Link>
                      </h3>
                    </div>
                    <p className="mt-1 text-sm text-slate-800">{evidence.summary}</p>
                    <p className="mt-1 text-xs text-slate-600">
                      Severity {insight.severity} ({severityLabels[severityBand(insight.severity)].toLowerCase()})
                      {insight.suggestedTaskType ? ` · suggests: ${taskTypeLabels[insight.suggestedTaskType]}` : ''}
                    </p>
                  </li>
                )
              })}
            </ul>
          )}
        </section>

        <div className="space-y-6">
          <section aria-labelledby="overdue-heading">
            <h2 id="overdue-heading" className="text-lg font-semibold">
              Overdue tasks ({overdueCount})
            </h2>
            {overdueTasks.length === 0 ? (
              <p className="mt-2 text-slate-700">Nothing overdue.</p>
            ) : (
              <ul className="mt-2 space-y-2 text-sm">
                {overdueTasks.map((task) => (
                  <li key={task.id} className="rounded-md border-l-4 border-red-700 bg-white p-2">
                    <p className="font-medium">{task.title}</p>
                    <p className="text-slate-700">
                      <Link to={`${base}/clients/${task.client.id}`} className="text-brand-700 underline">
                        {task.client.name}
                      </Link>{' '}
                      · <span className="font-medium text-red-800">Overdue</span> since {formatDate(task.dueOn)}
                    </p>
                  </li>
                ))}
              </ul>
            )}
            <p className="mt-2 text-sm">
              <Link to={`${base}/tasks`} className="font-medium text-brand-700 underline">
                All tasks
              </Link>
            </p>
          </section>

          <section aria-labelledby="funnel-heading">
            <h2 id="funnel-heading" className="text-lg font-semibold">
              Caseload funnel
            </h2>
            <p className="text-sm text-slate-700">
              Applications sent in the last {funnel.days} days, by the furthest stage reached.
            </p>
            <FunnelBars
              rows={funnelStages.map((stage) => ({ label: stageLabels[stage], value: funnel.funnel[stage] }))}
              total={funnel.funnel.APPLIED}
            />
            <p className="mt-2 text-sm">
              <Link to={`${base}/patterns`} className="font-medium text-brand-700 underline">
                See the patterns
              </Link>
            </p>
          </section>
        </div>
      </div>
    </main>
  )
}

type Week = ReturnType<typeof useLoaderData<typeof loader>>['interviews']

function InterviewsThisWeek({
  interviews,
  timezone,
  base,
  canAssign,
}: {
  interviews: Week
  timezone: string
  base: string
  canAssign: boolean
}) {
  return (
    <section aria-labelledby="interviews-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="interviews-heading" className="text-lg font-semibold">
          Interviews this week
        </h2>
        <Link to={`${base}/settings/calendar`} className="text-sm text-brand-700 underline">
          Add them to your calendar
        </Link>
      </div>
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
    </section>
  )
}
