import { logger } from '~/lib/logger.server'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import { emitWebhookEvent } from './emit.server'
import { importPayload } from './payloads'

// An import of applications emits one event when it has written its rows, with its counts, rather than
// one application.created per row: a file of thousands of rows would be thousands of requests to every
// receiver (docs/decisions/0041-events-of-imports-and-undo-in-the-outbox.md).

/** import.completed for a COMMITTED import; nothing for one in any other state. Never throws: the import is done. */
export async function emitImportCompleted(t: TenantContext, batchId: string, now = new Date()) {
  try {
    const batch = await t.db.importBatch.findFirst({ where: { id: batchId, status: 'COMMITTED' } })
    if (batch)
      await emitWebhookEvent({ db: t.db, organizationId: t.org.id }, 'import.completed', importPayload(batch), now)
  } catch (error) {
    logger.error({ err: error, batchId }, 'could not record import.completed')
  }
}
