import { randomBytes } from 'node:crypto'
import type { Prisma } from '~/generated/prisma/client'
import { requestWebhookDelivery } from '~/jobs/queue.server'
import { logger } from '~/lib/logger.server'
import type { TenantDb } from '~/tenancy/scoped-client.server'
import type { WebhookEventType } from './events'

// Something happened that a practice's endpoints may want: one delivery row per endpoint that asked for
// the event, all with the same event id (the Standard Webhooks message id, so receivers can drop a
// duplicate). The rows are the outbox: they are written in the transaction that makes the change
// (withWebhookEvents), so a change rolled back leaves no event and a change committed always has its
// deliveries. Their jobs are queued once it commits; a job lost between the commit and the queue (a
// process that stopped) is queued by the minute sweep (app/jobs/webhooks.server.ts).

type Source = { db: TenantDb; organizationId: string }
export type WebhookTx = Parameters<Parameters<TenantDb['$transaction']>[0]>[0]
/** Records an event in the transaction it was given to. */
export type EmitWebhookEvent = (type: WebhookEventType, data: unknown, now?: Date) => Promise<void>

export function newEventId() {
  return `msg_${randomBytes(16).toString('base64url')}`
}

/** Plain JSON: dates as ISO strings, undefined dropped. */
export function toJson(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue
}

/** Whether any endpoint of the practice wants this event (so callers can skip gathering its data). */
export async function isWebhookEventWanted(s: Source, type: WebhookEventType) {
  return (await s.db.webhookEndpoint.count({ where: { enabled: true, events: { has: type } } })) > 0
}

/** One delivery row per endpoint that wants the event, written through `db` (the change's transaction). */
async function recordWebhookEvent(
  db: WebhookTx,
  organizationId: string,
  type: WebhookEventType,
  data: unknown,
  now: Date,
) {
  const endpoints = await db.webhookEndpoint.findMany({
    where: { enabled: true, events: { has: type } },
    select: { id: true },
  })
  if (endpoints.length === 0) return []
  const eventId = newEventId()
  const payload = toJson({ type, timestamp: now.toISOString(), data })
  const ids: string[] = []
  for (const endpoint of endpoints) {
    const delivery = await db.webhookDelivery.create({
      data: {
        organizationId,
        endpointId: endpoint.id,
        eventId,
        eventType: type,
        payload,
        nextAttemptAt: now,
        createdAt: now,
      },
      select: { id: true },
    })
    ids.push(delivery.id)
  }
  return ids
}

/**
 * Runs `work` in one transaction with an `emit` that writes events into it, then queues their deliveries
 * once it has committed. An error in `work` (or in writing an event) rolls back the change and its events.
 */
export async function withWebhookEvents<T>(
  s: Source,
  work: (tx: WebhookTx, emit: EmitWebhookEvent) => Promise<T>,
): Promise<T> {
  const deliveries: string[] = []
  const result = await s.db.$transaction(async (tx) =>
    work(tx, async (type, data, now = new Date()) => {
      deliveries.push(...(await recordWebhookEvent(tx, s.organizationId, type, data, now)))
    }),
  )
  for (const deliveryId of deliveries) requestWebhookDelivery({ organizationId: s.organizationId, deliveryId })
  return result
}

/**
 * An event on its own, for a change made outside a Prisma transaction (the insights refresh is one SQL
 * statement). Never throws: the change it reports is already made, and failing the caller would not undo it.
 */
export async function emitWebhookEvent(s: Source, type: WebhookEventType, data: unknown, now = new Date()) {
  try {
    await withWebhookEvents(s, (_, emit) => emit(type, data, now))
  } catch (error) {
    logger.error({ err: error, type, organizationId: s.organizationId }, 'could not record a webhook event')
  }
}
