import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { Form, useActionData } from '@remix-run/react'
import type { z } from 'zod'
import type { ApplicationInput } from '~/domain/applications/applications.server'
import { ApplicationFields, applicationFormValues, feedbackFormValues } from './application-fields'
import { Field, FormErrors, SubmitButton, TextareaField } from './form'
import { useIntentForm } from './intent-result'
import { CheckboxField } from './portal'
import type { ConfirmBack } from './stage-moves'

// The forms that the client's page of an application and the coach's share: the same intents, posted to
// either page's action; the client reads them in the first person, the coach about the client.

/** What the stage buttons show after a post: the undo's error or the move's, and a backward move to confirm. */
export function useStageMoveState() {
  const actionData = useActionData<{
    intent?: string
    result?: SubmissionResult<string[]> | null
    confirmBack?: ConfirmBack
  }>()
  const [form] = useIntentForm('application', 'move', {})
  const undoErrors = actionData?.intent === 'undo' ? (actionData.result?.error?.undo ?? null) : null
  return { confirmBack: actionData?.confirmBack ?? null, errors: undoErrors ?? form.errors, errorId: form.errorId }
}

const feedbackLabels = {
  client: { requestedOn: 'I asked for feedback on', received: 'I received feedback', text: 'What they said' },
  coach: { requestedOn: 'Feedback requested on', received: 'Feedback received', text: 'What the employer said' },
}

export function FeedbackForm({
  application,
  reader,
  hint,
  buttonClassName,
}: {
  application: Parameters<typeof feedbackFormValues>[0]
  reader: keyof typeof feedbackLabels
  /** Under the date the feedback was asked for. */
  hint?: string
  buttonClassName: string
}) {
  const [form, fields] = useIntentForm('application', 'feedback', feedbackFormValues(application))
  const words = feedbackLabels[reader]
  return (
    <Form method="post" {...getFormProps(form)} className="mt-2 space-y-4">
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field label={words.requestedOn} field={fields.feedbackRequestedOn} type="date" hint={hint} />
      <CheckboxField label={words.received} field={fields.feedbackReceived} />
      <TextareaField label={words.text} field={fields.feedbackText} rows={4} />
      <SubmitButton intent="feedback" className={buttonClassName} pendingText="Saving…">
        Save feedback
      </SubmitButton>
    </Form>
  )
}

export function DetailsForm({
  application,
  today,
  className,
  buttonClassName,
}: {
  application: Parameters<typeof applicationFormValues>[0]
  today: string
  className: string
  buttonClassName: string
}) {
  const [form, fields] = useIntentForm<z.input<typeof ApplicationInput>>(
    'application',
    'details',
    applicationFormValues(application),
  )
  return (
    <Form method="post" {...getFormProps(form)} className={className}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <ApplicationFields fields={fields} today={today} />
      <SubmitButton intent="details" className={buttonClassName} pendingText="Saving…">
        Save details
      </SubmitButton>
    </Form>
  )
}
