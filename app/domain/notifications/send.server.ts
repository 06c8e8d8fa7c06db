import { randomUUID } from 'node:crypto'
import { createElement } from 'react'
import { inviteUrl } from '~/domain/clients/access-links.server'
import { clientDigestHeaders, issueSignInLinks } from '~/domain/digests/render.server'
import { isSuppressed, sendEmail } from '~/lib/email.server'
import { getEnv } from '~/lib/env.server'
import { coachUnsubscribeUrl, unsubscribeUrl } from '~/lib/unsubscribe-links.server'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import { executeTenantSql, queryTenantSqlUnderLock, sql } from '~/tenancy/sql.server'
import NotificationEmail, { notificationSubject } from '../../../emails/notification'

// Word between digests goes out at most once, and at most once per recipient per 15 minutes
// (docs/decisions/0026-word-between-digests.md):
// 1. claim: under an advisory lock per recipient, one statement locks the recipient's pending rows (SKIP LOCKED), moves the recipient's gate
//    forward only if their last email is 15 minutes old, inserts the batch (unique per recipient and
//    15-minute window) and attaches the rows. Whoever inserted the batch owns it.
// 2. deliver: the owner stamps attemptedAt (only if unset), decides skip or send, sends under the key
//    notify/<batch id>, and records the outcome. A batch never attempted is picked up by the sweep.

export const windowMs = 15 * 60_000
export type Recipient = { recipientType: 'CLIENT' | 'COACH'; recipientId: string }

/** Claims the recipient's pending notifications as one batch, or null when none are due or the window is closed. */
export async function claimNotificationBatch(t: TenantContext, r: Recipient, now = new Date()) {
  const cutoff = new Date(now.getTime() - getEnv().NOTIFICATION_DELAY_SECONDS * 1000)
  const windowStart = new Date(now.getTime() - windowMs)
  const window = Math.floor(now.getTime() / windowMs)
  // Racers for one recipient take turns: the second sees the rows the first attached, so every message
  // written before the first claim goes into its one email instead of waiting for the next window.
  const [row] = await queryTenantSqlUnderLock<{ id: string | null; items: number }>(
    t,
    `notify:${r.recipientType}:${r.recipientId}`,
    (organizationId) => sql`
      WITH pending AS (
        SELECT id, "createdAt" FROM "Notification"
        WHERE "organizationId" = ${organizationId} AND "recipientType" = ${r.recipientType}::"RecipientType"
          AND "recipientId" = ${r.recipientId} AND "batchId" IS NULL
        FOR UPDATE SKIP LOCKED
      ), gate AS (
        INSERT INTO "NotificationGate" (id, "organizationId", "recipientType", "recipientId", "lastEmailAt")
        SELECT ${randomUUID()}, ${organizationId}, ${r.recipientType}::"RecipientType", ${r.recipientId}, ${now}
        WHERE EXISTS (SELECT 1 FROM pending WHERE "createdAt" <= ${cutoff})
        ON CONFLICT ("organizationId", "recipientType", "recipientId")
          DO UPDATE SET "lastEmailAt" = EXCLUDED."lastEmailAt"
          WHERE "NotificationGate"."lastEmailAt" <= ${windowStart}
        RETURNING 1
      ), batch AS (
        INSERT INTO "NotificationBatch" (id, "organizationId", "recipientType", "recipientId", "window", status, "createdAt")
        SELECT ${randomUUID()}, ${organizationId}, ${r.recipientType}::"RecipientType", ${r.recipientId}, ${window},
          'CLAIMED'::"DeliveryStatus", ${now}
        FROM gate
        ON CONFLICT ("organizationId", "recipientType", "recipientId", "window") DO NOTHING
        RETURNING id
      ), attached AS (
        UPDATE "Notification" SET "batchId" = (SELECT id FROM batch)
        WHERE id IN (SELECT id FROM pending) AND EXISTS (SELECT 1 FROM batch)
        RETURNING id
      )
      SELECT (SELECT id FROM batch) AS id, (SELECT count(*)::int FROM attached) AS items`,
  )
  return row?.id ?? null
}

type Outcome = { status: 'SENT' | 'SKIPPED' | 'FAILED'; error?: string; emailId?: string }

/** Sends a claimed batch once: only the caller that stamps attemptedAt sends. Null when someone else did. */
export async function deliverNotificationBatch(t: TenantContext, batchId: string, now = new Date()) {
  const stamped = await executeTenantSql(
    t,
    (organizationId) => sql`
      UPDATE "NotificationBatch" SET "attemptedAt" = ${now}
      WHERE id = ${batchId} AND "organizationId" = ${organizationId} AND "attemptedAt" IS NULL AND status = 'CLAIMED'`,
  )
  if (stamped !== 1) return null
  const batch = await t.db.notificationBatch.findFirstOrThrow({
    where: { id: batchId },
    select: { recipientType: true, recipientId: true },
  })
  const items = await t.db.notification.findMany({
    where: { batchId },
    orderBy: { createdAt: 'asc' },
    select: { kind: true, summary: true, clientId: true, path: true },
  })
  const outcome = items.length
    ? batch.recipientType === 'CLIENT'
      ? await sendToClient(t, batchId, batch.recipientId, items)
      : await sendToCoach(t, batchId, batch.recipientId, items)
    : { status: 'SKIPPED' as const, error: 'Nothing to send' }
  await t.db.notificationBatch.update({
    where: { id: batchId },
    data: {
      status: outcome.status,
      error: outcome.error ?? null,
      emailId: outcome.emailId ?? null,
      sentAt: outcome.status === 'SENT' ? new Date() : null,
    },
  })
  return outcome
}

/** Claims and sends whatever is due for one recipient. */
export async function sendNotifications(t: TenantContext, r: Recipient, now = new Date()) {
  const batchId = await claimNotificationBatch(t, r, now)
  if (!batchId) return null
  return deliverNotificationBatch(t, batchId, now)
}

type Item = { kind: string; summary: string; clientId: string; path: string }

async function sendToClient(t: TenantContext, batchId: string, clientId: string, items: Item[]): Promise<Outcome> {
  const client = await t.db.client.findFirst({
    where: { id: clientId },
    select: { id: true, name: true, email: true, status: true, digestOptIn: true, emailSuppressedAt: true },
  })
  if (!client || client.status === 'ARCHIVED') return { status: 'SKIPPED', error: 'Client is archived' }
  // The digest's rules: an unsubscribed client or a suppressed address gets nothing.
  if (!client.digestOptIn) return { status: 'SKIPPED', error: 'Unsubscribed from email' }
  if (client.emailSuppressedAt || (await isSuppressed(client.email)))
    return { status: 'SKIPPED', error: 'Email address suppressed' }
  const appUrl = getEnv().APP_URL
  const tokens = await issueSignInLinks(t, [client.id])
  const links = {
    openUrl: inviteUrl(appUrl, tokens.get(client.id)!),
    preferencesUrl: `${appUrl}/me/preferences`,
    unsubscribeUrl: unsubscribeUrl(t.org.id, client.id),
  }
  const props = {
    recipientName: client.name,
    practiceName: t.org.name,
    audience: 'client' as const,
    items,
    ...links,
  }
  return send(t, batchId, client.email, 'client-notification', props, clientDigestHeaders(links, batchId))
}

async function sendToCoach(t: TenantContext, batchId: string, userId: string, items: Item[]): Promise<Outcome> {
  const member = await t.db.membership.findFirst({ where: { userId }, select: { id: true } })
  const user = member ? await t.db.user.findFirst({ where: { id: userId }, select: { name: true, email: true } }) : null
  if (!user) return { status: 'SKIPPED', error: 'No longer a member of the practice' }
  if (await isSuppressed(user.email)) return { status: 'SKIPPED', error: 'Email address suppressed' }
  const appUrl = getEnv().APP_URL
  const clientIds = new Set(items.map((i) => i.clientId))
  const props = {
    recipientName: user.name,
    practiceName: t.org.name,
    audience: 'coach' as const,
    items,
    openUrl: clientIds.size === 1 ? `${appUrl}${items[0]!.path}` : `${appUrl}/orgs/${t.org.slug}`,
    preferencesUrl: `${appUrl}/settings`,
    unsubscribeUrl: coachUnsubscribeUrl(userId),
  }
  return send(t, batchId, user.email, 'coach-notification', props, clientDigestHeaders(props, batchId))
}

async function send(
  t: TenantContext,
  batchId: string,
  to: string,
  kind: string,
  props: Parameters<typeof NotificationEmail>[0],
  headers: Record<string, string>,
): Promise<Outcome> {
  const result = await sendEmail({
    to,
    subject: notificationSubject(props),
    react: createElement(NotificationEmail, props),
    kind,
    organizationId: t.org.id,
    headers,
    idempotencyKey: `notify/${batchId}`,
  })
  if (result.status === 'FAILED')
    return { status: 'FAILED', error: 'The email provider refused it', emailId: result.id }
  if (result.status === 'SUPPRESSED')
    return { status: 'SKIPPED', error: 'Email address suppressed', emailId: result.id }
  return { status: 'SENT', emailId: result.id }
}

/** Batches claimed but never attempted (their process stopped in between), older than a minute. */
export function listStalledBatches(t: TenantContext, now = new Date()) {
  return t.db.notificationBatch.findMany({
    where: { status: 'CLAIMED', attemptedAt: null, createdAt: { lt: new Date(now.getTime() - 60_000) } },
    select: { id: true },
    take: 100,
  })
}
