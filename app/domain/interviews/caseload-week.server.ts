import { addDays, todayIn } from '~/lib/dates'
import { localTime, weekSoFar, wholeWeek } from '~/lib/weeks'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import { assignTask, taskPrefill } from '../tasks/tasks.server'
import { inProgressMs, interviewFields } from './interviews.server'

// The coach's week of interviews across the caseload (their own clients when the practice limits
// coaches), and the nudge to prepare: two days before an interview with no mock interview planned
// for that application, one click gives the client the practice's mock-interview task.

/** How long before an interview the nudge to prepare appears. */
export const nudgeMs = 2 * 86_400_000

export async function caseloadInterviewsThisWeek(t: TenantContext, now = new Date()) {
  const week = wholeWeek(weekSoFar(now, t.org.timezone).isoWeek, t.org.timezone)
  // The week, and past its end whatever a nudge still reaches (a Monday interview seen on Saturday).
  const until = new Date(Math.max(week.end.getTime(), now.getTime() + nudgeMs))
  const events = await t.db.interviewEvent.findMany({
    where: {
      startsAt: { gte: week.start, lt: until },
      client: { status: { not: 'ARCHIVED' } },
    },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    select: {
      ...interviewFields,
      application: { select: { company: true, roleTitle: true } },
      client: { select: { id: true, name: true } },
    },
    take: 200,
  })
  const soon = events.filter(
    (e) => e.startsAt.getTime() >= now.getTime() && e.startsAt.getTime() - now.getTime() <= nudgeMs,
  )
  const prepared = soon.length
    ? await t.db.task.findMany({
        where: {
          type: 'MOCK_INTERVIEW',
          applicationId: { in: soon.map((e) => e.applicationId) },
          status: { not: 'SKIPPED' },
        },
        select: { applicationId: true },
      })
    : []
  const preparedApplications = new Set(prepared.map((task) => task.applicationId))
  const nudged = new Set(soon.filter((e) => !preparedApplications.has(e.applicationId)).map((e) => e.id))
  const inWeek = events.filter((e) => e.startsAt < week.end && e.startsAt.getTime() >= now.getTime() - inProgressMs)
  const extra = events.filter((e) => e.startsAt >= week.end && nudged.has(e.id))
  return {
    weekOf: week.firstDay,
    interviews: [...inWeek, ...extra].map((e) => ({ ...e, needsPreparation: nudged.has(e.id) })),
    /** Interviews earlier this week that have passed, counted but not listed. */
    past: events.filter((e) => e.startsAt < week.end && e.startsAt.getTime() < now.getTime() - inProgressMs).length,
  }
}

/**
 * The nudge's one click: the practice's mock-interview task, about the interview's application, due
 * the day before it (today when that has passed), with the interview's date in the instructions.
 * Null when the interview is not in this coach's view.
 */
export async function assignMockInterview(t: TenantContext, interviewId: string, now = new Date()) {
  const interview = await t.db.interviewEvent.findFirst({
    where: { id: interviewId },
    select: {
      id: true,
      clientId: true,
      applicationId: true,
      startsAt: true,
      application: { select: { company: true } },
    },
  })
  if (!interview) return null
  const today = todayIn(t.org.timezone, now)
  const dayBefore = addDays(localTime(interview.startsAt, t.org.timezone).date, -1)
  const template = await taskPrefill(t, 'MOCK_INTERVIEW')
  const [task] = await assignTask(
    t,
    {
      clientIds: [interview.clientId],
      type: 'MOCK_INTERVIEW',
      title: `${template.title}: ${interview.application.company}`.slice(0, 200),
      instructions: template.instructions,
      dueOn: dayBefore > today ? dayBefore : today,
      applicationId: interview.applicationId,
      insightId: null,
      message: '',
    },
    now,
  )
  return task ?? null
}
