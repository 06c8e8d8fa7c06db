import { attemptWebhookDelivery } from '~/domain/webhooks/deliver.server'
import { prisma } from '~/lib/db.server'
import type { JobDefinition } from './boss.server'
import { everyMinuteSweep } from './sweep.server'
import { queues, requestWebhookDelivery, type WebhookDeliveryJob } from './queue.server'
import { systemTenantContext } from '../tenancy/system-context.server'

// Webhook deliveries on pg-boss. 'deliver-webhook' makes one attempt (the delivery schedules its own next
// one); 'webhooks-sweep' runs every minute and queues deliveries that are due but whose job was lost (a
// process that stopped mid-attempt, a queue that was down when the event happened).

const sweptAfterMs = 2 * 60_000

export async function runDeliverWebhookJob(job: WebhookDeliveryJob, now = new Date()) {
  const t = await systemTenantContext({ id: job.organizationId })
  if (!t) return null
  return attemptWebhookDelivery(t, job.deliveryId, { now })
}

/** Deliveries overdue by two minutes or more, across practices: queued again. */
export async function runWebhooksSweep(now = new Date()) {
  const overdue = await prisma.webhookDelivery.findMany({
    where: { status: 'PENDING', nextAttemptAt: { lte: new Date(now.getTime() - sweptAfterMs) } },
    select: { id: true, organizationId: true },
    orderBy: { nextAttemptAt: 'asc' },
    take: 500,
  })
  for (const d of overdue) requestWebhookDelivery({ organizationId: d.organizationId, deliveryId: d.id })
  return overdue.length
}

export function webhookJobDefinitions(): JobDefinition[] {
  return [
    {
      name: queues.deliverWebhook,
      options: { retryLimit: 0, expireInSeconds: 120 },
      workOptions: { batchSize: 5 },
      async handler(jobs) {
        await Promise.all(jobs.map((job) => runDeliverWebhookJob(job.data as WebhookDeliveryJob)))
      },
    },
    everyMinuteSweep(queues.webhooksSweep, 120, runWebhooksSweep, {
      counted: 'queued',
      message: 'overdue webhook deliveries queued by the sweep',
    }),
  ]
}
