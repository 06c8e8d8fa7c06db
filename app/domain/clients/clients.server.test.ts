import { describe, expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import {
  addMember,
  createApplication,
  createCheckIn,
  createClient as makeClient,
  createPracticeWithOwner,
  createTask,
  createUser,
  unique,
} from '../../../tests/factories'
import { ClientInput } from './client-input'
import { createClient, listRoster, RosterQuery, setClientStatus, updateClient } from './clients.server'
import { InputError } from '~/lib/input-error'

async function practice() {
  const { org, owner } = await createPracticeWithOwner(prisma)
  return { org, owner, t: createTenantContext(prisma, { user: owner, org, role: 'OWNER' }) }
}

const input = (over: Record<string, string> = {}) =>
  ClientInput.parse({
    name: 'Jordan Lee',
    email: `${unique('jordan-')}@Example.test`,
    timezone: 'America/New_York',
    weeklyGoal: '8',
    industries: 'Fintech, Health ,',
    digestOptIn: 'on',
    ...over,
  })

describe('client records', () => {
  test('a client is created with a lower-cased email and parsed industries', async () => {
    const { t } = await practice()
    const client = await createClient(t, input())
    expect(client.email).toBe(client.email.toLowerCase())
    expect(client.industries).toEqual(['Fintech', 'Health'])
    expect(client.weeklyGoal).toBe(8)
    expect(client.digestOptIn).toBe(true)
  })

  test('bad input is refused with a message that says what to fix', () => {
    const result = ClientInput.safeParse({
      name: ' ',
      email: 'not-an-email',
      timezone: 'Mars/Olympus',
      weeklyGoal: '-1',
    })
    expect(result.success).toBe(false)
    const fields = Object.fromEntries(result.error!.issues.map((i) => [i.path.join('.'), i.message]))
    expect(fields.name).toMatch(/name/)
    expect(fields.email).toMatch(/email/)
    expect(fields.timezone).toMatch(/timezone/)
    expect(fields.weeklyGoal).toMatch(/0 or more/)
  })

  test('a duplicate email in the practice is refused, in any letter case', async () => {
    const { t } = await practice()
    const email = `${unique('dup-')}@example.test`
    await createClient(t, input({ email }))
    await expect(createClient(t, input({ email: email.toUpperCase() }))).rejects.toBeInstanceOf(InputError)
  })

  test('the same email may be a client of two practices', async () => {
    const a = await practice()
    const b = await practice()
    const email = `${unique('both-')}@example.test`
    await createClient(a.t, input({ email }))
    await expect(createClient(b.t, input({ email }))).resolves.toBeTruthy()
  })

  test('a coach from another practice cannot be assigned', async () => {
    const { t } = await practice()
    const stranger = await createUser(prisma)
    await expect(createClient(t, input({ coachId: stranger.id }))).rejects.toBeInstanceOf(Response)
  })

  test("another practice's client can't be updated or archived", async () => {
    const a = await practice()
    const b = await practice()
    const theirs = await createClient(a.t, input())
    expect(await updateClient(b.t, theirs.id, input({ name: 'Hijacked' }))).toBeNull()
    expect(await setClientStatus(b.t, theirs.id, 'ARCHIVED')).toBeNull()
    const unchanged = await prisma.client.findUniqueOrThrow({ where: { id: theirs.id } })
    expect(unchanged.name).toBe('Jordan Lee')
    expect(unchanged.status).toBe('ACTIVE')
  })
})

describe('the roster', () => {
  test('counts this week, active, interviewing, rejections, open tasks and the latest mood per client', async () => {
    const { org, t } = await practice()
    const now = new Date('2026-11-25T15:00:00Z') // a Wednesday
    const client = await makeClient(prisma, org.id, { name: 'Avery Stone', weeklyGoal: 5 })
    await createApplication(prisma, org.id, client.id, { appliedOn: new Date('2026-11-24'), stage: 'APPLIED' })
    await createApplication(prisma, org.id, client.id, { appliedOn: new Date('2026-11-23'), stage: 'INTERVIEW' })
    await createApplication(prisma, org.id, client.id, { appliedOn: new Date('2026-11-10'), stage: 'FINAL' })
    await createApplication(prisma, org.id, client.id, {
      appliedOn: new Date('2026-11-01'),
      stage: 'SCREEN',
      outcome: 'REJECTED',
      lastEventAt: new Date('2026-11-20T00:00:00Z'),
    })
    // Counted nowhere: saved this week, rejected 40 days ago, withdrawn, and another client's application.
    await createApplication(prisma, org.id, client.id, { appliedOn: new Date('2026-11-24'), stage: 'SAVED' })
    await createApplication(prisma, org.id, client.id, {
      appliedOn: new Date('2026-09-01'),
      stage: 'INTERVIEW',
      outcome: 'REJECTED',
      lastEventAt: new Date('2026-10-16T00:00:00Z'),
    })
    await createApplication(prisma, org.id, client.id, {
      appliedOn: new Date('2026-10-01'),
      stage: 'INTERVIEW',
      outcome: 'WITHDRAWN',
    })
    const other = await makeClient(prisma, org.id, { name: 'Blake Other', status: 'PAUSED' })
    await createApplication(prisma, org.id, other.id, { appliedOn: new Date('2026-11-24'), stage: 'INTERVIEW' })
    await createTask(prisma, org.id, client.id, { status: 'TODO' })
    await createTask(prisma, org.id, client.id, { status: 'DONE' })
    await createCheckIn(prisma, org.id, client.id, { weekOf: new Date('2026-11-16'), mood: 4 })
    await createCheckIn(prisma, org.id, client.id, { weekOf: new Date('2026-11-23'), mood: 2 })
    const { rows, total } = await listRoster(t, RosterQuery.parse({}), now)
    expect(total).toBe(1)
    expect(rows[0]).toMatchObject({
      name: 'Avery Stone',
      appsThisWeek: 2,
      activeApplications: 3,
      interviewsInProgress: 2,
      rejections30d: 1,
      openTasks: 1,
      latestMood: 2,
      weeklyGoal: 5,
    })
  })

  test('sorted by a count, the order is the one the counts shown give', async () => {
    const { org, t } = await practice()
    const now = new Date('2026-11-25T15:00:00Z') // a Wednesday
    // Client i has i applications this week, i active ones interviewing and i rejections of the last 30 days.
    for (let i = 0; i < 4; i++) {
      const client = await makeClient(prisma, org.id, { name: `Client ${i}` })
      for (let n = 0; n < i; n++) {
        await createApplication(prisma, org.id, client.id, { appliedOn: new Date('2026-11-24'), stage: 'INTERVIEW' })
        await createApplication(prisma, org.id, client.id, {
          appliedOn: new Date('2026-10-20'),
          stage: 'SCREEN',
          outcome: 'REJECTED',
          lastEventAt: new Date('2026-11-20T00:00:00Z'),
        })
      }
    }
    // Client 0's only rejection is 40 days old, and another practice's client has recent ones: neither counts.
    const first = await prisma.client.findFirstOrThrow({ where: { organizationId: org.id, name: 'Client 0' } })
    await createApplication(prisma, org.id, first.id, {
      appliedOn: new Date('2026-09-01'),
      stage: 'SCREEN',
      outcome: 'REJECTED',
      lastEventAt: new Date('2026-10-16T00:00:00Z'),
    })
    const elsewhere = await practice()
    const stranger = await makeClient(prisma, elsewhere.org.id, { name: 'Client 9' })
    for (let n = 0; n < 5; n++)
      await createApplication(prisma, elsewhere.org.id, stranger.id, {
        appliedOn: new Date('2026-10-20'),
        stage: 'SCREEN',
        outcome: 'REJECTED',
        lastEventAt: new Date('2026-11-20T00:00:00Z'),
      })
    for (const sort of ['appsThisWeek', 'activeApplications', 'interviewsInProgress', 'rejections30d'] as const) {
      const { rows } = await listRoster(t, RosterQuery.parse({ sort, dir: 'desc' }), now)
      expect(rows.map((r) => r.name)).toEqual(['Client 3', 'Client 2', 'Client 1', 'Client 0'])
      expect(rows.map((r) => r[sort])).toEqual([3, 2, 1, 0])
    }
    // Ascending, the page is chosen among more clients than it holds: the 25 with none come first (a count of 0,
    // not a missing one sorted last), and the ones with rejections are on page 2.
    for (let i = 0; i < 24; i++) await makeClient(prisma, org.id, { name: `Quiet ${String(i).padStart(2, '0')}` })
    const up = await listRoster(t, RosterQuery.parse({ sort: 'rejections30d', dir: 'asc' }), now)
    expect(up.rows).toHaveLength(25)
    expect(up.rows.every((r) => r.rejections30d === 0)).toBe(true)
    expect(up.rows[0]!.name).toBe('Client 0')
    const next = await listRoster(t, RosterQuery.parse({ sort: 'rejections30d', dir: 'asc', page: '2' }), now)
    expect(next.rows.map((r) => [r.name, r.rejections30d])).toEqual([
      ['Client 1', 1],
      ['Client 2', 2],
      ['Client 3', 3],
    ])
  })

  test('sorts, filters by text, coach and status, and pages on the server', async () => {
    const { org, owner, t } = await practice()
    const coach = await createUser(prisma, { name: 'Second Coach' })
    await addMember(prisma, org.id, coach.id)
    for (let i = 0; i < 30; i++) {
      await makeClient(prisma, org.id, {
        name: `Client ${String(i).padStart(2, '0')}`,
        coachId: i % 2 ? coach.id : owner.id,
      })
    }
    await makeClient(prisma, org.id, { name: 'Zed Paused', status: 'PAUSED' })
    const first = await listRoster(t, RosterQuery.parse({}))
    expect(first.total).toBe(30)
    expect(first.rows).toHaveLength(25)
    expect(first.rows[0]!.name).toBe('Client 00')
    const second = await listRoster(t, RosterQuery.parse({ page: '2' }))
    expect(second.rows.map((r) => r.name)).toEqual(['Client 25', 'Client 26', 'Client 27', 'Client 28', 'Client 29'])
    const desc = await listRoster(t, RosterQuery.parse({ sort: 'name', dir: 'desc' }))
    expect(desc.rows[0]!.name).toBe('Client 29')
    expect((await listRoster(t, RosterQuery.parse({ q: 'client 1' }))).total).toBe(10)
    expect((await listRoster(t, RosterQuery.parse({ coach: coach.id }))).total).toBe(15)
    expect((await listRoster(t, RosterQuery.parse({ status: 'PAUSED' }))).rows.map((r) => r.name)).toEqual([
      'Zed Paused',
    ])
    // A bad sort or page in a shared URL falls back instead of failing.
    expect(RosterQuery.parse({ sort: 'password', page: '-3' })).toMatchObject({ sort: 'name', page: 1 })
  })

  test('a coach limited to their own clients sees only theirs', async () => {
    const { org, owner } = await practice()
    const coach = await createUser(prisma)
    await addMember(prisma, org.id, coach.id)
    await prisma.organization.update({ where: { id: org.id }, data: { coachesSeeOwnClientsOnly: true } })
    await makeClient(prisma, org.id, { name: 'Mine', coachId: coach.id })
    await makeClient(prisma, org.id, { name: 'Not mine', coachId: owner.id })
    const limited = createTenantContext(prisma, {
      user: coach,
      org: { ...org, coachesSeeOwnClientsOnly: true },
      role: 'COACH',
    })
    const { rows } = await listRoster(limited, RosterQuery.parse({}))
    expect(rows.map((r) => r.name)).toEqual(['Mine'])
  })
})
