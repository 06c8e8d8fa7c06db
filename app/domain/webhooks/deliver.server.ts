import http from 'node:http'
import https from 'node:https'
import { createElement } from 'react'
import { Webhook } from 'standardwebhooks'
import type { WebhookDelivery, WebhookEndpoint } from '~/generated/prisma/client'
import { requestWebhookDelivery } from '~/jobs/queue.server'
import { sendEmail } from '~/lib/email.server'
import { getEnv, webhooksAllowPrivateAddresses } from '~/lib/env.server'
import { InputError } from '~/lib/input-error'
import { orgPath } from '~/lib/org-path'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import WebhookDisabledEmail from '../../../emails/webhook-disabled'
import { recordTenantEvent } from '../practices/audit.server'
import { checkWebhookUrl, ForbiddenAddressError, guardedLookup } from './addresses.server'
import { testEventType } from './events'

// Delivering one event to one endpoint (docs/decisions/0038-webhooks.md): signed as the Standard Webhooks
// specification says, retried with exponential backoff for a day, each attempt recorded on the delivery row.
// The row is the truth: an attempt first claims it, so a job that runs twice sends once.

export const webhookRetry = {
  /** The wait after the first failed attempt; each later wait is `factor` times the one before. */
  firstDelayMs: 30_000,
  factor: 3,
  /** No attempt later than this after the event: the last one is made at the end of the day. */
  windowMs: 24 * 60 * 60 * 1000,
}
/** Deliveries that failed for a whole day in a row before the endpoint is turned off. */
export const disableAfterFailedDeliveries = 5
const timeoutMs = 10_000
const leaseMs = 60_000
const storedBodyChars = 2_000

/** When to try again after `attempts` failed attempts, or null when the day is over. */
export function nextAttemptAt(createdAt: Date, attempts: number, now: Date) {
  const end = createdAt.getTime() + webhookRetry.windowMs
  if (now.getTime() >= end) return null
  const delay = webhookRetry.firstDelayMs * webhookRetry.factor ** Math.max(attempts - 1, 0)
  return new Date(Math.min(now.getTime() + delay, end))
}

type Secrets = Pick<WebhookEndpoint, 'secret' | 'previousSecret' | 'previousSecretUntil'>

/** The Standard Webhooks headers; during a rotation the signature carries one signature per live secret. */
export function signWebhook(endpoint: Secrets, eventId: string, body: string, sentAt = new Date()) {
  const secrets = [endpoint.secret]
  if (endpoint.previousSecret && endpoint.previousSecretUntil && endpoint.previousSecretUntil > sentAt)
    secrets.push(endpoint.previousSecret)
  return {
    'webhook-id': eventId,
    'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
    'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(eventId, sentAt, body)).join(' '),
  }
}

type Outcome = {
  ok: boolean
  status: number | null
  body: string | null
  error: string | null
  durationMs: number
  headers: Record<string, string>
}

function describeError(error: unknown) {
  if (error instanceof ForbiddenAddressError)
    return 'The address leads to a private network; events go only to public addresses'
  const code = (error as NodeJS.ErrnoException | null)?.code
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'No server answers to this name'
  if (code === 'ECONNREFUSED') return 'The receiver refused the connection'
  if (code === 'ECONNRESET') return 'The receiver closed the connection'
  return error instanceof Error ? error.message : 'The request failed'
}

function post(url: URL, headers: Record<string, string>, body: string, allowPrivate: boolean) {
  const started = performance.now()
  const took = () => Math.round(performance.now() - started)
  return new Promise<Omit<Outcome, 'headers'>>((resolve) => {
    const client = url.protocol === 'https:' ? https : http
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup(allowPrivate) as unknown as http.RequestOptions['lookup'],
        timeout: timeoutMs,
      },
      (response) => {
        let text = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => {
          if (text.length < storedBodyChars) text += chunk
        })
        response.on('error', (error) =>
          resolve({
            ok: false,
            status: response.statusCode ?? null,
            body: text,
            error: describeError(error),
            durationMs: took(),
          }),
        )
        response.on('end', () => {
          clearTimeout(deadline)
          const status = response.statusCode ?? 0
          resolve({
            ok: status >= 200 && status < 300,
            status,
            body: text.slice(0, storedBodyChars),
            error: status >= 200 && status < 300 ? null : `The receiver answered ${status}`,
            durationMs: took(),
          })
        })
      },
    )
    // A receiver that answers slowly, a byte at a time, is cut off too.
    const deadline = setTimeout(() => request.destroy(new Error('No answer within 10 seconds')), timeoutMs + 2_000)
    request.on('timeout', () => request.destroy(new Error('No answer within 10 seconds')))
    request.on('error', (error) => {
      clearTimeout(deadline)
      resolve({ ok: false, status: null, body: null, error: describeError(error), durationMs: took() })
    })
    request.end(body)
  })
}

/** One signed POST of the delivery's event to its endpoint. */
export async function sendDelivery(
  delivery: Pick<WebhookDelivery, 'eventId' | 'payload'>,
  endpoint: Pick<WebhookEndpoint, 'url'> & Secrets,
): Promise<Outcome> {
  const allowPrivate = webhooksAllowPrivateAddresses()
  const body = JSON.stringify(delivery.payload)
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'Rebound-Webhooks/1',
    ...signWebhook(endpoint, delivery.eventId, body),
  }
  let url: URL
  try {
    url = checkWebhookUrl(endpoint.url, allowPrivate)
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    return { ok: false, status: null, body: null, error: error.message, durationMs: 0, headers }
  }
  return { ...(await post(url, headers, body, allowPrivate)), headers }
}

function resultFields(outcome: Outcome) {
  // The signature is left out of the log: it is the one header a reader of the log has no use for.
  const { 'webhook-signature': _signature, ...requestHeaders } = outcome.headers
  return {
    responseStatus: outcome.status,
    responseBody: outcome.body,
    error: outcome.error,
    durationMs: outcome.durationMs,
    requestHeaders,
  }
}

/**
 * One attempt, as the queue makes it: claims the delivery when it is due, sends, and then either marks it
 * delivered, schedules the next attempt, or gives up at the end of the day (counting towards turning the
 * endpoint off). `manual` is "Send again" and "Send test event": an attempt now, outside the schedule, that
 * neither schedules nor counts a failure.
 */
export async function attemptWebhookDelivery(
  t: TenantContext,
  deliveryId: string,
  { now = new Date(), manual = false }: { now?: Date; manual?: boolean } = {},
) {
  const delivery = await t.db.webhookDelivery.findFirst({ where: { id: deliveryId }, include: { endpoint: true } })
  if (!delivery) return null
  if (!manual && (delivery.status !== 'PENDING' || (delivery.nextAttemptAt && delivery.nextAttemptAt > now)))
    return null
  if (!delivery.endpoint.enabled && !manual) {
    return t.db.webhookDelivery.update({
      where: { id: delivery.id },
      data: { status: 'FAILED', nextAttemptAt: null, error: 'The endpoint was turned off before this event went out' },
    })
  }
  const claimed = await t.db.webhookDelivery.updateMany({
    where: { id: delivery.id, attempts: delivery.attempts },
    data: {
      attempts: { increment: 1 },
      lastAttemptAt: now,
      ...(manual ? {} : { nextAttemptAt: new Date(now.getTime() + leaseMs) }),
    },
  })
  if (claimed.count === 0) return null
  const attempts = delivery.attempts + 1
  const outcome = await sendDelivery(delivery, delivery.endpoint)
  if (outcome.ok) {
    if (delivery.endpoint.consecutiveFailures > 0)
      await t.db.webhookEndpoint.updateMany({ where: { id: delivery.endpointId }, data: { consecutiveFailures: 0 } })
    return t.db.webhookDelivery.update({
      where: { id: delivery.id },
      data: { status: 'SUCCEEDED', nextAttemptAt: null, ...resultFields(outcome) },
    })
  }
  if (manual) {
    // A retry still scheduled stays scheduled; otherwise the delivery stays failed.
    const scheduled = delivery.status === 'PENDING' && delivery.nextAttemptAt !== null
    return t.db.webhookDelivery.update({
      where: { id: delivery.id },
      data: {
        status: scheduled ? 'PENDING' : 'FAILED',
        nextAttemptAt: delivery.nextAttemptAt,
        ...resultFields(outcome),
      },
    })
  }
  const next = delivery.eventType === testEventType ? null : nextAttemptAt(delivery.createdAt, attempts, now)
  const updated = await t.db.webhookDelivery.update({
    where: { id: delivery.id },
    data: { status: next ? 'PENDING' : 'FAILED', nextAttemptAt: next, ...resultFields(outcome) },
  })
  if (next) requestWebhookDelivery({ organizationId: t.org.id, deliveryId: delivery.id }, next)
  else await countFailedDelivery(t, delivery.endpointId, now)
  return updated
}

/** A delivery failed for its whole day: at the limit in a row, the endpoint is turned off and the owners told. */
async function countFailedDelivery(t: TenantContext, endpointId: string, now: Date) {
  const endpoint = await t.db.webhookEndpoint.update({
    where: { id: endpointId },
    data: { consecutiveFailures: { increment: 1 } },
  })
  if (!endpoint.enabled || endpoint.consecutiveFailures < disableAfterFailedDeliveries) return
  const turnedOff = await t.db.webhookEndpoint.updateMany({
    where: { id: endpointId, enabled: true },
    data: { enabled: false, disabledAt: now, disabledReason: 'FAILING' },
  })
  if (turnedOff.count === 0) return
  await recordTenantEvent(
    t,
    'webhook.disabled',
    { type: 'WebhookEndpoint', id: endpointId },
    { url: endpoint.url, failedDeliveries: endpoint.consecutiveFailures },
    { system: true },
  )
  await tellOwners(t, endpoint)
}

async function tellOwners(t: TenantContext, endpoint: WebhookEndpoint) {
  const owners = await t.db.membership.findMany({
    where: { role: 'OWNER' },
    select: { user: { select: { email: true } } },
  })
  const settingsUrl = new URL(orgPath(t.org.slug, 'settings', 'webhooks', endpoint.id), getEnv().APP_URL).toString()
  for (const owner of owners) {
    await sendEmail({
      to: owner.user.email,
      subject: `A webhook endpoint of ${t.org.name} was turned off`,
      kind: 'webhook-disabled',
      organizationId: t.org.id,
      idempotencyKey: `webhook-disabled/${endpoint.id}/${endpoint.consecutiveFailures}/${owner.user.email}`,
      react: createElement(WebhookDisabledEmail, {
        practiceName: t.org.name,
        endpointUrl: endpoint.url,
        failedDeliveries: endpoint.consecutiveFailures,
        settingsUrl,
      }),
    })
  }
}
