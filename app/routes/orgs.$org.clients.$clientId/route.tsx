import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { can } from '~/domain/practices/permissions'
import { emailInviteLink, inviteUrl, issueInviteLink, revokeInviteLinks } from '~/domain/clients/access-links.server'
import { ClientPageQuery, getClientOverview } from '~/domain/clients/client-overview.server'
import { clientStatuses, clientStatusLabels } from '~/domain/clients/client-status'
import { findClient, setClientStatus } from '~/domain/clients/clients.server'
import { addNote, NoteInput } from '~/domain/clients/notes.server'
import { getEnv } from '~/lib/env.server'
import { redirectWithToast } from '~/lib/toast.server'
import { requirePermission, requireTenant } from '~/auth/require-tenant.server'
import { ClientInsights, FunnelVsCaseload } from './client-patterns'
import { InviteLinkCard } from './invite-link-card'
import { ClientDataCard } from './client-data-card'
import { emailClientData } from '~/domain/clients/data-export-send.server'
import { PipelineSection } from './pipeline-views'
import { ClientHeader } from './client-header'
import { CareColumn } from './care-column'
import { ApplicationThreads, WeekGoal } from './client-summary'
import { pathParam, queryOf, readForm } from '~/lib/request-input'
import { Timeline } from './timeline'
import { inputErrorReply, notFound } from '~/lib/responses.server'
import { orgPath } from '~/lib/org-path'
import { coachSpeaker, isMessageIntent, runMessageIntent } from '~/domain/conversations/messages.server'
import { openThread } from '~/domain/conversations/open-thread.server'
import { messageReply } from '~/lib/form-action.server'
import { applicationThreads } from '~/domain/conversations/unread.server'
import { Thread } from '~/ui/conversation'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.client.name ?? 'Client'} · Rebound` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'clients:read')
  const { timeline, view } = ClientPageQuery.parse(queryOf(request))
  const overview = await getClientOverview(t, pathParam(params, 'clientId'), new Date(), timeline, view)
  if (!overview) throw notFound()
  const s = coachSpeaker(t)
  const [messages, threads] = await Promise.all([
    openThread(s, overview.client.id, null, overview.client.name),
    applicationThreads(s, overview.client.id),
  ])
  return {
    ...overview,
    view,
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
    return messageReply(result, orgPath(t.org.slug, 'clients', client.id), { inviteUrl: null })
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

export default function ClientPage() {
  const {
    client,
    pipeline,
    events,
    timeline,
    tasks,
    fields,
    checkIns,
    notes,
    invite,
    appliedThisWeek,
    appliedLastWeek,
    weekCompared,
    funnel,
    insights,
    view,
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
  const firstName = client.name.split(' ')[0] ?? client.name
  return (
    <main className="mx-auto max-w-7xl space-y-6 p-4 sm:p-6">
      <ClientHeader client={client} fields={fields} slug={slug} timezone={orgTimezone} canWrite={canWrite} />

      <div className="grid gap-4 lg:grid-cols-3">
        <WeekGoal
          appliedThisWeek={appliedThisWeek}
          appliedLastWeek={appliedLastWeek}
          goal={client.weeklyGoal}
          compared={weekCompared}
        />
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
            title={`Conversation with ${firstName}`}
            intro="The client reads and answers this in their portal. Private notes stay below."
            messages={messages}
            timezone={orgTimezone}
            error={messageError}
            viewer="COACH"
          />
        </div>
        <ApplicationThreads threads={threads} slug={slug} />
      </div>

      <div className="grid gap-4 lg:grid-cols-2">
        <FunnelVsCaseload funnel={funnel} firstName={firstName} timezone={orgTimezone} />
        <ClientInsights insights={insights} slug={slug} clientId={client.id} canAssign={canAssign} />
      </div>

      <PipelineSection
        pipeline={pipeline}
        view={view}
        applicationsPath={orgPath(slug, 'applications')}
        clientId={client.id}
        firstName={firstName}
      />

      <div className="grid gap-4 lg:grid-cols-2">
        <Timeline
          events={events}
          page={timeline.page}
          pageSize={timeline.pageSize}
          total={timeline.total}
          firstName={firstName}
          timezone={orgTimezone}
          slug={slug}
        />
        <CareColumn
          tasks={tasks}
          checkIns={checkIns}
          notes={notes}
          slug={slug}
          clientId={client.id}
          timezone={orgTimezone}
          canAssign={canAssign}
          noteResult={actionData?.result ?? undefined}
        />
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
