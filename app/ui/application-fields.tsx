import type { FieldMetadata } from '@conform-to/react'
import type { seniorities, sources, workModes } from '~/domain/applications/pipeline'
import { seniorityChoices, sourceChoices, workModeChoices } from '~/ui/pipeline-choices'
import { isoDate } from '~/lib/dates'
import { Field, SelectField, TextareaField } from '~/ui/form'
import { CheckboxField } from '~/ui/portal'

// The fields of ApplicationInput (app/domain/applications/applications.server.ts), for adding and editing an
// application. One column: it is filled in on a phone.

type Fields = Record<
  | 'company'
  | 'roleTitle'
  | 'seniority'
  | 'industry'
  | 'location'
  | 'workMode'
  | 'source'
  | 'jobUrl'
  | 'appliedOn'
  | 'resumeTailored'
  | 'coverLetter'
  | 'salaryMin'
  | 'salaryMax'
  | 'notes',
  FieldMetadata<unknown>
>

type Text = FieldMetadata<string | undefined>

export function ApplicationFields({ fields, today }: { fields: Fields; today: string }) {
  return (
    <div className="space-y-4">
      <Field label="Company" field={fields.company as Text} autoComplete="organization" />
      <Field label="Job title" field={fields.roleTitle as Text} autoComplete="off" />
      <Field
        label="Applied on"
        field={fields.appliedOn as Text}
        type="date"
        hint={`Leave empty for today (${today}).`}
      />
      <SelectField label="Where you found it" field={fields.source as Text} options={sourceChoices} />
      <CheckboxField label="I tailored my résumé for this role" field={fields.resumeTailored} />
      <CheckboxField label="I sent a cover letter" field={fields.coverLetter} />
      <details className="rounded-md border border-slate-200 bg-slate-50 p-3">
        <summary className="min-h-11 cursor-pointer py-2 font-medium text-slate-900">More details (optional)</summary>
        <div className="mt-3 space-y-4">
          <SelectField
            label="Level of the role"
            field={fields.seniority as Text}
            options={seniorityChoices}
            placeholder="Not sure"
          />
          <Field label="Industry" field={fields.industry as Text} />
          <Field label="Location" field={fields.location as Text} />
          <SelectField
            label="On site or remote"
            field={fields.workMode as Text}
            options={workModeChoices}
            placeholder="Not sure"
          />
          <Field label="Link to the job" field={fields.jobUrl as Text} type="url" placeholder="https://" />
          <Field label="Salary from" field={fields.salaryMin as Text} type="number" />
          <Field label="Salary to" field={fields.salaryMax as Text} type="number" />
          <TextareaField label="Notes" field={fields.notes as Text} rows={4} />
        </div>
      </details>
    </div>
  )
}

type SavedApplication = {
  company: string
  roleTitle: string
  seniority: (typeof seniorities)[number] | null
  industry: string | null
  location: string | null
  workMode: (typeof workModes)[number] | null
  source: (typeof sources)[number]
  jobUrl: string | null
  appliedOn: string | Date | null
  resumeTailored: boolean
  coverLetter: boolean
  salaryMin: number | null
  salaryMax: number | null
  notes: string | null
}

/** A saved application as the edit form's starting values: dates as days, checkboxes as `on`. */
export function applicationFormValues(a: SavedApplication) {
  return {
    company: a.company,
    roleTitle: a.roleTitle,
    seniority: a.seniority ?? undefined,
    industry: a.industry ?? '',
    location: a.location ?? '',
    workMode: a.workMode ?? undefined,
    source: a.source,
    jobUrl: a.jobUrl ?? undefined,
    appliedOn: a.appliedOn ? isoDate(new Date(a.appliedOn)) : undefined,
    resumeTailored: a.resumeTailored ? 'on' : undefined,
    coverLetter: a.coverLetter ? 'on' : undefined,
    salaryMin: a.salaryMin?.toString(),
    salaryMax: a.salaryMax?.toString(),
    notes: a.notes ?? '',
  }
}

/** A rejection's starting values: at the stage the application is at, ended by the employer, no reason. */
export function rejectionFormValues(stage: string) {
  return {
    stage,
    endedBy: 'EMPLOYER',
    reason: 'NO_REASON_GIVEN',
    feedbackReceived: '',
    feedbackRequestedOn: '',
    feedbackText: '',
  }
}

/** The feedback of a rejected application as its form's starting values. */
export function feedbackFormValues(a: {
  feedbackReceived: boolean
  feedbackRequestedOn: string | Date | null
  feedbackText: string | null
}) {
  return {
    feedbackReceived: a.feedbackReceived ? 'on' : '',
    feedbackRequestedOn: a.feedbackRequestedOn ? isoDate(new Date(a.feedbackRequestedOn)) : '',
    feedbackText: a.feedbackText ?? '',
  }
}
