import { type SubmissionResult } from '@conform-to/react'
import { getZodConstraint } from '@conform-to/zod/v4'

import { CohortInput } from '~/domain/cohorts/cohort-input'
import { Field, SubmitButton, ConformForm } from './form'
import { useZodForm } from './zod-form'

// The add and edit form for a cohort: name, start and end dates, the sponsor when someone pays.

type Props = {
  lastResult?: SubmissionResult<string[]> | null
  defaultValue?: { name?: string; startsOn?: string; endsOn?: string; sponsorName?: string | null }
  intent: string
  submitLabel: string
}

export function CohortForm({ lastResult, defaultValue, intent, submitLabel }: Props) {
  const [form, fields] = useZodForm(CohortInput, {
    id: `cohort-${intent}`,
    lastResult,
    defaultValue: { ...defaultValue, sponsorName: defaultValue?.sponsorName ?? '' },
    constraint: getZodConstraint(CohortInput),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  return (
    <ConformForm form={form} className="grid gap-4 sm:grid-cols-2" errorsClassName="sm:col-span-2">
      <Field label="Name" field={fields.name} autoComplete="off" placeholder="e.g. Spring 2026 intake" />
      <Field
        label="Sponsor (optional)"
        field={fields.sponsorName}
        autoComplete="off"
        placeholder="e.g. Northwind Ltd"
        hint="Who pays for this cohort’s coaching, if anyone."
      />
      <Field label="Starts on" field={fields.startsOn} type="date" />
      <Field label="Ends on" field={fields.endsOn} type="date" />
      <div className="sm:col-span-2">
        <SubmitButton intent={intent} pendingText="Saving…">
          {submitLabel}
        </SubmitButton>
      </div>
    </ConformForm>
  )
}
