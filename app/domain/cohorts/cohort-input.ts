import { z } from 'zod'
import { requiredDay, requiredText } from '../form-fields'

// The cohort form's schema, shared by the server and the browser (no database here).

export const CohortInput = z
  .object({
    name: requiredText('Give the cohort a name', 120, 'Use at most 120 characters'),
    startsOn: requiredDay('Choose the day the cohort starts'),
    endsOn: requiredDay('Choose the day the cohort ends'),
    sponsorName: z
      .string()
      .trim()
      .max(120, 'Use at most 120 characters')
      .optional()
      .transform((v) => v || null),
  })
  .refine((v) => v.endsOn >= v.startsOn, { path: ['endsOn'], message: 'The cohort ends on or after the day it starts' })
export type CohortInput = z.output<typeof CohortInput>

/** Cohort ids from a form: one value or several; blanks (the hidden "none chosen" marker) dropped. */
export const cohortIdList = z.preprocess(
  (v) => (v === undefined ? undefined : (Array.isArray(v) ? v : [v]).filter((id) => id !== '')),
  z.array(z.string().max(64)).max(50, 'Choose at most 50 cohorts').optional(),
)
