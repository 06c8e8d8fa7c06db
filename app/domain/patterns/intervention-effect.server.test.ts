import { describe, expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import { createTask } from '../../../tests/factories'
import { createApp, daysAgo, insightPractice, now } from '../../../tests/insight-fixtures'
import { interventionEffect } from './intervention-effect.server'

describe('does it work?', () => {
  test('compares conversion in the weeks before a task was done with the weeks after, with the sample behind each figure', async () => {
    const { org, t, clients } = await insightPractice()
    const [a, b, late] = await clients(3)
    await createTask(prisma, org.id, a.id, { type: 'RESUME_TAILORING', status: 'DONE', completedAt: daysAgo(30) })
    // A later completion of the same type doesn't move the client's window.
    await createTask(prisma, org.id, a.id, { type: 'RESUME_TAILORING', status: 'DONE', completedAt: daysAgo(20) })
    await createTask(prisma, org.id, b.id, { type: 'RESUME_TAILORING', status: 'DONE', completedAt: daysAgo(25) })
    // Done 10 days ago: its two weeks after haven't passed yet.
    await createTask(prisma, org.id, late.id, { type: 'RESUME_TAILORING', status: 'DONE', completedAt: daysAgo(10) })
    await createTask(prisma, org.id, late.id, { type: 'MOCK_INTERVIEW', status: 'TODO' })

    // Client a: before (31 to 44 days ago) 1 of 4 reached a screen; after (16 to 30 days ago) 3 of 4.
    for (const [applied, screened] of [
      [32, true],
      [35, false],
      [38, false],
      [41, false],
      [18, true],
      [21, true],
      [24, true],
      [27, false],
    ] as const)
      await createApp(org.id, a.id, { applied, screen: screened ? applied - 3 : undefined })
    // Outside both windows.
    await createApp(org.id, a.id, { applied: 50, screen: 45 })
    await createApp(org.id, a.id, { applied: 10, screen: 8 })
    // Client b: one before without a screen, one after with one.
    await createApp(org.id, b.id, { applied: 30 })
    await createApp(org.id, b.id, { applied: 20, screen: 15 })
    await createApp(org.id, late.id, { applied: 15, screen: 12 })

    const effects = await interventionEffect(t, { weeks: 2, now })
    expect(effects).toEqual([
      {
        type: 'RESUME_TAILORING',
        clients: 2,
        before: { clients: 2, applications: 5, reachedScreen: 1, rate: 0.2 },
        after: { clients: 2, applications: 5, reachedScreen: 4, rate: 0.8 },
        change: 0.6,
        isSampleTooSmall: true,
      },
    ])
  })
})
