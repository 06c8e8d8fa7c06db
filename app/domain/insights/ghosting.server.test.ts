import { describe, expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import { createTask } from '../../../tests/factories'
import { createApp, daysAgo, insightPractice, now } from '../../../tests/insight-fixtures'
import {
  addApplication,
  ApplicationInput,
  moveApplicationStage,
  type PipelineContext,
} from '../applications/applications.server'
import { coachPipelineFor } from '../applications/application-page.server'
import { completeTask } from '../tasks/client-tasks.server'
import { sweepGhosted } from '../applications/ghosting-sweep.server'
import { assignSuggestedTask } from '../tasks/tasks.server'
import { computeInsights } from './compute.server'
import { dismissInsight, listOpenInsights, refreshInsights } from './store.server'

// Ghosting is a state of silence, not a mark (docs/decisions/0010-ghosting-is-silence.md): the
// sweep's mark never ends a GHOSTED insight; a follow-up done, a dismissal or a move does.

const DAY = 86_400_000
const later = (days: number) => new Date(now.getTime() + days * DAY)
/** The client (or their coach) records an application sent on `appliedOn`, as the app does. */
const record = (p: PipelineContext, appliedOn: string, company = 'Quietco') =>
  addApplication(p, ApplicationInput.parse({ company, roleTitle: 'Analyst', appliedOn }), now)
const ghostedOf = async (t: Parameters<typeof computeInsights>[0], at = now) =>
  (await computeInsights(t, at)).filter((insight) => insight.kind === 'GHOSTED')

async function quietPractice() {
  const practice = await insightPractice({ ghostingThresholdDays: 21 })
  // A goal of zero and recent activity keep MOMENTUM_DROP out of the way.
  const client = await practice.client({ weeklyGoal: 0, lastActivityAt: daysAgo(1) })
  return { ...practice, c: client }
}

describe('GHOSTED after the ghosting sweep', () => {
  test('applications the sweep has marked GHOSTED still make the client ghosted, and the insight stays open', async () => {
    const { org, t, c } = await quietPractice()
    for (const applied of [25, 30, 40]) await createApp(org.id, c.id, { applied })
    await refreshInsights(t, now)
    expect(await sweepGhosted(t, later(0.1))).toBe(3)

    const [insight] = await ghostedOf(t, later(1))
    expect(insight).toMatchObject({ clientId: c.id, evidenceSize: 3 })
    expect(insight!.evidence).toMatchObject({ applicationsWithoutResponse: 3, markedGhosted: 3, thresholdDays: 21 })
    await refreshInsights(t, later(1))
    expect((await listOpenInsights(t, { clientId: c.id })).map((i) => i.kind)).toEqual(['GHOSTED'])
  })

  test('an application the client marked ghosted by hand counts from the day it was sent, not from the mark', async () => {
    const { org, t, c } = await quietPractice()
    await createApp(org.id, c.id, { applied: 25, end: { outcome: 'GHOSTED', day: 3 } })
    await createApp(org.id, c.id, { applied: 15, end: { outcome: 'GHOSTED', day: 2 } })
    const [insight] = await ghostedOf(t)
    expect(insight!.evidence).toMatchObject({ applicationsWithoutResponse: 1, longestSilenceDays: 25 })
  })

  test('an application recorded today but sent 30 days ago is silent since it was sent, for the rule and the sweep', async () => {
    const { t, c } = await quietPractice()
    const p = coachPipelineFor(t, c)
    await record(p, '2026-10-21')
    await record(p, '2026-11-05', 'Recentco')

    expect((await ghostedOf(t))[0]!.evidence).toMatchObject({ applicationsWithoutResponse: 1 })
    expect(await sweepGhosted(t, now)).toBe(1)
    expect((await ghostedOf(t))[0]!.evidence).toMatchObject({ applicationsWithoutResponse: 1, markedGhosted: 1 })
  })
})

describe('what ends a GHOSTED insight', () => {
  test('the follow-up task it suggested, once done, closes it; still to do, it does not', async () => {
    const { org, t, c } = await quietPractice()
    for (const applied of [25, 30]) await createApp(org.id, c.id, { applied })
    await sweepGhosted(t, now)
    await refreshInsights(t, now)
    const [open] = await listOpenInsights(t, { clientId: c.id })
    const assigned = await assignSuggestedTask(t, open!.id, { dueOn: '2026-11-27' }, now)
    const task = assigned!.created[0]!
    expect(task).toMatchObject({ type: 'FOLLOW_UP', applicationId: null })

    await refreshInsights(t, later(1))
    expect(await listOpenInsights(t, { clientId: c.id })).toHaveLength(1)
    await completeTask(coachPipelineFor(t, c), task.id, { note: 'Wrote to both' }, later(2))
    expect(await ghostedOf(t, later(3))).toEqual([])
    const summary = await refreshInsights(t, later(3))
    expect(summary.resolved).toBe(1)
    expect(await prisma.insight.findUniqueOrThrow({ where: { id: open!.id } })).toMatchObject({ status: 'RESOLVED' })
  })

  test('a follow-up about one application covers that one only; one done before it went silent covers nothing', async () => {
    const { org, t, c } = await quietPractice()
    const first = await createApp(org.id, c.id, { applied: 30 })
    await createApp(org.id, c.id, { applied: 40 })
    await createTask(prisma, org.id, c.id, {
      type: 'FOLLOW_UP',
      status: 'DONE',
      applicationId: first.id,
      completedAt: daysAgo(2),
    })
    await createTask(prisma, org.id, c.id, { type: 'FOLLOW_UP', status: 'DONE', completedAt: daysAgo(45) })
    await createTask(prisma, org.id, c.id, { type: 'FOLLOW_UP', status: 'SKIPPED', completedAt: daysAgo(1) })
    const [insight] = await ghostedOf(t)
    expect(insight!.evidence).toMatchObject({ applicationsWithoutResponse: 1 })
    expect(insight!.evidence.applicationIds).not.toContain(first.id)
  })

  test('the application moving closes it; the coach dismissing it keeps it closed through the sweep', async () => {
    const moved = await quietPractice()
    const app = await createApp(moved.org.id, moved.c.id, { applied: 30 })
    await sweepGhosted(moved.t, now)
    await refreshInsights(moved.t, now)
    await moveApplicationStage(coachPipelineFor(moved.t, moved.c), app.id, 'SCREEN', later(1))
    expect((await refreshInsights(moved.t, later(1))).resolved).toBe(1)

    const dismissed = await quietPractice()
    await createApp(dismissed.org.id, dismissed.c.id, { applied: 30 })
    await refreshInsights(dismissed.t, now)
    const [open] = await listOpenInsights(dismissed.t, { clientId: dismissed.c.id })
    await dismissInsight(dismissed.t, open!.id)
    await sweepGhosted(dismissed.t, later(1))
    await refreshInsights(dismissed.t, later(1))
    expect(await listOpenInsights(dismissed.t, { clientId: dismissed.c.id })).toEqual([])
  })
})

describe('the horizon', () => {
  test('silence that began over 60 days ago is history, not a follow-up to send', async () => {
    const { org, t, c } = await quietPractice()
    await createApp(org.id, c.id, { applied: 75 })
    await createApp(org.id, c.id, { applied: 90, screen: 62 })
    expect(await ghostedOf(t)).toEqual([])
    await createApp(org.id, c.id, { applied: 59 })
    expect((await ghostedOf(t))[0]!.evidence).toMatchObject({ applicationsWithoutResponse: 1 })
  })
})

describe('the threshold in the client’s own days', () => {
  test('sent 21 days ago in the client’s timezone is ghosted; 20 days ago is not, east or west of UTC', async () => {
    // now is 15:00 UTC on 20 November: already the 21st in Auckland, still the 20th in Honolulu.
    const { t, client } = await insightPractice({ ghostingThresholdDays: 21 })
    const cases = [
      { timezone: 'Pacific/Auckland', ghosted: '2026-10-31', nearMiss: '2026-11-01' },
      { timezone: 'Pacific/Honolulu', ghosted: '2026-10-30', nearMiss: '2026-10-31' },
      { timezone: 'UTC', ghosted: '2026-10-30', nearMiss: '2026-10-31' },
    ]
    const expected: string[] = []
    const misses: string[] = []
    for (const { timezone, ghosted, nearMiss } of cases) {
      const g = await client({ timezone, weeklyGoal: 0, lastActivityAt: daysAgo(1) })
      const n = await client({ timezone, weeklyGoal: 0, lastActivityAt: daysAgo(1) })
      await record(coachPipelineFor(t, g), ghosted)
      await record(coachPipelineFor(t, n), nearMiss)
      expected.push(g.id)
      misses.push(n.id)
    }
    const found = (await ghostedOf(t)).map((insight) => insight.clientId)
    expect(found.sort()).toEqual(expected.sort())
    expect(await sweepGhosted(t, now)).toBe(3)
  })
})

describe('EMPLOYER_GHOSTING without the sweep', () => {
  test('an employer silent past the threshold for four clients is found with no application marked', async () => {
    const { org, t, client } = await insightPractice({ ghostingThresholdDays: 21 })
    for (let i = 0; i < 4; i++) {
      const c = await client()
      await createApp(org.id, c.id, { applied: 35, company: 'Silent Systems' })
      await createApp(org.id, c.id, { applied: 15, company: 'Not Yet Ltd' })
    }
    const insights = (await computeInsights(t, now)).filter((i) => i.kind === 'EMPLOYER_GHOSTING')
    expect(insights.map((i) => i.fingerprint)).toEqual(['silent systems'])
    expect(insights[0]!.evidence).toMatchObject({ applications: 4, ghosted: 4, clients: 4 })
    expect(await prisma.jobApplication.count({ where: { organizationId: org.id, outcome: 'GHOSTED' } })).toBe(0)
  })
})
