import { z } from 'zod'
import { requiredDay, requiredText } from '../form-fields'

// The placement form's schema, shared by the coach's page, the portal and the browser (no database here).

const text = (missing: string) => requiredText(missing, 120, 'Use at most 120 characters')

export const PlacementInput = z.object({
  applicationId: z
    .string()
    .max(64)
    .optional()
    .transform((v) => v || null),
  employer: text('Enter the employer'),
  roleTitle: text('Enter the role'),
  acceptedOn: requiredDay('Choose the day the offer was accepted'),
  startsOn: requiredDay('Choose the first day in the new job'),
  salary: z.preprocess(
    (v) => (v === '' || v === undefined ? null : typeof v === 'string' ? v.replace(/[\s,]/g, '') : v),
    z.coerce
      .number({ error: 'Enter the yearly salary as a number, or leave it blank' })
      .int('Enter a whole number')
      .min(1, 'Enter an amount above 0, or leave it blank')
      .max(100_000_000, 'That salary looks too large: check the number')
      .nullable(),
  ),
  inTargetField: z.enum(['yes', 'no'], { error: 'Say whether the job is in the field they were aiming for' }),
})
export type PlacementInput = z.output<typeof PlacementInput>
