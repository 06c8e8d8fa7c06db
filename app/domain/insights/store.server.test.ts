import { describe, expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import { createApp, daysAgo, insightPractice, now } from '../../../tests/insight-fixtures'
import {
  dismissInsight,
  findInsight,
  listInsightApplications,
  listOpenInsights,
  refreshInsights,
  snoozeInsight,
} from './store.server'
import { InputError } from '~/lib/input-error'

const DAY = 86_400_000
const later = (days: number) => new Date(now.getTime() + days * DAY)

async function ghostedClient() {
  const practice = await insightPractice({ ghostingThresholdDays: 21 })
  // A goal of zero and recent activity keep MOMENTUM_DROP out of the way.
  const client = await practice.client({ weeklyGoal: 0, lastActivityAt: daysAgo(1) })
  await createApp(practice.org.id, client.id, { applied: 25 })
  return { ...practice, client }
}

const ghostedInsight = (organizationId: string) =>
  prisma.insight.findFirstOrThrow({ where: { organizationId, kind: 'GHOSTED' } })

describe('stored insights', () => {
  test('a refresh stores the insights that hold, open, and a second refresh adds nothing', async () => {
    const { org, t, client } = await ghostedClient()
    const first = await refreshInsights(t, now)
    expect(first).toMatchObject({ created: first.current, resolved: 0 })
    const second = await refreshInsights(t, later(0.01))
    expect(second).toMatchObject({ created: 0, current: first.current, resolved: 0 })

    const open = await listOpenInsights(t, { clientId: client.id })
    expect(open.map((i) => i.kind)).toEqual(['GHOSTED'])
    expect(open[0]).toMatchObject({ status: 'OPEN', evidenceSize: 1, suggestedTaskType: 'FOLLOW_UP' })
    expect(open[0]!.client).toMatchObject({ id: client.id, name: client.name })
    const applications = await listInsightApplications(t, open[0]!)
    expect(applications).toHaveLength(1)
    expect((await ghostedInsight(org.id)).organizationId).toBe(org.id)
  })

  test('an insight whose condition no longer holds is resolved, and reopens when it holds again', async () => {
    const { org, t, client } = await ghostedClient()
    await refreshInsights(t, now)
    const application = await prisma.jobApplication.findFirstOrThrow({ where: { clientId: client.id } })
    await prisma.jobApplication.update({ where: { id: application.id }, data: { stage: 'SCREEN', lastEventAt: now } })
    await prisma.stageEvent.create({
      data: {
        organizationId: org.id,
        clientId: client.id,
        applicationId: application.id,
        fromStage: 'APPLIED',
        toStage: 'SCREEN',
        fromOutcome: 'ACTIVE',
        toOutcome: 'ACTIVE',
        actorType: 'CLIENT',
        occurredAt: now,
      },
    })
    expect((await refreshInsights(t, later(0.01))).resolved).toBe(1)
    expect((await ghostedInsight(org.id)).status).toBe('RESOLVED')
    expect(await listOpenInsights(t, { clientId: client.id })).toEqual([])

    // 22 days later the screen has gone silent too.
    await refreshInsights(t, later(22))
    expect((await ghostedInsight(org.id)).status).toBe('OPEN')
  })

  test('a dismissed insight stays dismissed until its evidence grows', async () => {
    const { org, t, client } = await ghostedClient()
    await refreshInsights(t, now)
    const insight = await ghostedInsight(org.id)
    const dismissed = await dismissInsight(t, insight.id, 'She followed up by phone')
    expect(dismissed).toMatchObject({
      status: 'DISMISSED',
      statusReason: 'She followed up by phone',
      dismissedAtSize: 1,
    })

    await refreshInsights(t, later(1))
    expect((await ghostedInsight(org.id)).status).toBe('DISMISSED')
    expect(await listOpenInsights(t)).toEqual([])

    await createApp(org.id, client.id, { applied: 24 })
    await refreshInsights(t, later(2))
    const reopened = await ghostedInsight(org.id)
    expect(reopened).toMatchObject({ status: 'OPEN', evidenceSize: 2, statusReason: null, dismissedAtSize: null })
    expect(reopened.id).toBe(insight.id)
  })

  test('a snoozed insight reopens once the snooze date comes', async () => {
    const { org, t } = await ghostedClient()
    await refreshInsights(t, now)
    const insight = await ghostedInsight(org.id)
    await snoozeInsight(t, insight.id, '2026-11-25', 'Waiting to hear back', now)

    await refreshInsights(t, new Date('2026-11-24T23:00:00Z'))
    expect((await ghostedInsight(org.id)).status).toBe('SNOOZED')
    await refreshInsights(t, new Date('2026-11-25T00:30:00Z'))
    expect((await ghostedInsight(org.id)).status).toBe('OPEN')
  })

  test('a snooze needs a date after today', async () => {
    const { org, t } = await ghostedClient()
    await refreshInsights(t, now)
    const insight = await ghostedInsight(org.id)
    await expect(snoozeInsight(t, insight.id, '2026-11-20', null, now)).rejects.toBeInstanceOf(InputError)
  })

  test('open insights come most severe first, caseload ones included, and another practice sees none of them', async () => {
    const { org, t, client } = await ghostedClient()
    for (let i = 0; i < 16; i++) await createApp(org.id, client.id, { applied: 2 + i * 3 })
    await refreshInsights(t, now)
    const open = await listOpenInsights(t)
    expect(open.length).toBeGreaterThan(1)
    expect(open.map((i) => i.severity)).toEqual([...open.map((i) => i.severity)].sort((a, b) => b - a))

    const other = await insightPractice()
    expect(await listOpenInsights(other.t)).toEqual([])
    expect(await findInsight(other.t, open[0]!.id)).toBeNull()
    expect(await dismissInsight(other.t, open[0]!.id)).toBeNull()
  })
})
