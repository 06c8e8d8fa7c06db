import { enqueue, queues } from '~/jobs/queue.server'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import { stalledAfterMs } from './commit.server'

// What an import keeps, it keeps for a day at most: an abandoned preview is deleted with its file, and
// a failed import's file is dropped. A run that died (the process was killed mid-import) goes back
// to the job queue, where it is checked and written once.

export const keptForMs = 24 * 60 * 60_000

export async function sweepImports(t: TenantContext, now = new Date()) {
  const dayAgo = new Date(now.getTime() - keptForMs)
  const deleted = await t.db.importBatch.deleteMany({ where: { status: 'PREVIEW', createdAt: { lt: dayAgo } } })
  const dropped = await t.db.importBatch.updateMany({
    where: { status: 'FAILED', sourceText: { not: null }, createdAt: { lt: dayAgo } },
    data: { sourceText: null },
  })
  const stalledSince = new Date(now.getTime() - stalledAfterMs)
  const isStalled = {
    status: { in: ['QUEUED' as const, 'RUNNING' as const] },
    sourceText: { not: null },
    OR: [{ heartbeatAt: null }, { heartbeatAt: { lt: stalledSince } }],
  }
  const stalled = await t.db.importBatch.findMany({ where: isStalled, select: { id: true } })
  let requeued = 0
  for (const { id } of stalled) {
    const taken = await t.db.importBatch.updateMany({
      where: { id, ...isStalled },
      data: { status: 'QUEUED', heartbeatAt: now },
    })
    if (!taken.count) continue
    if (await enqueue(queues.importApplications, { batchId: id, organizationId: t.org.id })) requeued++
  }
  return { deleted: deleted.count, dropped: dropped.count, requeued }
}
