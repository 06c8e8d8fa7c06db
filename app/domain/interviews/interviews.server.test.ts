import { describe, expect, test } from 'vitest'
import { coachPipelineFor } from '~/domain/applications/application-page.server'
import { InputError } from '~/lib/input-error'
import { prisma } from '~/lib/db.server'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import {
  createApplication,
  createClient,
  createDefaultTaskTemplates,
  createMember,
  createPracticeWithOwner,
} from '../../../tests/factories'
import { createPortalClient } from '../../../tests/portal-helpers'
import { assignMockInterview, caseloadInterviewsThisWeek } from './caseload-week.server'
import {
  addInterview,
  listApplicationInterviews,
  listUpcomingInterviews,
  removeInterview,
  updateInterview,
} from './interviews.server'

// Wednesday 2 December 2026, 10:00 in London.
const now = new Date('2026-12-02T10:00:00Z')
const input = {
  kind: 'INTERVIEW' as const,
  date: '2026-12-03',
  time: '14:30',
  timezone: 'Europe/London',
  note: 'Ask for Sam',
}

async function practice(options: { ownClientsOnly?: boolean } = {}) {
  const { org, owner } = await createPracticeWithOwner(prisma, {
    org: { coachesSeeOwnClientsOnly: options.ownClientsOnly ?? false, timezone: 'Europe/London' },
  })
  const coach = await createMember(prisma, org.id, { name: 'Chris Coach' })
  const t = createTenantContext(prisma, { user: coach, org, role: 'COACH' })
  return { org, owner, coach, t }
}

describe('interview dates', () => {
  test('a client adds one: kept as typed and as the instant it starts, in its own timezone', async () => {
    const { p, org, client } = await createPortalClient({ client: { timezone: 'America/New_York' } })
    const app = await createApplication(prisma, org.id, client.id, { company: 'Northwind' })
    const added = await addInterview(p, app.id, { ...input, timezone: 'America/New_York' }, now)
    expect(added).toMatchObject({ localDate: '2026-12-03', localTime: '14:30', timezone: 'America/New_York' })
    // 14:30 in New York in December is 19:30 UTC.
    expect(added!.startsAt.toISOString()).toBe('2026-12-03T19:30:00.000Z')
    const row = await prisma.interviewEvent.findUniqueOrThrow({ where: { id: added!.id } })
    expect(row).toMatchObject({ actorType: 'CLIENT', clientId: client.id, note: 'Ask for Sam' })
  })

  test('a time skipped by the clocks going forward moves to the first time that exists', async () => {
    const { p, org, client } = await createPortalClient()
    const app = await createApplication(prisma, org.id, client.id)
    // Clocks go from 01:00 to 02:00 in London on 28 March 2027.
    const added = await addInterview(p, app.id, { ...input, date: '2027-03-28', time: '01:30' }, now)
    expect(added!.startsAt.toISOString()).toBe('2027-03-28T01:30:00.000Z')
  })

  test('a day in the past, a bad time or an unknown timezone is refused with a kind message and nothing is written', async () => {
    const { p, org, client } = await createPortalClient()
    const app = await createApplication(prisma, org.id, client.id)
    await expect(addInterview(p, app.id, { ...input, date: '2026-12-01' }, now)).rejects.toThrow(InputError)
    await expect(addInterview(p, app.id, { ...input, date: '2029-01-01' }, now)).rejects.toThrow(InputError)
    await expect(addInterview(p, app.id, { ...input, time: '25:00' }, now)).rejects.toThrow()
    await expect(addInterview(p, app.id, { ...input, timezone: 'Mars/Olympus' }, now)).rejects.toThrow()
    await expect(addInterview(p, app.id, { ...input, date: '2026-02-30' }, now)).rejects.toThrow()
    expect(await prisma.interviewEvent.count({ where: { applicationId: app.id } })).toBe(0)
  })

  test('another client’s application or interview is not found, and nothing of theirs changes', async () => {
    const mine = await createPortalClient()
    const theirs = await createClient(prisma, mine.org.id)
    const theirApp = await createApplication(prisma, mine.org.id, theirs.id)
    expect(await addInterview(mine.p, theirApp.id, input, now)).toBeNull()
    const { t } = await practice()
    const otherPractice = await createClient(prisma, t.org.id)
    const otherApp = await createApplication(prisma, t.org.id, otherPractice.id)
    const theirInterview = await addInterview(coachPipelineFor(t, otherPractice), otherApp.id, input, now)
    expect(await updateInterview(mine.p, otherApp.id, theirInterview!.id, { ...input, time: '09:00' }, now)).toBe(false)
    expect(await removeInterview(mine.p, otherApp.id, theirInterview!.id)).toBe(false)
    const row = await prisma.interviewEvent.findUniqueOrThrow({ where: { id: theirInterview!.id } })
    expect(row.localTime).toBe('14:30')
    expect(await prisma.interviewEvent.count({ where: { applicationId: theirApp.id } })).toBe(0)
  })

  test('a coach limited to their own clients cannot add to another coach’s client', async () => {
    const { t, org } = await practice({ ownClientsOnly: true })
    const other = await createMember(prisma, org.id)
    const client = await createClient(prisma, org.id, { coachId: other.id })
    const app = await createApplication(prisma, org.id, client.id)
    expect(await addInterview(coachPipelineFor(t, client), app.id, input, now)).toBeNull()
    expect(await prisma.interviewEvent.count({ where: { applicationId: app.id } })).toBe(0)
  })

  test('a coach changes and removes one, and the client’s upcoming list follows', async () => {
    const { t, org } = await practice()
    const client = await createClient(prisma, org.id, { timezone: 'Europe/London' })
    const app = await createApplication(prisma, org.id, client.id, { company: 'Acme' })
    const p = coachPipelineFor(t, client)
    const first = await addInterview(p, app.id, input, now)
    const second = await addInterview(p, app.id, { ...input, kind: 'FINAL', date: '2026-12-10', note: '' }, now)
    expect(second!.note).toBeNull()
    expect(await updateInterview(p, app.id, first!.id, { ...input, time: '16:00' }, now)).toBe(true)
    const upcoming = await listUpcomingInterviews(p, now)
    expect(upcoming.map((e) => [e.kind, e.localTime, e.application.company])).toEqual([
      ['INTERVIEW', '16:00', 'Acme'],
      ['FINAL', '14:30', 'Acme'],
    ])
    expect(await removeInterview(p, app.id, first!.id)).toBe(true)
    expect((await listApplicationInterviews(p, app.id)).map((e) => e.id)).toEqual([second!.id])
    // Past interviews drop off the list two hours after they start.
    expect(await listUpcomingInterviews(p, new Date('2026-12-10T17:00:00Z'))).toHaveLength(0)
  })
})

describe('the coach’s week of interviews and the nudge to prepare', () => {
  test('lists the caseload’s interviews this week and nudges two days before one with no mock interview', async () => {
    const { t, org, coach } = await practice()
    await createDefaultTaskTemplates(prisma, org.id)
    const client = await createClient(prisma, org.id, { name: 'Dana Diaz', coachId: coach.id })
    const app = await createApplication(prisma, org.id, client.id, { company: 'Acme' })
    const later = await createApplication(prisma, org.id, client.id, { company: 'Globex' })
    const p = coachPipelineFor(t, client)
    const soon = await addInterview(p, app.id, input, now)
    const friday = await addInterview(p, later.id, { ...input, date: '2026-12-05' }, now)
    // Next week: outside the week and past the nudge.
    await addInterview(p, later.id, { ...input, date: '2026-12-14' }, now)

    const week = await caseloadInterviewsThisWeek(t, now)
    expect(week.interviews.map((e) => [e.application.company, e.localDate, e.needsPreparation])).toEqual([
      ['Acme', '2026-12-03', true],
      ['Globex', '2026-12-05', false],
    ])

    const task = await assignMockInterview(t, soon!.id, now)
    expect(task).toMatchObject({ type: 'MOCK_INTERVIEW', applicationId: app.id, clientId: client.id })
    expect(task!.title).toContain('Acme')
    // Due the day before the interview.
    expect(task!.dueOn!.toISOString().slice(0, 10)).toBe('2026-12-02')
    const after = await caseloadInterviewsThisWeek(t, now)
    expect(after.interviews.find((e) => e.id === soon!.id)!.needsPreparation).toBe(false)
    expect(after.interviews.find((e) => e.id === friday!.id)!.needsPreparation).toBe(false)
  })

  test('a coach limited to their own clients sees only theirs and cannot prepare another coach’s client', async () => {
    const { t, org, coach } = await practice({ ownClientsOnly: true })
    const other = await createMember(prisma, org.id)
    const owner = createTenantContext(prisma, { user: other, org, role: 'OWNER' })
    const mine = await createClient(prisma, org.id, { coachId: coach.id })
    const theirs = await createClient(prisma, org.id, { coachId: other.id })
    const myApp = await createApplication(prisma, org.id, mine.id)
    const theirApp = await createApplication(prisma, org.id, theirs.id)
    await addInterview(coachPipelineFor(owner, mine), myApp.id, input, now)
    const theirInterview = await addInterview(coachPipelineFor(owner, theirs), theirApp.id, input, now)
    const week = await caseloadInterviewsThisWeek(t, now)
    expect(week.interviews.map((e) => e.client.id)).toEqual([mine.id])
    expect(await assignMockInterview(t, theirInterview!.id, now)).toBeNull()
    expect(await prisma.task.count({ where: { clientId: theirs.id } })).toBe(0)
  })
})
