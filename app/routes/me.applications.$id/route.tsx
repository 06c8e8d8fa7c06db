import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { requireClient, type PortalContext } from '~/auth/client-session.server'
import { findClientApplication, listStageEvents } from '~/domain/applications/applications.server'
import { outcomeLabels, stageLabels } from '~/domain/applications/pipeline'
import { todayIn } from '~/lib/dates'
import { notFound } from '~/lib/responses.server'
import { Badge, Card, SectionTitle } from '~/ui/portal'
import { pathParam, readForm } from '~/lib/request-input'
import { clientSpeaker } from '~/domain/conversations/messages.server'
import { Thread } from '~/ui/conversation'
import type { ApplicationIntent } from '~/domain/applications/application-intents.server'
import {
  readApplicationThread,
  runApplicationForm,
  type ApplicationReader,
} from '~/domain/applications/application-page-action.server'
import { DetailsForm } from '~/ui/application-forms'
import { InterviewDates } from '~/ui/interview-dates'
import { PortalOutcomeButtons, RejectionForm, RejectionPanel, StageButtons } from './application-forms'
import { Timeline } from './timeline'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.application.company} · Rebound` : 'Application · Rebound' },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const c = await requireClient(request)
  const application = await findClientApplication(c.pipeline, pathParam(params, 'id'))
  if (!application) throw notFound()
  const [events, thread] = await Promise.all([
    listStageEvents(c.pipeline, { applicationId: application.id }),
    readApplicationThread(reader(c, application.id), application.id, c.client.name),
  ])
  const { organizationId: _o, clientId: _c, importBatchId: _i, ...shown } = application
  return {
    ...thread,
    application: shown,
    timezone: c.client.timezone,
    today: todayIn(c.client.timezone),
    events: events.map(({ id, fromStage, toStage, fromOutcome, toOutcome, actorType, occurredAt }) => ({
      id,
      fromStage,
      toStage,
      fromOutcome,
      toOutcome,
      actorType,
      occurredAt,
    })),
  }
}

export type Intent = ApplicationIntent

export async function action({ request, params }: ActionFunctionArgs) {
  const c = await requireClient(request)
  const application = await findClientApplication(c.pipeline, pathParam(params, 'id'))
  if (!application) throw notFound()
  return runApplicationForm(await readForm(request), application, reader(c, application.id))
}

/** The client on their own application's page. */
function reader(c: PortalContext, applicationId: string): ApplicationReader {
  return {
    reader: 'client',
    pipeline: c.pipeline,
    speaker: clientSpeaker(c.pipeline),
    here: `/me/applications/${applicationId}`,
    requireWrite: () => {},
    interviewNote: 'Your coach can see it too.',
  }
}

export type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>
export type Application = LoaderData['application']

export default function ApplicationPage() {
  const { application, events, today, timezone, messages, interviews, zones } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const messageError =
    actionData && 'messageError' in actionData
      ? { message: actionData.messageError, messageId: actionData.messageId }
      : null
  const closed = application.outcome !== 'ACTIVE'
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-bold tracking-tight break-words text-slate-900">{application.company}</h1>
        <p className="break-words text-slate-700">{application.roleTitle}</p>
        <p className="mt-2 flex flex-wrap gap-2">
          <Badge tone="ACTIVE">{stageLabels[application.stage]}</Badge>
          {closed ? <Badge tone={application.outcome}>{outcomeLabels[application.outcome]}</Badge> : null}
        </p>
      </div>

      {application.outcome === 'REJECTED' ? <RejectionPanel application={application} today={today} /> : null}

      <InterviewDates
        interviews={interviews}
        viewerTimeZone={timezone}
        defaultTimeZone={timezone}
        zones={zones}
        reply={actionData && 'interviewId' in actionData ? actionData : undefined}
        canEdit
      />

      <Card>
        <SectionTitle>Where is it now?</SectionTitle>
        <p className="mt-1 text-sm text-slate-700">Tap the stage you have reached.</p>
        <StageButtons current={application.stage} closed={closed} id={application.id} />
      </Card>

      {application.outcome !== 'REJECTED' ? (
        <Card>
          <details>
            <summary className="min-h-11 cursor-pointer py-2 text-lg font-semibold text-slate-900">
              Record a rejection
            </summary>
            <p className="mt-1 text-slate-700">
              A no is part of every search, and it says little about you. Recording it helps you and your coach see what
              to change.
            </p>
            {/* Remounts when the stage moves, so the form defaults to the stage reached now. */}
            <RejectionForm key={application.stage} application={application} today={today} />
          </details>
        </Card>
      ) : null}

      <Card>
        <SectionTitle>Other news</SectionTitle>
        <PortalOutcomeButtons current={application.outcome} />
      </Card>

      <Card>
        <details>
          <summary className="min-h-11 cursor-pointer py-2 text-lg font-semibold text-slate-900">Edit details</summary>
          <DetailsForm
            application={application}
            today={today}
            className="mt-4 space-y-4"
            buttonClassName="min-h-11 w-full"
          />
        </details>
      </Card>

      <Thread
        title="Talk about this application"
        intro="Your coach reads this. Ask for help with the next step, or share what happened."
        messages={messages}
        timezone={timezone}
        error={messageError}
        viewer="CLIENT"
      />

      <Card>
        <SectionTitle>Timeline</SectionTitle>
        <Timeline events={events} timezone={timezone} />
      </Card>
    </div>
  )
}
