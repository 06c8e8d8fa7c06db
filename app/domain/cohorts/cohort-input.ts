import { z } from 'zod'
import { isCalendarDay, notACalendarDay } from '~/lib/dates'

// The cohort form's schema, shared by the server and the browser (no database here).

const day = (missing: string) =>
  z.string({ error: missing }).trim().min(1, missing).max(10, notACalendarDay).refine(isCalendarDay, notACalendarDay)

export const CohortInput = z
  .object({
    name: z
      .string({ error: 'Give the cohort a name' })
      .trim()
      .min(1, 'Give the cohort a name')
      .max(120, 'Use at most 120 characters'),
    startsOn: day('Choose the day the cohort starts'),
    endsOn: day('Choose the day the cohort ends'),
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
