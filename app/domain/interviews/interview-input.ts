import { z } from 'zod'
import { noteField } from '~/lib/note-field'
import type { InterviewKind } from '~/generated/prisma/enums'
import { isCalendarDay, isValidTimeZone, notACalendarDay } from '~/lib/dates'

// What a coach or a client types for an interview date. Browser-safe: the forms import it.

export type { InterviewKind }
export const interviewKinds = ['SCREEN', 'INTERVIEW', 'FINAL', 'OTHER'] as const satisfies readonly InterviewKind[]
export const interviewKindLabels: Record<InterviewKind, string> = {
  SCREEN: 'Phone screen',
  INTERVIEW: 'Interview',
  FINAL: 'Final round',
  OTHER: 'Other meeting',
}

export const InterviewInput = z.object({
  kind: z.enum(interviewKinds, { error: 'Choose what kind of meeting it is' }),
  date: z
    .string({ error: 'Choose the day' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-11-23')
    .refine(isCalendarDay, notACalendarDay),
  time: z.string({ error: 'Choose the time' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a time like 14:30'),
  timezone: z
    .string({ error: 'Choose a timezone' })
    .trim()
    .min(1, 'Choose a timezone')
    .max(64)
    .refine(isValidTimeZone, 'Choose a timezone from the list'),
  note: noteField(1000, 'Keep the note under 1,000 characters'),
})
export type InterviewInput = z.input<typeof InterviewInput>

const wallFormat = new Intl.DateTimeFormat('en-US', {
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZone: 'UTC',
})
const clockFormats = new Map<string, Intl.DateTimeFormat>()

/**
 * "Thu, Dec 3, 2026, 2:30 PM (Europe/London)": the time as it was typed, in its own timezone, and the
 * viewer's wall clock beside it when the viewer lives in another one.
 */
export function describeInterviewTime(
  event: { localDate: string; localTime: string; timezone: string; startsAt: Date | string },
  viewerTimeZone?: string,
) {
  const typed = wallFormat.format(new Date(`${event.localDate}T${event.localTime}:00Z`))
  const zone = event.timezone.replaceAll('_', ' ')
  if (!viewerTimeZone || viewerTimeZone === event.timezone) return `${typed} (${zone})`
  let clock = clockFormats.get(viewerTimeZone)
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-US', {
      weekday: 'short',
      hour: 'numeric',
      minute: '2-digit',
      timeZone: viewerTimeZone,
    })
    clockFormats.set(viewerTimeZone, clock)
  }
  const theirs = clock.format(new Date(event.startsAt))
  return `${typed} (${zone}; ${theirs} in ${viewerTimeZone.replaceAll('_', ' ')})`
}
