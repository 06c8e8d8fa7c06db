import { getFormProps, getTextareaProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { can } from '~/domain/practices/permissions'
import { emailInviteLink, inviteUrl, issueInviteLink, revokeInviteLinks } from '~/domain/clients/access-links.server'
import { getClientOverview } from '~/domain/clients/client-overview.server'
import { clientStatuses, clientStatusLabels } from '~/domain/clients/client-status'
import { findClient, setClientStatus } from '~/domain/clients/clients.server'
import { addNote, NoteInput } from '~/domain/clients/notes.server'
import { outcomeLabels, seniorityLabels, stageLabels } from '~/domain/applications/pipeline'
import { formatDate, formatDateTime } from '~/lib/dates'
import { getEnv } from '~/lib/env.server'
import { redirectWithToast } from '~/lib/toast.server'
import { requirePermission, requireTenant } from '~/auth/require-tenant.server'
import { ErrorList, SubmitButton, inputClass } from '~/ui/form'
import { ClientInsights, FunnelVsCaseload } from './client-patterns'
import { InviteLinkCard } from './invite-link-card'
import { PipelineBoard, PipelineTable } from './pipeline-views'
import { pathParam, readForm } from '~/lib/request-input'
import { notFound } from '~/lib/responses.server'
import { orgPath } from '~/lib/org-path'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.client.name ?? 'Client'} · Rebound` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'clients:read')
  const overview = await getClientOverview(t, pathParam(params, 'clientId'))
  if (!overview) throw notFound()
  return {
    ...overview,
    slug: t.org.slug,
    orgTimezone: t.org.timezone,
    canWrite: can(t.role, 'clients:write'),
    canAssign: can(t.role, 'tasks:assign'),
  }
}

const Intent = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('issue-link') }),
  z.object({ intent: z.literal('email-link') }),
  z.object({ intent: z.literal('revoke-link') }),
  z.object({ intent: z.literal('set-status'), status: z.enum(clientStatuses) }),
  NoteInput.extend({ intent: z.literal('add-note') }),
])

export async function action({ request, params }: ActionFunctionArgs) {
  const t = await requireTenant(request, params)
  const submission = parseWithZod(await readForm(request), { schema: Intent })
  if (submission.status !== 'success') return data({ result: submission.reply(), inviteUrl: null }, { status: 400 })
  const client = await findClient(t, pathParam(params, 'clientId'))
  if (!client) throw notFound()
  const here = orgPath(t.org.slug, 'clients', client.id)
  const input = submission.value
  if (input.intent === 'add-note') {
    requirePermission(t, 'notes:write')
    await addNote(t, client.id, input)
    return redirectWithToast(here, { title: 'Note saved' })
  }
  requirePermission(t, 'clients:write')
  switch (input.intent) {
    case 'issue-link': {
      const { token } = await issueInviteLink(t, client.id)
      return data({ result: submission.reply({ resetForm: true }), inviteUrl: inviteUrl(getEnv().APP_URL, token) })
    }
    case 'email-link':
      await emailInviteLink(t, client, getEnv().APP_URL)
      return redirectWithToast(here, { title: 'Invite emailed', description: `A new link went to ${client.email}.` })
    case 'revoke-link':
      await revokeInviteLinks(t, client.id)
      return redirectWithToast(here, {
        title: 'Link revoked',
        description: 'It stopped working at once, and the client was signed out of the portal.',
      })
    case 'set-status':
      await setClientStatus(t, client.id, input.status)
      return redirectWithToast(here, { title: `Status: ${clientStatusLabels[input.status]}` })
  }
}

const statusActions = [
  { status: 'ACTIVE', label: 'Mark active' },
  { status: 'PAUSED', label: 'Pause' },
  { status: 'PLACED', label: 'Mark placed' },
  { status: 'ARCHIVED', label: 'Archive' },
] as const

export default function ClientPage() {
  const {
    client,
    applications,
    events,
    tasks,
    checkIns,
    notes,
    invite,
    appliedThisWeek,
    appliedLastWeek,
    weekCompared,
    funnel,
    insights,
    slug,
    orgTimezone,
    canWrite,
    canAssign,
  } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [params] = useSearchParams()
  const view = params.get('view') === 'table' ? 'table' : 'board'
  const [noteForm, noteFields] = useForm<{ body: string }>({
    id: 'add-note',
    lastResult: actionData?.result,
  })
  const goal = client.weeklyGoal
  const progress = goal > 0 ? Math.min(100, Math.round((appliedThisWeek / goal) * 100)) : 100
  return (
    <main className="mx-auto max-w-7xl space-y-6 p-4 sm:p-6">
      <div>
        <Link to={orgPath(slug, 'clients')} className="text-sm text-brand-700 underline">
          ← Clients
        </Link>
        <div className="mt-2 flex flex-wrap items-start justify-between gap-3">
          <div>
            <h1 className="text-2xl font-bold">{client.name}</h1>
            <p className="text-slate-700">
              {client.email} · {clientStatusLabels[client.status]} · Coach: {client.coach?.name ?? 'unassigned'}
            </p>
            <p className="text-slate-700">
              {client.targetRole ?? 'No target role yet'}
              {client.seniority ? ` · ${seniorityLabels[client.seniority]}` : ''}
              {client.industries.length ? ` · ${client.industries.join(', ')}` : ''}
            </p>
            {client.emailSuppressedAt ? (
              <p className="mt-1 text-sm font-medium text-red-800">
                Email to this client stopped on {formatDate(client.emailSuppressedAt)}: {client.emailSuppression}
              </p>
            ) : null}
          </div>
          {canWrite ? (
            <div className="flex flex-wrap gap-2">
              <Link
                to={orgPath(slug, 'clients', client.id, 'edit')}
                className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-100"
              >
                Edit
              </Link>
              {statusActions
                .filter((a) => a.status !== client.status)
                .map((a) => (
                  <Form method="post" key={a.status}>
                    <input type="hidden" name="status" value={a.status} />
                    <SubmitButton intent="set-status" variant="secondary" pendingText="Saving…">
                      {a.label}
                    </SubmitButton>
                  </Form>
                ))}
            </div>
          ) : null}
        </div>
      </div>

      <div className="grid gap-4 lg:grid-cols-3">
        <section
          aria-labelledby="goal-heading"
          className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm lg:col-span-2"
        >
          <h2 id="goal-heading" className="text-lg font-semibold">
            This week
          </h2>
          <p className="mt-1 text-slate-800">
            {appliedThisWeek} of {goal} {goal === 1 ? 'application' : 'applications'}
            <span className="text-slate-700"> · same days last week: {appliedLastWeek}</span>
          </p>
          <p className="text-sm text-slate-700">{weekCompared}.</p>
          <div
            role="progressbar"
            aria-label="Weekly application goal"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={progress}
            className="mt-2 h-3 w-full overflow-hidden rounded-full bg-slate-200"
          >
            <div className="h-full bg-brand-700" style={{ width: `${progress}%` }} />
          </div>
        </section>
        <InviteLinkCard
          invite={invite}
          freshUrl={actionData?.inviteUrl ?? null}
          timezone={orgTimezone}
          canWrite={canWrite}
        />
      </div>

      <div className="grid gap-4 lg:grid-cols-2">
        <FunnelVsCaseload funnel={funnel} firstName={client.name.split(' ')[0] ?? client.name} />
        <ClientInsights insights={insights} slug={slug} clientId={client.id} canAssign={canAssign} />
      </div>

      <section aria-labelledby="pipeline-heading">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="pipeline-heading" className="text-lg font-semibold">
            Pipeline ({applications.length})
          </h2>
          <nav aria-label="Pipeline view" className="flex gap-1 text-sm">
            <Link
              to="?view=board"
              aria-current={view === 'board' ? 'page' : undefined}
              className={`rounded-md px-3 py-1 ${view === 'board' ? 'bg-brand-700 text-white' : 'border border-slate-300 bg-white'}`}
              preventScrollReset
            >
              Board
            </Link>
            <Link
              to="?view=table"
              aria-current={view === 'table' ? 'page' : undefined}
              className={`rounded-md px-3 py-1 ${view === 'table' ? 'bg-brand-700 text-white' : 'border border-slate-300 bg-white'}`}
              preventScrollReset
            >
              Table
            </Link>
          </nav>
        </div>
        <div className="mt-3">
          {applications.length === 0 ? (
            <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-700">
              No applications yet. Once {client.name.split(' ')[0]} opens their invite link, what they add shows up
              here.
            </p>
          ) : view === 'table' ? (
            <PipelineTable applications={applications} />
          ) : (
            <PipelineBoard applications={applications} />
          )}
        </div>
      </section>

      <div className="grid gap-4 lg:grid-cols-2">
        <section
          aria-labelledby="timeline-heading"
          className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
        >
          <h2 id="timeline-heading" className="text-lg font-semibold">
            Timeline
          </h2>
          {events.length === 0 ? (
            <p className="mt-2 text-slate-700">Nothing has happened yet.</p>
          ) : (
            <ol className="mt-2 space-y-2 text-sm">
              {events.map((e) => (
                <li key={e.id} className="border-l-2 border-brand-600 pl-3">
                  <p className="font-medium">
                    {e.application.company} · {e.application.roleTitle}
                  </p>
                  <p className="text-slate-700">
                    {e.fromStage ? `${stageLabels[e.fromStage]} → ` : 'Added at '}
                    {stageLabels[e.toStage]}
                    {e.toOutcome !== 'ACTIVE' ? ` · ${outcomeLabels[e.toOutcome]}` : ''} · by{' '}
                    {e.actorType.toLowerCase()} · {formatDateTime(e.occurredAt, client.timezone)}
                  </p>
                </li>
              ))}
            </ol>
          )}
        </section>
        <div className="space-y-4">
          <section
            aria-labelledby="tasks-heading"
            className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
          >
            <h2 id="tasks-heading" className="text-lg font-semibold">
              Tasks
            </h2>
            {tasks.length === 0 ? (
              <p className="mt-2 text-slate-700">No tasks assigned.</p>
            ) : (
              <ul className="mt-2 space-y-1 text-sm">
                {tasks.map((task) => (
                  <li key={task.id} className="flex justify-between gap-2">
                    <span className={task.status === 'DONE' ? 'text-slate-600 line-through' : ''}>{task.title}</span>
                    <span className="text-slate-700">
                      {task.status === 'TODO' ? `due ${formatDate(task.dueOn)}` : task.status.toLowerCase()}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section
            aria-labelledby="checkins-heading"
            className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
          >
            <h2 id="checkins-heading" className="text-lg font-semibold">
              Check-ins
            </h2>
            {checkIns.length === 0 ? (
              <p className="mt-2 text-slate-700">No check-ins yet.</p>
            ) : (
              <ul className="mt-2 space-y-1 text-sm">
                {checkIns.map((c) => (
                  <li key={c.id}>
                    Week of {formatDate(c.weekOf)}: mood {c.mood}/5, energy {c.energy}/5, confidence {c.confidence}/5
                    {c.note ? <span className="block text-slate-700">“{c.note}”</span> : null}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section
            aria-labelledby="notes-heading"
            className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
          >
            <h2 id="notes-heading" className="text-lg font-semibold">
              Private notes
            </h2>
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
                    {n.author?.name ?? 'Former member'} · {formatDateTime(n.createdAt, orgTimezone)}
                  </p>
                </li>
              ))}
            </ul>
          </section>
        </div>
      </div>
    </main>
  )
}
