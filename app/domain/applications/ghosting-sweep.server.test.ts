import { describe, expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import { createApp, insightPractice, now } from '../../../tests/insight-fixtures'
import { sweepGhosted } from './ghosting-sweep.server'

describe('the ghosting sweep', () => {
  test('marks silent applications at APPLIED or SCREEN past the threshold as ghosted, once, with a system event', async () => {
    const { org, t, client } = await insightPractice({ ghostingThresholdDays: 21 })
    const c = await client()
    const applied = await createApp(org.id, c.id, { applied: 25 })
    const screened = await createApp(org.id, c.id, { applied: 40, screen: 30 })
    const recent = await createApp(org.id, c.id, { applied: 20 })
    const interview = await createApp(org.id, c.id, { applied: 50, screen: 40, interview: 30 })
    const rejected = await createApp(org.id, c.id, { applied: 40, end: { outcome: 'REJECTED', day: 30 } })
    const other = await insightPractice({ ghostingThresholdDays: 21 })
    const otherClient = await other.client()
    const elsewhere = await createApp(other.org.id, otherClient.id, { applied: 40 })

    expect(await sweepGhosted(t, now)).toBe(2)
    const rows = await prisma.jobApplication.findMany({
      where: { organizationId: org.id },
      select: { id: true, outcome: true, lastEventAt: true },
    })
    const outcome = Object.fromEntries(rows.map((row) => [row.id, row.outcome]))
    expect(outcome[applied.id]).toBe('GHOSTED')
    expect(outcome[screened.id]).toBe('GHOSTED')
    expect([outcome[recent.id], outcome[interview.id], outcome[rejected.id]]).toEqual(['ACTIVE', 'ACTIVE', 'REJECTED'])
    expect(rows.find((row) => row.id === applied.id)!.lastEventAt).toEqual(now)

    const events = await prisma.stageEvent.findMany({ where: { organizationId: org.id, toOutcome: 'GHOSTED' } })
    expect(events).toHaveLength(2)
    expect(events.every((e) => e.actorType === 'SYSTEM' && e.fromOutcome === 'ACTIVE' && e.actorUserId === null)).toBe(
      true,
    )
    expect(events.find((e) => e.applicationId === screened.id)).toMatchObject({
      fromStage: 'SCREEN',
      toStage: 'SCREEN',
    })

    expect(await sweepGhosted(t, now)).toBe(0)
    expect(await prisma.stageEvent.count({ where: { organizationId: org.id, toOutcome: 'GHOSTED' } })).toBe(2)
    expect((await prisma.jobApplication.findUniqueOrThrow({ where: { id: elsewhere.id } })).outcome).toBe('ACTIVE')
  })

  test('follows the practice’s own threshold', async () => {
    const { org, t, client } = await insightPractice({ ghostingThresholdDays: 30 })
    const c = await client()
    await createApp(org.id, c.id, { applied: 25 })
    expect(await sweepGhosted(t, now)).toBe(0)
  })
})
