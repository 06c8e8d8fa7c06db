import { expect, test } from 'vitest'
import { createApp, daysBeforeToday, insightPractice } from '../../../tests/insight-fixtures'
import { getPatternsPage, PatternsQuery } from './patterns-page.server'

test('the patterns page’s caseload funnel adds up the applications of the window, each counted at every stage it reached', async () => {
  const { org, t, client } = await insightPractice()
  const c = await client()
  await createApp(org.id, c.id, { applied: daysBeforeToday(10), screen: daysBeforeToday(8), tailored: true })
  await createApp(org.id, c.id, {
    applied: daysBeforeToday(12),
    screen: daysBeforeToday(10),
    interview: daysBeforeToday(6),
  })
  await createApp(org.id, c.id, { applied: daysBeforeToday(20) })
  await createApp(org.id, c.id, { applied: daysBeforeToday(60), screen: daysBeforeToday(50) })
  const page = await getPatternsPage(t, 30)
  expect(page.funnel).toEqual({ APPLIED: 3, SCREEN: 2, INTERVIEW: 1, FINAL: 0, OFFER: 0 })
  expect((await getPatternsPage(t, 90)).funnel.APPLIED).toBe(4)
})

test('the window comes from the URL and falls back to 30 days', () => {
  expect(PatternsQuery.parse({ days: '180' }).days).toBe(180)
  expect(PatternsQuery.parse({ days: '45' }).days).toBe(30)
  expect(PatternsQuery.parse({}).days).toBe(30)
})
