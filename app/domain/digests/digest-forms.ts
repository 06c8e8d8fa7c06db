import { z } from 'zod'

// The digests page's forms (not .server: the page validates with them in the browser too).

export const digestNoteMax = 2000

export const DigestNoteInput = z.object({
  intent: z.literal('note'),
  clientId: z.string().min(1),
  body: z
    .string()
    .trim()
    .max(digestNoteMax, `Use at most ${digestNoteMax} characters`)
    .optional()
    .transform((v) => v ?? ''),
})

export const SendNowInput = z.object({ intent: z.literal('send'), clientId: z.string().min(1) })

const intIn = (min: number, max: number, message: string) =>
  z.coerce.number({ error: message }).int(message).min(min, message).max(max, message)

export const DigestScheduleInput = z.object({
  intent: z.literal('schedule'),
  digestDay: intIn(1, 7, 'Choose a day of the week'),
  digestHour: intIn(0, 23, 'Choose an hour between 0 and 23'),
  digestSkipInactive: z.boolean().default(false),
})

/** Starting the weekly digests names the day and hour the owner saw, so a changed schedule is not started unseen. */
export const StartDigestsInput = z.object({
  intent: z.literal('start'),
  digestDay: intIn(1, 7, 'Choose a day of the week'),
  digestHour: intIn(0, 23, 'Choose an hour between 0 and 23'),
  previewedClientId: z.string({ error: 'Preview a client’s digest first' }).min(1).max(64),
})

export const DigestsPageInput = z.discriminatedUnion('intent', [
  DigestNoteInput,
  SendNowInput,
  DigestScheduleInput,
  StartDigestsInput,
])

export const weekdayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']

export const deliveryStatusLabels = { CLAIMED: 'Sending', SENT: 'Sent', SKIPPED: 'Skipped', FAILED: 'Failed' } as const
