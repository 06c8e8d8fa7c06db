import { describe, expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import { cohortPractice, date, noon } from '../../../tests/cohort-fixtures'
import {
  createApplicationWithHistory,
  createClient,
  createMember,
  createPracticeWithOwner,
  createTask,
} from '../../../tests/factories'
import { outcomeReport } from './outcome-report.server'
import { sponsorReport } from './sponsor-links.server'

// A crafted cohort whose figures are worked out by hand, read by the owner and by the sponsor.
// The practice is in New York; every event happens at noon there. Cohort "Autumn intake",
// 2026-03-02 to 2026-06-30, read on 2026-09-01. Every client was added 2026-02-01: all start 03-02.
//
//   Ada's 6 clients (a1..a6). a1 placed 03-31 (29 days), a2 04-30 (59), a3 07-30 (150).
//     a1..a5 did a mock interview on 04-01; each sent one application on 03-20 (no interview) and one
//     on 04-10 that reached an interview on 04-20 (10 days after it was sent).
//   Ben's 4 clients (b1..b4). b1 placed 05-01 (60 days); b1 had a resume tailored on 04-01 and sent nothing.
//   Survey answers: a1 5, a2 4, a3 4, b1 3, a4 5 (a5 was sent one and did not answer).
//
// Served 10. Placed 4. At 90 days (all 10 have had 90): 29, 59, 60 are within: 3 of 10.
// At 180 days (all 10 have had 180, 03-02 + 180 = 08-29): 4 of 10.
// Time to offer (the placements): 29, 59, 60, 150: median 59.5 over 4 clients.
// Satisfaction: 5 answers of 6 sent, mean 4.2, median 4.
// Funnel: 10 sent, 5 reached screen (an interview counts at screen too), 5 interview, 0 final, 0 offer.
// Mock interview: 5 clients; before 0 of 5 reached an interview, after 5 of 5. Resume tailored: 1 client, 0 sent.
//
// The sponsor: the same totals, but the median time to offer rests on 4 clients (withheld), the resume
// figure on 1 client (withheld), and the split by coach would show Ben's 4 (not shown at all, as the
// total less Ada's 6 would give them away).

const now = new Date('2026-09-01T16:00:00Z')
async function autumnIntake() {
  const { org, owner, ada, ben, organizationId, cohort, client, placement } = await cohortPractice({
    name: 'Autumn intake',
    sponsorName: 'Northwind Ltd',
    startsOn: date('2026-03-02'),
    endsOn: date('2026-06-30'),
  })
  const place = (clientId: string, acceptedOn: string) => placement(clientId, acceptedOn, 'Contoso')
  let surveys = 0
  const survey = (clientId: string, score: number | null) =>
    prisma.satisfactionSurvey.create({
      data: {
        organizationId,
        clientId,
        tokenHash: `hash-${organizationId}-${surveys++}`,
        reason: 'PLACED',
        expiresAt: noon('2026-12-01'),
        score,
        answeredAt: score === null ? null : noon('2026-08-01'),
      },
    })

  const a = []
  for (let i = 1; i <= 6; i++) a.push(await client(`Ada Client ${i}`, ada.id, '2026-02-01'))
  const b = []
  for (let i = 1; i <= 4; i++) b.push(await client(`Ben Client ${i}`, ben.id, '2026-02-01'))
  await place(a[0]!.id, '2026-03-31')
  await place(a[1]!.id, '2026-04-30')
  await place(a[2]!.id, '2026-07-30')
  await place(b[0]!.id, '2026-05-01')
  for (const c of a.slice(0, 5)) {
    await createTask(prisma, organizationId, c.id, {
      type: 'MOCK_INTERVIEW',
      status: 'DONE',
      completedAt: noon('2026-04-01'),
    })
    await createApplicationWithHistory(prisma, organizationId, c.id, {
      path: [{ stage: 'APPLIED', at: noon('2026-03-20') }],
    })
    await createApplicationWithHistory(prisma, organizationId, c.id, {
      path: [
        { stage: 'APPLIED', at: noon('2026-04-10') },
        { stage: 'INTERVIEW', at: noon('2026-04-20') },
      ],
    })
  }
  await createTask(prisma, organizationId, b[0]!.id, {
    type: 'RESUME_TAILORING',
    status: 'DONE',
    completedAt: noon('2026-04-01'),
  })
  await survey(a[0]!.id, 5)
  await survey(a[1]!.id, 4)
  await survey(a[2]!.id, 4)
  await survey(b[0]!.id, 3)
  await survey(a[3]!.id, 5)
  await survey(a[4]!.id, null)
  const t = createTenantContext(prisma, { user: owner, org, role: 'OWNER' })
  return { org, t, cohort, ada, ben, client }
}

describe('the outcome report of a crafted cohort', () => {
  test('the owner sees the satisfaction and the before and after of a mock interview, worked out by hand', async () => {
    const { t, cohort } = await autumnIntake()
    const report = (await outcomeReport(t, { cohort: cohort.id }, now))!
    expect(report.figures).toMatchObject({
      served: 10,
      placed: 4,
      medianDaysToOffer: 59.5,
      clientsWithOffer: 4,
      funnel: { APPLIED: 10, SCREEN: 5, INTERVIEW: 5, FINAL: 0, OFFER: 0 },
      satisfaction: { sent: 6, answered: 5, mean: 4.2, median: 4 },
    })
    expect(report.figures.placementRates.map((r) => [r.placed, r.eligible])).toEqual([
      [3, 10],
      [4, 10],
    ])
    expect(report.interventions).toEqual([
      {
        type: 'MOCK_INTERVIEW',
        clients: 5,
        before: { sent: 5, interviewed: 0, rate: 0 },
        after: { sent: 5, interviewed: 5, rate: 1 },
      },
      {
        type: 'RESUME_TAILORING',
        clients: 1,
        before: { sent: 0, interviewed: 0, rate: null },
        after: { sent: 0, interviewed: 0, rate: null },
      },
    ])
  })

  test('a task done less than 60 days ago is not counted yet: its after has not run its course', async () => {
    const { t, cohort } = await autumnIntake()
    const report = (await outcomeReport(t, { cohort: cohort.id }, new Date('2026-05-20T16:00:00Z')))!
    expect(report.interventions.map((i) => i.clients)).toEqual([0, 0])
  })
})

describe('the sponsor’s view of the crafted cohort', () => {
  test('shows the totals, withholds what rests on fewer than 5 clients and hides a split that would show 4', async () => {
    const { cohort } = await autumnIntake()
    const t = (await autumnIntakeOwner(cohort.organizationId))!
    const report = (await sponsorReport(t, cohort.id, now))!
    const f = report.view.figures!
    expect(f).toMatchObject({ served: 10, placed: 4, medianDaysToOffer: null, clientsWithOffer: 4 })
    expect(f.placementRates).toEqual([
      { days: 90, placed: 3, eligible: 10, rate: 0.3 },
      { days: 180, placed: 4, eligible: 10, rate: 0.4 },
    ])
    expect(f.satisfaction).toEqual({ answered: 5, mean: 4.2, median: 4 })
    expect(report.view.groups).toEqual([])
    expect(report.view.groupsNote).toMatch(/fewer than 5/)
    expect(report.view.interventions.map((i) => [i.type, i.withheld, i.clients])).toEqual([
      ['MOCK_INTERVIEW', false, 5],
      ['RESUME_TAILORING', true, 0],
    ])
    const text = JSON.stringify(report)
    expect(text).not.toMatch(/Ada|Ben|Client \d|Contoso/)
  })

  test('a group of 4 never appears: small coaches are merged into "Other coaches" once that reaches 5', async () => {
    const { cohort, org, client } = await autumnIntake()
    const cy = await createMember(prisma, org.id, { name: 'Cy Coach' })
    for (let i = 1; i <= 5; i++) await client(`Cy Client ${i}`, cy.id, '2026-02-01')
    const t = (await autumnIntakeOwner(org.id))!
    // Ada 6, Cy 5, Ben 4: the 4 alone would be "Other coaches", so the split is still not shown.
    const withoutSplit = (await sponsorReport(t, cohort.id, now))!
    expect(withoutSplit.view.groups).toEqual([])
    // One client without a coach joins Ben's 4 in "Other coaches": 5, shown.
    await client('Nobody’s Client', null, '2026-02-01')
    const report = (await sponsorReport(t, cohort.id, now))!
    expect(report.view.groups.map((g) => [g.label, g.figures.served])).toEqual([
      ['Coach A', 6],
      ['Coach B', 5],
      ['Other coaches', 5],
    ])
    expect(report.view.groups.every((g) => g.figures.served >= 5)).toBe(true)
    // Within a group, a figure on fewer than 5 clients is withheld: Ada's 3 with an offer have no median.
    expect(report.view.groups[0]!.figures.medianDaysToOffer).toBeNull()
    expect(report.view.groups[0]!.figures.satisfaction).toBeNull()
    expect(JSON.stringify(report)).not.toMatch(/Ada|Ben|Cy |Client \d/)
  })

  test('a cohort of 4 shows nothing but that it is under 5', async () => {
    const { org } = await createPracticeWithOwner(prisma)
    const cohort = await prisma.cohort.create({
      data: { organizationId: org.id, name: 'Tiny', startsOn: date('2026-03-02'), endsOn: date('2026-06-30') },
    })
    for (let i = 0; i < 4; i++) {
      const c = await createClient(prisma, org.id, { createdAt: noon('2026-02-01') })
      await prisma.clientCohort.create({ data: { organizationId: org.id, cohortId: cohort.id, clientId: c.id } })
    }
    const t = (await autumnIntakeOwner(org.id))!
    const report = (await sponsorReport(t, cohort.id, now))!
    expect(report.view).toEqual({ figures: null, groups: [], groupsNote: null, interventions: [] })
  })
})

async function autumnIntakeOwner(organizationId: string) {
  const { systemTenantContext } = await import('~/tenancy/system-context.server')
  return systemTenantContext({ id: organizationId })
}
