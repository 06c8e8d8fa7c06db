import type PgBoss from 'pg-boss'
import { sweepGhosted } from '~/domain/ghosting-sweep.server'
import { refreshInsights } from '~/domain/insights/store.server'
import { prisma } from '~/lib/db.server'
import { logger } from '~/lib/logger.server'
import { getBoss, type JobDefinition } from './boss.server'
import { systemTenantContext } from './tenant-context.server'
import { getPatternsPage } from '~/domain/patterns-page.server'

// The insights engine's jobs: refresh one practice's insights (queued after data changes, and
// hourly for every practice) and the ghosting sweep. Handlers are thin: they call the domain.

export const refreshInsightsQueue = 'refresh-insights'
export const refreshAllInsightsQueue = 'refresh-all-insights'
export const ghostingSweepQueue = 'ghosting-sweep'

type RefreshJob = { organizationId: string }

/** Changes within this many seconds of each other share one refresh (plus at most one in the next slot). */
const coalesceSeconds = 60

function refreshOptions(organizationId: string): PgBoss.SendOptions {
  return {
    singletonKey: organizationId,
    singletonSeconds: coalesceSeconds,
    // A change after this slot's job was queued still gets a refresh, in the next slot.
    singletonNextSlot: true,
    retryLimit: 2,
    retryDelay: 30,
  }
}

/**
 * Asks for the practice's insights to be recomputed soon. Domain code calls it after data changes;
 * bursts coalesce into one job per practice a minute. A no-op when jobs are off in this process.
 */
export async function queueInsightsRefresh(organizationId: string) {
  const boss = getBoss()
  if (!boss) return null
  return boss.send(refreshInsightsQueue, { organizationId } satisfies RefreshJob, refreshOptions(organizationId))
}

/**
 * Fire and forget, for domain code after a change: failing to queue must not fail the change itself,
 * and the hourly refresh catches up anyway.
 */
export function requestInsightsRefresh(organizationId: string) {
  queueInsightsRefresh(organizationId).catch((error) =>
    logger.warn({ err: error, organizationId }, 'could not queue an insights refresh'),
  )
}

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
        const ids = new Set(jobs.map((job) => (job.data as Partial<RefreshJob>).organizationId).filter(Boolean))
        for (const id of ids) {
          const t = await systemTenantContext({ id: id! })
          if (!t) continue
          const started = Date.now()
          const summary = await refreshInsights(t)
          // Warm the patterns page's default window, so coaches read stored figures after a change.
          await getPatternsPage(t, 30, { refresh: true })
          logger.info({ organizationId: id, ms: Date.now() - started, ...summary }, 'insights refreshed')
        }
      },
    },
    {
      // Hourly, every practice: insights that depend on time (ghosting, momentum) change without any write.
      name: refreshAllInsightsQueue,
      schedule: '17 * * * *',
      async handler() {
        const boss = getBoss()
        if (!boss) return
        for (const id of await listPracticeIds())
          await boss.send(refreshInsightsQueue, { organizationId: id } satisfies RefreshJob, refreshOptions(id))
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
