import { getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'

import type { z } from 'zod'
import { seniorityChoices } from '~/ui/pipeline-choices'
import { ConformForm, Field, SelectField, SubmitButton } from './form'
import { TimeZoneField } from './time-zone-field'
import type { ClientInput } from '~/domain/clients/client-input'
import { fieldParam, type ClientFieldDef, type ClientFieldValues } from '~/domain/client-fields/client-field-display'
import { FieldValueInput } from './custom-fields'

// The add and edit form for a client. The schema comes from the route, which imports it from the domain.

type Props = {
  schema: typeof ClientInput
  lastResult?: SubmissionResult<string[]> | null
  defaultValue?: Partial<Record<keyof z.input<typeof ClientInput>, string | boolean | undefined>>
  coaches: { id: string; name: string }[]
  /** The practice's cohorts to tick, and the ones the client is in. */
  cohorts?: { id: string; name: string }[]
  cohortIds?: string[]
  /** The practice's custom fields, and the client's values. */
  customFields?: ClientFieldDef[]
  customValues?: ClientFieldValues
  timezones: string[]
  submitLabel: string
  /** Start the timezone on the browser's own (a new client of a practice still on UTC). */
  preferBrowserTimeZone?: boolean
}

export function ClientForm({
  schema,
  lastResult,
  defaultValue,
  coaches,
  cohorts = [],
  cohortIds = [],
  customFields = [],
  customValues = {},
  timezones,
  submitLabel,
  preferBrowserTimeZone = false,
}: Props) {
  const [form, fields] = useForm({
    lastResult,
    defaultValue,
    constraint: getZodConstraint(schema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
  return (
    <ConformForm form={form} className="max-w-xl space-y-4">
      <Field label="Name" field={fields.name} autoComplete="off" />
      <Field label="Email" field={fields.email} type="email" autoComplete="off" />
      <SelectField
        label="Coach"
        field={fields.coachId}
        placeholder="No coach yet"
        options={coaches.map((c) => ({ value: c.id, label: c.name }))}
      />
      <Field label="Target role" field={fields.targetRole} placeholder="e.g. Product designer" />
      <SelectField
        label="Their current level"
        field={fields.seniority}
        placeholder="Not set"
        options={seniorityChoices}
      />
      <Field label="Industries" field={fields.industries} hint="Separate with commas, e.g. Fintech, Healthcare" />
      <Field label="Weekly application goal" field={fields.weeklyGoal} type="number" />
      <TimeZoneField label="Timezone" field={fields.timezone} zones={timezones} preferBrowser={preferBrowserTimeZone} />
      <div className="flex items-center gap-2">
        <input
          {...getInputProps(fields.digestOptIn, { type: 'checkbox' })}
          className="h-4 w-4 rounded border-slate-400"
        />
        <label htmlFor={fields.digestOptIn.id} className="text-sm text-slate-800">
          Send this client the weekly progress digest
        </label>
      </div>
      {cohorts.length ? (
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Cohorts</legend>
          {/* Always sent, so that unticking every cohort takes the client out of them all. */}
          <input type="hidden" name="cohortIds" value="" />
          <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
            {cohorts.map((c) => (
              <label key={c.id} className="flex items-center gap-2 text-sm text-slate-800">
                <input
                  type="checkbox"
                  name="cohortIds"
                  value={c.id}
                  defaultChecked={cohortIds.includes(c.id)}
                  className="h-4 w-4 rounded border-slate-400"
                />
                {c.name}
              </label>
            ))}
          </div>
          {fields.cohortIds.errors ? (
            <p className="mt-1 text-sm text-red-800" role="alert">
              {fields.cohortIds.errors.join(' ')}
            </p>
          ) : null}
        </fieldset>
      ) : null}
      {customFields.length ? (
        <div className="space-y-4">
          <input type="hidden" name="customFieldsSent" value="1" />
          {customFields.map((f) => {
            // After a refused save, what was typed; else the stored value.
            const typed = (lastResult?.initialValue?.field as Record<string, string | string[]> | undefined)?.[f.id]
            return (
              <FieldValueInput
                key={f.id}
                field={f}
                name={fieldParam(f.id)}
                id={`client-field-${f.id}`}
                defaultValue={lastResult?.initialValue ? (typed ?? null) : customValues[f.id]}
                errors={lastResult?.error?.[fieldParam(f.id)] ?? undefined}
              />
            )
          })}
        </div>
      ) : null}
      <SubmitButton pendingText="Saving…">{submitLabel}</SubmitButton>
    </ConformForm>
  )
}
