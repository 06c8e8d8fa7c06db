import {
  listStalledBatches,
  sendNotifications,
  deliverNotificationBatch,
  windowMs,
} from '~/domain/notifications/send.server'
import { prisma } from '~/lib/db.server'
import { getEnv } from '~/lib/env.server'
import type { JobDefinition } from './boss.server'
import { everyMinuteSweep } from './sweep.server'
import { queues, type NotificationRecipient } from './queue.server'
import { systemTenantContext } from '../tenancy/system-context.server'

// Word between digests on pg-boss. 'notify-recipient' is queued when something happens, after the
// gathering delay; 'notifications-sweep' runs every minute for what a closed 15-minute window held
// back and for batches whose process stopped between claim and send. Both only claim through the
// batch's unique window and the recipient's gate, so any number of workers send each email once.

/** Recipients with notifications waiting, past the gathering delay, whose window is open again. */
export async function listDueRecipients(now = new Date()): Promise<NotificationRecipient[]> {
  const cutoff = new Date(now.getTime() - getEnv().NOTIFICATION_DELAY_SECONDS * 1000)
  const windowStart = new Date(now.getTime() - windowMs)
  return prisma.$queryRaw<NotificationRecipient[]>`
    SELECT DISTINCT n."organizationId", n."recipientType"::text AS "recipientType", n."recipientId"
    FROM "Notification" n
    WHERE n."batchId" IS NULL AND n."createdAt" <= ${cutoff}
      AND NOT EXISTS (
        SELECT 1 FROM "NotificationGate" g WHERE g."organizationId" = n."organizationId"
          AND g."recipientType" = n."recipientType" AND g."recipientId" = n."recipientId"
          AND g."lastEmailAt" > ${windowStart})
    LIMIT 1000`
}

export async function runNotifyRecipientJob(job: NotificationRecipient, now = new Date()) {
  const t = await systemTenantContext({ id: job.organizationId })
  if (!t) return null
  return sendNotifications(t, job, now)
}

export async function runNotificationsSweep(now = new Date()) {
  let sent = 0
  for (const recipient of await listDueRecipients(now)) if (await runNotifyRecipientJob(recipient, now)) sent++
  const stalled = await prisma.notificationBatch.findMany({
    where: { status: 'CLAIMED', attemptedAt: null, createdAt: { lt: new Date(now.getTime() - 60_000) } },
    distinct: ['organizationId'],
    select: { organizationId: true },
  })
  for (const { organizationId } of stalled) {
    const t = await systemTenantContext({ id: organizationId })
    if (!t) continue
    for (const batch of await listStalledBatches(t, now)) if (await deliverNotificationBatch(t, batch.id, now)) sent++
  }
  return sent
}

export function notificationJobDefinitions(): JobDefinition[] {
  return [
    {
      name: queues.notifyRecipient,
      options: { retryLimit: 2, retryDelay: 30, expireInSeconds: 600 },
      async handler(jobs) {
        for (const job of jobs) await runNotifyRecipientJob(job.data as NotificationRecipient)
      },
    },
    everyMinuteSweep(queues.notificationsSweep, 600, runNotificationsSweep, {
      counted: 'sent',
      message: 'notifications sent by the sweep',
    }),
  ]
}
