import { getFormProps } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { endedBy, endedByLabels } from '~/domain/applications/pipeline'
import { reasonChoices, stageChoices } from '~/ui/pipeline-choices'
import { rejectionFormValues } from '~/ui/application-fields'
import { DetailsForm, FeedbackForm, useStageMoveState } from '~/ui/application-forms'
import { Field, FormErrors, SelectField, SubmitButton, TextareaField } from '~/ui/form'
import { useIntentForm } from '~/ui/intent-result'
import { CheckboxField } from '~/ui/portal'
import { OutcomeButtons, StageMoveButtons } from '~/ui/stage-moves'
import type { LoaderData } from './route'
import { orgPath } from '~/lib/org-path'
import { Section } from '~/ui/section'

// The coach's changes to the application: its stage, its outcome, the rejection and the details.
// Every stage change is a StageEvent with this coach as the actor.

type Page = { page: LoaderData }

export function ApplicationEditing({ page }: Page) {
  const a = page.application
  const moves = useStageMoveState()
  const [outcomeForm] = useIntentForm('application', 'outcome', {})
  return (
    <Section headingId="change-heading" title="Update the application" card>
      <p className="text-sm text-slate-700">Changes here are recorded in the timeline under your name.</p>
      <h3 className="mt-3 text-base font-semibold">Stage</h3>
      <StageMoveButtons
        {...moves}
        current={a.stage}
        closed={a.outcome !== 'ACTIVE'}
        cancelTo={orgPath(page.slug, 'applications', a.id)}
        compact
      />
      <h3 className="mt-4 text-base font-semibold">Outcome</h3>
      <OutcomeButtons form={outcomeForm} current={a.outcome} reader="coach" />
      {a.outcome === 'REJECTED' ? <EditFeedback page={page} /> : <RejectionForm key={a.stage} page={page} />}
      <EditDetails page={page} />
    </Section>
  )
}

function RejectionForm({ page }: Page) {
  const a = page.application
  const [form, fields] = useIntentForm('application', 'reject', rejectionFormValues(a.stage))
  return (
    <details className="mt-4 border-t border-slate-100 pt-3">
      <summary className="min-h-11 cursor-pointer py-2 font-semibold">Record a rejection</summary>
      <Form method="post" {...getFormProps(form)} className="mt-2 grid gap-4 sm:grid-cols-2">
        <div className="sm:col-span-2">
          <FormErrors id={form.errorId} errors={form.errors} />
        </div>
        <SelectField label="The stage it ended at" field={fields.stage} options={stageChoices} />
        <SelectField
          label="Who ended it"
          field={fields.endedBy}
          options={endedBy.map((value) => ({
            value,
            label: value === 'CANDIDATE' ? a.client.name : endedByLabels[value],
          }))}
        />
        <SelectField label="Reason" field={fields.reason} options={reasonChoices} />
        <Field label="Feedback requested on" field={fields.feedbackRequestedOn} type="date" />
        <div className="sm:col-span-2">
          <CheckboxField label="Feedback received" field={fields.feedbackReceived} />
          <TextareaField label="What the employer said" field={fields.feedbackText} rows={4} />
        </div>
        <div>
          <SubmitButton intent="reject" className="min-h-11" pendingText="Saving…">
            Save the rejection
          </SubmitButton>
        </div>
      </Form>
    </details>
  )
}

function EditFeedback({ page }: Page) {
  const a = page.application
  return (
    <details className="mt-4 border-t border-slate-100 pt-3">
      <summary className="min-h-11 cursor-pointer py-2 font-semibold">Edit the feedback</summary>
      <FeedbackForm application={a} reader="coach" buttonClassName="min-h-11" />
    </details>
  )
}

function EditDetails({ page }: Page) {
  return (
    <details className="mt-4 border-t border-slate-100 pt-3">
      <summary className="min-h-11 cursor-pointer py-2 font-semibold">Edit details</summary>
      <DetailsForm
        application={page.application}
        today={page.today}
        className="mt-2 max-w-xl space-y-4"
        buttonClassName="min-h-11"
      />
    </details>
  )
}
