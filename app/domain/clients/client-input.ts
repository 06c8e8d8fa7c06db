import { z } from 'zod'
import { isValidTimeZone } from '~/lib/dates'
import { seniorities } from '../applications/pipeline'
import { cohortIdList } from '../cohorts/cohort-input'
import { fieldInputs } from '../client-fields/client-field-input'
import { requiredText } from '../form-fields'

// The client form's schema and words, shared by the server and the browser (no database here).

export const ClientInput = z.object({
  name: requiredText('Enter the client’s name', 120),
  email: z
    .email({ error: 'Enter an email address like name@example.com' })
    .trim()
    .max(254)
    .transform((v) => v.toLowerCase()),
  coachId: z
    .string()
    .optional()
    .transform((v) => v || null),
  targetRole: z
    .string()
    .trim()
    .max(120)
    .optional()
    .transform((v) => v || null),
  seniority: z.enum(seniorities).optional(),
  industries: z
    .string()
    .max(500)
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .slice(0, 10),
    ),
  weeklyGoal: z.coerce
    .number({ error: 'Enter a number of applications' })
    .int('Enter a whole number')
    .min(0, 'Use 0 or more')
    .max(100, 'Use 100 or fewer')
    .default(10),
  timezone: z
    .string()
    .default('UTC')
    .refine((v) => isValidTimeZone(v), 'Choose a timezone from the list'),
  digestOptIn: z
    .union([z.literal('on'), z.literal('true'), z.boolean()])
    .optional()
    .transform((v) => v === true || v === 'on' || v === 'true'),
  /** The client's cohorts; left as they are when the field is absent (the form always sends it). */
  cohortIds: cohortIdList,
  /** The custom fields' inputs (named field.<id>); see ../client-fields. */
  field: fieldInputs,
  /** Sent by the form beside its custom fields, so that blanking them all clears them. */
  customFieldsSent: z.literal('1').optional(),
})
export type ClientInput = z.infer<typeof ClientInput>
