import { describe, expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import { cohortPractice, date, noon } from '../../../tests/cohort-fixtures'
import { createApplicationWithHistory, createCheckIn, createTask } from '../../../tests/factories'
import { outcomeCsv, outcomeReport } from './outcome-report.server'

// A hand-built cohort whose figures are worked out by hand below. The practice is in New York and
// every event happens at noon there, so each falls on the day it names.
//
// Cohort "Spring intake", 2026-03-02 to 2026-06-30; the report is read on 2026-09-01.
//   Alice (Ada)  added 2026-02-01, so she starts with the cohort on 03-02.
//                Sent 03-05: screen 03-12, interview 03-20, offer 04-10. Sent 03-06: rejected 03-20.
//                Check-ins for the weeks of 03-02 and 03-09; a task done 03-10. Placed: accepted 04-15.
//                Active weeks: 03-02, 03-09, 03-16, 04-06 = 4. First offer 39 days after her start.
//   Bruno (Ada)  added 03-16 (after the cohort began): starts 03-16.
//                Sent 03-20: screen 04-01, interview 04-15, final 05-01, offer 07-20. Placed: accepted 07-25.
//                Active weeks in the cohort: 03-16, 03-30, 04-13, 04-27 = 4 (07-20 is after its end).
//                First offer 126 days after his start: placed, but not within 90 days; 180 days have not passed.
//   Chloe (Ben)  added 01-10: starts 03-02. One check-in (week of 05-04). An application sent in 2025 that
//                the system marked ghosted on 03-25: the sweep is not her activity, and it is outside the funnel.
//   Dev (Ben)    added 02-20: starts 03-02. Nothing in the cohort's dates (a task done on 07-15 is after it).
//   Eve          not in the cohort (placed): never counted.
//
// Served 4. Engaged 3 (Dev is not). Active weeks 9, check-ins 3, tasks done 1. Placed 2.
// At 90 days: all 4 have had 90 days; Alice was placed within them: 1 of 4.
// At 180 days: Alice, Chloe and Dev have had 180 days (Bruno reaches them on 09-12): 1 of 3.
// Median days to offer: Alice 39, Bruno 126: 82.5.
// Funnel of applications sent in the cohort's dates: applied 3, screen 2, interview 2, final 2, offer 2.
// By coach: Ada 2 served, 2 placed, 1 of 2 at 90 days, 1 of 1 at 180; Ben 2 served, none placed.

const now = new Date('2026-09-01T16:00:00Z')
async function springIntake() {
  const { org, owner, ada, ben, organizationId, cohort, client, placement } = await cohortPractice(
    { name: 'Spring intake', startsOn: date('2026-03-02'), endsOn: date('2026-06-30') },
    { coachesSeeOwnClientsOnly: true },
  )

  const alice = await client('Alice Adams', ada.id, '2026-02-01')
  await createApplicationWithHistory(prisma, organizationId, alice.id, {
    path: [
      { stage: 'APPLIED', at: noon('2026-03-05') },
      { stage: 'SCREEN', at: noon('2026-03-12') },
      { stage: 'INTERVIEW', at: noon('2026-03-20') },
      { stage: 'OFFER', outcome: 'OFFER_ACCEPTED', at: noon('2026-04-10') },
    ],
  })
  await createApplicationWithHistory(prisma, organizationId, alice.id, {
    path: [
      { stage: 'APPLIED', at: noon('2026-03-06') },
      { stage: 'APPLIED', outcome: 'REJECTED', at: noon('2026-03-20') },
    ],
    rejection: { reason: 'NO_REASON_GIVEN' },
  })
  await createCheckIn(prisma, organizationId, alice.id, { weekOf: date('2026-03-02') })
  await createCheckIn(prisma, organizationId, alice.id, { weekOf: date('2026-03-09') })
  await createTask(prisma, organizationId, alice.id, { status: 'DONE', completedAt: noon('2026-03-10') })
  await placement(alice.id, '2026-04-15')

  const bruno = await client('Bruno Brown', ada.id, '2026-03-16')
  await createApplicationWithHistory(prisma, organizationId, bruno.id, {
    path: [
      { stage: 'APPLIED', at: noon('2026-03-20') },
      { stage: 'SCREEN', at: noon('2026-04-01') },
      { stage: 'INTERVIEW', at: noon('2026-04-15') },
      { stage: 'FINAL', at: noon('2026-05-01') },
      { stage: 'OFFER', outcome: 'OFFER_ACCEPTED', at: noon('2026-07-20') },
    ],
  })
  await placement(bruno.id, '2026-07-25')

  const chloe = await client('Chloe Chen', ben.id, '2026-01-10')
  await createCheckIn(prisma, organizationId, chloe.id, { weekOf: date('2026-05-04') })
  await createApplicationWithHistory(prisma, organizationId, chloe.id, {
    path: [
      { stage: 'APPLIED', at: noon('2025-12-01') },
      { stage: 'APPLIED', outcome: 'GHOSTED', at: noon('2026-03-25'), actorType: 'SYSTEM' },
    ],
  })

  const dev = await client('Dev Desai', ben.id, '2026-02-20')
  await createTask(prisma, organizationId, dev.id, { status: 'DONE', completedAt: noon('2026-07-15') })

  const eve = await client('Eve Evans', null, '2026-03-02', false)
  await placement(eve.id, '2026-04-20')

  const as = (user: { id: string; email: string; name: string }, role: 'OWNER' | 'COACH') =>
    createTenantContext(prisma, { user, org, role })
  return { org, cohort, owner: as(owner, 'OWNER'), ada: as(ada, 'COACH'), clients: { alice, bruno, chloe, dev, eve } }
}

describe('the outcome report of a cohort', () => {
  test('an owner sees the hand-computed figures for the whole cohort and for each coach', async () => {
    const { cohort, owner } = await springIntake()
    const report = (await outcomeReport(owner, { cohort: cohort.id }, now))!
    expect(report).toMatchObject({ from: '2026-03-02', to: '2026-06-30', today: '2026-09-01', notice: null })
    expect(report.figures).toEqual({
      served: 4,
      engaged: 3,
      activeWeeks: 9,
      checkIns: 3,
      tasksDone: 1,
      placed: 2,
      placementRates: [
        { days: 90, placed: 1, eligible: 4, rate: 0.25 },
        { days: 180, placed: 1, eligible: 3, rate: 1 / 3 },
      ],
      medianDaysToOffer: 82.5,
      clientsWithOffer: 2,
      funnel: { APPLIED: 3, SCREEN: 2, INTERVIEW: 2, FINAL: 2, OFFER: 2 },
      satisfaction: { sent: 0, answered: 0, mean: null, median: null },
    })
    expect(
      report.byCoach.map((c) => ({
        coach: c.coachName,
        served: c.figures.served,
        engaged: c.figures.engaged,
        placed: c.figures.placed,
        rates: c.figures.placementRates.map((r) => [r.placed, r.eligible]),
        median: c.figures.medianDaysToOffer,
        applied: c.figures.funnel.APPLIED,
      })),
    ).toEqual([
      {
        coach: 'Ada Coach',
        served: 2,
        engaged: 2,
        placed: 2,
        rates: [
          [1, 2],
          [1, 1],
        ],
        median: 82.5,
        applied: 3,
      },
      {
        coach: 'Ben Coach',
        served: 2,
        engaged: 1,
        placed: 0,
        rates: [
          [0, 2],
          [0, 2],
        ],
        median: null,
        applied: 0,
      },
    ])
  })

  test('a coach limited to their own clients sees the figures of their clients only', async () => {
    const { cohort, ada } = await springIntake()
    const report = (await outcomeReport(ada, { cohort: cohort.id }, now))!
    expect(report.figures).toMatchObject({ served: 2, engaged: 2, placed: 2, medianDaysToOffer: 82.5 })
    expect(report.figures.placementRates.map((r) => [r.placed, r.eligible])).toEqual([
      [1, 2],
      [1, 1],
    ])
    expect(report.byCoach.map((c) => c.coachName)).toEqual(['Ada Coach'])
  })

  test('another practice’s cohort is not found', async () => {
    const { cohort } = await springIntake()
    const other = await springIntake()
    expect(await outcomeReport(other.owner, { cohort: cohort.id }, now)).toBeNull()
  })

  test('the CSV has one line for the cohort and one per coach, with the rates as percentages', async () => {
    const { cohort, owner } = await springIntake()
    const csv = outcomeCsv((await outcomeReport(owner, { cohort: cohort.id }, now))!)
    const lines = csv.trim().split('\r\n')
    expect(lines).toHaveLength(4)
    expect(lines[1]).toBe('All clients (Spring intake),4,3,9,3,1,2,1,4,25%,1,3,33.3%,82.5,2,3,2,2,2,2')
    expect(lines[2]).toMatch(/^Coach: Ada Coach,2,2,/)
    expect(lines[3]).toBe('Coach: Ben Coach,2,1,1,1,0,0,0,2,0%,0,2,0%,,0,0,0,0,0,0')
  })
})

describe('the outcome report of a range of dates', () => {
  test('counts the clients coached in the range from the day they were added', async () => {
    const { owner } = await springIntake()
    const report = (await outcomeReport(owner, { from: '2026-03-01', to: '2026-04-30' }, now))!
    expect(report.cohort).toBeNull()
    expect(report.figures.served).toBe(5)
    // Alice starts on the day she was added (2026-02-01): her offer came 68 days later.
    // Bruno 126, Eve's placement 49 days after she was added: median 68.
    expect(report.figures.medianDaysToOffer).toBe(68)
    // Applications sent in the range count at the furthest stage they ever reached (Bruno's offer came in July).
    expect(report.figures.funnel).toEqual({ APPLIED: 3, SCREEN: 2, INTERVIEW: 2, FINAL: 2, OFFER: 2 })
  })

  test('a range that ends before it starts is turned round, with a word saying so', async () => {
    const { owner } = await springIntake()
    const report = (await outcomeReport(owner, { from: '2026-04-30', to: '2026-03-01' }, now))!
    expect(report).toMatchObject({ from: '2026-03-01', to: '2026-04-30' })
    expect(report.notice).toMatch(/swapped/)
  })
})
