import { getFormProps, useForm, type DefaultValue, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { type z } from 'zod'
import { requireClient } from '~/auth/client-session.server'
import {
  type ApplicationInput,
  findClientApplication,
  listStageEvents,
  type OutcomeInput,
} from '~/domain/applications/applications.server'
import {
  describeStageChange,
  endedBy,
  endedByLabels,
  options,
  outcomeLabels,
  reasonLabels,
  rejectionMessage,
  rejectionReasons,
  stageLabels,
  stages,
} from '~/domain/applications/pipeline'
import type { ActorType, Outcome, Stage } from '~/domain/applications/pipeline'
import { formatDateTime, isoDate, todayIn } from '~/lib/dates'
import { inputErrorReply, notFound } from '~/lib/responses.server'
import { redirectWithToast } from '~/lib/toast.server'
import { ApplicationFields, applicationFormValues } from '~/ui/application-fields'
import { Button, Field, FormErrors, SelectField, SubmitButton, TextareaField } from '~/ui/form'
import { Badge, Card, CheckboxField, SectionTitle } from '~/ui/portal'
import { pathParam, readForm } from '~/lib/request-input'
import { isBackwardMove } from '~/domain/applications/stage-undo.server'
import { StageMoveButtons, type ConfirmBack } from '~/ui/stage-moves'
import {
  clientSpeaker,
  isMessageIntent,
  listThread,
  markThreadRead,
  runMessageIntent,
} from '~/domain/conversations/messages.server'
import { Thread } from '~/ui/conversation'
import {
  ApplicationAction,
  performApplicationIntent,
  type ApplicationIntent,
} from '~/domain/applications/application-intents.server'
import {
  InterviewIntent,
  isInterviewIntent,
  listApplicationInterviews,
  runInterviewIntent,
} from '~/domain/interviews/interviews.server'
import { timeZoneList } from '~/lib/dates'
import { InterviewDates } from '~/ui/interview-dates'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.application.company} · Rebound` : 'Application · Rebound' },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const c = await requireClient(request)
  const application = await findClientApplication(c.pipeline, pathParam(params, 'id'))
  if (!application) throw notFound()
  const s = clientSpeaker(c.pipeline)
  const [events, messages, interviews] = await Promise.all([
    listStageEvents(c.pipeline, { applicationId: application.id }),
    listThread(s, c.client.id, application.id, c.client.name),
    listApplicationInterviews(c.pipeline, application.id),
  ])
  await markThreadRead(s, c.client.id, application.id)
  const { organizationId: _o, clientId: _c, importBatchId: _i, ...shown } = application
  return {
    messages,
    interviews,
    zones: timeZoneList(),
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

type Intent = ApplicationIntent

export async function action({ request, params }: ActionFunctionArgs) {
  const c = await requireClient(request)
  const application = await findClientApplication(c.pipeline, pathParam(params, 'id'))
  if (!application) throw notFound()
  const form = await readForm(request)
  if (isMessageIntent(form)) {
    const result = await runMessageIntent(clientSpeaker(c.pipeline), c.client.id, application.id, form)
    if (!result.ok && result.status === 404) throw notFound()
    if (!result.ok)
      return data(
        { intent: result.intent, result: null, messageError: result.error, messageId: result.messageId },
        { status: 400 },
      )
    return redirectWithToast(`/me/applications/${application.id}#conversation`, { title: result.title })
  }
  if (isInterviewIntent(form)) {
    const interviewSubmission = parseWithZod(form, { schema: InterviewIntent })
    const extra = { intent: String(form.get('intent')), interviewId: String(form.get('interviewId') ?? '') || null }
    if (interviewSubmission.status !== 'success')
      return data({ ...extra, result: interviewSubmission.reply() }, { status: 400 })
    try {
      const title = await runInterviewIntent(c.pipeline, application.id, interviewSubmission.value)
      if (!title) throw notFound()
      return redirectWithToast(`/me/applications/${application.id}#interviews`, {
        title,
        description: 'Your coach can see it too.',
      })
    } catch (error) {
      return inputErrorReply(interviewSubmission, error, extra)
    }
  }
  const submission = parseWithZod(form, { schema: ApplicationAction })
  const intent = String(submission.payload.intent ?? '')
  if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
  const value = submission.value
  if (value.intent === 'move' && !value.confirmBack && isBackwardMove(application, value.stage)) {
    const confirmBack = { from: application.stage, to: value.stage }
    return data({ intent, result: submission.reply(), confirmBack })
  }
  try {
    const here = `/me/applications/${application.id}`
    const toast = await performApplicationIntent(c.pipeline, application.id, value, { here, reader: 'client' })
    return redirectWithToast(here, toast)
  } catch (error) {
    return inputErrorReply(submission, error, { intent })
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>
type Application = LoaderData['application']

function useIntentForm<Schema extends Record<string, unknown>>(intent: Intent, defaultValue: DefaultValue<Schema>) {
  const actionData = useActionData<typeof action>()
  const lastResult = actionData?.intent === intent ? (actionData.result as SubmissionResult<string[]>) : undefined
  return useForm<Schema>({ id: `application-${intent}`, lastResult, defaultValue })
}

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
        <OutcomeButtons current={application.outcome} />
      </Card>

      <Card>
        <details>
          <summary className="min-h-11 cursor-pointer py-2 text-lg font-semibold text-slate-900">Edit details</summary>
          <DetailsForm application={application} today={today} />
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

function StageButtons({ current, closed, id }: { current: Stage; closed: boolean; id: string }) {
  const actionData = useActionData<typeof action>()
  const [form] = useIntentForm('move', {})
  const undoErrors = actionData?.intent === 'undo' ? (actionData.result?.error?.undo ?? null) : null
  const confirmBack = (actionData as { confirmBack?: ConfirmBack } | undefined)?.confirmBack ?? null
  return (
    <StageMoveButtons
      current={current}
      closed={closed}
      confirmBack={confirmBack}
      errors={undoErrors ?? form.errors}
      errorId={form.errorId}
      cancelTo={`/me/applications/${id}`}
    />
  )
}

const outcomeChoices: { value: z.infer<typeof OutcomeInput>; label: string }[] = [
  { value: 'GHOSTED', label: 'No response' },
  { value: 'WITHDRAWN', label: 'I withdrew' },
  { value: 'OFFER_ACCEPTED', label: 'Offer accepted' },
  { value: 'OFFER_DECLINED', label: 'Offer declined' },
  { value: 'ACTIVE', label: 'Back in progress' },
]

function OutcomeButtons({ current }: { current: Outcome }) {
  const [form] = useIntentForm('outcome', {})
  return (
    <Form method="post" {...getFormProps(form)} className="mt-3">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="outcome" />
      <div className="grid grid-cols-2 gap-2">
        {outcomeChoices
          .filter((choice) => choice.value !== current)
          .map((choice) => (
            <Button
              key={choice.value}
              type="submit"
              name="outcome"
              value={choice.value}
              variant="secondary"
              className="min-h-12"
            >
              {choice.label}
            </Button>
          ))}
      </div>
    </Form>
  )
}

function RejectionForm({ application, today }: { application: Application; today: string }) {
  const [form, fields] = useIntentForm('reject', {
    stage: application.stage,
    endedBy: 'EMPLOYER',
    reason: 'NO_REASON_GIVEN',
    feedbackReceived: '',
    feedbackRequestedOn: '',
    feedbackText: '',
  })
  return (
    <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
      <FormErrors id={form.errorId} errors={form.errors} />
      <SelectField label="The stage it ended at" field={fields.stage} options={options(stages, stageLabels)} />
      <SelectField label="Who ended it" field={fields.endedBy} options={options(endedBy, endedByLabels)} />
      <SelectField
        label="The reason, if you know it"
        field={fields.reason}
        options={options(rejectionReasons, reasonLabels)}
      />
      <CheckboxField label="I received feedback" field={fields.feedbackReceived} />
      <Field
        label="I asked for feedback on"
        field={fields.feedbackRequestedOn}
        type="date"
        hint={`Leave empty if you have not asked yet. Today is ${today}.`}
      />
      <TextareaField label="What they said" field={fields.feedbackText} rows={4} />
      <SubmitButton intent="reject" className="min-h-11 w-full" pendingText="Saving…">
        Save the rejection
      </SubmitButton>
    </Form>
  )
}

function RejectionPanel({ application, today }: { application: Application; today: string }) {
  const stage = application.rejectionStage ?? application.stage
  const [form, fields] = useIntentForm('feedback', {
    feedbackReceived: application.feedbackReceived ? 'on' : '',
    feedbackRequestedOn: application.feedbackRequestedOn ? isoDate(new Date(application.feedbackRequestedOn)) : '',
    feedbackText: application.feedbackText ?? '',
  })
  return (
    <Card className="border-brand-100 bg-brand-50">
      <SectionTitle>You got as far as: {stageLabels[stage]}</SectionTitle>
      <p className="mt-2 text-slate-800">{rejectionMessage(stage)}</p>
      {application.rejectionReason ? (
        <p className="mt-2 text-sm text-slate-700">Reason given: {reasonLabels[application.rejectionReason]}</p>
      ) : null}
      <details className="mt-3">
        <summary className="min-h-11 cursor-pointer py-2 font-medium text-slate-900">Feedback</summary>
        <Form method="post" {...getFormProps(form)} className="mt-2 space-y-4">
          <FormErrors id={form.errorId} errors={form.errors} />
          <Field
            label="I asked for feedback on"
            field={fields.feedbackRequestedOn}
            type="date"
            hint={`Today is ${today}.`}
          />
          <CheckboxField label="I received feedback" field={fields.feedbackReceived} />
          <TextareaField label="What they said" field={fields.feedbackText} rows={4} />
          <SubmitButton intent="feedback" className="min-h-11 w-full" pendingText="Saving…">
            Save feedback
          </SubmitButton>
        </Form>
      </details>
    </Card>
  )
}

function DetailsForm({ application, today }: { application: Application; today: string }) {
  const [form, fields] = useIntentForm<z.input<typeof ApplicationInput>>('details', applicationFormValues(application))
  return (
    <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
      <FormErrors id={form.errorId} errors={form.errors} />
      <ApplicationFields fields={fields} today={today} />
      <SubmitButton intent="details" className="min-h-11 w-full" pendingText="Saving…">
        Save details
      </SubmitButton>
    </Form>
  )
}

const actorNames: Record<ActorType, string> = {
  CLIENT: 'you',
  COACH: 'your coach',
  IMPORT: 'an import',
  API_KEY: 'your coach’s tools',
  SYSTEM: 'Rebound',
}

function Timeline({ events, timezone }: { events: LoaderData['events']; timezone: string }) {
  if (events.length === 0) return <p className="mt-2 text-slate-700">Nothing yet.</p>
  return (
    <ol className="mt-3 space-y-3 border-l-2 border-slate-200 pl-4">
      {events.map((e) => (
        <li key={e.id}>
          <p className="font-medium text-slate-900">{describeStageChange(e)}</p>
          <p className="text-sm text-slate-600">
            {formatDateTime(e.occurredAt, timezone)} · by {actorNames[e.actorType]}
          </p>
        </li>
      ))}
    </ol>
  )
}
