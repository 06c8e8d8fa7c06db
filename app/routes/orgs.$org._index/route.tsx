import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { can } from '~/domain/practices/permissions'
import { dashboardFigures, getDashboard } from '~/domain/practices/dashboard.server'
import { recomputeInsights } from '~/domain/insights/store.server'
import { formatDate } from '~/lib/dates'
import { redirectWithToast } from '~/lib/toast.server'
import { requirePermission, requireTenant } from '~/auth/require-tenant.server'
import { SubmitButton } from '~/ui/form'
import { notFound } from '~/lib/responses.server'
import { orgPath } from '~/lib/org-path'
import { unreadClients } from '~/domain/conversations/unread.server'
import { listCoachNotifications } from '~/domain/notifications/notify.server'
import { countFailingEndpoints } from '~/domain/webhooks/endpoints.server'
import { assignMockInterview, caseloadInterviewsThisWeek } from '~/domain/interviews/caseload-week.server'
import { readForm } from '~/lib/request-input'
import { CaseloadFunnel, ClientsAtRisk, OverdueTasks } from './caseload-panels'
import { Inbox } from './inbox'
import { InterviewsThisWeek } from './interviews-this-week'
import { WeekCompared } from './week-compared'
import { Section } from '~/ui/section'

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
  // The page's week and funnel too, so what it shows next is as fresh as the insights.
  await dashboardFigures(t, { refresh: true })
  return redirectWithToast(orgPath(t.org.slug), {
    title: 'Insights recomputed',
    description: `${summary.open} open, ${summary.created} new, ${summary.resolved} resolved.`,
  })
}

export type Home = ReturnType<typeof useLoaderData<typeof loader>>

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
    figuresAsOf,
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

      {unread.length || news.length ? <Inbox unread={unread} news={news} base={base} timezone={timezone} /> : null}

      <InterviewsThisWeek interviews={interviews} timezone={timezone} base={base} canAssign={canAssign} />

      {clients === 0 ? (
        <Section
          headingId="start-heading"
          title="Start with your clients"
          className="rounded-lg border border-dashed border-slate-300 bg-white p-6"
        >
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
        </Section>
      ) : null}

      <WeekCompared week={week} asOf={figuresAsOf} timezone={timezone} />

      <div className="grid gap-6 lg:grid-cols-3">
        <ClientsAtRisk insights={insights} clients={clients} base={base} />

        <div className="space-y-6">
          <OverdueTasks tasks={overdueTasks} count={overdueCount} base={base} />

          <CaseloadFunnel funnel={funnel} base={base} />
        </div>
      </div>
    </main>
  )
}
