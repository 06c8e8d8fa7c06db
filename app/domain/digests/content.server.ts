import { addDays, dateOnly, isoDate, todayIn } from '~/lib/dates'
import { describeWeekSpan, isInWeekSpan, type WeekSpan } from '~/lib/weeks'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import type { ClientDigestProps, DigestItem, DigestTask } from '../../../emails/client-digest'
import { insightSettings } from '../insights/settings'
import { stageIndex, stageLabels } from '../applications/pipeline'
import { groupRejections, reframeRejections, type WeekRejection } from './reframe'
import { clientDigestSpan } from './weeks'
import { describeInterviewTime, interviewKindLabels } from '../interviews/interview-input'
import { interviewTimeFields } from '../interviews/interviews.server'

// What a client's weekly digest says: the client's ISO week so far (see clientDigestSpan), on the
// client's calendar, the same week the coach's roster and client page count. Loaded for many
// clients at once (a handful of queries per hundred clients).

export type DigestClient = {
  id: string
  name: string
  email: string
  weeklyGoal: number
  timezone: string
  coach: { name: string } | null
}

/** The digest's words and numbers; the links are added when it is sent (or previewed). */
export type ClientDigestContent = Omit<ClientDigestProps, 'signInUrl' | 'preferencesUrl' | 'unsubscribeUrl'>

export const digestClientSelect = {
  id: true,
  name: true,
  email: true,
  weeklyGoal: true,
  timezone: true,
  coach: { select: { name: true } },
} as const

const listCap = 8
const day = 86_400_000
const withYear = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' })
const dueFormat = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' })

/** "Nov 23 – Nov 24, 2026 (Mon–Tue so far)", or "Nov 16 – Nov 22, 2026" for a whole week. */
export function weekSpanLabel(week: WeekSpan) {
  const range = `${dueFormat.format(dateOnly(week.firstDay))} – ${withYear.format(dateOnly(week.lastDay))}`
  return week.isComplete ? range : `${range} (${describeWeekSpan(week)})`
}

/** The latest check-in (this week or last) at or below this mood makes the digest gentle. */
const lowMood = 2

/** The digest content of each client, keyed by client id. */
export async function loadClientDigests(
  t: TenantContext,
  clients: DigestClient[],
  isoWeek: string,
  now = new Date(),
): Promise<Map<string, ClientDigestContent>> {
  if (clients.length === 0) return new Map()
  const ids = clients.map((c) => c.id)
  const spans = new Map(clients.map((c) => [c.id, clientDigestSpan(now, c.timezone)]))
  // The widest window any client's week needs; each client's own week is applied below.
  const since = new Date(Math.min(...[...spans.values()].map((w) => w.start.getTime())))
  const earliestDay = dateOnly(addDays(isoDate(since), -1))
  const latestDue = dateOnly(addDays(isoDate(now), 9))
  const streak = insightSettings(t.org).moraleDrop
  const streakSince = new Date(now.getTime() - streak.streakDays * day)
  const [applied, events, upcoming, tasks, notes, checkIns, recentRejections, forwardMoves, dated] = await Promise.all([
    t.db.jobApplication.findMany({
      where: { clientId: { in: ids }, appliedOn: { gte: earliestDay }, stage: { not: 'SAVED' } },
      select: { clientId: true, appliedOn: true },
    }),
    t.db.stageEvent.findMany({
      where: { clientId: { in: ids }, occurredAt: { gte: since, lte: now } },
      orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }],
      select: {
        clientId: true,
        occurredAt: true,
        applicationId: true,
        fromStage: true,
        toStage: true,
        toOutcome: true,
        application: {
          select: { company: true, roleTitle: true, rejectionStage: true, feedbackRequestedOn: true, outcome: true },
        },
      },
    }),
    t.db.jobApplication.findMany({
      where: { clientId: { in: ids }, outcome: 'ACTIVE', stage: { in: ['INTERVIEW', 'FINAL'] } },
      orderBy: [{ lastEventAt: 'desc' }, { id: 'asc' }],
      select: { id: true, clientId: true, company: true, roleTitle: true, stage: true },
    }),
    t.db.task.findMany({
      where: { clientId: { in: ids }, status: 'TODO', dueOn: { lte: latestDue } },
      orderBy: [{ dueOn: 'asc' }, { id: 'asc' }],
      select: { clientId: true, title: true, dueOn: true },
    }),
    t.db.digestNote.findMany({ where: { clientId: { in: ids }, isoWeek }, select: { clientId: true, body: true } }),
    t.db.checkIn.findMany({
      where: { clientId: { in: ids }, weekOf: { gte: dateOnly(addDays(isoDate(since), -14)) } },
      orderBy: [{ weekOf: 'desc' }, { id: 'asc' }],
      select: { clientId: true, weekOf: true, mood: true },
    }),
    // A rejection streak, as the morale insight reads it: rejections in the last days with no step forward since.
    t.db.jobApplication.findMany({
      where: { clientId: { in: ids }, outcome: 'REJECTED', lastEventAt: { gte: streakSince, lte: now } },
      select: { clientId: true, lastEventAt: true },
    }),
    t.db.stageEvent.findMany({
      where: {
        clientId: { in: ids },
        toOutcome: 'ACTIVE',
        toStage: { in: ['SCREEN', 'INTERVIEW', 'FINAL', 'OFFER'] },
        occurredAt: { gte: streakSince, lte: now },
      },
      select: { clientId: true, fromStage: true, toStage: true, occurredAt: true },
    }),
    // The interview dates of the seven days ahead, with their day and time.
    t.db.interviewEvent.findMany({
      where: { clientId: { in: ids }, startsAt: { gte: now, lt: new Date(now.getTime() + 7 * day) } },
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
      select: {
        clientId: true,
        applicationId: true,
        ...interviewTimeFields,
        application: { select: { company: true, roleTitle: true } },
      },
    }),
  ])

  const group = <T extends { clientId: string }>(rows: T[]) => {
    const map = new Map<string, T[]>()
    for (const row of rows) map.set(row.clientId, [...(map.get(row.clientId) ?? []), row])
    return map
  }
  const appliedBy = group(applied)
  const eventsBy = group(events)
  const upcomingBy = group(upcoming)
  const datedBy = group(dated)
  const tasksBy = group(tasks)
  const noteBy = new Map(notes.map((n) => [n.clientId, n.body]))
  const checkInsBy = group(checkIns)
  const rejectionsBy = group(recentRejections)
  const lastStepForward = new Map<string, number>()
  for (const e of forwardMoves) {
    if (e.fromStage && stageIndex(e.fromStage) >= stageIndex(e.toStage)) continue
    lastStepForward.set(e.clientId, Math.max(lastStepForward.get(e.clientId) ?? 0, e.occurredAt.getTime()))
  }

  const result = new Map<string, ClientDigestContent>()
  for (const client of clients) {
    const today = todayIn(client.timezone, now)
    const week = spans.get(client.id)!
    const appliedThisWeek = (appliedBy.get(client.id) ?? []).filter((a) => isInWeekSpan(week, a.appliedOn)).length

    const clientEvents = (eventsBy.get(client.id) ?? []).filter(
      (e) => e.occurredAt >= week.start && (week.isComplete ? e.occurredAt < week.end : e.occurredAt <= week.end),
    )
    const moves = new Map<string, DigestItem & { rank: number }>()
    const rejections = new Map<string, WeekRejection>()
    for (const e of clientEvents) {
      const app = e.application
      if (e.toOutcome === 'REJECTED') {
        rejections.set(e.applicationId, {
          company: app.company,
          roleTitle: app.roleTitle,
          stage: app.rejectionStage ?? e.toStage,
          feedbackRequested: app.feedbackRequestedOn !== null,
        })
      } else if (
        e.toOutcome === 'ACTIVE' &&
        e.fromStage &&
        stageIndex(e.toStage) > stageIndex(e.fromStage) &&
        stageIndex(e.toStage) >= stageIndex('SCREEN')
      ) {
        const rank = stageIndex(e.toStage)
        if ((moves.get(e.applicationId)?.rank ?? -1) < rank)
          moves.set(e.applicationId, {
            company: app.company,
            roleTitle: app.roleTitle,
            detail: `moved to ${stageLabels[e.toStage]}`,
            rank,
          })
      }
    }
    const dueLimit = addDays(today, 7)
    const overdueTasks: DigestTask[] = []
    const dueTasks: DigestTask[] = []
    for (const task of tasksBy.get(client.id) ?? []) {
      const due = isoDate(task.dueOn!)
      if (due < today) overdueTasks.push({ title: task.title, due: dueFormat.format(task.dueOn!) })
      else if (due <= dueLimit) dueTasks.push({ title: task.title, due: dueFormat.format(task.dueOn!) })
    }
    const note = noteBy.get(client.id)?.trim() || null
    const activity = appliedThisWeek > 0 || clientEvents.length > 0
    const latestMood = (checkInsBy.get(client.id) ?? []).find(
      (c) => isoDate(c.weekOf) >= addDays(week.firstDay, -7) && isoDate(c.weekOf) <= today,
    )?.mood
    const steppedForwardAt = lastStepForward.get(client.id) ?? 0
    const streakLength = (rejectionsBy.get(client.id) ?? []).filter(
      (r) => r.lastEventAt.getTime() > steppedForwardAt,
    ).length
    const weekRejections = [...rejections.values()]
    result.set(client.id, {
      clientName: client.name,
      coachName: client.coach?.name ?? null,
      practiceName: t.org.name,
      weekLabel: weekSpanLabel(week),
      periodName: week.isComplete ? 'last week' : 'this week',
      goal: client.weeklyGoal,
      appliedThisWeek,
      gentle: (latestMood !== undefined && latestMood <= lowMood) || streakLength >= streak.streakRejections,
      quiet: !activity && overdueTasks.length === 0 && dueTasks.length === 0 && !note,
      stageMoves: [...moves.values()].slice(0, listCap).map(({ rank: _rank, ...m }) => m),
      upcoming: upcomingFor(datedBy.get(client.id) ?? [], upcomingBy.get(client.id) ?? [], client.timezone),
      rejectionGroups: groupRejections(weekRejections),
      reframe: reframeRejections(weekRejections),
      overdueTasks: overdueTasks.slice(0, listCap),
      dueTasks: dueTasks.slice(0, listCap),
      note,
    })
  }
  return result
}

/** One client's digest content for the week, or null when the client is not in this practice. */
export async function buildClientDigest(t: TenantContext, clientId: string, isoWeek: string, now = new Date()) {
  const client = await t.db.client.findFirst({ where: { id: clientId }, select: digestClientSelect })
  if (!client) return null
  return (await loadClientDigests(t, [client], isoWeek, now)).get(clientId)!
}

type DatedInterview = {
  applicationId: string
  kind: keyof typeof interviewKindLabels
  localDate: string
  localTime: string
  timezone: string
  startsAt: Date
  application: { company: string; roleTitle: string }
}

/** The week's interview dates first, with day and time; then applications at interview stage with no date yet. */
function upcomingFor(
  dated: DatedInterview[],
  atInterviewStage: { id: string; company: string; roleTitle: string; stage: keyof typeof stageLabels }[],
  timezone: string,
) {
  const withDates = new Set(dated.map((e) => e.applicationId))
  return [
    ...dated.map((e) => ({
      company: e.application.company,
      roleTitle: e.application.roleTitle,
      detail: `${interviewKindLabels[e.kind]}, ${describeInterviewTime(e, timezone)}`,
    })),
    ...atInterviewStage
      .filter((a) => !withDates.has(a.id))
      .map((a) => ({ company: a.company, roleTitle: a.roleTitle, detail: stageLabels[a.stage] })),
  ].slice(0, listCap)
}
