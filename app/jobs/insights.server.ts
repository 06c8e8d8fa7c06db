import { sweepGhosted } from '~/domain/applications/ghosting-sweep.server'
import { refreshInsights } from '~/domain/insights/store.server'
import { prisma } from '~/lib/db.server'
import { logger } from '~/lib/logger.server'
import type { JobDefinition } from './boss.server'
import { enqueue, insightsRefreshOptions, queueInsightsRefresh, queues, type JobData } from './queue.server'
import { systemTenantContext } from '../tenancy/system-context.server'
import { getPatternsPage } from '~/domain/patterns/patterns-page.server'
import { caseloadMedians } from '~/domain/patterns/patterns.server'
import { dashboardFigures } from '~/domain/practices/dashboard.server'

// The insights engine's jobs: refresh one practice's insights (queued after data changes, and
// hourly for every practice) and the ghosting sweep. Handlers are thin: they call the domain.

export const refreshInsightsQueue = queues.refreshInsights
export const refreshAllInsightsQueue = queues.refreshAllInsights
export const ghostingSweepQueue = queues.ghostingSweep

async function listPracticeIds() {
  const rows = await prisma.organization.findMany({ select: { id: true }, orderBy: { id: 'asc' } })
  return rows.map((row) => row.id)
}

export function insightJobDefinitions(): JobDefinition[] {
  return [
    {
      name: refreshInsightsQueue,
      options: { retryLimit: 2, retryDelay: 30 },
      workOptions: { batchSize: 5 },
      async handler(jobs) {
        const ids = new Set(
          jobs.map((job) => (job.data as Partial<JobData['refresh-insights']>).organizationId).filter(Boolean),
        )
        for (const id of ids) {
          const t = await systemTenantContext({ id: id! })
          if (!t) continue
          const started = Date.now()
          const summary = await refreshInsights(t)
          // Warm the patterns page's default window, the client page's caseload medians and the home page's
          // week and funnel, so coaches read stored figures after a change.
          await getPatternsPage(t, 30, { refresh: true })
          await caseloadMedians(t, {}, { refresh: true })
          await dashboardFigures(t, { refresh: true })
          logger.info({ organizationId: id, ms: Date.now() - started, ...summary }, 'insights refreshed')
        }
      },
    },
    {
      // Hourly, every practice: insights that depend on time (ghosting, momentum) change without any write.
      name: refreshAllInsightsQueue,
      schedule: '17 * * * *',
      async handler() {
        for (const id of await listPracticeIds())
          await enqueue(queues.refreshInsights, { organizationId: id }, insightsRefreshOptions(id))
      },
    },
    {
      // Daily: the GHOSTED insight asks for a follow-up on what crossed the threshold since the last
      // sweep. Idempotent, and a missed day is caught up by the next run (it reads the database, not the clock).
      name: ghostingSweepQueue,
      schedule: '5 6 * * *',
      async handler() {
        for (const id of await listPracticeIds()) {
          const t = await systemTenantContext({ id })
          if (!t) continue
          const marked = await sweepGhosted(t)
          if (marked > 0) {
            logger.info({ organizationId: id, marked }, 'applications marked ghosted')
            await queueInsightsRefresh(id)
          }
        }
      },
    },
  ]
}
