import type PgBoss from 'pg-boss'
import { sweepImports } from '~/domain/imports/cleanup.server'
import { runImport, stalledAfterMs } from '~/domain/imports/commit.server'
import { prisma } from '~/lib/db.server'
import { logger } from '~/lib/logger.server'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import type { JobDefinition } from './boss.server'
import { systemTenantContext } from '../tenancy/system-context.server'
import { queues, type JobData } from './queue.server'

// Large imports run here: the job acts as the member who started the import, through the tenancy door.

async function handle(jobs: PgBoss.Job<object>[]) {
  for (const job of jobs) {
    const { batchId, organizationId } = job.data as JobData['import-applications']
    const batch = await prisma.importBatch.findFirst({
      where: { id: batchId, organizationId },
      select: { createdById: true, organization: true },
    })
    if (!batch) continue
    const membership = batch.createdById
      ? await prisma.membership.findFirst({
          where: { organizationId, userId: batch.createdById },
          include: { user: { select: { id: true, email: true, name: true } } },
        })
      : null
    if (!membership) {
      await prisma.importBatch.updateMany({
        where: { id: batchId, status: { in: ['QUEUED', 'RUNNING'] } },
        data: { status: 'FAILED', error: 'The person who started this import is no longer a member.' },
      })
      continue
    }
    const t = createTenantContext(prisma, { user: membership.user, org: batch.organization, role: membership.role })
    try {
      await runImport(t, batchId)
    } catch (error) {
      // runImport has marked the import FAILED; a retry would fail the same way.
      logger.error({ err: error, batchId }, 'import failed')
    }
  }
}

export const importApplicationsJob: JobDefinition = {
  name: queues.importApplications,
  options: { retryLimit: 2, retryDelay: 10 },
  handler: handle,
}

/** The practices with an import to clean up: a preview or failure over a day old, or a stalled run. */
async function practicesToSweep(now: Date) {
  const dayAgo = new Date(now.getTime() - 24 * 60 * 60_000)
  const rows = await prisma.importBatch.findMany({
    where: {
      OR: [
        { status: 'PREVIEW', createdAt: { lt: dayAgo } },
        { status: 'FAILED', sourceText: { not: null }, createdAt: { lt: dayAgo } },
        { status: { in: ['QUEUED', 'RUNNING'] }, heartbeatAt: { lt: new Date(now.getTime() - stalledAfterMs) } },
        { status: { in: ['QUEUED', 'RUNNING'] }, heartbeatAt: null },
      ],
    },
    distinct: ['organizationId'],
    select: { organizationId: true },
  })
  return rows.map((row) => row.organizationId)
}

export async function sweepAllImports(now = new Date()) {
  for (const id of await practicesToSweep(now)) {
    const t = await systemTenantContext({ id })
    if (t) await sweepImports(t, now)
  }
}

export const importCleanupJob: JobDefinition = {
  name: 'import-cleanup',
  schedule: '23 * * * *',
  handler: () => sweepAllImports(),
}
