import { getFormProps } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { reasonLabels, rejectionMessage, stageLabels } from '~/domain/applications/pipeline'
import { endedByChoices, reasonChoices, stageChoices } from '~/ui/pipeline-choices'
import type { Outcome, Stage } from '~/domain/applications/pipeline'
import { rejectionFormValues } from '~/ui/application-fields'
import { FeedbackForm, useStageMoveState } from '~/ui/application-forms'
import { Field, FormErrors, SelectField, SubmitButton, TextareaField } from '~/ui/form'
import { useIntentForm } from '~/ui/intent-result'
import { Card, CheckboxField, SectionTitle } from '~/ui/portal'
import { OutcomeButtons, StageMoveButtons } from '~/ui/stage-moves'
import type { Application } from './route'

// What a client changes about one of their applications: its stage, its outcome, a rejection and
// its feedback (the details' form is shared with the coach's page). Each form posts its own intent to the route's action.

export function StageButtons({ current, closed, id }: { current: Stage; closed: boolean; id: string }) {
  const moves = useStageMoveState()
  return <StageMoveButtons {...moves} current={current} closed={closed} cancelTo={`/me/applications/${id}`} />
}

export function PortalOutcomeButtons({ current }: { current: Outcome }) {
  const [form] = useIntentForm('application', 'outcome', {})
  return <OutcomeButtons form={form} current={current} reader="client" />
}

export function RejectionForm({ application, today }: { application: Application; today: string }) {
  const [form, fields] = useIntentForm('application', 'reject', rejectionFormValues(application.stage))
  return (
    <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
      <FormErrors id={form.errorId} errors={form.errors} />
      <SelectField label="The stage it ended at" field={fields.stage} options={stageChoices} />
      <SelectField label="Who ended it" field={fields.endedBy} options={endedByChoices} />
      <SelectField label="The reason, if you know it" field={fields.reason} options={reasonChoices} />
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

export function RejectionPanel({ application, today }: { application: Application; today: string }) {
  const stage = application.rejectionStage ?? application.stage
  return (
    <Card className="border-brand-100 bg-brand-50">
      <SectionTitle>You got as far as: {stageLabels[stage]}</SectionTitle>
      <p className="mt-2 text-slate-800">{rejectionMessage(stage)}</p>
      {application.rejectionReason ? (
        <p className="mt-2 text-sm text-slate-700">Reason given: {reasonLabels[application.rejectionReason]}</p>
      ) : null}
      <details className="mt-3">
        <summary className="min-h-11 cursor-pointer py-2 font-medium text-slate-900">Feedback</summary>
        <FeedbackForm
          application={application}
          reader="client"
          hint={`Today is ${today}.`}
          buttonClassName="min-h-11 w-full"
        />
      </details>
    </Card>
  )
}
