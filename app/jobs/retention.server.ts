import type PgBoss from 'pg-boss'
import { applyClientRetention } from '~/domain/clients/retention.server'
import { prisma } from '~/lib/db.server'
import { logger } from '~/lib/logger.server'
import type { JobDefinition } from './boss.server'
import { enqueue, queues, type JobData } from './queue.server'
import { systemTenantContext } from '../tenancy/system-context.server'

// Retention on pg-boss: once a day 'retention-daily' queues one 'retention-practice' job for each
// practice that chose a retention period; that job erases the practice's archived clients past it.

/** Practices with a retention period set. */
export async function listPracticesWithRetention() {
  const orgs = await prisma.organization.findMany({
    where: { archivedClientRetentionMonths: { not: null } },
    select: { id: true },
    orderBy: { id: 'asc' },
  })
  return orgs.map((org) => org.id)
}

/** One practice's retention run (the 'retention-practice' handler, also used by tests). */
export async function runPracticeRetention(job: JobData['retention-practice'], now = new Date()) {
  const t = await systemTenantContext({ id: job.organizationId })
  if (!t) return null
  const result = await applyClientRetention(t, now)
  if (result.erased) logger.info({ organizationId: job.organizationId, ...result }, 'retention applied')
  return result
}

export function retentionJobDefinitions(): JobDefinition[] {
  return [
    {
      name: queues.retentionDaily,
      schedule: '40 2 * * *',
      handler: async () => {
        for (const organizationId of await listPracticesWithRetention())
          await enqueue(
            queues.retentionPractice,
            { organizationId },
            { singletonKey: organizationId, singletonSeconds: 3600 },
          )
      },
    },
    {
      name: queues.retentionPractice,
      options: { retryLimit: 2, retryDelay: 300 },
      handler: async (jobs: PgBoss.Job<object>[]) => {
        for (const job of jobs) await runPracticeRetention(job.data as JobData['retention-practice'])
      },
    },
  ]
}
