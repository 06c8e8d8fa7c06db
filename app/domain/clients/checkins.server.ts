import { dateOnly, todayIn } from '~/lib/dates'
import { mondayOf } from '~/lib/weeks'
import { type PipelineContext } from '../applications/applications.server'
import { CheckInInput } from './checkin-input'
import { requestInsightsRefresh } from '~/jobs/queue.server'
import { InputError } from '~/lib/input-error'
import { excerpt, notifyCoaches } from '../notifications/notify.server'
import { withWebhookEvents } from '../webhooks/emit.server'
import { checkInPayload } from '../webhooks/payloads'
import { orgPath } from '~/lib/org-path'

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
  const before = await p.db.checkIn.findFirst({ where: { clientId: p.clientId, weekOf }, select: { mood: true } })
  const saved = await withWebhookEvents(p, async (tx, emit) => {
    const saved = await tx.checkIn.upsert({
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
    await emit('checkin.recorded', checkInPayload(saved), now)
    return saved
  })
  // A low mood is word the coach hears between digests, once as it drops (not on every re-save).
  if (p.actor.type === 'CLIENT' && mood <= 2 && (!before || before.mood > 2)) {
    const client = await p.db.client.findFirst({ where: { id: p.clientId }, select: { name: true } })
    const org = await p.db.organization.findFirstOrThrow({ select: { slug: true } })
    await notifyCoaches(
      p,
      p.clientId,
      'LOW_MOOD',
      `${client?.name ?? 'A client'} checked in with mood ${mood} of 5${note ? `: “${excerpt(note)}”` : '.'}`,
      orgPath(org.slug, 'clients', p.clientId),
      now,
    )
  }
  return saved
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
