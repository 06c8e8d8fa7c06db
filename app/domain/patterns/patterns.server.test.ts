import { describe, expect, test } from 'vitest'
import { createApp, insightPractice, now } from '../../../tests/insight-fixtures'
import {
  employerGhostingRates,
  rejectionHeatMap,
  timeToFirstResponse,
  weekComparison,
} from './patterns-activity.server'
import { caseloadFunnel, clientFunnelVsCaseload, funnelSplits } from './patterns.server'

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

  test('a client’s funnel is set against the caseload median', async () => {
    const { t, b } = await caseload()
    const comparison = await clientFunnelVsCaseload(t, b.id, {}, now)
    expect(comparison.caseloadClients).toBe(2)
    expect(comparison.stages.find((s) => s.stage === 'SCREEN')).toEqual({
      stage: 'SCREEN',
      client: { count: 0, rate: 0 },
      caseloadMedianRate: 0.2,
    })
    expect(comparison.isBelowMedian).toBe(true)
  })

  test('this week against last counts events by the practice’s week', async () => {
    const { t } = await caseload()
    const { weekStart, thisWeek, lastWeek } = await weekComparison(t, now)
    expect(weekStart).toBe('2026-11-16')
    expect(thisWeek).toMatchObject({ applications: 2, screens: 0, interviews: 0, rejections: 1, ghosted: 0 })
    expect(thisWeek.rejectionsByStage.INTERVIEW).toBe(1)
    expect(lastWeek).toMatchObject({ applications: 2, screens: 0, interviews: 1, rejections: 1, ghosted: 1 })
    expect(lastWeek.rejectionsByStage.APPLIED).toBe(1)
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
