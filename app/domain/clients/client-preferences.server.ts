import { z } from 'zod'
import { isValidTimeZone, timeZoneList } from '~/lib/dates'
import { type PipelineContext } from '../applications/applications.server'
import { InputError } from '~/lib/input-error'

// What a client decides for themselves: whether the weekly digest comes, and their timezone
// (which sets their week, "today", and the dates in the digest).

export const DigestPreferencesInput = z.object({
  digestOptIn: z
    .union([z.literal('on'), z.literal('true'), z.literal('false'), z.boolean()])
    .optional()
    .transform((v) => v === true || v === 'on' || v === 'true'),
  timezone: z.string({ error: 'Choose your timezone' }).trim().min(1, 'Choose your timezone').max(100),
})
export type DigestPreferencesInput = z.input<typeof DigestPreferencesInput>

export async function updateDigestPreferences(p: PipelineContext, input: DigestPreferencesInput) {
  const parsed = DigestPreferencesInput.safeParse(input)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new InputError(String(issue.path[0] ?? 'timezone'), issue.message)
  }
  const { digestOptIn, timezone } = parsed.data
  if (!isValidTimeZone(timezone)) throw new InputError('timezone', 'Choose a timezone from the list')
  return p.db.client.update({
    where: { id: p.clientId },
    data: { digestOptIn, timezone },
    select: { id: true, digestOptIn: true, timezone: true },
  })
}

export function findDigestPreferences(p: PipelineContext) {
  return p.db.client.findFirst({ where: { id: p.clientId }, select: { digestOptIn: true, timezone: true } })
}

/** Every IANA timezone the runtime knows, for the preferences form. */
export function timeZoneOptions() {
  return timeZoneList()
}
