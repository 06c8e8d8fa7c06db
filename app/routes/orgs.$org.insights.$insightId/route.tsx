import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
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
import { outcomeLabels, reasonLabels, stageLabels } from '~/domain/applications/pipeline'
import { assignSuggestedTask, AssignSuggestedTaskInput } from '~/domain/tasks/tasks.server'
import { taskStatusLabels, taskTypeLabels } from '~/domain/tasks/tasks'
import { formatDate } from '~/lib/dates'
import { inputErrorReply, notFound } from '~/lib/responses.server'
import { redirectWithToast } from '~/lib/toast.server'
import { requirePermission, requireTenant } from '~/auth/require-tenant.server'
import { ErrorList, FormErrors, SubmitButton, inputClass } from '~/ui/form'
import { SeverityBadge } from '~/ui/insights'
import { pathParam, queryOf, readForm } from '~/lib/request-input'
import { Pager } from '~/ui/data-table'
import { orgPath } from '~/lib/org-path'

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
  const submission = parseWithZod(await readForm(request), { schema: Intent })
  const intent = String(submission.payload.intent ?? '')
  if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
  const input = submission.value
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

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>

function useIntentResult(intent: string) {
  const actionData = useActionData<typeof action>()
  return actionData?.intent === intent ? (actionData.result as SubmissionResult<string[]>) : undefined
}

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

      <section aria-labelledby="evidence-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="evidence-heading" className="text-lg font-semibold">
          The evidence
        </h2>
        <p className="mt-1 text-slate-800">{described.summary}</p>
        <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4">
          {described.figures.map((figure) => (
            <div key={figure.label} className="rounded-md bg-slate-50 p-2">
              <dt className="text-xs text-slate-700">{figure.label}</dt>
              <dd className="text-lg font-semibold tabular-nums">{figure.value}</dd>
            </div>
          ))}
        </dl>
      </section>

      {clients.length > 0 ? (
        <section aria-labelledby="clients-heading">
          <h2 id="clients-heading" className="text-lg font-semibold">
            {caseload ? `Clients it names (${clients.length})` : 'Client'}
          </h2>
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
        </section>
      ) : null}

      {applicationPage.total > 0 ? (
        <section aria-labelledby="apps-heading">
          <h2 id="apps-heading" className="text-lg font-semibold">
            Applications behind it ({applicationPage.total.toLocaleString('en-US')})
          </h2>
          <div className="mt-2 overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full min-w-[36rem] text-sm">
              <thead>
                <tr className="border-b border-slate-200 text-left text-slate-700">
                  <th scope="col" className="p-2 font-medium">
                    Client
                  </th>
                  <th scope="col" className="p-2 font-medium">
                    Company and role
                  </th>
                  <th scope="col" className="p-2 font-medium">
                    Applied
                  </th>
                  <th scope="col" className="p-2 font-medium">
                    Where it stands
                  </th>
                </tr>
              </thead>
              <tbody>
                {applications.map((application) => (
                  <tr key={application.id} className="border-b border-slate-100">
                    <td className="p-2">
                      <Link to={`${base}/clients/${application.client.id}`} className="text-brand-700 underline">
                        {application.client.name}
                      </Link>
                    </td>
                    <td className="p-2">
                      <Link to={`${base}/applications/${application.id}`} className="text-brand-700 underline">
                        {application.company} · {application.roleTitle}
                      </Link>
                    </td>
                    <td className="p-2 whitespace-nowrap">{formatDate(application.appliedOn)}</td>
                    <td className="p-2">
                      {stageLabels[application.rejectionStage ?? application.stage]}
                      {application.outcome !== 'ACTIVE' ? ` · ${outcomeLabels[application.outcome]}` : ''}
                      {application.rejectionReason ? ` (${reasonLabels[application.rejectionReason]})` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="mt-1 text-xs text-slate-700">Most recently applied first.</p>
          {applicationPage.total > applicationPage.pageSize ? (
            <Pager
              page={applicationPage.page}
              pageSize={applicationPage.pageSize}
              total={applicationPage.total}
              label="Applications behind it"
              param="evidence"
            />
          ) : null}
        </section>
      ) : null}

      {canAssign ? <AssignForm detail={detail} /> : null}

      {tasks.length > 0 ? (
        <section aria-labelledby="tasks-heading">
          <h2 id="tasks-heading" className="text-lg font-semibold">
            Tasks from this insight ({tasks.length})
          </h2>
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
          <p className="mt-2 text-sm">
            <Link to={`${base}/tasks`} className="text-brand-700 underline">
              The tasks board
            </Link>
          </p>
        </section>
      ) : null}

      {canManage ? <StatusForms status={insight.status} today={detail.today} /> : null}
    </main>
  )
}

function AssignForm({ detail }: { detail: LoaderData }) {
  const { insight, clients, suggestedTask, alreadyOpen, kindOfTask, slug } = detail
  const lastResult = useIntentResult('assign')
  const [form, fields] = useForm<{
    title: string
    instructions: string
    dueOn: string
    clientId: string
    allClients: string
  }>({
    id: 'assign-task',
    lastResult,
    defaultValue: { title: suggestedTask.title, instructions: suggestedTask.instructions, dueOn: suggestedTask.dueOn },
  })
  const skipped = new Set(alreadyOpen.map((client) => client.id))
  const active = clients.filter((client) => client.status === 'ACTIVE')
  const assignable = active.filter((client) => !skipped.has(client.id))
  return (
    <section aria-labelledby="assign-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="assign-heading" className="text-lg font-semibold">
        Suggested task: {taskTypeLabels[suggestedTask.type]}
      </h2>
      <p className="text-sm text-slate-700">
        Pre-filled from your practice’s template. Edit it if you like; the client sees it in their portal.
      </p>
      <Form method="post" {...getFormProps(form)} className="mt-3 space-y-3">
        <input type="hidden" name="intent" value="assign" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <div>
          <label htmlFor={fields.title.id} className="block text-sm font-medium text-slate-800">
            Title
          </label>
          <input
            {...getInputProps(fields.title, { type: 'text' })}
            key={fields.title.key}
            className={`mt-1 ${inputClass}`}
          />
          <ErrorList id={fields.title.errorId} errors={fields.title.errors} />
        </div>
        <div>
          <label htmlFor={fields.instructions.id} className="block text-sm font-medium text-slate-800">
            Instructions
          </label>
          <textarea
            {...getTextareaProps(fields.instructions)}
            key={fields.instructions.key}
            rows={8}
            className={`mt-1 ${inputClass}`}
          />
          <ErrorList id={fields.instructions.errorId} errors={fields.instructions.errors} />
        </div>
        <div className="max-w-xs">
          <label htmlFor={fields.dueOn.id} className="block text-sm font-medium text-slate-800">
            Due on
          </label>
          <input
            {...getInputProps(fields.dueOn, { type: 'date' })}
            key={fields.dueOn.key}
            className={`mt-1 ${inputClass}`}
          />
          <ErrorList id={fields.dueOn.errorId} errors={fields.dueOn.errors} />
        </div>
        <ErrorList errors={[...(fields.clientId.errors ?? []), ...(fields.allClients.errors ?? [])]} />
        {alreadyOpen.length > 0 ? <AlreadyOpenNote clients={alreadyOpen} kindOfTask={kindOfTask} slug={slug} /> : null}
        {active.length === 0 ? (
          <p className="text-slate-700">No active client to assign it to.</p>
        ) : assignable.length === 0 ? null : insight.clientId ? (
          <SubmitButton pendingText="Assigning…">Assign to {assignable[0]!.name}</SubmitButton>
        ) : (
          <div className="flex flex-wrap gap-2">
            <SubmitButton name="allClients" value="true" pendingText="Assigning…">
              {assignable.length === active.length
                ? `Assign to all ${active.length} clients`
                : `Assign to the ${assignable.length === 1 ? 'one client' : `${assignable.length} clients`} without one`}
            </SubmitButton>
            {assignable.map((client) => (
              <SubmitButton
                key={client.id}
                name="clientId"
                value={client.id}
                variant="secondary"
                pendingText="Assigning…"
              >
                Assign to {client.name}
              </SubmitButton>
            ))}
          </div>
        )}
      </Form>
    </section>
  )
}

function AlreadyOpenNote({
  clients,
  kindOfTask,
  slug,
}: {
  clients: { id: string; name: string }[]
  kindOfTask: string
  slug: string
}) {
  const n = clients.length
  return (
    <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-slate-900" role="note">
      <p>
        {n === 1 ? '1 client' : `${n} clients`} skipped: they already have an open {kindOfTask}. To give{' '}
        {n === 1 ? 'them' : 'one of them'} another, assign it by hand:
      </p>
      <ul className="mt-1 flex flex-wrap gap-x-3 gap-y-1">
        {clients.map((client) => (
          <li key={client.id}>
            <Link to={`${orgPath(slug, 'tasks')}?client=${client.id}`} className="text-brand-700 underline">
              {client.name}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  )
}

function StatusForms({ status, today }: { status: string; today: string }) {
  const dismissResult = useIntentResult('dismiss')
  const snoozeResult = useIntentResult('snooze')
  const [dismissForm, dismissFields] = useForm<{ reason: string }>({ id: 'dismiss-insight', lastResult: dismissResult })
  const [snoozeForm, snoozeFields] = useForm<{ until: string; reason: string }>({
    id: 'snooze-insight',
    lastResult: snoozeResult,
  })
  if (status === 'DISMISSED' || status === 'SNOOZED')
    return (
      <Form method="post">
        <SubmitButton intent="reopen" variant="secondary" pendingText="Reopening…">
          Reopen this insight
        </SubmitButton>
      </Form>
    )
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <section aria-labelledby="dismiss-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="dismiss-heading" className="text-lg font-semibold">
          Dismiss
        </h2>
        <p className="text-sm text-slate-700">It comes back if its evidence grows.</p>
        <Form method="post" {...getFormProps(dismissForm)} className="mt-2 space-y-2">
          <FormErrors id={dismissForm.errorId} errors={dismissForm.errors} />
          <label htmlFor={dismissFields.reason.id} className="block text-sm font-medium text-slate-800">
            Reason (optional)
          </label>
          <input
            {...getInputProps(dismissFields.reason, { type: 'text' })}
            key={dismissFields.reason.key}
            className={inputClass}
          />
          <ErrorList id={dismissFields.reason.errorId} errors={dismissFields.reason.errors} />
          <SubmitButton intent="dismiss" variant="secondary" pendingText="Dismissing…">
            Dismiss
          </SubmitButton>
        </Form>
      </section>
      <section aria-labelledby="snooze-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="snooze-heading" className="text-lg font-semibold">
          Snooze
        </h2>
        <p className="text-sm text-slate-700">Hidden until the date, or sooner if its evidence grows.</p>
        <Form method="post" {...getFormProps(snoozeForm)} className="mt-2 space-y-2">
          <FormErrors id={snoozeForm.errorId} errors={snoozeForm.errors} />
          <label htmlFor={snoozeFields.until.id} className="block text-sm font-medium text-slate-800">
            Until
          </label>
          <input
            {...getInputProps(snoozeFields.until, { type: 'date' })}
            key={snoozeFields.until.key}
            min={today}
            className={inputClass}
          />
          <ErrorList id={snoozeFields.until.errorId} errors={snoozeFields.until.errors} />
          <label htmlFor={snoozeFields.reason.id} className="block text-sm font-medium text-slate-800">
            Reason (optional)
          </label>
          <input
            {...getInputProps(snoozeFields.reason, { type: 'text' })}
            key={snoozeFields.reason.key}
            className={inputClass}
          />
          <ErrorList id={snoozeFields.reason.errorId} errors={snoozeFields.reason.errors} />
          <SubmitButton intent="snooze" variant="secondary" pendingText="Snoozing…">
            Snooze
          </SubmitButton>
        </Form>
      </section>
    </div>
  )
}
