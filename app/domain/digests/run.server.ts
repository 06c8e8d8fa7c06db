import { createElement } from 'react'
import type { Prisma } from '~/generated/prisma/client'
import { sendEmail } from '~/lib/email.server'
import { logger } from '~/lib/logger.server'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import ClientDigestEmail from '../../../emails/client-digest'
import {
  allocateBatch,
  listUnfinishedBatches,
  prepareBatch,
  sendBatch,
  settlePastWeeks,
  type BatchOutcome,
  type BatchRef,
} from './batches.server'
import { claimDigests, clientSkipReason, listDigestRecipients } from './claims.server'
import { digestClientSelect, loadClientDigests } from './content.server'
import { loadCoachDigests } from './coach-content.server'
import {
  clientDigestHeaders,
  clientDigestLinks,
  clientDigestSubject,
  issueSignInLinks,
  renderClientDigest,
  renderCoachDigest,
} from './render.server'
import { isoWeekOf } from '~/lib/weeks'
import { recordTenantEvent } from '../practices/audit.server'

// A practice's digests for one ISO week: claim every recipient, then send the claimed ones in
// recorded batches. Safe to run twice, or in two processes at once.

export type DigestRunCounts = {
  claimed: number
  skipped: number
  sent: number
  /** Landed in the dev outbox (no RESEND_API_KEY): nothing left the machine. */
  outbox: number
  failed: number
  /** Transient failures: the next run sends these batches again, under the same keys. */
  retryLater: number
}

export async function runPracticeDigests(
  t: TenantContext,
  isoWeek: string,
  now = new Date(),
): Promise<DigestRunCounts> {
  const claimed = await claimDigests(t, isoWeek, await listDigestRecipients(t, isoWeek), now)
  const counts: DigestRunCounts = {
    claimed: claimed.length,
    skipped: claimed.filter((c) => c.status === 'SKIPPED').length,
    sent: 0,
    outbox: 0,
    failed: 0,
    retryLater: 0,
  }
  const add = (o: BatchOutcome) => {
    counts.sent += o.sent
    counts.outbox += o.outbox
    counts.failed += o.failed
    counts.retryLater += o.retryLater
  }
  const before = await t.db.digestDelivery.count({ where: { isoWeek, status: 'SKIPPED' } })

  const past = await settlePastWeeks(t, isoWeek)
  if (past.sent + past.failed)
    logger.warn({ organizationId: t.org.id, isoWeek, ...past }, 'digests of earlier weeks settled')
  // Unfinished batches first (a crash or transient failure of an earlier run): the same requests again.
  for (const batch of await listUnfinishedBatches(t, isoWeek)) add(await processBatch(t, batch, now))
  // Then new batches: the next one is rendered while the previous one waits for its turn to send.
  let inFlight: Promise<void> = Promise.resolve()
  for (;;) {
    const batch = await allocateBatch(t, isoWeek)
    if (!batch) break
    await prepareBatch(t, batch, now)
    await inFlight
    inFlight = sendBatch(t, batch).then(add)
  }
  await inFlight
  counts.skipped += (await t.db.digestDelivery.count({ where: { isoWeek, status: 'SKIPPED' } })) - before
  logger.info({ organizationId: t.org.id, isoWeek, ...counts }, 'digests run')
  if (counts.claimed) {
    await recordTenantEvent(
      t,
      'digests.sent',
      { type: 'DigestWeek', id: isoWeek },
      { isoWeek, ...counts },
      { system: true },
    )
  }
  return counts
}

async function processBatch(t: TenantContext, batch: BatchRef, now: Date) {
  await prepareBatch(t, batch, now)
  return sendBatch(t, batch)
}

/** Renders every digest of the week without claiming or sending anything (`--dry-run`). */
export async function renderPracticeDigests(t: TenantContext, isoWeek: string, now = new Date()) {
  const recipients = await listDigestRecipients(t, isoWeek)
  const done = new Set(
    (
      await t.db.digestDelivery.findMany({ where: { isoWeek }, select: { recipientType: true, recipientId: true } })
    ).map((d) => `${d.recipientType}/${d.recipientId}`),
  )
  const open = recipients.filter((r) => !done.has(`${r.recipientType}/${r.recipientId}`))
  const counts = { alreadyClaimed: recipients.length - open.length, wouldSend: 0, wouldSkip: 0 }
  const clientIds = open.filter((r) => r.recipientType === 'CLIENT' && !r.skipReason).map((r) => r.recipientId)
  counts.wouldSkip += open.filter((r) => r.skipReason).length
  for (let i = 0; i < clientIds.length; i += 100) {
    const clients = await t.db.client.findMany({
      where: { id: { in: clientIds.slice(i, i + 100) } },
      select: digestClientSelect,
    })
    for (const [clientId, content] of await loadClientDigests(t, clients, isoWeek, now)) {
      if (content.quiet && t.org.digestSkipInactive) counts.wouldSkip++
      else {
        await renderClientDigest(content, clientDigestLinks(t.org.id, clientId, null), null)
        counts.wouldSend++
      }
    }
  }
  const coachIds = new Set(open.filter((r) => r.recipientType === 'COACH').map((r) => r.recipientId))
  const members = await t.db.membership.findMany({
    where: { userId: { in: [...coachIds] } },
    select: { role: true, user: { select: { id: true, name: true, email: true } } },
  })
  const coachContent = await loadCoachDigests(
    t,
    members.map((m) => ({ userId: m.user.id, name: m.user.name, email: m.user.email, role: m.role })),
    now,
  )
  for (const content of coachContent.values()) {
    if (!content) counts.wouldSkip++
    else {
      await renderCoachDigest(content, t.org.slug, null)
      counts.wouldSend++
    }
  }
  return counts
}

export type SendNowResult =
  | { status: 'sent' | 'outbox'; isoWeek: string }
  | { status: 'already'; isoWeek: string; deliveryStatus: string }
  | { status: 'skipped' | 'failed'; isoWeek: string; reason: string }

/**
 * Sends one client's digest of the current week now, through the same claim row as the weekly
 * run (so still at most once a week), with the idempotency key `digest/<clientId>/<isoWeek>`.
 * A client skipped earlier this week (a quiet week) can still be sent one.
 */
const sendNowSelect = {
  ...digestClientSelect,
  status: true,
  digestOptIn: true,
  emailSuppressedAt: true,
  emailSuppression: true,
} as const

export async function sendDigestNow(
  t: TenantContext,
  clientId: string,
  now = new Date(),
): Promise<SendNowResult | null> {
  const client = await t.db.client.findFirst({
    where: { id: clientId },
    select: sendNowSelect,
  })
  if (!client) return null
  const result = await sendClientDigestNow(t, client, now)
  await recordTenantEvent(
    t,
    'digest.sent_now',
    { type: 'Client', id: clientId },
    {
      name: client.name,
      isoWeek: result.isoWeek,
      result: result.status,
      ...('reason' in result && result.reason ? { reason: result.reason } : {}),
    },
  )
  return result
}

async function sendClientDigestNow(
  t: TenantContext,
  client: Prisma.ClientGetPayload<{ select: typeof sendNowSelect }>,
  now: Date,
): Promise<SendNowResult> {
  const clientId = client.id
  const isoWeek = isoWeekOf(now, t.org.timezone)
  const reason = clientSkipReason(client)
  if (reason) return { status: 'skipped', isoWeek, reason }

  const recipient = { recipientType: 'CLIENT' as const, recipientId: clientId, email: client.email, skipReason: null }
  let [claim] = await claimDigests(t, isoWeek, [recipient], now, { single: true })
  if (!claim) {
    // A quiet-week skip is not a send: the coach may still send this week's digest.
    const { count } = await t.db.digestDelivery.updateMany({
      where: { recipientType: 'CLIENT', recipientId: clientId, isoWeek, status: 'SKIPPED' },
      data: { status: 'CLAIMED', error: null, attempts: 1, claimedAt: now, email: client.email },
    })
    const row = await t.db.digestDelivery.findFirst({
      where: { recipientType: 'CLIENT', recipientId: clientId, isoWeek },
      select: { id: true, status: true, recipientType: true, recipientId: true },
    })
    if (!count || !row) return { status: 'already', isoWeek, deliveryStatus: row?.status ?? 'CLAIMED' }
    claim = row
  }

  const content = (await loadClientDigests(t, [client], isoWeek, now)).get(clientId)!
  const tokens = await issueSignInLinks(t, [clientId], now)
  const links = clientDigestLinks(t.org.id, clientId, tokens.get(clientId)!)
  const result = await sendEmail({
    to: client.email,
    subject: clientDigestSubject(content),
    react: createElement(ClientDigestEmail, { ...content, ...links }),
    kind: 'client-digest',
    organizationId: t.org.id,
    headers: clientDigestHeaders(links, claim.id),
    idempotencyKey: `digest/${clientId}/${isoWeek}`,
  })
  const email = await t.db.outboundEmail.findFirst({
    where: { id: result.id },
    select: { providerMessageId: true, error: true },
  })
  if (result.status === 'FAILED' || result.status === 'SUPPRESSED') {
    const error =
      result.status === 'SUPPRESSED' ? 'Email address suppressed' : `Resend: ${email?.error ?? 'send failed'}`
    await t.db.digestDelivery.update({ where: { id: claim.id }, data: { status: 'FAILED', error } })
    return { status: 'failed', isoWeek, reason: error }
  }
  await t.db.digestDelivery.update({
    where: { id: claim.id },
    data: { status: 'SENT', sentAt: now, providerMessageId: email?.providerMessageId ?? null },
  })
  return { status: result.status === 'SENT' ? 'sent' : 'outbox', isoWeek }
}

/** What the coach reads after "Send now". */
export function sendNowToast(result: SendNowResult) {
  if (result.status === 'sent') return { title: 'Digest sent' }
  if (result.status === 'outbox') return { title: 'Digest sent to the outbox' }
  const description = 'reason' in result ? result.reason : 'This client already has this week’s digest.'
  return { title: 'Digest not sent', description, type: 'error' as const }
}
