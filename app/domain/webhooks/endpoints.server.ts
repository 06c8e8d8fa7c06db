import { randomBytes } from 'node:crypto'
import { webhooksAllowPrivateAddresses } from '~/lib/env.server'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import { recordTenantEvent } from '../practices/audit.server'
import { checkWebhookUrl } from './addresses.server'
import { attemptWebhookDelivery } from './deliver.server'
import { newEventId, toJson } from './emit.server'
import type { WebhookEndpointInput } from './endpoint-input'
import { testEventType, type WebhookEventType } from './events'

// A practice's webhook endpoints, managed by owners and admins (`practice:settings`) beside the API keys.
// The signing secret is shown once, when made or rotated; a rotation keeps the old one signing for a day.

export const maxEndpoints = 20
export const rotationOverlapMs = 24 * 60 * 60 * 1000

/** A Standard Webhooks secret: "whsec_" and 32 random bytes in base64. */
export function generateWebhookSecret() {
  return `whsec_${randomBytes(32).toString('base64')}`
}

const listed = {
  id: true,
  url: true,
  description: true,
  events: true,
  enabled: true,
  disabledAt: true,
  disabledReason: true,
  consecutiveFailures: true,
  previousSecretUntil: true,
  createdAt: true,
} as const

export function listWebhookEndpoints(t: TenantContext) {
  return t.db.webhookEndpoint.findMany({ orderBy: { createdAt: 'desc' }, select: listed, take: maxEndpoints })
}

/** Endpoints turned off because they kept failing: what the dashboard tells owners and admins. */
export function countFailingEndpoints(t: TenantContext) {
  return t.db.webhookEndpoint.count({ where: { enabled: false, disabledReason: 'FAILING' } })
}

export function findWebhookEndpoint(t: TenantContext, id: string) {
  return t.db.webhookEndpoint.findFirst({ where: { id }, select: listed })
}

export function listWebhookDeliveries(t: TenantContext, endpointId: string, take = 50) {
  return t.db.webhookDelivery.findMany({
    where: { endpointId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: {
      id: true,
      eventId: true,
      eventType: true,
      status: true,
      attempts: true,
      lastAttemptAt: true,
      nextAttemptAt: true,
      responseStatus: true,
      durationMs: true,
      error: true,
      createdAt: true,
    },
    take,
  })
}

/** Makes an endpoint; `secret` is the only time the signing secret is shown. */
export async function createWebhookEndpoint(t: TenantContext, input: WebhookEndpointInput) {
  const url = checkWebhookUrl(input.url, webhooksAllowPrivateAddresses()).toString()
  const secret = generateWebhookSecret()
  const endpoint = await t.db.$transaction(async (tx) => {
    const made = await tx.webhookEndpoint.create({
      data: {
        organizationId: t.org.id,
        url,
        description: input.description,
        events: [...new Set(input.events)],
        secret,
        createdById: t.user.id,
      },
      select: listed,
    })
    await recordTenantEvent(
      { ...t, db: tx },
      'webhook.created',
      { type: 'WebhookEndpoint', id: made.id },
      { url, events: made.events },
    )
    return made
  })
  return { endpoint, secret }
}

export async function updateWebhookEvents(t: TenantContext, id: string, events: WebhookEventType[]) {
  const endpoint = await findWebhookEndpoint(t, id)
  if (!endpoint) return null
  return t.db.webhookEndpoint.update({ where: { id }, data: { events: [...new Set(events)] }, select: listed })
}

/** Turning an endpoint on again starts its failure count afresh. */
export async function setWebhookEnabled(t: TenantContext, id: string, enabled: boolean, now = new Date()) {
  const endpoint = await findWebhookEndpoint(t, id)
  if (!endpoint) return null
  if (endpoint.enabled === enabled) return endpoint
  return t.db.$transaction(async (tx) => {
    const changed = await tx.webhookEndpoint.update({
      where: { id },
      data: enabled
        ? { enabled: true, disabledAt: null, disabledReason: null, consecutiveFailures: 0 }
        : { enabled: false, disabledAt: now, disabledReason: 'BY_MEMBER' },
      select: listed,
    })
    await recordTenantEvent(
      { ...t, db: tx },
      enabled ? 'webhook.enabled' : 'webhook.disabled',
      { type: 'WebhookEndpoint', id },
      { url: endpoint.url },
    )
    return changed
  })
}

/** A new secret, shown once; the old one keeps signing (a second signature) for a day. */
export async function rotateWebhookSecret(t: TenantContext, id: string, now = new Date()) {
  const endpoint = await t.db.webhookEndpoint.findFirst({
    where: { id },
    select: { id: true, url: true, secret: true },
  })
  if (!endpoint) return null
  const secret = generateWebhookSecret()
  await t.db.$transaction(async (tx) => {
    await tx.webhookEndpoint.update({
      where: { id },
      data: {
        secret,
        previousSecret: endpoint.secret,
        previousSecretUntil: new Date(now.getTime() + rotationOverlapMs),
      },
    })
    await recordTenantEvent(
      { ...t, db: tx },
      'webhook.secret_rotated',
      { type: 'WebhookEndpoint', id },
      { url: endpoint.url },
    )
  })
  return { secret }
}

export async function deleteWebhookEndpoint(t: TenantContext, id: string) {
  const endpoint = await findWebhookEndpoint(t, id)
  if (!endpoint) return null
  await t.db.$transaction(async (tx) => {
    await tx.webhookEndpoint.delete({ where: { id } })
    await recordTenantEvent({ ...t, db: tx }, 'webhook.deleted', { type: 'WebhookEndpoint', id }, { url: endpoint.url })
  })
  return endpoint
}

/** A `webhook.test` event to this endpoint alone, sent now, once; the delivery log shows the answer. */
export async function sendTestEvent(t: TenantContext, id: string, now = new Date()) {
  const endpoint = await findWebhookEndpoint(t, id)
  if (!endpoint) return null
  const eventId = newEventId()
  const delivery = await t.db.webhookDelivery.create({
    data: {
      organizationId: t.org.id,
      endpointId: id,
      eventId,
      eventType: testEventType,
      payload: toJson({
        type: testEventType,
        timestamp: now.toISOString(),
        data: { practice: { id: t.org.id, slug: t.org.slug }, message: 'A test event from Rebound' },
      }),
      createdAt: now,
    },
    select: { id: true },
  })
  return attemptWebhookDelivery(t, delivery.id, { now, manual: true })
}

/** The same event (same id, so a receiver that has it can drop it) sent again now. */
export async function resendWebhookDelivery(
  t: TenantContext,
  endpointId: string,
  deliveryId: string,
  now = new Date(),
) {
  const delivery = await t.db.webhookDelivery.findFirst({ where: { id: deliveryId, endpointId }, select: { id: true } })
  if (!delivery) return null
  return attemptWebhookDelivery(t, delivery.id, { now, manual: true })
}
