import { getZodConstraint } from '@conform-to/zod/v4'

import { PlacementInput } from '~/domain/outcomes/placement-input'
import { ErrorList, Field, SelectField, SubmitButton, ConformForm } from './form'
import { useActionForm } from './action-form'

// Recording the job a client accepted: the coach's page and the portal share this form, and its page's action.

type Props = {
  defaultValue: Partial<Record<keyof PlacementInput, string>>
  offers: { id: string; company: string; roleTitle: string }[]
  /** The coach's page, or the client's own in the portal. */
  audience: 'coach' | 'client'
  /** Whether a placement is recorded already (the form corrects it). */
  recorded: boolean
}

const wording = {
  coach: { whose: 'their', record: 'Record placement', save: 'Save placement' },
  client: { whose: 'your', record: 'Tell my coach', save: 'Save' },
}

export function PlacementForm({ defaultValue, offers, audience, recorded }: Props) {
  const { whose, record, save } = wording[audience]
  const [form, fields] = useActionForm(PlacementInput, {
    id: 'placement',
    defaultValue,
    constraint: getZodConstraint(PlacementInput),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  return (
    <ConformForm form={form} className="grid max-w-2xl gap-4 sm:grid-cols-2" errorsClassName="sm:col-span-2">
      {offers.length ? (
        <div className="sm:col-span-2">
          <SelectField
            label="The offer accepted"
            field={fields.applicationId}
            placeholder="Not one of the applications here"
            options={offers.map((o) => ({ value: o.id, label: `${o.company} · ${o.roleTitle}` }))}
          />
        </div>
      ) : null}
      <Field label="Employer" field={fields.employer} autoComplete="organization" />
      <Field label="Role" field={fields.roleTitle} autoComplete="organization-title" />
      <Field label="Offer accepted on" field={fields.acceptedOn} type="date" />
      <Field label="First day in the job" field={fields.startsOn} type="date" />
      <Field
        label="Yearly salary (optional)"
        field={fields.salary}
        type="number"
        hint="Only for the practice’s reports; never shown to anyone outside it."
      />
      <fieldset className="sm:col-span-2">
        <legend className="text-sm font-medium text-slate-800">Is it in the field {whose} search aimed for?</legend>
        <div className="mt-1 flex gap-6">
          {(['yes', 'no'] as const).map((value) => (
            <label key={value} className="flex items-center gap-2 text-sm text-slate-800">
              <input
                type="radio"
                name={fields.inTargetField.name}
                value={value}
                defaultChecked={defaultValue.inTargetField === value}
                aria-invalid={fields.inTargetField.errors ? true : undefined}
                className="h-4 w-4"
              />
              {value === 'yes' ? 'Yes' : 'No, a different field'}
            </label>
          ))}
        </div>
        <ErrorList id={fields.inTargetField.errorId} errors={fields.inTargetField.errors} />
      </fieldset>
      <div className="sm:col-span-2">
        <SubmitButton pendingText="Saving…">{recorded ? save : record}</SubmitButton>
      </div>
    </ConformForm>
  )
}

/** The form's starting values: the placement already recorded, or the accepted offer's details. */
export function placementDefaults(
  placement: {
    applicationId: string | null
    employer: string
    roleTitle: string
    acceptedOn: string
    startsOn: string
    salary: number | null
    inTargetField: boolean
  } | null,
  offers: { id: string; company: string; roleTitle: string; outcome: string }[],
  today: string,
) {
  if (placement)
    return {
      applicationId: placement.applicationId ?? '',
      employer: placement.employer,
      roleTitle: placement.roleTitle,
      acceptedOn: placement.acceptedOn,
      startsOn: placement.startsOn,
      salary: placement.salary === null ? '' : String(placement.salary),
      inTargetField: placement.inTargetField ? 'yes' : 'no',
    }
  const accepted = offers.find((o) => o.outcome === 'OFFER_ACCEPTED') ?? offers[0]
  return {
    applicationId: accepted?.id ?? '',
    employer: accepted?.company ?? '',
    roleTitle: accepted?.roleTitle ?? '',
    acceptedOn: today,
    startsOn: '',
    salary: '',
  }
}
