import { dateOnly, todayIn } from '~/lib/dates'
import { mondayOf } from '~/lib/weeks'
import { type PipelineContext } from '../applications/applications.server'
import { CheckInInput } from './checkin-input'
import { requestInsightsRefresh } from '~/jobs/queue.server'
import { InputError } from '~/lib/input-error'

// A client's weekly check-in: how they feel this week, on three 1-5 scales and a free note.
// One per ISO week (the Monday it starts on, in the client's timezone); checking in again that week updates it.

/** The Monday (YYYY-MM-DD) of the client's current week. */
export function checkInWeek(p: Pick<PipelineContext, 'timezone'>, now = new Date()) {
  return mondayOf(todayIn(p.timezone, now))
}

export async function recordCheckIn(p: PipelineContext, input: CheckInInput, now = new Date()) {
  const parsed = CheckInInput.safeParse(input)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new InputError(String(issue.path[0] ?? 'mood'), issue.message)
  }
  const { mood, energy, confidence, note } = parsed.data
  const weekOf = dateOnly(checkInWeek(p, now))
  requestInsightsRefresh(p.organizationId)
  return p.db.checkIn.upsert({
    where: { organizationId_clientId_weekOf: { organizationId: p.organizationId, clientId: p.clientId, weekOf } },
    create: {
      organizationId: p.organizationId,
      clientId: p.clientId,
      weekOf,
      mood,
      energy,
      confidence,
      note,
      createdAt: now,
    },
    update: { mood, energy, confidence, note },
  })
}

export function findCheckInForWeek(p: PipelineContext, now = new Date()) {
  return p.db.checkIn.findFirst({ where: { clientId: p.clientId, weekOf: dateOnly(checkInWeek(p, now)) } })
}

export function listCheckIns(p: PipelineContext, { take = 12 }: { take?: number } = {}) {
  return p.db.checkIn.findMany({
    where: { clientId: p.clientId },
    orderBy: { weekOf: 'desc' },
    take,
    select: { id: true, weekOf: true, mood: true, energy: true, confidence: true, note: true },
  })
}
