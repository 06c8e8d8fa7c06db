import { createHmac, timingSafeEqual } from 'node:crypto'
import { prisma } from '~/lib/db.server'
import { logger } from '~/lib/logger.server'
import { envValue } from './env.server'

// Resend's webhooks, signed Svix-style: HMAC-SHA256 over `${svix-id}.${svix-timestamp}.${body}`
// with the base64 secret after `whsec_`. Each event is handled once (WebhookEvent by svix-id).
// Bounces and complaints suppress the address: nothing more is sent to it, and the client page
// shows why. Email infrastructure, across practices: it uses the raw client.

export const webhookTolerance = 5 * 60 // seconds

/** RESEND_WEBHOOK_SECRET, read at each request (unset: the webhook route does not exist). */
export function resendWebhookSecret() {
  return envValue('RESEND_WEBHOOK_SECRET') ?? null
}

export type SvixHeaders = { id: string | null; timestamp: string | null; signature: string | null }

export function signSvix(secret: string, id: string, timestamp: string, body: string) {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64')
  return createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')
}

export function verifySvixSignature(secret: string, headers: SvixHeaders, body: string, now = new Date()) {
  const { id, timestamp, signature } = headers
  if (!id || !timestamp || !signature || !/^\d+$/.test(timestamp)) return false
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > webhookTolerance) return false
  const expected = Buffer.from(signSvix(secret, id, timestamp, body))
  // The header may carry several signatures (`v1,<sig> v1,<sig>`) while a secret rotates.
  return signature.split(' ').some((part) => {
    const [version, value] = part.split(',')
    if (version !== 'v1' || !value) return false
    const given = Buffer.from(value)
    return given.length === expected.length && timingSafeEqual(given, expected)
  })
}

type ResendEvent = { type?: string; data?: { email_id?: string; to?: string[] | string } }

const suppressing: Record<string, { reason: string; status: 'BOUNCED' | 'COMPLAINED' }> = {
  'email.bounced': { reason: 'bounce', status: 'BOUNCED' },
  'email.complained': { reason: 'complaint', status: 'COMPLAINED' },
}

/** Handles a verified event once. Returns false for an event already handled. */
export async function handleResendEvent(eventId: string, event: ResendEvent, now = new Date()) {
  const type = String(event.type ?? 'unknown')
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.webhookEvent.createMany({ data: [{ id: eventId, type }], skipDuplicates: true })
    if (count === 0) return false
    const rule = suppressing[type]
    if (!rule) return true
    const to = (Array.isArray(event.data?.to) ? event.data.to : [event.data?.to ?? ''])
      .map((e) => e.trim().toLowerCase())
      .filter(Boolean)
    for (const email of to) {
      await tx.emailSuppression.upsert({ where: { email }, create: { email, reason: rule.reason }, update: {} })
      await tx.client.updateMany({
        where: { email, emailSuppressedAt: null },
        data: { emailSuppressedAt: now, emailSuppression: rule.reason },
      })
    }
    if (event.data?.email_id)
      await tx.outboundEmail.updateMany({
        where: { providerMessageId: event.data.email_id },
        data: { status: rule.status },
      })
    logger.info({ type, recipients: to.length }, 'email address suppressed')
    return true
  })
}
