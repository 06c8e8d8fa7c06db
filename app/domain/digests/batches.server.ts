import type { RecipientType } from '~/generated/prisma/enums'
import { maxBatchSize, sendEmailBatch } from '~/lib/email-batch.server'
import { subjectLine } from '~/lib/email.server'
import { envValue, getEnv } from '~/lib/env.server'
import { logger } from '~/lib/logger.server'
import { executeTenantSql, isUniqueViolation, joinSql, queryTenantSql, sql } from '~/tenancy/sql.server'
import { type TenantContext } from '~/tenancy/scoped-client.server'
import { digestClientSelect, loadClientDigests } from './content.server'
import { loadCoachDigests } from './coach-content.server'
import { newDeliveryId } from './ids.server'
import { clientDigestLinks, issueSignInLinks, renderClientDigest, renderCoachDigest } from './render.server'

// Claimed digests go out in recorded batches (docs/decisions/0007-digests-once.md):
// 1. allocate: up to 100 claimed, unbatched deliveries get a DigestBatch row and its idempotency key;
// 2. prepare: each email is rendered and stored as an OutboundEmail row with the delivery's id;
// 3. send: the stored rows, in delivery order, go to Resend's batch endpoint under the batch's key;
// 4. record: deliveries, emails and the batch are marked in one statement.
// A crash anywhere repeats the step that did not finish; a repeated send is the identical request
// under the same key, which Resend answers without sending again.

export type BatchRef = { id: string; number: number; idempotencyKey: string }
export type BatchOutcome = { sent: number; failed: number; skipped: number; outbox: number; retryLater: number }

/** Transient failures of one batch, summed over runs, before its deliveries are marked FAILED. */
const maxTotalAttempts = 18

/**
 * Resend answers a repeated idempotency key from memory for 24 hours, then forgets it. A batch first
 * attempted longer ago than this (an hour's margin) is never sent again: it may have gone out.
 */
export const replayWindowMs = 23 * 3_600_000

export const unknownOutcomeError =
  'Not sent again: a send was interrupted more than 23 hours ago and may have gone out, so it is not repeated'
export const weekEndedError = 'Not sent: the week ended before this digest went out'

export function batchIdempotencyKey(organizationId: string, isoWeek: string, number: number) {
  return `digest/${organizationId}/${isoWeek}/${number}`
}

/** Records the next batch of up to 100 claimed deliveries, or null when none are left. */
export async function allocateBatch(t: TenantContext, isoWeek: string): Promise<BatchRef | null> {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const [row] = await queryTenantSql<BatchRef>(
        t,
        (organizationId) => sql`
        WITH picked AS (
          SELECT id FROM "DigestDelivery"
          WHERE "organizationId" = ${organizationId} AND "isoWeek" = ${isoWeek}
            AND status = 'CLAIMED' AND "batchId" IS NULL AND attempts = 0
          ORDER BY id LIMIT ${maxBatchSize}
          FOR UPDATE SKIP LOCKED
        ), next AS (
          SELECT coalesce(max(number), 0) + 1 AS number FROM "DigestBatch"
          WHERE "organizationId" = ${organizationId} AND "isoWeek" = ${isoWeek}
        ), batch AS (
          INSERT INTO "DigestBatch" (id, "organizationId", "isoWeek", number, "idempotencyKey", "createdAt")
          SELECT ${newDeliveryId()}, ${organizationId}, ${isoWeek}, next.number,
                 ${`digest/${t.org.id}/${isoWeek}/`} || next.number, now()
          FROM next WHERE EXISTS (SELECT 1 FROM picked)
          RETURNING id, number, "idempotencyKey"
        ), assigned AS (
          UPDATE "DigestDelivery" SET "batchId" = (SELECT id FROM batch)
          WHERE id IN (SELECT id FROM picked) RETURNING id
        )
        SELECT id, number, "idempotencyKey" FROM batch WHERE (SELECT count(*) FROM assigned) > 0`,
      )
      return row ?? null
    } catch (error) {
      // Another process took the same batch number at the same moment: take the next one.
      if (!isUniqueViolation(error) && !String(error).includes('23505')) throw error
    }
  }
  throw new Error('Could not allocate a digest batch')
}

/** Batches of the week recorded but not finished (a crash, or transient failures): they are sent again. */
export function listUnfinishedBatches(t: TenantContext, isoWeek: string) {
  return t.db.digestBatch.findMany({
    where: { isoWeek, sentAt: null },
    orderBy: { number: 'asc' },
    select: { id: true, number: true, idempotencyKey: true },
  })
}

type BatchDelivery = { id: string; recipientType: RecipientType; recipientId: string; email: string }

/**
 * Renders and stores every email of the batch, once. The batch row is locked while the rows are
 * written, so two processes preparing the same batch store one set of emails.
 */
export async function prepareBatch(t: TenantContext, batch: BatchRef, now = new Date()) {
  const deliveries: BatchDelivery[] = await t.db.digestDelivery.findMany({
    where: { batchId: batch.id, status: 'CLAIMED' },
    orderBy: { id: 'asc' },
    select: { id: true, recipientType: true, recipientId: true, email: true },
  })
  if (!deliveries.length) return
  const ids = deliveries.map((d) => d.id)
  if ((await t.db.outboundEmail.count({ where: { id: { in: ids } } })) > 0) return

  const isoWeek = (await t.db.digestBatch.findFirstOrThrow({ where: { id: batch.id }, select: { isoWeek: true } }))
    .isoWeek
  const rendered = await renderDeliveries(t, deliveries, isoWeek, now)
  const skips = deliveries.filter((d) => typeof rendered.get(d.id) === 'string')
  const emails = deliveries.filter((d) => typeof rendered.get(d.id) === 'object')
  const { EMAIL_FROM: from } = getEnv()
  const status = envValue('RESEND_API_KEY') ? ('QUEUED' as const) : ('OUTBOX' as const)

  await t.db.$transaction(async (tx) => {
    // Locks the batch row until commit: a second preparer waits here, then finds the rows written.
    await tx.digestBatch.update({ where: { id: batch.id }, data: { number: batch.number } })
    if ((await tx.outboundEmail.count({ where: { id: { in: ids } } })) > 0) return
    for (const d of skips) {
      await tx.digestDelivery.updateMany({
        where: { id: d.id, status: 'CLAIMED' },
        data: { status: 'SKIPPED', error: rendered.get(d.id) as string, batchId: null },
      })
    }
    await tx.outboundEmail.createMany({
      data: emails.map((d) => {
        const email = rendered.get(d.id) as Exclude<ReturnType<typeof rendered.get>, string | undefined>
        return {
          id: d.id,
          organizationId: t.org.id,
          kind: d.recipientType === 'CLIENT' ? 'client-digest' : 'coach-digest',
          to: d.email,
          from,
          subject: subjectLine(email.subject),
          html: email.html,
          text: email.text,
          headers: email.headers,
          status,
        }
      }),
      skipDuplicates: true,
    })
  })
}

async function renderDeliveries(t: TenantContext, deliveries: BatchDelivery[], isoWeek: string, now: Date) {
  const clientIds = deliveries.filter((d) => d.recipientType === 'CLIENT').map((d) => d.recipientId)
  const coachIds = deliveries.filter((d) => d.recipientType === 'COACH').map((d) => d.recipientId)
  const [clients, members] = await Promise.all([
    clientIds.length ? t.db.client.findMany({ where: { id: { in: clientIds } }, select: digestClientSelect }) : [],
    coachIds.length
      ? t.db.membership.findMany({
          where: { userId: { in: coachIds } },
          select: { role: true, user: { select: { id: true, name: true, email: true } } },
        })
      : [],
  ])
  const [clientContent, coachContent] = await Promise.all([
    loadClientDigests(t, clients, isoWeek, now),
    members.length
      ? loadCoachDigests(
          t,
          members.map((m) => ({ userId: m.user.id, name: m.user.name, email: m.user.email, role: m.role })),
          now,
        )
      : new Map(),
  ])
  const result = new Map<string, Awaited<ReturnType<typeof renderClientDigest>> | string>()
  const sending = clients.filter((c) => {
    const content = clientContent.get(c.id)!
    return !(content.quiet && t.org.digestSkipInactive)
  })
  const tokens = await issueSignInLinks(
    t,
    sending.map((c) => c.id),
    now,
  )
  for (const [index, d] of deliveries.entries()) {
    // Rendering is synchronous: let timers (the send pacing) run between emails.
    if (index % 10 === 9) await new Promise<void>((resolve) => setImmediate(resolve))
    if (d.recipientType === 'CLIENT') {
      const content = clientContent.get(d.recipientId)
      if (!content) result.set(d.id, 'Client no longer exists')
      else if (!tokens.has(d.recipientId)) result.set(d.id, 'No activity this week (the practice skips quiet weeks)')
      else
        result.set(
          d.id,
          await renderClientDigest(
            content,
            clientDigestLinks(t.org.id, d.recipientId, tokens.get(d.recipientId)!),
            d.id,
          ),
        )
    } else {
      const content = coachContent.get(d.recipientId)
      result.set(d.id, content ? await renderCoachDigest(content, t.org.slug, d.id) : 'No clients assigned')
    }
  }
  return result
}

type StoredEmail = { from: string; to: string; subject: string; html: string; text: string; headers: unknown }

/** A stored email as one message of a batch call. */
export const batchMessage = (e: StoredEmail) => ({
  from: e.from,
  to: e.to,
  subject: e.subject,
  html: e.html,
  text: e.text,
  headers: e.headers as Record<string, string>,
})

/** Sends the batch's stored emails under its key and records the outcome. Safe to repeat. */
export async function sendBatch(t: TenantContext, batch: BatchRef, now = () => new Date()): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { sent: 0, failed: 0, skipped: 0, outbox: 0, retryLater: 0 }
  const deliveries = await t.db.digestDelivery.findMany({
    where: { batchId: batch.id, status: 'CLAIMED' },
    orderBy: { id: 'asc' },
    select: { id: true, attempts: true },
  })
  const stored = await t.db.outboundEmail.findMany({
    where: { id: { in: deliveries.map((d) => d.id) } },
    select: { id: true, from: true, to: true, subject: true, html: true, text: true, headers: true },
  })
  const byId = new Map(stored.map((e) => [e.id, e]))
  const ready = deliveries.filter((d) => byId.has(d.id))
  if (ready.length !== deliveries.length) throw new Error(`Batch ${batch.idempotencyKey} is not prepared`)
  if (!ready.length) {
    await t.db.digestBatch.update({ where: { id: batch.id }, data: { sentAt: now() } })
    return outcome
  }
  const apiKey = envValue('RESEND_API_KEY')
  if (!apiKey) {
    await recordSent(
      t,
      batch,
      ready.map((d) => ({ id: d.id, providerMessageId: null })),
      0,
      now(),
    )
    return { ...outcome, outbox: ready.length }
  }
  const emails = ready.map((d) => batchMessage(byId.get(d.id)!))
  const attemptedAt = await markAttempted(t, batch, now())
  if (now().getTime() - attemptedAt.getTime() > replayWindowMs) {
    logger.error({ batch: batch.idempotencyKey, attemptedAt }, 'digest batch outcome unknown; not sent again')
    await recordFailed(
      t,
      batch,
      ready.map((d) => d.id),
      unknownOutcomeError,
      0,
      now(),
    )
    return { ...outcome, failed: ready.length }
  }
  const result = await sendEmailBatch(emails, { apiKey, idempotencyKey: batch.idempotencyKey })
  if (result.ok) {
    await recordSent(
      t,
      batch,
      ready.map((d, i) => ({ id: d.id, providerMessageId: result.ids[i]! })),
      result.attempts,
      now(),
    )
    return { ...outcome, sent: ready.length }
  }
  const attempts = (ready[0]?.attempts ?? 0) + result.attempts
  if (result.permanent || attempts >= maxTotalAttempts) {
    logger.error({ batch: batch.idempotencyKey, error: result.error }, 'digest batch failed')
    await recordFailed(
      t,
      batch,
      ready.map((d) => d.id),
      `Resend: ${result.error}`,
      result.attempts,
      now(),
    )
    return { ...outcome, failed: ready.length }
  }
  logger.warn({ batch: batch.idempotencyKey, error: result.error }, 'digest batch will be retried')
  await t.db.digestDelivery.updateMany({
    where: { id: { in: ready.map((d) => d.id) } },
    data: { attempts: { increment: result.attempts }, error: `Resend (will retry): ${result.error}` },
  })
  return { ...outcome, retryLater: ready.length }
}

/** When the batch was first handed to Resend: stamped now unless an earlier attempt already did. */
async function markAttempted(t: TenantContext, batch: BatchRef, at: Date) {
  const [row] = await queryTenantSql<{ attemptedAt: Date }>(
    t,
    (organizationId) => sql`
      UPDATE "DigestBatch" SET "attemptedAt" = coalesce("attemptedAt", ${at})
      WHERE id = ${batch.id} AND "organizationId" = ${organizationId}
      RETURNING "attemptedAt"`,
  )
  if (!row) throw new Error(`Batch ${batch.idempotencyKey} is gone`)
  return new Date(row.attemptedAt)
}

/**
 * Settles what earlier weeks left unfinished (a crash or an outage across the week's end), so no
 * row stays CLAIMED forever and no late digest follows the next week's. A batch handed to Resend
 * within the replay window is sent again under its key, which only records what Resend did; one
 * never attempted, and claims never batched, are marked not sent.
 */
export async function settlePastWeeks(t: TenantContext, isoWeek: string): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { sent: 0, failed: 0, skipped: 0, outbox: 0, retryLater: 0 }
  const batches = await t.db.digestBatch.findMany({
    where: { isoWeek: { lt: isoWeek }, sentAt: null },
    orderBy: [{ isoWeek: 'asc' }, { number: 'asc' }],
    select: { id: true, number: true, idempotencyKey: true, attemptedAt: true },
  })
  for (const { attemptedAt, ...batch } of batches) {
    if (attemptedAt) {
      const o = await sendBatch(t, batch)
      for (const k of Object.keys(o) as (keyof BatchOutcome)[]) outcome[k] += o[k]
      continue
    }
    const rows = await t.db.digestDelivery.findMany({
      where: { batchId: batch.id, status: 'CLAIMED' },
      select: { id: true },
    })
    if (rows.length)
      await recordFailed(
        t,
        batch,
        rows.map((r) => r.id),
        weekEndedError,
        0,
        new Date(),
      )
    else await t.db.digestBatch.update({ where: { id: batch.id }, data: { sentAt: new Date() } })
    outcome.failed += rows.length
  }
  // Claims never batched; a "send now" interrupted before its record (attempts > 0) may have gone out.
  const unbatched = { isoWeek: { lt: isoWeek }, status: 'CLAIMED' as const, batchId: null }
  const [notSent, unknown] = await Promise.all([
    t.db.digestDelivery.updateMany({
      where: { ...unbatched, attempts: 0 },
      data: { status: 'FAILED', error: weekEndedError },
    }),
    t.db.digestDelivery.updateMany({
      where: { ...unbatched, attempts: { gt: 0 } },
      data: { status: 'FAILED', error: 'Not sent again: a send now was interrupted and may have gone out' },
    }),
  ])
  outcome.failed += notSent.count + unknown.count
  return outcome
}

// One statement each, so deliveries, emails and the batch change together or not at all (PostgreSQL
// runs every data-modifying WITH to completion).
async function recordSent(
  t: TenantContext,
  batch: BatchRef,
  rows: { id: string; providerMessageId: string | null }[],
  attempts: number,
  at: Date,
) {
  await executeTenantSql(t, (organizationId) => {
    const values = joinSql(rows.map((r) => sql`(${r.id}, ${r.providerMessageId}::text)`))
    return sql`
      WITH v(id, pid) AS (VALUES ${values}),
      d AS (
        UPDATE "DigestDelivery" dd SET status = 'SENT', "providerMessageId" = v.pid, "sentAt" = ${at},
          attempts = dd.attempts + ${attempts}, error = NULL
        FROM v WHERE dd.id = v.id AND dd."organizationId" = ${organizationId} RETURNING dd.id
      ), o AS (
        UPDATE "OutboundEmail" oe SET
          status = CASE WHEN v.pid IS NULL THEN oe.status ELSE 'SENT'::"EmailStatus" END,
          "providerMessageId" = v.pid, "sentAt" = CASE WHEN v.pid IS NULL THEN oe."sentAt" ELSE ${at} END
        FROM v WHERE oe.id = v.id AND oe."organizationId" = ${organizationId} RETURNING oe.id
      )
      UPDATE "DigestBatch" SET "sentAt" = ${at}
      WHERE id = ${batch.id} AND "organizationId" = ${organizationId}`
  })
}

async function recordFailed(
  t: TenantContext,
  batch: BatchRef,
  ids: string[],
  error: string,
  attempts: number,
  at: Date,
) {
  await executeTenantSql(
    t,
    (organizationId) => sql`
      WITH d AS (
        UPDATE "DigestDelivery" SET status = 'FAILED', error = ${error}, attempts = attempts + ${attempts}
        WHERE "organizationId" = ${organizationId} AND id IN (${joinSql(ids)}) RETURNING id
      ), o AS (
        UPDATE "OutboundEmail" SET status = 'FAILED', error = ${error}
        WHERE "organizationId" = ${organizationId} AND id IN (${joinSql(ids)}) RETURNING id
      )
      UPDATE "DigestBatch" SET "sentAt" = ${at}
      WHERE id = ${batch.id} AND "organizationId" = ${organizationId}`,
  )
}
