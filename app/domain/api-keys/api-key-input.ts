import { z } from 'zod'
import { isCalendarDay, notACalendarDay } from '~/lib/dates'
import { apiScopes, type ApiScope } from './scopes'
import { requiredText } from '../form-fields'

// What the API keys form sends: read on the server and, for instant errors, in the browser.

export const ApiKeyInput = z.object({
  name: requiredText('Name the key', 80, 'Use at most 80 characters'),
  scopes: z.preprocess(
    (v) => (typeof v === 'string' ? [v] : v),
    z
      .array(z.enum(apiScopes as [ApiScope, ...ApiScope[]], { error: 'Choose from the listed scopes' }), {
        error: 'Choose at least one scope',
      })
      .min(1, 'Choose at least one scope'),
  ),
  /** The last day the key works (UTC); empty: it never expires. */
  expiresOn: z
    .string()
    .optional()
    .transform((v) => v || undefined)
    .pipe(
      z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2027-06-30')
        .refine(isCalendarDay, notACalendarDay)
        .optional(),
    ),
})
export type ApiKeyInput = z.infer<typeof ApiKeyInput>
