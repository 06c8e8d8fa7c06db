import { getFormProps, getTextareaProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { can } from '~/domain/practices/permissions'
import { emailInviteLink, inviteUrl, issueInviteLink, revokeInviteLinks } from '~/domain/clients/access-links.server'
import { getClientOverview, TimelineQuery } from '~/domain/clients/client-overview.server'
import { clientStatuses, clientStatusLabels } from '~/domain/clients/client-status'
import { findClient, setClientStatus } from '~/domain/clients/clients.server'
import { addNote, NoteInput } from '~/domain/clients/notes.server'
import { seniorityLabels } from '~/domain/applications/pipeline'
import { formatDate, formatDateTime, formatDay } from '~/lib/dates'
import { getEnv } from '~/lib/env.server'
import { redirectWithToast } from '~/lib/toast.server'
import { requirePermission, requireTenant } from '~/auth/require-tenant.server'
import { ErrorList, SubmitButton, inputClass } from '~/ui/form'
import { ClientInsights, FunnelVsCaseload } from './client-patterns'
import { InviteLinkCard } from './invite-link-card'
import { ClientDataCard } from './client-data-card'
import { emailClientData } from '~/domain/clients/data-export-send.server'
import { PipelineBoard, PipelineTable } from './pipeline-views'
import { pathParam, queryOf, readForm } from '~/lib/request-input'
import { Timeline } from './timeline'
import { inputErrorReply, notFound } from '~/lib/responses.server'
import { orgPath } from '~/lib/org-path'
import {
  coachSpeaker,
  isMessageIntent,
  listThread,
  markThreadRead,
  runMessageIntent,
} from '~/domain/conversations/messages.server'
import { applicationThreads } from '~/domain/conversations/unread.server'
import { Thread, UnreadBadge } from '~/ui/conversation'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.client.name ?? 'Client'} · Rebound` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'clients:read')
  const { timeline } = TimelineQuery.parse(queryOf(request))
  const overview = await getClientOverview(t, pathParam(params, 'clientId'), new Date(), timeline)
  if (!overview) throw notFound()
  const s = coachSpeaker(t)
  const [messages, threads] = await Promise.all([
    listThread(s, overview.client.id, null, overview.client.name),
    applicationThreads(s, overview.client.id),
  ])
  await markThreadRead(s, overview.client.id, null)
  return {
    ...overview,
    messages,
    threads,
    slug: t.org.slug,
    orgTimezone: t.org.timezone,
    canWrite: can(t.role, 'clients:write'),
    canAssign: can(t.role, 'tasks:assign'),
    canErase: can(t.role, 'clients:erase'),
  }
}

const Intent = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('issue-link') }),
  z.object({ intent: z.literal('email-link') }),
  z.object({ intent: z.literal('revoke-link') }),
  z.object({ intent: z.literal('email-data') }),
  z.object({ intent: z.literal('set-status'), status: z.enum(clientStatuses) }),
  NoteInput.extend({ intent: z.literal('add-note') }),
])

export async function action({ request, params }: ActionFunctionArgs) {
  const t = await requireTenant(request, params)
  const form = await readForm(request)
  if (isMessageIntent(form)) {
    requirePermission(t, 'clients:read')
    const client = await findClient(t, pathParam(params, 'clientId'))
    if (!client) throw notFound()
    const result = await runMessageIntent(coachSpeaker(t), client.id, null, form)
    if (!result.ok && result.status === 404) throw notFound()
    if (!result.ok)
      return data(
        { result: null, inviteUrl: null, messageError: result.error, messageId: result.messageId },
        { status: 400 },
      )
    return redirectWithToast(`/orgs/${t.org.slug}/clients/${client.id}#conversation`, { title: result.title })
  }
  const submission = parseWithZod(form, { schema: Intent })
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
    case 'email-data':
      try {
        await emailClientData(t, client, getEnv().APP_URL)
      } catch (error) {
        return inputErrorReply(submission, error, { inviteUrl: null })
      }
      return redirectWithToast(here, {
        title: 'Data sent',
        description: `${client.email} got a link to download their records. It works once, for three days.`,
      })
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
    timeline,
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
    canErase,
    messages,
    threads,
  } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const messageError =
    actionData && 'messageError' in actionData
      ? { message: actionData.messageError, messageId: actionData.messageId }
      : null
  const [params] = useSearchParams()
  const view = params.get('view') === 'table' ? 'table' : 'board'
  const [noteForm, noteFields] = useForm<{ body: string }>({
    id: 'add-note',
    lastResult: actionData?.result ?? undefined,
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
                Email to this client stopped on {formatDay(client.emailSuppressedAt, orgTimezone)}:{' '}
                {client.emailSuppression}
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
              <Link
                to={orgPath(slug, 'clients', client.id, 'placement')}
                className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-100"
              >
                {client.status === 'PLACED' ? 'Placement' : 'Record placement'}
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

      <div className="grid gap-4 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Thread
            title={`Conversation with ${client.name.split(' ')[0] ?? client.name}`}
            intro="The client reads and answers this in their portal. Private notes stay below."
            messages={messages}
            timezone={orgTimezone}
            error={messageError}
            viewer="COACH"
          />
        </div>
        <section
          aria-labelledby="app-threads-heading"
          className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
        >
          <h2 id="app-threads-heading" className="text-lg font-semibold">
            About applications
          </h2>
          {threads.length === 0 ? (
            <p className="mt-2 text-slate-700">No messages about a single application yet.</p>
          ) : (
            <ul className="mt-2 space-y-1 text-sm">
              {threads.map((a) => (
                <li key={a.id}>
                  <Link to={`/orgs/${slug}/applications/${a.id}#conversation`} className="text-brand-700 underline">
                    {a.company} · {a.roleTitle}
                  </Link>
                  <UnreadBadge count={a.unread} label="unread messages" />
                </li>
              ))}
            </ul>
          )}
        </section>
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
            <PipelineTable applications={applications} base={`/orgs/${slug}/applications`} />
          ) : (
            <PipelineBoard applications={applications} base={`/orgs/${slug}/applications`} />
          )}
        </div>
      </section>

      <div className="grid gap-4 lg:grid-cols-2">
        <Timeline
          events={events}
          page={timeline.page}
          pageSize={timeline.pageSize}
          total={timeline.total}
          firstName={client.name.split(' ')[0] ?? client.name}
          timezone={orgTimezone}
          slug={slug}
        />
        <div className="space-y-4">
          <section
            aria-labelledby="tasks-heading"
            className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
          >
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h2 id="tasks-heading" className="text-lg font-semibold">
                Tasks
              </h2>
              {canAssign ? (
                <Link to={`/orgs/${slug}/tasks?client=${client.id}`} className="text-sm text-brand-700 underline">
                  Assign a task
                </Link>
              ) : null}
            </div>
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
      <ClientDataCard
        slug={slug}
        clientId={client.id}
        archived={client.status === 'ARCHIVED'}
        canWrite={canWrite}
        canErase={canErase}
      />
    </main>
  )
}
