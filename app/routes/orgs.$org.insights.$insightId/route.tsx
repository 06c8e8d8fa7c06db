import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { can } from '~/domain/practices/permissions'
import { getInsightDetail, InsightDetailQuery } from '~/domain/insights/detail.server'
import { describeEvidence } from '~/domain/insights/describe'
import { insightKindLabels, isCaseloadKind } from '~/domain/insights/kinds'
import {
  DismissInsightInput,
  dismissInsight,
  reopenInsight,
  SnoozeInsightInput,
  snoozeInsight,
} from '~/domain/insights/store.server'
import { assignSuggestedTask, AssignSuggestedTaskInput } from '~/domain/tasks/tasks.server'
import { taskStatusLabels } from '~/domain/tasks/tasks'
import { formatDate } from '~/lib/dates'
import { inputErrorReply, notFound, parseIntentForm } from '~/lib/responses.server'
import { redirectWithToast } from '~/lib/toast.server'
import { requirePermission, requireTenant } from '~/auth/require-tenant.server'
import { SeverityBadge } from '~/ui/insights'
import { pathParam, queryOf, readForm } from '~/lib/request-input'
import { orgPath } from '~/lib/org-path'
import { ApplicationsBehind } from './applications-behind'
import { AssignForm } from './assign-form'
import { StatusForms } from './status-forms'
import { Section, SectionLink } from '~/ui/section'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? insightKindLabels[data.insight.kind] : 'Insight'} · Rebound` },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  const { evidence } = InsightDetailQuery.parse(queryOf(request))
  const detail = await getInsightDetail(t, pathParam(params, 'insightId'), new Date(), evidence)
  if (!detail) throw notFound()
  return {
    ...detail,
    slug: t.org.slug,
    canAssign: can(t.role, 'tasks:assign'),
    canManage: can(t.role, 'insights:manage'),
  }
}

const Intent = z.discriminatedUnion('intent', [
  AssignSuggestedTaskInput.extend({ intent: z.literal('assign') }),
  DismissInsightInput.extend({ intent: z.literal('dismiss') }),
  SnoozeInsightInput.extend({ intent: z.literal('snooze') }),
  z.object({ intent: z.literal('reopen') }),
])

export async function action({ request, params }: ActionFunctionArgs) {
  const t = await requireTenant(request, params)
  const parsed = parseIntentForm(await readForm(request), Intent)
  if (!parsed.ok) return parsed.refusal
  const { intent, submission, value: input } = parsed
  const id = pathParam(params, 'insightId')
  const here = orgPath(t.org.slug, 'insights', id)
  try {
    if (input.intent === 'assign') {
      requirePermission(t, 'tasks:assign')
      const result = await assignSuggestedTask(t, id, input)
      if (!result) throw notFound()
      const n = result.created.length
      const skipped = result.skippedClientIds.length
      return redirectWithToast(here, {
        title: n === 0 ? 'No new task assigned' : n === 1 ? 'Task assigned' : `Task assigned to ${n} clients`,
        description: skipped
          ? `${skipped} ${skipped === 1 ? 'client' : 'clients'} skipped: they already have an open ${result.kindOfTask}. You can still give them another by hand on the tasks page.`
          : undefined,
        type: n === 0 ? 'info' : 'success',
      })
    }
    requirePermission(t, 'insights:manage')
    const updated =
      input.intent === 'dismiss'
        ? await dismissInsight(t, id, input.reason)
        : input.intent === 'snooze'
          ? await snoozeInsight(t, id, input.until, input.reason)
          : await reopenInsight(t, id)
    if (!updated) throw notFound()
    const titles = { dismiss: 'Insight dismissed', snooze: 'Insight snoozed', reopen: 'Insight reopened' } as const
    return redirectWithToast(here, { title: titles[input.intent] })
  } catch (error) {
    return inputErrorReply(submission, error, { intent })
  }
}

export type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>

export default function InsightPage() {
  const detail = useLoaderData<typeof loader>()
  const { insight, evidence, applications, applicationPage, clients, tasks, slug, canAssign, canManage } = detail
  const base = orgPath(slug)
  const described = describeEvidence(insight.kind, evidence)
  const caseload = isCaseloadKind(insight.kind)
  return (
    <main className="space-y-6">
      <div>
        <Link to={base} className="text-sm text-brand-700 underline">
          ← Home
        </Link>
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <SeverityBadge severity={insight.severity} />
          {insight.status !== 'OPEN' ? (
            <span className="rounded border border-slate-300 px-2 py-0.5 text-xs font-semibold text-slate-800">
              {insight.status === 'SNOOZED'
                ? `Snoozed until ${formatDate(insight.snoozedUntil)}`
                : insight.status === 'DISMISSED'
                  ? 'Dismissed'
                  : 'Resolved'}
            </span>
          ) : null}
        </div>
        <h1 className="mt-1 text-2xl font-bold">
          {insightKindLabels[insight.kind]}
          {insight.client ? `: ${insight.client.name}` : caseload ? ' (whole caseload)' : ''}
        </h1>
        {insight.statusReason ? <p className="text-slate-700">Reason given: {insight.statusReason}</p> : null}
      </div>

      <Section headingId="evidence-heading" title="The evidence" card>
        <p className="mt-1 text-slate-800">{described.summary}</p>
        <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4">
          {described.figures.map((figure) => (
            <div key={figure.label} className="rounded-md bg-slate-50 p-2">
              <dt className="text-xs text-slate-700">{figure.label}</dt>
              <dd className="text-lg font-semibold tabular-nums">{figure.value}</dd>
            </div>
          ))}
        </dl>
      </Section>

      {clients.length > 0 ? (
        <Section headingId="clients-heading" title={caseload ? `Clients it names (${clients.length})` : 'Client'}>
          <ul className="mt-2 flex flex-wrap gap-2">
            {clients.map((client) => (
              <li key={client.id}>
                <Link
                  to={`${base}/clients/${client.id}`}
                  className="inline-block rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-brand-700 underline"
                >
                  {client.name}
                  {client.status !== 'ACTIVE' ? ` (${client.status.toLowerCase()})` : ''}
                </Link>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      {applicationPage.total > 0 ? (
        <ApplicationsBehind applications={applications} page={applicationPage} base={base} />
      ) : null}

      {canAssign ? <AssignForm detail={detail} /> : null}

      {tasks.length > 0 ? (
        <Section headingId="tasks-heading" title={<>Tasks from this insight ({tasks.length})</>}>
          <ul className="mt-2 space-y-1 text-sm">
            {tasks.map((task) => (
              <li key={task.id}>
                <Link to={`${base}/clients/${task.client.id}`} className="text-brand-700 underline">
                  {task.client.name}
                </Link>
                : {task.title} · {taskStatusLabels[task.status]}
                {task.status === 'TODO' ? ` · due ${formatDate(task.dueOn)}` : ''}
                {task.overdue ? <span className="font-medium text-red-800"> · Overdue</span> : null}
              </li>
            ))}
          </ul>
          <SectionLink to={`${base}/tasks`}>The tasks board</SectionLink>
        </Section>
      ) : null}

      {canManage ? <StatusForms status={insight.status} today={detail.today} /> : null}
    </main>
  )
}
