import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { Form, useActionData } from '@remix-run/react'
import type { z } from 'zod'
import type { ApplicationInput } from '~/domain/applications/applications.server'
import {
  endedBy,
  endedByLabels,
  options,
  reasonLabels,
  rejectionReasons,
  stageLabels,
  stages,
} from '~/domain/applications/pipeline'
import {
  ApplicationFields,
  applicationFormValues,
  feedbackFormValues,
  rejectionFormValues,
} from '~/ui/application-fields'
import { Field, FormErrors, SelectField, SubmitButton, TextareaField } from '~/ui/form'
import { useIntentForm } from '~/ui/intent-result'
import { CheckboxField } from '~/ui/portal'
import { OutcomeButtons, StageMoveButtons, type ConfirmBack } from '~/ui/stage-moves'
import type { action, LoaderData } from './route'
import { orgPath } from '~/lib/org-path'
import { Section } from '~/ui/section'

// The coach's changes to the application: its stage, its outcome, the rejection and the details.
// Every stage change is a StageEvent with this coach as the actor.

type Page = { page: LoaderData }

export function ApplicationEditing({ page }: Page) {
  const a = page.application
  const actionData = useActionData<typeof action>()
  const [moveForm] = useIntentForm('application', 'move', {})
  const undoErrors =
    actionData?.intent === 'undo' ? ((actionData.result as SubmissionResult<string[]>).error?.undo ?? null) : null
  const confirmBack = (actionData as { confirmBack?: ConfirmBack } | undefined)?.confirmBack ?? null
  const [outcomeForm] = useIntentForm('application', 'outcome', {})
  return (
    <Section headingId="change-heading" title="Update the application" card>
      <p className="text-sm text-slate-700">Changes here are recorded in the timeline under your name.</p>
      <h3 className="mt-3 text-base font-semibold">Stage</h3>
      <StageMoveButtons
        current={a.stage}
        closed={a.outcome !== 'ACTIVE'}
        confirmBack={confirmBack}
        errors={undoErrors ?? moveForm.errors}
        errorId={moveForm.errorId}
        cancelTo={orgPath(page.slug, 'applications', a.id)}
        compact
      />
      <h3 className="mt-4 text-base font-semibold">Outcome</h3>
      <OutcomeButtons form={outcomeForm} current={a.outcome} reader="coach" />
      {a.outcome === 'REJECTED' ? <FeedbackForm page={page} /> : <RejectionForm key={a.stage} page={page} />}
      <DetailsForm page={page} />
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
        <SelectField label="The stage it ended at" field={fields.stage} options={options(stages, stageLabels)} />
        <SelectField
          label="Who ended it"
          field={fields.endedBy}
          options={endedBy.map((value) => ({
            value,
            label: value === 'CANDIDATE' ? a.client.name : endedByLabels[value],
          }))}
        />
        <SelectField label="Reason" field={fields.reason} options={options(rejectionReasons, reasonLabels)} />
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

function FeedbackForm({ page }: Page) {
  const a = page.application
  const [form, fields] = useIntentForm('application', 'feedback', feedbackFormValues(a))
  return (
    <details className="mt-4 border-t border-slate-100 pt-3">
      <summary className="min-h-11 cursor-pointer py-2 font-semibold">Edit the feedback</summary>
      <Form method="post" {...getFormProps(form)} className="mt-2 space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label="Feedback requested on" field={fields.feedbackRequestedOn} type="date" />
        <CheckboxField label="Feedback received" field={fields.feedbackReceived} />
        <TextareaField label="What the employer said" field={fields.feedbackText} rows={4} />
        <SubmitButton intent="feedback" className="min-h-11" pendingText="Saving…">
          Save feedback
        </SubmitButton>
      </Form>
    </details>
  )
}

function DetailsForm({ page }: Page) {
  const a = page.application
  const [form, fields] = useIntentForm<z.input<typeof ApplicationInput>>(
    'application',
    'details',
    applicationFormValues(a),
  )
  return (
    <details className="mt-4 border-t border-slate-100 pt-3">
      <summary className="min-h-11 cursor-pointer py-2 font-semibold">Edit details</summary>
      <Form method="post" {...getFormProps(form)} className="mt-2 max-w-xl space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <ApplicationFields fields={fields} today={page.today} />
        <SubmitButton intent="details" className="min-h-11" pendingText="Saving…">
          Save details
        </SubmitButton>
      </Form>
    </details>
  )
}
