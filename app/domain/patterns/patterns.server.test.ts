import { describe, expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import { createApplicationWithHistory, createCohort } from '~/../tests/factories'
import { createApp, insightPractice, now } from '~/../tests/insight-fixtures'
import {
  employerGhostingRates,
  rejectionHeatMap,
  timeToFirstResponse,
  weekComparison,
} from './patterns-activity.server'
import {
  caseloadFunnel,
  caseloadMedians,
  clientFunnelVsCaseload,
  funnelGroupSplits,
  funnelSplits,
} from './patterns.server'

async function caseload() {
  const practice = await insightPractice()
  const a = await practice.client()
  const b = await practice.client()
  // a: 5 applications, 2 screens (one went on to an interview, then a rejection there), tailored ones.
  await createApp(practice.org.id, a.id, { applied: 30, screen: 26, tailored: true, company: 'Acme' })
  await createApp(practice.org.id, a.id, {
    applied: 20,
    screen: 16,
    interview: 10,
    end: { outcome: 'REJECTED', day: 3, reason: 'SKILLS_GAP' },
    tailored: true,
    company: 'Acme',
  })
  for (const applied of [12, 9, 2]) await createApp(practice.org.id, a.id, { applied, company: 'Globex' })
  // b: 5 applications, none heard back; two ghosted by Globex, one rejected at the application stage.
  await createApp(practice.org.id, b.id, { applied: 40, company: 'Globex', end: { outcome: 'GHOSTED', day: 12 } })
  await createApp(practice.org.id, b.id, { applied: 35, company: 'Globex', end: { outcome: 'GHOSTED', day: 8 } })
  await createApp(practice.org.id, b.id, {
    applied: 14,
    end: { outcome: 'REJECTED', day: 10, reason: 'EXPERIENCE_LEVEL' },
  })
  for (const applied of [6, 4]) await createApp(practice.org.id, b.id, { applied })
  return { ...practice, a, b }
}

describe('caseload figures', () => {
  test('the funnel counts each application at every stage its events reached, and splits by tailoring', async () => {
    const { t } = await caseload()
    expect((await caseloadFunnel(t, {}, now)).funnel).toEqual({
      APPLIED: 10,
      SCREEN: 2,
      INTERVIEW: 1,
      FINAL: 0,
      OFFER: 0,
    })
    const splits = await funnelSplits(t, {}, now)
    expect(splits.find((s) => s.dimension === 'tailored' && s.key === 'true')).toMatchObject({ APPLIED: 2, SCREEN: 2 })
    expect(splits.find((s) => s.dimension === 'tailored' && s.key === 'false')).toMatchObject({ APPLIED: 8, SCREEN: 0 })
    expect(splits.filter((s) => s.dimension === 'coach')).toEqual([
      expect.objectContaining({ key: null, label: 'No coach', APPLIED: 10 }),
    ])
  })

  test('the funnel splits by cohort (a client in two counts in both) and by a single-choice client field', async () => {
    const { t, org, a, b } = await caseload()
    const spring = await createCohort(prisma, org.id, 'Spring intake', ['2026-01-05', '2027-06-30'])
    const sponsor = await createCohort(prisma, org.id, 'Acme layoff', ['2026-02-01', '2027-06-30'])
    await prisma.clientCohort.createMany({
      data: [
        { organizationId: org.id, cohortId: spring.id, clientId: a.id },
        { organizationId: org.id, cohortId: spring.id, clientId: b.id },
        { organizationId: org.id, cohortId: sponsor.id, clientId: a.id },
      ],
    })
    const track = await prisma.clientField.create({
      data: { organizationId: org.id, name: 'Track', kind: 'CHOICE', choices: ['Data', 'Design'] },
    })
    const notes = await prisma.clientField.create({ data: { organizationId: org.id, name: 'Notes', kind: 'TEXT' } })
    await prisma.client.update({ where: { id: a.id }, data: { customFields: { [track.id]: 'Data', [notes.id]: 'x' } } })

    const splits = await funnelGroupSplits(t, {}, now)
    expect(splits.map((s) => s.title)).toEqual(['By cohort', 'By Track'])
    expect(splits[0]!.rows).toEqual([
      expect.objectContaining({ label: 'Spring intake', clients: 2, APPLIED: 10, SCREEN: 2, INTERVIEW: 1 }),
      expect.objectContaining({ label: 'Acme layoff', clients: 1, APPLIED: 5, SCREEN: 2, isSmallSample: true }),
    ])
    // b has no track: left out of that split, not counted as a group of its own.
    expect(splits[1]!.rows).toEqual([expect.objectContaining({ label: 'Data', clients: 1, APPLIED: 5, SCREEN: 2 })])
  })

  test('the funnel splits by a multiple-choice field (a client with two choices counts in both) and filters to one choice', async () => {
    const { t, org, a, b } = await caseload()
    const skills = await prisma.clientField.create({
      data: { organizationId: org.id, name: 'Skills', kind: 'MULTI_CHOICE', choices: ['SQL', 'Python', 'Figma'] },
    })
    const track = await prisma.clientField.create({
      data: { organizationId: org.id, name: 'Track', kind: 'CHOICE', choices: ['Data', 'Design'] },
    })
    const retired = await prisma.clientField.create({
      data: { organizationId: org.id, name: 'Old', kind: 'MULTI_CHOICE', choices: ['X'], retiredAt: now },
    })
    await prisma.client.update({
      where: { id: a.id },
      data: { customFields: { [skills.id]: ['SQL', 'Python'], [track.id]: 'Data', [retired.id]: ['X'] } },
    })
    await prisma.client.update({ where: { id: b.id }, data: { customFields: { [skills.id]: ['Python'] } } })

    const splits = await funnelGroupSplits(t, {}, now)
    // Beside the single-choice split; a retired field has none.
    expect(splits.map((s) => s.title)).toEqual(['By Skills', 'By Track'])
    // a (5 applications, 2 screens, 1 interview) holds SQL and Python; b (5, none heard back) Python only.
    // Figma: nobody, so no row.
    expect(splits[0]!.rows).toEqual([
      expect.objectContaining({ key: 'Python', label: 'Python', clients: 2, APPLIED: 10, SCREEN: 2, INTERVIEW: 1 }),
      expect.objectContaining({ key: 'SQL', label: 'SQL', clients: 1, APPLIED: 5, SCREEN: 2, INTERVIEW: 1 }),
    ])
    expect(splits[1]!.rows).toEqual([expect.objectContaining({ label: 'Data', clients: 1, APPLIED: 5 })])

    const applied = async (value: string) => {
      const rows = await funnelSplits(t, { group: { fieldId: skills.id, value, multiple: true } }, now)
      return rows.filter((r) => r.dimension === 'tailored').reduce((sum, r) => sum + r.APPLIED, 0)
    }
    expect(await applied('SQL')).toBe(5)
    expect(await applied('Python')).toBe(10)
    expect(await applied('Figma')).toBe(0)
  })

  test('a client’s funnel is set against the caseload median', async () => {
    const { t, b } = await caseload()
    const comparison = await clientFunnelVsCaseload(t, b.id, {}, now)
    expect(comparison.caseloadClients).toBe(2)
    expect(comparison.stages.find((s) => s.stage === 'SCREEN')).toEqual({
      stage: 'SCREEN',
      client: { count: 0, rate: 0 },
      caseloadMedianRate: 0.2,
      cohortMedianRate: null,
    })
    expect(comparison.isBelowMedian).toBe(true)
  })

  test('a client in a cohort is set against the cohort’s median too, from the same snapshot', async () => {
    const { t, org, a, b } = await caseload()
    const cohort = (name: string, startsOn: string) =>
      prisma.cohort.create({
        data: { organizationId: org.id, name, startsOn: new Date(startsOn), endsOn: new Date('2027-06-30') },
      })
    const older = await cohort('Autumn', '2026-09-01')
    const newer = await cohort('Winter', '2026-11-01')
    // a is in both (the one that started last is the comparison); b only in the older one.
    for (const [c, client] of [
      [older, a],
      [newer, a],
      [older, b],
    ] as const)
      await prisma.clientCohort.create({ data: { organizationId: org.id, cohortId: c.id, clientId: client.id } })
    await caseloadMedians(t, {}, { now, refresh: true })
    const forA = await clientFunnelVsCaseload(t, a.id, {}, now)
    // Winter holds a alone (2 of 5 screened); the caseload is a and b (0.4 and 0).
    expect(forA.cohort).toEqual({ id: newer.id, name: 'Winter', clients: 1 })
    expect(forA.stages.find((s) => s.stage === 'SCREEN')).toMatchObject({
      caseloadMedianRate: 0.2,
      cohortMedianRate: 0.4,
    })
    const forB = await clientFunnelVsCaseload(t, b.id, {}, now)
    expect(forB.cohort).toEqual({ id: older.id, name: 'Autumn', clients: 2 })
    expect(forB.stages.find((s) => s.stage === 'SCREEN')).toMatchObject({ cohortMedianRate: 0.2 })
  })

  test('the client page reads the caseload medians from the snapshot; the client’s own counts are read afresh', async () => {
    const { t, org, a, b } = await caseload()
    const first = await clientFunnelVsCaseload(t, b.id, {}, now)
    const stored = await prisma.caseloadSnapshot.findFirst({
      where: { organizationId: org.id, key: 'caseload-medians:90' },
    })
    expect(stored?.data).toMatchObject({ clients: 2, SCREEN: 0.2 })
    // b hears back from a screen: its own row changes at once, the medians only when the snapshot is refreshed.
    await createApp(org.id, b.id, { applied: 3, screen: 1 })
    const second = await clientFunnelVsCaseload(t, b.id, {}, now)
    expect(second.stages.find((s) => s.stage === 'SCREEN')).toEqual({
      stage: 'SCREEN',
      client: { count: 1, rate: 0.167 },
      caseloadMedianRate: 0.2,
      cohortMedianRate: null,
    })
    expect(second.caseloadClients).toBe(first.caseloadClients)
    await caseloadMedians(t, {}, { now, refresh: true })
    const refreshed = await clientFunnelVsCaseload(t, a.id, {}, now)
    // Medians of a (2 of 5 screened: 0.4) and b (1 of 6: 0.167).
    expect(refreshed.stages.find((s) => s.stage === 'SCREEN')?.caseloadMedianRate).toBe(0.283)
  })

  test('this week against last counts events by the practice’s week', async () => {
    const { t } = await caseload()
    const { weekStart, thisWeek, lastWeek } = await weekComparison(t, now)
    expect(weekStart).toBe('2026-11-16')
    expect(thisWeek).toMatchObject({ applications: 2, screens: 0, interviews: 0, rejections: 1, ghosted: 0 })
    expect(thisWeek.rejectionsByStage.INTERVIEW).toBe(1)
    // Last week up to Friday 15:00 only: Saturday's application is left out.
    expect(lastWeek).toMatchObject({ applications: 1, screens: 0, interviews: 1, rejections: 1, ghosted: 1 })
    expect(lastWeek.rejectionsByStage.APPLIED).toBe(1)
  })

  test('on a Tuesday, this week so far is set against last Monday to the same time last Tuesday, not a whole week', async () => {
    const { t, org, client } = await insightPractice({ timezone: 'America/New_York' })
    const c = await client()
    const tuesday = new Date('2026-11-24T20:00:00Z') // Tuesday 15:00 in New York
    const applied = (at: string) =>
      createApplicationWithHistory(prisma, org.id, c.id, { path: [{ stage: 'APPLIED', at: new Date(at) }] })
    await applied('2026-11-23T14:00:00Z') // this Monday
    await applied('2026-11-16T14:00:00Z') // last Monday: counts
    await applied('2026-11-17T19:00:00Z') // last Tuesday 14:00 local: counts
    await applied('2026-11-17T21:00:00Z') // last Tuesday 16:00 local: after the same time, left out
    await applied('2026-11-19T14:00:00Z') // last Thursday: left out
    await applied('2026-11-16T04:30:00Z') // Sunday 23:30 local, the week before: left out
    const week = await weekComparison(t, tuesday)
    expect(week.compared).toBe('Mon–Tue so far, against the same days last week')
    expect(week.thisWeek.applications).toBe(1)
    expect(week.lastWeek.applications).toBe(2)
  })

  test('time to first response, ghosting by employer and the rejection heat map', async () => {
    const { t } = await caseload()
    const response = await timeToFirstResponse(t, {}, now)
    // Responses after 4, 4 and 4 days (two screens and a rejection); ghosted ones never heard back.
    expect(response.overall).toEqual({ source: null, applications: 10, responded: 3, medianDays: 4 })
    const ghosting = await employerGhostingRates(t, {}, now)
    expect(ghosting[0]).toMatchObject({ company: 'Globex', applications: 5, ghosted: 2, rate: 0.4 })
    expect(ghosting.map((row) => row.company)).not.toContain('Acme')
    const heat = await rejectionHeatMap(t, {}, now)
    expect(heat.cells).toEqual([
      { stage: 'APPLIED', reason: 'EXPERIENCE_LEVEL', count: 1 },
      { stage: 'INTERVIEW', reason: 'SKILLS_GAP', count: 1 },
    ])
  })
})
