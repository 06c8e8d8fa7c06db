import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import {
  describeInterviewTime,
  interviewKindLabels,
  interviewKinds,
  type InterviewKind,
} from '~/domain/interviews/interview-input'
import { Field, FormErrors, ItemActionForm, SelectField, SubmitButton, TextareaField } from './form'
import { Section } from './section'

// An application's interview dates, for the coach's application page and the client's: the list,
// soonest first, each with edit and remove, and a form to add one. Times read as typed, in their
// own timezone, with the viewer's clock beside them when it differs.

export type InterviewRow = {
  id: string
  kind: InterviewKind
  localDate: string
  localTime: string
  timezone: string
  startsAt: Date | string
  note: string | null
}

/** What the action answered, so the form that was sent shows its errors again. */
export type InterviewReply = { intent: string; interviewId?: unknown; result: unknown } | undefined

const kindOptions = interviewKinds.map((kind) => ({ value: kind, label: interviewKindLabels[kind] }))

function InterviewForm({
  id,
  intent,
  interview,
  defaultTimeZone,
  zones,
  reply,
  submitLabel,
}: {
  id: string
  intent: 'add-interview' | 'edit-interview'
  interview?: InterviewRow
  defaultTimeZone: string
  zones: string[]
  reply: InterviewReply
  submitLabel: string
}) {
  const mine = reply?.intent === intent && (reply.interviewId ?? null) === (interview?.id ?? null)
  const [form, fields] = useForm({
    id,
    lastResult: mine ? (reply!.result as SubmissionResult<string[]>) : undefined,
    defaultValue: {
      kind: interview?.kind ?? 'INTERVIEW',
      date: interview?.localDate ?? '',
      time: interview?.localTime ?? '',
      timezone: interview?.timezone ?? defaultTimeZone,
      note: interview?.note ?? '',
    },
  })
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-3">
      <FormErrors id={form.errorId} errors={form.errors} />
      {interview ? <input type="hidden" name="interviewId" value={interview.id} /> : null}
      <SelectField label="What kind" field={fields.kind} options={kindOptions} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Day" type="date" field={fields.date} />
        <Field label="Time" type="time" field={fields.time} />
      </div>
      <SelectField
        label="Timezone"
        field={fields.timezone}
        options={zones.map((zone) => ({ value: zone, label: zone.replaceAll('_', ' ') }))}
      />
      <TextareaField label="Note (optional)" field={fields.note} rows={2} />
      <SubmitButton intent={intent} pendingText="Saving…" className="min-h-11 w-full sm:w-auto">
        {submitLabel}
      </SubmitButton>
    </Form>
  )
}

const summaryClasses = {
  'edit-interview': 'cursor-pointer text-sm font-medium text-brand-700 underline',
  'add-interview': 'cursor-pointer font-medium text-brand-700 underline',
}

/**
 * The form that changes a date (`interview`) or adds one, behind the link that opens it; open again when the
 * action sent it back with errors.
 */
function InterviewFormToggle({
  interview,
  className,
  reply,
  ...props
}: {
  interview?: InterviewRow
  className: string
  defaultTimeZone: string
  zones: string[]
  reply: InterviewReply
}) {
  const intent = interview ? 'edit-interview' : 'add-interview'
  const open = reply?.intent === intent && (!interview || reply.interviewId === interview.id)
  return (
    <details className={className} open={open}>
      <summary className={summaryClasses[intent]}>{interview ? 'Change' : 'Add an interview date'}</summary>
      <div className="mt-2">
        <InterviewForm
          id={interview ? `interview-${interview.id}` : 'interview-new'}
          intent={intent}
          interview={interview}
          reply={reply}
          submitLabel={interview ? 'Save the date' : 'Add the date'}
          {...props}
        />
      </div>
    </details>
  )
}

export function InterviewDates({
  interviews,
  viewerTimeZone,
  defaultTimeZone,
  zones,
  reply,
  canEdit,
  headingLevel = 'h2',
}: {
  interviews: InterviewRow[]
  viewerTimeZone: string
  defaultTimeZone: string
  zones: string[]
  reply: InterviewReply
  canEdit: boolean
  headingLevel?: 'h2' | 'h3'
}) {
  const formProps = { defaultTimeZone, zones, reply }
  return (
    <Section id="interviews" headingId="interviews-heading" title="Interview dates" headingLevel={headingLevel} card>
      {interviews.length === 0 ? (
        <p className="mt-2 text-slate-700">No dates yet. Add a screen or an interview as soon as it is booked.</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100">
          {interviews.map((interview) => (
            <li key={interview.id} className="py-2">
              <p className="font-medium text-slate-900">{interviewKindLabels[interview.kind]}</p>
              <p className="text-sm break-words text-slate-700">
                <time dateTime={new Date(interview.startsAt).toISOString()}>
                  {describeInterviewTime(interview, viewerTimeZone)}
                </time>
              </p>
              {interview.note ? (
                <p className="mt-1 text-sm break-words whitespace-pre-wrap text-slate-800">{interview.note}</p>
              ) : null}
              {canEdit ? (
                <div className="mt-2 flex flex-wrap items-start gap-2">
                  {/* Keyed by what it shows, so a saved change closes it and shows the new values. */}
                  <InterviewFormToggle
                    key={[
                      interview.kind,
                      interview.localDate,
                      interview.localTime,
                      interview.timezone,
                      interview.note,
                    ].join('|')}
                    className="min-w-0 flex-1"
                    interview={interview}
                    {...formProps}
                  />
                  <ItemActionForm
                    idName="interviewId"
                    id={interview.id}
                    intent="remove-interview"
                    pendingText="Removing…"
                    className="min-h-9 px-3 py-1"
                    label={`Remove the ${interviewKindLabels[interview.kind].toLowerCase()} on ${interview.localDate}`}
                  >
                    Remove
                  </ItemActionForm>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canEdit ? (
        // Keyed by the list, so the form closes and empties once the new date is in it.
        <InterviewFormToggle key={interviews.map((i) => i.id).join('|')} className="mt-3" {...formProps} />
      ) : null}
    </Section>
  )
}
