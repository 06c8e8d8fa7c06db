import type PgBoss from 'pg-boss'
import { runImport } from '~/domain/imports/commit.server'
import { prisma } from '~/lib/db.server'
import { logger } from '~/lib/logger.server'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import type { JobDefinition } from './boss.server'
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
