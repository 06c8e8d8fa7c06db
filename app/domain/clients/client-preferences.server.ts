import { z } from 'zod'
import { isValidTimeZone, timeZoneList } from '~/lib/dates'
import { type PipelineContext } from '../applications/applications.server'
import { InputError } from '~/lib/input-error'
import { requiredText } from '../form-fields'

// What a client decides for themselves: whether the weekly digest comes, and their timezone
// (which sets their week, "today", and the dates in the digest).

const checkbox = z
  .union([z.literal('on'), z.literal('true'), z.literal('false'), z.boolean()])
  .optional()
  .transform((v) => v === true || v === 'on' || v === 'true')

export const DigestPreferencesInput = z.object({
  digestOptIn: checkbox,
  /** Word between digests: a coach's message, a task assigned. Absent from older forms: kept as they were. */
  notifyMessages: checkbox,
  notifyTasks: checkbox,
  /** Set by the form that shows the two boxes above; without it they are left as they were. */
  notificationChoices: z.literal('shown').optional(),
  timezone: requiredText('Choose your timezone', 100),
})
export type DigestPreferencesInput = z.input<typeof DigestPreferencesInput>

export async function updateDigestPreferences(p: PipelineContext, input: DigestPreferencesInput) {
  const parsed = DigestPreferencesInput.safeParse(input)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new InputError(String(issue.path[0] ?? 'timezone'), issue.message)
  }
  const { digestOptIn, timezone, notificationChoices } = parsed.data
  const { notifyMessages, notifyTasks } = notificationChoices
    ? parsed.data
    : { notifyMessages: undefined, notifyTasks: undefined }
  if (!isValidTimeZone(timezone)) throw new InputError('timezone', 'Choose a timezone from the list')
  return p.db.client.update({
    where: { id: p.clientId },
    data: { digestOptIn, timezone, notifyMessages, notifyTasks },
    select: { id: true, digestOptIn: true, timezone: true, notifyMessages: true, notifyTasks: true },
  })
}

export function findDigestPreferences(p: PipelineContext) {
  return p.db.client.findFirst({
    where: { id: p.clientId },
    select: { digestOptIn: true, timezone: true, notifyMessages: true, notifyTasks: true },
  })
}

/** Every IANA timezone the runtime knows, for the preferences form. */
export function timeZoneOptions() {
  return timeZoneList()
}
