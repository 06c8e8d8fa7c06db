import type PgBoss from 'pg-boss'
import { describe, expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import { createApp, daysBeforeToday, insightPractice } from '../../tests/insight-fixtures'
import { insightJobDefinitions, refreshInsightsQueue } from './insights.server'
import { queueInsightsRefresh } from './queue.server'
import { systemTenantContext } from '../tenancy/system-context.server'

const job = (name: string) => insightJobDefinitions().find((definition) => definition.name === name)!

describe('insight jobs', () => {
  test('the refresh job stores a practice’s insights, acting as its owner', async () => {
    const { org, owner, client } = await insightPractice()
    const c = await client()
    await createApp(org.id, c.id, { applied: daysBeforeToday(40) })
    const t = await systemTenantContext({ id: org.id })
    expect(t).toMatchObject({ role: 'OWNER', user: { id: owner.id } })

    await job(refreshInsightsQueue).handler([{ data: { organizationId: org.id } } as PgBoss.Job<object>])
    const stored = await prisma.insight.findMany({ where: { organizationId: org.id, clientId: c.id } })
    expect(stored.map((insight) => insight.kind)).toContain('GHOSTED')
  })

  test('the sweep and the hourly refresh are scheduled; queueing is a no-op when jobs are off', async () => {
    expect(job('ghosting-sweep').schedule).toBeTruthy()
    expect(job('refresh-all-insights').schedule).toBeTruthy()
    expect(await queueInsightsRefresh('any-practice')).toBeNull()
  })
})
