import { randomBytes } from 'node:crypto'
import { beforeAll, describe, expect, test } from 'vitest'
import { verifyPassword } from '~/auth/password.server'
import { defaultTaskTemplates } from '~/domain/tasks/task-templates'
import { InsightKind, Outcome, RejectionReason, Seniority, Stage } from '~/generated/prisma/enums'
import { prisma } from '~/lib/db.server'
import { demoEmployerGhosting, demoPassword, demoPatternClients, demoReasonCluster, seedDemo } from './seed-demo'

// The demo practice: seeded once per copy (its own slug and login domain, since tests share one
// database), idempotent, and with a client for every pattern of DESIGN.md under the default thresholds.

const DAY = 86_400_000
const ago = (now: Date, days: number) => new Date(now.getTime() - days * DAY)
const isoDate = (date: Date) => date.toISOString().slice(0, 10)
const stages = Object.values(Stage)
const reached = (stage: Stage) => stages.slice(stages.indexOf(stage))
const levels = Object.values(Seniority)
const groupBy = <T>(rows: T[], key: (row: T) => string) => {
  const groups: Record<string, T[]> = {}
  for (const row of rows) (groups[key(row)] ??= []).push(row)
  return groups
}

type Copy = { now: Date; slug: string; emailDomain: string; organizationId: string; created: boolean }
async function seedCopy(now: Date): Promise<Copy> {
  const id = randomBytes(4).toString('hex')
  const options = { now, slug: `northstar-${id}`, emailDomain: `${id}.northstar.test` }
  const result = await seedDemo(prisma, options)
  return { ...options, organizationId: result.organization.id, created: result.created }
}
const seeded = new Map<number, Promise<Copy>>()
/** One copy per `now`, shared by the tests that only read it. */
const seedOnce = (now: Date) => {
  if (!seeded.has(now.getTime())) seeded.set(now.getTime(), seedCopy(now))
  return seeded.get(now.getTime())!
}

const seededAt = new Date()

async function countsOf(organizationId: string, emailDomain: string) {
  const where = { organizationId }
  return {
    users: await prisma.user.count({ where: { email: { endsWith: `@${emailDomain}` } } }),
    memberships: await prisma.membership.count({ where }),
    clients: await prisma.client.count({ where }),
    applications: await prisma.jobApplication.count({ where }),
    stageEvents: await prisma.stageEvent.count({ where }),
    tasks: await prisma.task.count({ where }),
    checkIns: await prisma.checkIn.count({ where }),
    notes: await prisma.note.count({ where }),
    taskTemplates: await prisma.taskTemplate.count({ where }),
  }
}

describe('the demo seed', () => {
  let copy: Copy
  beforeAll(async () => {
    copy = await seedOnce(seededAt)
  })

  test('a second run finds the practice and changes nothing', async () => {
    expect(copy.created).toBe(true)
    const before = await countsOf(copy.organizationId, copy.emailDomain)
    const again = await seedDemo(prisma, { now: new Date(), slug: copy.slug, emailDomain: copy.emailDomain })
    expect(again.created).toBe(false)
    expect(again.organization.id).toBe(copy.organizationId)
    expect(await countsOf(copy.organizationId, copy.emailDomain)).toEqual(before)
    expect(await prisma.organization.count({ where: { slug: copy.slug } })).toBe(1)
    expect(before).toMatchObject({ users: 3, memberships: 3, clients: 25 })
  })

  test('the practice has the demo settings and the default task templates', async () => {
    const org = await prisma.organization.findUniqueOrThrow({ where: { id: copy.organizationId } })
    expect(org).toMatchObject({
      name: 'Northstar Career Coaching',
      timezone: 'America/New_York',
      digestDay: 1,
      digestHour: 8,
      ghostingThresholdDays: 21,
    })
    const templates = await prisma.taskTemplate.findMany({ where: { organizationId: org.id } })
    expect(templates.map(({ type, title }) => ({ type, title }))).toEqual(
      expect.arrayContaining(defaultTaskTemplates.map(({ type, title }) => ({ type, title }))),
    )
    for (const type of ['FEEDBACK_REQUEST', 'FOLLOW_UP', 'MOCK_INTERVIEW', 'RESUME_TAILORING', 'RETARGETING'])
      expect(templates.map((template) => template.type)).toContain(type)
  })

  test('the owner and both coaches sign in with the demo password', async () => {
    const memberships = await prisma.membership.findMany({
      where: { organizationId: copy.organizationId },
      include: { user: true },
    })
    const roles = Object.fromEntries(memberships.map((m) => [m.user.email, m.role]))
    expect(roles).toEqual({
      [`owner@${copy.emailDomain}`]: 'OWNER',
      [`coach@${copy.emailDomain}`]: 'COACH',
      [`coach2@${copy.emailDomain}`]: 'COACH',
    })
    for (const { user } of memberships) expect(await verifyPassword(user.passwordHash, demoPassword)).toBe(true)
    expect(await verifyPassword(memberships[0]!.user.passwordHash, 'not-the-password')).toBe(false)
  })

  test('25 clients are split between the two coaches, mostly active, one paused and one placed', async () => {
    const clients = await prisma.client.findMany({
      where: { organizationId: copy.organizationId },
      include: { coach: true },
    })
    expect(clients).toHaveLength(25)
    const byCoach = groupBy(clients, (client) => client.coach?.email ?? 'none')
    expect(Object.keys(byCoach).sort()).toEqual([`coach2@${copy.emailDomain}`, `coach@${copy.emailDomain}`])
    for (const group of Object.values(byCoach)) expect(group.length).toBeGreaterThanOrEqual(10)
    const statuses = clients.map((client) => client.status)
    expect(statuses.filter((status) => status === 'PAUSED')).toHaveLength(1)
    expect(statuses.filter((status) => status === 'PLACED')).toHaveLength(1)
    expect(statuses.filter((status) => status === 'ACTIVE')).toHaveLength(23)
    expect(new Set(clients.map((client) => client.timezone)).size).toBeGreaterThan(2)
    for (const client of clients)
      expect(client).toMatchObject({ targetRole: expect.any(String), seniority: expect.any(String) })
  })

  test('every stage, outcome and rejection reason appears, with rejections at every stage after applying', async () => {
    const where = { organizationId: copy.organizationId }
    const distinct = async (by: 'stage' | 'outcome' | 'rejectionReason' | 'rejectionStage' | 'endedBy') =>
      (await prisma.jobApplication.groupBy({ by: [by], where })).map((row) => row[by])
    expect(await distinct('stage')).toEqual(expect.arrayContaining(Object.values(Stage)))
    expect(await distinct('outcome')).toEqual(expect.arrayContaining(Object.values(Outcome)))
    expect(await distinct('rejectionReason')).toEqual(expect.arrayContaining(Object.values(RejectionReason)))
    expect(await distinct('rejectionStage')).toEqual(
      expect.arrayContaining(['APPLIED', 'SCREEN', 'INTERVIEW', 'FINAL', 'OFFER']),
    )
    expect(await distinct('endedBy')).toEqual(expect.arrayContaining(['EMPLOYER', 'CANDIDATE']))
    const withFeedback = await prisma.jobApplication.count({ where: { ...where, feedbackText: { not: null } } })
    expect(withFeedback).toBeGreaterThan(20)
    const actors = (await prisma.stageEvent.groupBy({ by: ['actorType'], where })).map((row) => row.actorType)
    expect(actors).toEqual(expect.arrayContaining(['CLIENT', 'COACH', 'IMPORT', 'SYSTEM']))
  })

  test('each application’s stage, outcome and last event are those of its latest stage event', async () => {
    const applications = await prisma.jobApplication.findMany({
      where: { organizationId: copy.organizationId },
      include: { stageEvents: { orderBy: { occurredAt: 'asc' } } },
    })
    expect(applications.length).toBeGreaterThan(500)
    for (const application of applications) {
      const last = application.stageEvents.at(-1)!
      expect({ stage: application.stage, outcome: application.outcome, at: application.lastEventAt }).toEqual({
        stage: last.toStage,
        outcome: last.toOutcome,
        at: last.occurredAt,
      })
      expect(last.occurredAt.getTime()).toBeLessThanOrEqual(Date.now())
      if (application.outcome === 'REJECTED') expect(application.rejectionReason).not.toBeNull()
    }
  })

  test('tasks, check-ins and coach notes fill the weeks, with some tasks done and some overdue', async () => {
    const where = { organizationId: copy.organizationId }
    const today = new Date(`${isoDate(new Date())}T00:00:00Z`)
    expect(
      await prisma.task.count({ where: { ...where, status: 'DONE', completedAt: { not: null } } }),
    ).toBeGreaterThan(5)
    expect(await prisma.task.count({ where: { ...where, status: 'TODO', dueOn: { lt: today } } })).toBeGreaterThan(2)
    expect(await prisma.checkIn.count({ where })).toBeGreaterThan(150)
    expect(await prisma.note.count({ where })).toBeGreaterThanOrEqual(25)
    expect(await prisma.jobApplication.count({ where: { ...where, outcome: 'OFFER_ACCEPTED' } })).toBeGreaterThan(0)
  })

  test('the same day gives the same pipelines', async () => {
    const two = await seedCopy(seededAt)
    const fingerprint = async (organizationId: string) =>
      (
        await prisma.jobApplication.findMany({
          where: { organizationId },
          select: {
            client: { select: { email: true } },
            company: true,
            roleTitle: true,
            stage: true,
            outcome: true,
            appliedOn: true,
            lastEventAt: true,
          },
        })
      )
        .map((row) => JSON.stringify(row))
        .sort()
    expect(await fingerprint(two.organizationId)).toEqual(await fingerprint(copy.organizationId))
  })
})

// The crafted clients must show their pattern whatever the weekday and hour the seed runs.
describe.each([
  ['now', seededAt],
  ['a Monday just after midnight in New York', new Date('2026-06-01T04:10:00Z')],
  ['a Saturday evening', new Date('2026-06-06T23:30:00Z')],
])('each pattern has a client who shows it, seeded %s', (_, now) => {
  let organizationId: string
  let clientId: (kind: InsightKind) => string
  beforeAll(async () => {
    const copy = await seedOnce(now)
    organizationId = copy.organizationId
    const clients = await prisma.client.findMany({ where: { organizationId } })
    const ids = new Map(clients.map((client) => [client.email, client.id]))
    clientId = (kind) => ids.get(demoPatternClients[kind])!
  })
  const applicationsOf = (kind: InsightKind) =>
    prisma.jobApplication.findMany({ where: { organizationId, clientId: clientId(kind) } })

  test('every insight kind names a client of the practice', () => {
    for (const kind of Object.values(InsightKind)) expect(clientId(kind), kind).toBeDefined()
  })

  test('APPLICATION_STAGE_WALL: 15+ applications in 60 days, under 5% reached a screen', async () => {
    const recent = (await applicationsOf('APPLICATION_STAGE_WALL')).filter(
      (application) => application.appliedOn && application.appliedOn >= ago(now, 60),
    )
    expect(recent.length).toBeGreaterThanOrEqual(15)
    const screened = recent.filter((application) => reached('SCREEN').includes(application.stage))
    expect(screened.length / recent.length).toBeLessThan(0.05)
  })

  test('SENIORITY_REACH: 60%+ of application-stage rejections are for roles above the client’s level', async () => {
    const client = await prisma.client.findUniqueOrThrow({ where: { id: clientId('SENIORITY_REACH') } })
    const rejectedEarly = (await applicationsOf('SENIORITY_REACH')).filter((a) => a.rejectionStage === 'APPLIED')
    const above = rejectedEarly.filter((a) => levels.indexOf(a.seniority!) > levels.indexOf(client.seniority!))
    expect(rejectedEarly.length).toBeGreaterThanOrEqual(5)
    expect(above.length / rejectedEarly.length).toBeGreaterThanOrEqual(0.6)
  })

  test('LOW_TAILORING: under 30% tailored, and a response rate below the caseload median', async () => {
    const applications = await prisma.jobApplication.findMany({ where: { organizationId, appliedOn: { not: null } } })
    const byClient = groupBy(applications, (application) => application.clientId)
    const rate = (rows: typeof applications, responded: (a: (typeof applications)[number]) => boolean) =>
      rows.filter(responded).length / rows.length
    const screened = (a: (typeof applications)[number]) => reached('SCREEN').includes(a.stage)
    const answered = (a: (typeof applications)[number]) => screened(a) || a.outcome === 'REJECTED'
    const median = (values: number[]) => values.sort((x, y) => x - y)[Math.floor(values.length / 2)]!
    const own = byClient[clientId('LOW_TAILORING')]!
    expect(rate(own, (a) => a.resumeTailored)).toBeLessThan(0.3)
    for (const responded of [screened, answered]) {
      const rates = Object.values(byClient).map((rows) => rate(rows, responded))
      expect(rate(own, responded)).toBeLessThan(median(rates))
    }
  })

  test('FIRST_INTERVIEW_WALL: 3+ first interviews, none went further', async () => {
    const applications = await applicationsOf('FIRST_INTERVIEW_WALL')
    expect(applications.filter((a) => reached('INTERVIEW').includes(a.stage)).length).toBeGreaterThanOrEqual(3)
    expect(applications.filter((a) => reached('FINAL').includes(a.stage))).toHaveLength(0)
  })

  test('FINAL_ROUND_WALL: 2+ rejections at the final round', async () => {
    const applications = await applicationsOf('FINAL_ROUND_WALL')
    expect(applications.filter((a) => a.rejectionStage === 'FINAL').length).toBeGreaterThanOrEqual(2)
  })

  test('FEEDBACK_NOT_REQUESTED: rejected after an interview over 7 days ago, no feedback requested', async () => {
    const applications = await applicationsOf('FEEDBACK_NOT_REQUESTED')
    const unasked = applications.filter(
      (a) =>
        a.outcome === 'REJECTED' &&
        reached('INTERVIEW').includes(a.rejectionStage!) &&
        a.feedbackRequestedOn === null &&
        a.lastEventAt <= ago(now, 7) &&
        a.lastEventAt >= ago(now, 30),
    )
    expect(unasked.length).toBeGreaterThanOrEqual(1)
  })

  test('GHOSTED: applications with no stage change for 21+ days after applying', async () => {
    const stale = (await applicationsOf('GHOSTED')).filter(
      (a) => a.stage === 'APPLIED' && a.outcome === 'ACTIVE' && a.lastEventAt <= ago(now, 21),
    )
    expect(stale.length).toBeGreaterThanOrEqual(3)
    const events = await prisma.stageEvent.count({ where: { applicationId: { in: stale.map((a) => a.id) } } })
    expect(events).toBe(stale.length)
  })

  test('MOMENTUM_DROP: under the weekly goal two weeks running and no update for 14 days', async () => {
    const id = clientId('MOMENTUM_DROP')
    const client = await prisma.client.findUniqueOrThrow({ where: { id } })
    expect(client.status).toBe('ACTIVE')
    const applications = await applicationsOf('MOMENTUM_DROP')
    const inWeek = (weeksAgo: number) =>
      applications.filter(
        (a) => a.appliedOn && a.appliedOn >= ago(now, 7 * (weeksAgo + 1)) && a.appliedOn < ago(now, 7 * weeksAgo),
      ).length
    expect(inWeek(0)).toBeLessThan(client.weeklyGoal)
    expect(inWeek(1)).toBeLessThan(client.weeklyGoal)
    const since = ago(now, 14)
    expect(await prisma.stageEvent.count({ where: { clientId: id, occurredAt: { gte: since } } })).toBe(0)
    expect(await prisma.checkIn.count({ where: { clientId: id, createdAt: { gte: since } } })).toBe(0)
    expect(client.lastActivityAt!.getTime()).toBeLessThan(since.getTime())
  })

  test('MORALE_DROP: mood down 2+ points in two weeks, to 2 or less after a rejection streak', async () => {
    const id = clientId('MORALE_DROP')
    const checkIns = await prisma.checkIn.findMany({ where: { clientId: id }, orderBy: { weekOf: 'desc' } })
    const latest = checkIns[0]!
    expect(latest.weekOf.getTime()).toBeGreaterThanOrEqual(ago(now, 14).getTime())
    expect(latest.mood).toBeLessThanOrEqual(2)
    const twoWeeksBefore = checkIns.find((c) => c.weekOf.getTime() === latest.weekOf.getTime() - 14 * DAY)
    expect(twoWeeksBefore!.mood - latest.mood).toBeGreaterThanOrEqual(2)
    const rejections = await prisma.jobApplication.count({
      where: { clientId: id, outcome: 'REJECTED', lastEventAt: { gte: ago(now, 14) } },
    })
    expect(rejections).toBeGreaterThanOrEqual(3)
  })

  test('REASON_CLUSTER: one rejection reason across 3+ clients in 30 days', async () => {
    const rows = await prisma.jobApplication.findMany({
      where: {
        organizationId,
        outcome: 'REJECTED',
        rejectionReason: demoReasonCluster.reason,
        lastEventAt: { gte: ago(now, 30) },
      },
      select: { client: { select: { email: true } } },
    })
    const emails = new Set(rows.map((row) => row.client.email))
    expect(emails.size).toBeGreaterThanOrEqual(3)
    for (const email of demoReasonCluster.clients) expect(emails).toContain(email)
    expect(demoReasonCluster.clients).toContain(demoPatternClients.REASON_CLUSTER)
  })

  test('EMPLOYER_GHOSTING: one employer ghosted 3+ clients, and no other employer did', async () => {
    const ghosted = await prisma.jobApplication.findMany({
      where: { organizationId, outcome: 'GHOSTED' },
      select: { company: true, client: { select: { email: true } } },
    })
    const clientsBy = new Map<string, Set<string>>()
    for (const row of ghosted)
      clientsBy.set(row.company, (clientsBy.get(row.company) ?? new Set()).add(row.client.email))
    const employers = [...clientsBy].filter(([, emails]) => emails.size >= 3).map(([company]) => company)
    expect(employers).toEqual([demoEmployerGhosting.company])
    expect([...clientsBy.get(demoEmployerGhosting.company)!].sort()).toEqual([...demoEmployerGhosting.clients].sort())
    expect(demoEmployerGhosting.clients).toContain(demoPatternClients.EMPLOYER_GHOSTING)
  })
})
