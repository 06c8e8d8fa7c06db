import { z } from 'zod'
import { todayIn, addDays } from '~/lib/dates'
import { InputError } from '~/lib/input-error'
import { instantOf } from '~/lib/weeks'
import type { PipelineContext } from '../applications/applications.server'
import { InterviewInput } from './interview-input'

// An application's upcoming meetings: a screen, an interview, a final round. Coaches and clients add,
// change and remove them through the same functions, each limited to one client's pipeline (the
// PipelineContext): another client's application or interview is simply not found.

export { InterviewInput }

/** How far ahead a date may be: further is almost always a typo in the year. */
const maxYearsAhead = 2

function when(input: ReturnType<typeof InterviewInput.parse>, now: Date) {
  const [hours, minutes] = input.time.split(':').map(Number) as [number, number]
  const startsAt = instantOf(input.date, (hours * 60 + minutes) * 60, input.timezone)
  const today = todayIn(input.timezone, now)
  if (input.date < today) throw new InputError('date', 'Choose today or a later day: this list is for what is coming')
  if (input.date > addDays(today, 365 * maxYearsAhead)) throw new InputError('date', 'Choose a day within two years')
  return startsAt
}

/** What an interview is and when, as a page or an email shows it. */
export const interviewTimeFields = {
  kind: true,
  localDate: true,
  localTime: true,
  timezone: true,
  startsAt: true,
} as const

/** An interview as its application's page lists it. */
export const interviewFields = { id: true, applicationId: true, ...interviewTimeFields, note: true } as const

/** The columns a form's interview sets. */
function interviewData(value: ReturnType<typeof InterviewInput.parse>, startsAt: Date) {
  return {
    kind: value.kind,
    localDate: value.date,
    localTime: value.time,
    timezone: value.timezone,
    startsAt,
    note: value.note,
  }
}

/** Adds an interview date to one of the client's applications; null when the application is not theirs. */
export async function addInterview(p: PipelineContext, applicationId: string, input: InterviewInput, now = new Date()) {
  const value = InterviewInput.parse(input)
  const startsAt = when(value, now)
  const application = await p.db.jobApplication.findFirst({
    where: { id: applicationId, clientId: p.clientId },
    select: { id: true },
  })
  if (!application) return null
  return p.db.interviewEvent.create({
    data: {
      organizationId: p.organizationId,
      clientId: p.clientId,
      applicationId: application.id,
      ...interviewData(value, startsAt),
      actorType: p.actor.type,
      actorUserId: p.actor.userId ?? null,
    },
    select: interviewFields,
  })
}

/** Changes an interview of one of the client's applications; null when it is not theirs. */
export async function updateInterview(
  p: PipelineContext,
  applicationId: string,
  interviewId: string,
  input: InterviewInput,
  now = new Date(),
) {
  const value = InterviewInput.parse(input)
  const startsAt = when(value, now)
  const { count } = await p.db.interviewEvent.updateMany({
    where: { id: interviewId, applicationId, clientId: p.clientId },
    data: interviewData(value, startsAt),
  })
  return count === 1
}

/** Removes an interview; false when it is not one of this client's. */
export async function removeInterview(p: PipelineContext, applicationId: string, interviewId: string) {
  const { count } = await p.db.interviewEvent.deleteMany({
    where: { id: interviewId, applicationId, clientId: p.clientId },
  })
  return count === 1
}

/** Every interview date of one application, soonest first. */
export function listApplicationInterviews(p: PipelineContext, applicationId: string) {
  return p.db.interviewEvent.findMany({
    where: { applicationId, clientId: p.clientId },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    select: interviewFields,
    take: 50,
  })
}

/** An interview counts as coming up until two hours after it starts. */
export const inProgressMs = 2 * 3600_000

/** What is coming for the client, soonest first, with the application it belongs to. */
export function listUpcomingInterviews(p: PipelineContext, now = new Date(), take = 5) {
  return p.db.interviewEvent.findMany({
    where: { clientId: p.clientId, startsAt: { gte: new Date(now.getTime() - inProgressMs) } },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    select: { ...interviewFields, application: { select: { company: true, roleTitle: true } } },
    take,
  })
}

/** The client's interviews that start within [from, to), for the weekly digest. */
export function listInterviewsBetween(p: PipelineContext, from: Date, to: Date) {
  return p.db.interviewEvent.findMany({
    where: { clientId: p.clientId, startsAt: { gte: from, lt: to } },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    select: { ...interviewFields, application: { select: { company: true, roleTitle: true } } },
    take: 50,
  })
}

const interviewId = z.string({ error: 'Choose an interview date' }).min(1).max(64)
/** The three forms of an application page (coach's and client's) that change its interview dates. */
export const InterviewIntent = z.discriminatedUnion('intent', [
  InterviewInput.extend({ intent: z.literal('add-interview') }),
  InterviewInput.extend({ intent: z.literal('edit-interview'), interviewId }),
  z.object({ intent: z.literal('remove-interview'), interviewId }),
])
export type InterviewIntent = z.output<typeof InterviewIntent>
const interviewIntents = new Set(['add-interview', 'edit-interview', 'remove-interview'])
export const isInterviewIntent = (form: FormData) => interviewIntents.has(String(form.get('intent') ?? ''))

/** Runs one of the forms; the toast's title, or null when the application or interview is not this client's. */
export async function runInterviewIntent(
  p: PipelineContext,
  applicationId: string,
  value: InterviewIntent,
  now = new Date(),
) {
  switch (value.intent) {
    case 'add-interview':
      return (await addInterview(p, applicationId, value, now)) ? 'Interview date added' : null
    case 'edit-interview':
      return (await updateInterview(p, applicationId, value.interviewId, value, now)) ? 'Interview date changed' : null
    case 'remove-interview':
      return (await removeInterview(p, applicationId, value.interviewId)) ? 'Interview date removed' : null
  }
}
