import type { Stage } from '~/generated/prisma/enums'
import { addDays, dateOnly, isoDate, todayIn } from '~/lib/dates'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import type { ClientDigestProps, DigestItem, DigestRejection, DigestTask } from '../../../emails/client-digest'
import { rejectionMessage, stageIndex, stageLabels } from '../applications/pipeline'

// What a client's weekly digest says: the seven days up to the moment it is built, dated in the
// client's timezone. Loaded for many clients at once (a handful of queries per hundred clients).

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
const short = (tz: string) => new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: tz })
const withYear = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' })
const dueFormat = short('UTC')

/** "Nov 17 – Nov 23, 2026": the seven calendar days ending today in the timezone. */
export function digestWeekLabel(now: Date, timeZone: string) {
  const today = todayIn(timeZone, now)
  return `${dueFormat.format(dateOnly(addDays(today, -6)))} – ${withYear.format(dateOnly(today))}`
}

function askFor(stage: Stage, feedbackRequested: boolean) {
  if (feedbackRequested) return null
  if (stageIndex(stage) >= stageIndex('SCREEN'))
    return 'Worth asking: a short, polite note to the person you spoke with, “Is there anything I could strengthen for a role like this?”'
  return 'Worth asking yourself: did this role match your level and experience? Your coach can look at it with you.'
}

/** The digest content of each client, keyed by client id. */
export async function loadClientDigests(
  t: TenantContext,
  clients: DigestClient[],
  isoWeek: string,
  now = new Date(),
): Promise<Map<string, ClientDigestContent>> {
  if (clients.length === 0) return new Map()
  const ids = clients.map((c) => c.id)
  const since = new Date(now.getTime() - 7 * day)
  // The widest calendar window any timezone needs; each client's own window is applied below.
  const earliestDay = dateOnly(addDays(isoDate(now), -8))
  const latestDue = dateOnly(addDays(isoDate(now), 9))
  const [applied, events, upcoming, tasks, notes] = await Promise.all([
    t.db.jobApplication.findMany({
      where: { clientId: { in: ids }, appliedOn: { gte: earliestDay }, stage: { not: 'SAVED' } },
      select: { clientId: true, appliedOn: true },
    }),
    t.db.stageEvent.findMany({
      where: { clientId: { in: ids }, occurredAt: { gte: since, lte: now } },
      orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }],
      select: {
        clientId: true,
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
      select: { clientId: true, company: true, roleTitle: true, stage: true },
    }),
    t.db.task.findMany({
      where: { clientId: { in: ids }, status: 'TODO', dueOn: { lte: latestDue } },
      orderBy: [{ dueOn: 'asc' }, { id: 'asc' }],
      select: { clientId: true, title: true, dueOn: true },
    }),
    t.db.digestNote.findMany({ where: { clientId: { in: ids }, isoWeek }, select: { clientId: true, body: true } }),
  ])

  const group = <T extends { clientId: string }>(rows: T[]) => {
    const map = new Map<string, T[]>()
    for (const row of rows) map.set(row.clientId, [...(map.get(row.clientId) ?? []), row])
    return map
  }
  const appliedBy = group(applied)
  const eventsBy = group(events)
  const upcomingBy = group(upcoming)
  const tasksBy = group(tasks)
  const noteBy = new Map(notes.map((n) => [n.clientId, n.body]))

  const result = new Map<string, ClientDigestContent>()
  for (const client of clients) {
    const today = todayIn(client.timezone, now)
    const weekStart = addDays(today, -6)
    const appliedThisWeek = (appliedBy.get(client.id) ?? []).filter((a) => {
      const d = a.appliedOn ? isoDate(a.appliedOn) : ''
      return d >= weekStart && d <= today
    }).length

    const clientEvents = eventsBy.get(client.id) ?? []
    const moves = new Map<string, DigestItem & { rank: number }>()
    const rejections = new Map<string, DigestRejection>()
    for (const e of clientEvents) {
      const app = e.application
      if (e.toOutcome === 'REJECTED') {
        const stage = app.rejectionStage ?? e.toStage
        rejections.set(e.applicationId, {
          company: app.company,
          roleTitle: app.roleTitle,
          detail: `reached the ${stageLabels[stage]} stage`,
          message: rejectionMessage(stage),
          ask: askFor(stage, app.feedbackRequestedOn !== null),
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
    result.set(client.id, {
      clientName: client.name,
      coachName: client.coach?.name ?? null,
      practiceName: t.org.name,
      weekLabel: digestWeekLabel(now, client.timezone),
      goal: client.weeklyGoal,
      appliedThisWeek,
      quiet: !activity && overdueTasks.length === 0 && dueTasks.length === 0 && !note,
      stageMoves: [...moves.values()].slice(0, listCap).map(({ rank: _rank, ...m }) => m),
      upcoming: (upcomingBy.get(client.id) ?? [])
        .slice(0, listCap)
        .map((a) => ({ company: a.company, roleTitle: a.roleTitle, detail: stageLabels[a.stage] })),
      rejections: [...rejections.values()].slice(0, listCap),
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
