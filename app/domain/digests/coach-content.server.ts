import { insightKindLabels } from '~/domain/insights/kinds'
import { listOpenInsights } from '~/domain/insights/store.server'
import { dateOnly, todayIn } from '~/lib/dates'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import type { CoachDigestLine, CoachDigestProps } from '../../../emails/coach-digest'
import { stageLabels } from '../applications/pipeline'
import { digestWeekLabel } from './content.server'

// What a coach's weekly digest says. A member with clients assigned reads about those clients;
// an owner or admin with none reads about the whole practice; a coach with none gets no digest.

export type DigestMember = { userId: string; name: string; email: string; role: string }
export type CoachDigestContent = Omit<CoachDigestProps, 'dashboardUrl'>

const day = 86_400_000
const perList = 10
const noUpdateDays = 14
const dueFormat = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' })

export async function loadCoachDigests(
  t: TenantContext,
  members: DigestMember[],
  now = new Date(),
): Promise<Map<string, CoachDigestContent | null>> {
  const since = new Date(now.getTime() - 7 * day)
  const today = todayIn(t.org.timezone, now)
  const [clients, insights, events, overdue] = await Promise.all([
    t.db.client.findMany({
      where: { status: 'ACTIVE' },
      select: { id: true, name: true, coachId: true, lastActivityAt: true, createdAt: true },
    }),
    listOpenInsights(t, { take: 1000 }),
    t.db.stageEvent.findMany({
      where: {
        occurredAt: { gte: since, lte: now },
        OR: [{ toOutcome: 'REJECTED' }, { toOutcome: 'ACTIVE', toStage: { in: ['INTERVIEW', 'FINAL'] } }],
      },
      orderBy: [{ occurredAt: 'desc' }, { id: 'asc' }],
      select: {
        clientId: true,
        applicationId: true,
        toStage: true,
        toOutcome: true,
        application: { select: { company: true, roleTitle: true, rejectionStage: true } },
      },
    }),
    t.db.task.findMany({
      where: { status: 'TODO', dueOn: { lt: dateOnly(today) } },
      orderBy: [{ dueOn: 'asc' }, { id: 'asc' }],
      select: { clientId: true, title: true, dueOn: true },
    }),
  ])
  const clientById = new Map(clients.map((c) => [c.id, c]))
  const weekLabel = digestWeekLabel(now, t.org.timezone)
  const staleBefore = new Date(now.getTime() - noUpdateDays * day)

  const result = new Map<string, CoachDigestContent | null>()
  for (const member of members) {
    const own = clients.filter((c) => c.coachId === member.userId)
    const wholePractice = own.length === 0 && member.role !== 'COACH'
    if (own.length === 0 && !wholePractice) {
      result.set(member.userId, null)
      continue
    }
    const mine = new Set((wholePractice ? clients : own).map((c) => c.id))
    const name = (clientId: string | null) => (clientId ? (clientById.get(clientId)?.name ?? 'A client') : 'Caseload')
    const atRisk: CoachDigestLine[] = insights
      .filter((i) => (i.clientId ? mine.has(i.clientId) : wholePractice))
      .map((i) => ({ clientName: name(i.clientId), detail: insightKindLabels[i.kind] }))
    const seen = new Set<string>()
    const rejections: CoachDigestLine[] = []
    const interviews: CoachDigestLine[] = []
    for (const e of events) {
      if (!mine.has(e.clientId) || seen.has(e.applicationId)) continue
      seen.add(e.applicationId)
      const stage = e.toOutcome === 'REJECTED' ? (e.application.rejectionStage ?? e.toStage) : e.toStage
      const line = {
        clientName: name(e.clientId),
        detail: `${e.application.company}, ${e.application.roleTitle} (${stageLabels[stage]})`,
      }
      ;(e.toOutcome === 'REJECTED' ? rejections : interviews).push(line)
    }
    const overdueTasks = overdue
      .filter((task) => mine.has(task.clientId))
      .map((task) => ({
        clientName: name(task.clientId),
        detail: `${task.title}, due ${dueFormat.format(task.dueOn!)}`,
      }))
    const noUpdate = [...mine]
      .map((id) => clientById.get(id)!)
      .filter((c) => (c.lastActivityAt ?? c.createdAt) < staleBefore)
      .map((c) => ({
        clientName: c.name,
        detail: c.lastActivityAt
          ? `last update ${dueFormat.format(dateOnly(todayIn(t.org.timezone, c.lastActivityAt)))}`
          : 'no update yet',
      }))
    const lists = { atRisk, rejections, interviews, overdueTasks, noUpdate }
    const more = Object.values(lists).reduce((sum, list) => sum + Math.max(0, list.length - perList), 0)
    result.set(member.userId, {
      coachName: member.name,
      practiceName: t.org.name,
      weekLabel,
      clientCount: mine.size,
      atRisk: atRisk.slice(0, perList),
      rejections: rejections.slice(0, perList),
      interviews: interviews.slice(0, perList),
      overdueTasks: overdueTasks.slice(0, perList),
      noUpdate: noUpdate.slice(0, perList),
      more,
    })
  }
  return result
}
