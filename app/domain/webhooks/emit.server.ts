import { randomBytes } from 'node:crypto'
import type { Prisma } from '~/generated/prisma/client'
import { requestWebhookDelivery } from '~/jobs/queue.server'
import { logger } from '~/lib/logger.server'
import type { TenantDb } from '~/tenancy/scoped-client.server'
import type { WebhookEventType } from './events'

// Something happened that a practice's endpoints may want: one delivery row per endpoint that asked for
// the event, all with the same event id (the Standard Webhooks message id, so receivers can drop a
// duplicate), then one queued attempt each. Called by the domain functions that make the change, after
// it is written, so the web app and the API emit alike.

type Source = { db: TenantDb; organizationId: string }

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

/**
 * Records the event for every endpoint that wants it and queues the deliveries. Never throws: the
 * change it reports is already made, and failing the request would not undo it.
 */
export async function emitWebhookEvent(s: Source, type: WebhookEventType, data: unknown, now = new Date()) {
  try {
    const endpoints = await s.db.webhookEndpoint.findMany({
      where: { enabled: true, events: { has: type } },
      select: { id: true },
    })
    if (endpoints.length === 0) return null
    const eventId = newEventId()
    const payload = toJson({ type, timestamp: now.toISOString(), data })
    for (const endpoint of endpoints) {
      const delivery = await s.db.webhookDelivery.create({
        data: {
          organizationId: s.organizationId,
          endpointId: endpoint.id,
          eventId,
          eventType: type,
          payload,
          nextAttemptAt: now,
          createdAt: now,
        },
        select: { id: true },
      })
      requestWebhookDelivery({ organizationId: s.organizationId, deliveryId: delivery.id })
    }
    return eventId
  } catch (error) {
    logger.error({ err: error, type, organizationId: s.organizationId }, 'could not record a webhook event')
    return null
  }
}
