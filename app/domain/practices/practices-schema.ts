import { z } from 'zod'
import { requiredText } from '../form-fields'

// The practice settings form's schema (not .server: the page validates with it in the browser too).

import { timeZoneList } from '~/lib/dates'

const timeZones = new Set(timeZoneList())

const intIn = (min: number, max: number, message: string) =>
  z.coerce.number({ error: message }).int(message).min(min, message).max(max, message)

/** The periods (months) a practice may keep archived clients for before they are erased. */
export const retentionMonthChoices = ['6', '12', '24', '36', '60', '84'] as const

export const PracticeSettingsInput = z.object({
  name: requiredText('Enter the practice name', 100),
  timezone: z
    .string({ error: 'Choose a time zone' })
    .refine((tz) => timeZones.has(tz), 'Choose a time zone from the list'),
  digestDay: intIn(1, 7, 'Choose a day of the week'),
  digestHour: intIn(0, 23, 'Choose an hour between 0 and 23'),
  digestSkipInactive: z.boolean().default(false),
  ghostingThresholdDays: intIn(7, 120, 'Use a number of days between 7 and 120'),
  coachesSeeOwnClientsOnly: z.boolean().default(false),
  requireTwoFactor: z.boolean().default(false),
  /** Archived clients are erased after this many months; empty keeps them (docs/decisions/0027). */
  archivedClientRetentionMonths: z
    .enum(retentionMonthChoices, { error: 'Choose a period from the list' })
    .optional()
    .transform((value) => (value ? Number(value) : null)),
})
export type PracticeSettings = z.infer<typeof PracticeSettingsInput>

export const timeZoneOptions = timeZoneList()
