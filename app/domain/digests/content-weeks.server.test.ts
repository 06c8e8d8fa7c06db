import { describe, expect, test } from 'vitest'
import type { Stage } from '~/generated/prisma/enums'
import { prisma } from '~/lib/db.server'
import { practiceWithClients } from '../../../tests/digest-helpers'
import { createApplicationWithHistory, createCheckIn, createClient, createTask } from '../../../tests/factories'
import { getClientOverview } from '../clients/client-overview.server'
import { listRoster, RosterQuery } from '../clients/clients.server'
import { buildClientDigest } from './content.server'
import { sendDigestNow } from './run.server'

// What a client's digest counts and says, against what the coach sees for the same client.

const tuesday = new Date('2026-11-24T15:00:00Z')

async function sentOn(clientId: string, organizationId: string, at: string) {
  return createApplicationWithHistory(prisma, organizationId, clientId, {
    company: `Applied ${at}`,
    path: [{ stage: 'APPLIED', at: new Date(`${at}T12:00:00Z`) }],
  })
}

async function rejected(organizationId: string, clientId: string, company: string, stage: Stage, at: Date) {
  const path: { stage: Stage; at: Date; outcome?: 'REJECTED' }[] = [
    { stage: 'APPLIED', at: new Date(at.getTime() - 20 * 86_400_000) },
  ]
  if (stage !== 'APPLIED') path.push({ stage, at: new Date(at.getTime() - 5 * 86_400_000) })
  path.push({ stage, outcome: 'REJECTED', at })
  return createApplicationWithHistory(prisma, organizationId, clientId, {
    company,
    roleTitle: 'Data Analyst',
    path,
    rejection: { reason: 'NO_REASON_GIVEN' },
  })
}

async function sendAndRead(t: Parameters<typeof sendDigestNow>[0], clientId: string, email: string, now: Date) {
  expect(await sendDigestNow(t, clientId, now)).toMatchObject({ status: 'outbox' })
  return prisma.outboundEmail.findFirstOrThrow({ where: { organizationId: t.org.id, to: email } })
}

describe('the digest’s week is the week the coach sees', () => {
  test('on a Tuesday the digest, the roster and the client page all count Monday to now', async () => {
    const { org, t } = await practiceWithClients(0)
    const client = await createClient(prisma, org.id, { name: 'Robin Hale', weeklyGoal: 5, coachId: t.user.id })
    for (const day of ['2026-11-23', '2026-11-23', '2026-11-24', '2026-11-24']) await sentOn(client.id, org.id, day)
    // Last week's Thursday to Saturday: inside "the last 7 days", outside this week.
    for (const day of ['2026-11-19', '2026-11-20', '2026-11-21']) await sentOn(client.id, org.id, day)

    const digest = (await buildClientDigest(t, client.id, '2026-W48', tuesday))!
    expect(digest).toMatchObject({ appliedThisWeek: 4, weekLabel: 'Nov 23 – Nov 24, 2026 (Mon–Tue so far)' })
    const roster = await listRoster(t, RosterQuery.parse({}), tuesday)
    expect(roster.rows.find((r) => r.id === client.id)!.appsThisWeek).toBe(4)
    expect(roster.weekSpan).toBe('Mon–Tue so far')
    const overview = (await getClientOverview(t, client.id, tuesday))!
    expect(overview.appliedThisWeek).toBe(4)
    expect(overview.appliedLastWeek).toBe(0) // last Monday and Tuesday
    expect(overview.weekCompared).toBe('Mon–Tue so far, against the same days last week')

    // Nothing ahead and no task due: the subject promises nothing more.
    const email = await sendAndRead(t, client.id, client.email, tuesday)
    expect(email.subject).toBe('Your week: 4 of 5 applications')
    expect(email.text).not.toMatch(/what comes next/i)
  })

  test('a client in Tokyo reads their own calendar while the practice in UTC is still on Sunday', async () => {
    const { org, t } = await practiceWithClients(0) // practice in UTC
    const client = await createClient(prisma, org.id, { timezone: 'Asia/Tokyo', weeklyGoal: 3, coachId: t.user.id })
    await sentOn(client.id, org.id, '2026-11-22') // the week before
    await sentOn(client.id, org.id, '2026-11-23')
    await sentOn(client.id, org.id, '2026-11-29')
    const sundayNight = new Date('2026-11-29T20:00:00Z') // Monday 05:00 in Tokyo
    // The client's new week has barely begun: their digest reports the whole week just ended.
    const digest = (await buildClientDigest(t, client.id, '2026-W48', sundayNight))!
    expect(digest).toMatchObject({ appliedThisWeek: 2, periodName: 'last week', weekLabel: 'Nov 23 – Nov 29, 2026' })
    const roster = await listRoster(t, RosterQuery.parse({}), sundayNight)
    expect(roster.rows.find((r) => r.id === client.id)!.appsThisWeek).toBe(2)
    expect(roster.weekSpan).toBe('Mon–Sun so far')
    // Tuesday afternoon in both places: the same days.
    await sentOn(client.id, org.id, '2026-12-01')
    const tuesdayLater = new Date('2026-12-01T10:00:00Z')
    expect((await buildClientDigest(t, client.id, '2026-W49', tuesdayLater))!.appliedThisWeek).toBe(1)
    expect((await listRoster(t, RosterQuery.parse({}), tuesdayLater)).rows[0]!.appsThisWeek).toBe(1)
  })
})

describe('rejections, what comes next and the gentler digest', () => {
  test('a week of rejections is grouped by how far each got, with one reframe, never repeated', async () => {
    const { org, t } = await practiceWithClients(0)
    const client = await createClient(prisma, org.id, { name: 'Sam Ortiz', weeklyGoal: 5 })
    await createCheckIn(prisma, org.id, client.id, { weekOf: new Date('2026-11-23'), mood: 4 })
    const at = (hoursAgo: number) => new Date(tuesday.getTime() - hoursAgo * 3_600_000)
    await rejected(org.id, client.id, 'Acme', 'INTERVIEW', at(3))
    await rejected(org.id, client.id, 'Globex', 'APPLIED', at(4))
    await rejected(org.id, client.id, 'Initech', 'APPLIED', at(5))
    // A step forward after them: not a streak.
    await createApplicationWithHistory(prisma, org.id, client.id, {
      company: 'Brightline',
      path: [
        { stage: 'APPLIED', at: at(200) },
        { stage: 'SCREEN', at: at(2) },
      ],
    })
    const digest = (await buildClientDigest(t, client.id, '2026-W48', tuesday))!
    expect(digest.gentle).toBe(false)
    expect(digest.rejectionGroups.map((g) => [g.title, g.count])).toEqual([
      ['After an interview', 1],
      ['At the application stage', 2],
    ])
    const email = await sendAndRead(t, client.id, client.email, tuesday)
    // The reframe fits the furthest stage reached and is written once.
    const reframe = 'You made it to interviews, past most of the people who applied.'
    expect(email.text.split(reframe)).toHaveLength(2)
    expect(email.html.split(reframe)).toHaveLength(2)
    expect(email.text.match(/Worth asking/g)).toHaveLength(1)
    expect(email.text).toContain('Worth asking Acme')
    expect(email.text).toContain('At the application stage (2): Initech, Data Analyst; Globex, Data Analyst')
  })

  test('upcoming interviews and due tasks make a “what comes next” section, and only then the subject promises one', async () => {
    const { org, t } = await practiceWithClients(0)
    const client = await createClient(prisma, org.id, { weeklyGoal: 5 })
    await sentOn(client.id, org.id, '2026-11-23')
    await createApplicationWithHistory(prisma, org.id, client.id, {
      company: 'Brightline',
      path: [
        { stage: 'APPLIED', at: new Date('2026-11-10T12:00:00Z') },
        { stage: 'INTERVIEW', at: new Date('2026-11-24T09:00:00Z') },
      ],
    })
    await createTask(prisma, org.id, client.id, { title: 'Mock interview prep', dueOn: new Date('2026-11-27') })
    const email = await sendAndRead(t, client.id, client.email, tuesday)
    expect(email.subject).toBe('Your week: 1 of 5 applications, and what comes next')
    expect(email.text).toContain('WHAT COMES NEXT')
    expect(email.text).toContain('Brightline, Product Analyst: Interview')
    expect(email.text).toContain('Mock interview prep (due Nov 27)')
  })

  test('a client with mood 2 after a run of rejections gets the gentler digest, no tally in the subject', async () => {
    const { org, t } = await practiceWithClients(0)
    const client = await createClient(prisma, org.id, { name: 'Jo Park', weeklyGoal: 5 })
    await createCheckIn(prisma, org.id, client.id, { weekOf: new Date('2026-11-16'), mood: 2 })
    await sentOn(client.id, org.id, '2026-11-23')
    for (let i = 0; i < 8; i++)
      await rejected(
        org.id,
        client.id,
        `Employer ${i}`,
        i < 6 ? 'APPLIED' : 'SCREEN',
        new Date(tuesday.getTime() - (i + 1) * 3_600_000),
      )
    const digest = (await buildClientDigest(t, client.id, '2026-W48', tuesday))!
    expect(digest.gentle).toBe(true)
    const email = await sendAndRead(t, client.id, client.email, tuesday)
    expect(email.subject).toBe('Jo, a note on your week')
    expect(email.subject).not.toMatch(/\d/)
    expect(email.text).not.toContain('of your 5')
    expect(email.text).toContain('You are not doing this alone')
    expect(email.text).toContain('After a screening call (2)')
    expect(email.text).toContain('At the application stage (6)')
    expect(email.text).not.toContain('Employer 0') // counts, not a list of every door that closed
    expect(email.text.match(/You got through to a screening conversation/g)).toHaveLength(1)
  })

  test('a rejection streak makes the digest gentle even without a check-in', async () => {
    const { org, t } = await practiceWithClients(0)
    const client = await createClient(prisma, org.id, { weeklyGoal: 5 })
    for (let i = 0; i < 3; i++)
      await rejected(org.id, client.id, `Employer ${i}`, 'APPLIED', new Date(tuesday.getTime() - (i + 1) * 86_400_000))
    expect((await buildClientDigest(t, client.id, '2026-W48', tuesday))!.gentle).toBe(true)
    const calm = await createClient(prisma, org.id, { weeklyGoal: 5 })
    await rejected(org.id, calm.id, 'Acme', 'APPLIED', new Date(tuesday.getTime() - 86_400_000))
    expect((await buildClientDigest(t, calm.id, '2026-W48', tuesday))!.gentle).toBe(false)
  })
})
