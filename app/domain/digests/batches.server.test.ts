import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import { sendEmailBatch } from '~/lib/email-batch.server'
import { practiceWithClients, sendsPerRecipient, stopFakeResend, useFakeResend } from '../../../tests/digest-helpers'
import { error, startFakeResend, type FakeResend } from '../../../tests/fakes/resend'
import {
  allocateBatch,
  batchMessage,
  prepareBatch,
  unknownOutcomeError,
  weekEndedError,
  type BatchRef,
} from './batches.server'
import { claimDigests, listDigestRecipients } from './claims.server'
import { runPracticeDigests } from './run.server'

const week = '2026-W48'
const now = new Date('2026-11-23T14:00:00Z')
let fake: FakeResend

beforeAll(async () => {
  fake = await startFakeResend()
})
afterAll(() => fake.close())
afterEach(() => {
  stopFakeResend()
  fake.reset()
})

/** 151 recipients claimed, and the week's first batch allocated and prepared. */
async function firstBatchPrepared() {
  const { org, t } = await practiceWithClients(150)
  await claimDigests(t, week, await listDigestRecipients(t, week), now)
  const batch = (await allocateBatch(t, week))!
  await prepareBatch(t, batch, now)
  return { org, t, batch }
}

const batchRequests = () => fake.requests.filter((r) => r.path === '/emails/batch')

describe('sending a week of digests through Resend', () => {
  test('100 recipients go in one batch call with the idempotency header, and every row is SENT with its id', async () => {
    useFakeResend(fake)
    const { org, t } = await practiceWithClients(99) // and the owner's coach digest: 100
    const counts = await runPracticeDigests(t, week, now)
    expect(counts).toMatchObject({ claimed: 100, sent: 100, failed: 0, skipped: 0 })
    expect(batchRequests()).toHaveLength(1)
    const [request] = batchRequests()
    expect(request!.headers['idempotency-key']).toBe(`digest/${org.id}/${week}/1`)
    expect(request!.body).toHaveLength(100)
    const deliveries = await prisma.digestDelivery.findMany({ where: { organizationId: org.id, isoWeek: week } })
    expect(deliveries.every((d) => d.status === 'SENT')).toBe(true)
    expect(new Set(deliveries.map((d) => d.providerMessageId))).toEqual(new Set(fake.sent.map((e) => e.id)))
    const clientEmail = fake.sent.find((e) => e.to.startsWith('d-'))!
    expect(clientEmail.headers!['List-Unsubscribe']).toMatch(/^<http:\/\/localhost:3000\/unsubscribe\/.+>$/)
    expect(clientEmail.headers!['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click')
    expect(clientEmail.text).toContain('a quiet week is fine')
    expect(clientEmail.html).toMatch(/\/invite\/[a-z2-7]{32}/)

    // Again: nothing left to claim, nothing sent.
    const again = await runPracticeDigests(t, week, now)
    expect(again).toMatchObject({ claimed: 0, sent: 0 })
    expect(batchRequests()).toHaveLength(1)
  })

  test('a 429 waits for Retry-After, then the identical request succeeds', async () => {
    useFakeResend(fake)
    const { org, t } = await practiceWithClients(3)
    fake.script({
      status: 429,
      body: error(429, 'rate_limit_exceeded', 'Too many requests'),
      headers: { 'retry-after': '1' },
    })
    const counts = await runPracticeDigests(t, week, now)
    expect(counts.sent).toBe(4)
    const [first, second] = batchRequests()
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(990)
    expect(second!.headers['idempotency-key']).toBe(first!.headers['idempotency-key'])
    expect(second!.body).toEqual(first!.body)
    const statuses = await prisma.digestDelivery.groupBy({
      by: ['status'],
      where: { organizationId: org.id },
      _count: true,
    })
    expect(statuses).toEqual([{ status: 'SENT', _count: 4 }])
  })

  test('a 500 is retried with backoff and then succeeds', async () => {
    useFakeResend(fake)
    const { org, t } = await practiceWithClients(2)
    fake.script({ status: 500, body: error(500, 'internal_server_error', 'Oops') })
    const counts = await runPracticeDigests(t, week, now)
    expect(counts.sent).toBe(3)
    expect(batchRequests()).toHaveLength(2)
    expect(sendsPerRecipient(fake).size).toBe(3)
    const rows = await prisma.digestDelivery.findMany({ where: { organizationId: org.id } })
    expect(rows.every((r) => r.status === 'SENT' && r.attempts === 2)).toBe(true)
  })

  test('a permanent 422 marks the batch FAILED with the provider error, and it is not sent again', async () => {
    useFakeResend(fake)
    const { org, t } = await practiceWithClients(2)
    fake.script({ status: 422, body: error(422, 'validation_error', 'The `from` domain is not verified.') })
    const counts = await runPracticeDigests(t, week, now)
    expect(counts).toMatchObject({ failed: 3, sent: 0 })
    const rows = await prisma.digestDelivery.findMany({ where: { organizationId: org.id } })
    expect(rows.every((r) => r.status === 'FAILED' && r.error?.includes('The `from` domain is not verified.'))).toBe(
      true,
    )
    const emails = await prisma.outboundEmail.findMany({ where: { organizationId: org.id } })
    expect(emails.every((e) => e.status === 'FAILED')).toBe(true)
    await runPracticeDigests(t, week, now)
    expect(batchRequests()).toHaveLength(1)
  })

  test('a crash after the batch was sent but before it was recorded sends the same request again, and nothing twice', async () => {
    useFakeResend(fake)
    const { org, t, batch } = await firstBatchPrepared()
    // The send happens an hour ago, then the process dies before recording it.
    const first = await sendStoredBatch(batch, new Date(Date.now() - 3_600_000))
    expect(first.ok).toBe(true)

    const counts = await runPracticeDigests(t, week, now)
    expect(counts.sent).toBe(151)
    const keys = batchRequests().map((r) => r.headers['idempotency-key'])
    expect(keys.filter((k) => k === batch.idempotencyKey)).toHaveLength(2)
    expect(batchRequests()[1]!.body).toEqual(batchRequests()[0]!.body)
    expect([...sendsPerRecipient(fake).values()].every((n) => n === 1)).toBe(true)
    expect(sendsPerRecipient(fake).size).toBe(151)
    const rows = await prisma.digestDelivery.findMany({ where: { batchId: batch.id } })
    expect(rows.map((r) => r.providerMessageId).sort()).toEqual(first.ok ? [...first.ids].sort() : [])
    expect(await prisma.digestDelivery.count({ where: { organizationId: org.id, status: 'SENT' } })).toBe(151)
  })

  test('a batch first sent more than 23 hours ago and never recorded is not sent again: Resend has forgotten its key', async () => {
    useFakeResend(fake)
    const { org, t, batch } = await firstBatchPrepared()
    await sendStoredBatch(batch, new Date(Date.now() - 25 * 3_600_000))
    fake.reset() // a day later, the key is gone

    const counts = await runPracticeDigests(t, week, now)
    expect(counts).toMatchObject({ sent: 51, failed: 100 })
    expect(batchRequests().map((r) => r.headers['idempotency-key'])).toEqual([`digest/${org.id}/${week}/2`])
    const rows = await prisma.digestDelivery.findMany({ where: { batchId: batch.id } })
    expect(rows).toHaveLength(100)
    expect(rows.every((r) => r.status === 'FAILED' && r.error === unknownOutcomeError)).toBe(true)
    // Settled: the next run has nothing to do.
    await runPracticeDigests(t, week, now)
    expect(batchRequests()).toHaveLength(1)
  })

  test("a week that ended unfinished is settled by the next week's run: a sent batch is recorded, nothing else goes out late", async () => {
    useFakeResend(fake)
    const { org, t } = await practiceWithClients(250) // 251 recipients: batches of 100, 100 and 51 unbatched
    const lastWeek = '2026-W47'
    await claimDigests(t, lastWeek, await listDigestRecipients(t, lastWeek), now)
    const [sentBatch, unsentBatch] = [(await allocateBatch(t, lastWeek))!, (await allocateBatch(t, lastWeek))!]
    await prepareBatch(t, sentBatch, now)
    const first = await sendStoredBatch(sentBatch, new Date(Date.now() - 3_600_000)) // then a crash, then Monday
    expect(first.ok).toBe(true)

    const counts = await runPracticeDigests(t, week, now)
    expect(counts).toMatchObject({ claimed: 251, sent: 251 })
    const lastWeekKeys = batchRequests()
      .map((r) => String(r.headers['idempotency-key']))
      .filter((k) => k.includes(lastWeek))
    expect(lastWeekKeys).toEqual([sentBatch.idempotencyKey, sentBatch.idempotencyKey]) // the replay only
    const byStatus = async (batchId: string | null) =>
      prisma.digestDelivery.groupBy({
        by: ['status', 'error'],
        where: { organizationId: org.id, isoWeek: lastWeek, batchId },
        _count: true,
      })
    expect(await byStatus(sentBatch.id)).toEqual([{ status: 'SENT', error: null, _count: 100 }])
    expect(await byStatus(unsentBatch.id)).toEqual([{ status: 'FAILED', error: weekEndedError, _count: 100 }])
    expect(await byStatus(null)).toEqual([{ status: 'FAILED', error: weekEndedError, _count: 51 }])
    const sent = await prisma.digestDelivery.findMany({ where: { batchId: sentBatch.id } })
    expect(sent.map((r) => r.providerMessageId).sort()).toEqual(first.ok ? [...first.ids].sort() : [])
    expect([...sendsPerRecipient(fake).values()].filter((n) => n > 2)).toEqual([])
    expect(await prisma.digestBatch.count({ where: { organizationId: org.id, sentAt: null } })).toBe(0)
  })
})

/** What sendBatch does for the batch's first attempt at `at`, without recording the outcome (a crash). */
async function sendStoredBatch(batch: BatchRef, at: Date) {
  await prisma.digestBatch.update({ where: { id: batch.id }, data: { attemptedAt: at } })
  const stored = await prisma.digestDelivery.findMany({
    where: { batchId: batch.id },
    orderBy: { id: 'asc' },
    select: { id: true },
  })
  const emails = await prisma.outboundEmail.findMany({ where: { id: { in: stored.map((s) => s.id) } } })
  const byId = new Map(emails.map((e) => [e.id, e]))
  const payload = stored.map(({ id }) => batchMessage(byId.get(id)!))
  return sendEmailBatch(payload, { apiKey: 're_test_key', idempotencyKey: batch.idempotencyKey })
}

describe('without RESEND_API_KEY', () => {
  test('digests land in the dev outbox, rows are marked sent with no provider id, and nothing is requested', async () => {
    const { org, t } = await practiceWithClients(2)
    const counts = await runPracticeDigests(t, week, now)
    expect(counts).toMatchObject({ claimed: 3, outbox: 3, sent: 0 })
    expect(fake.requests).toHaveLength(0)
    const emails = await prisma.outboundEmail.findMany({ where: { organizationId: org.id } })
    expect(emails).toHaveLength(3)
    expect(emails.every((e) => e.status === 'OUTBOX')).toBe(true)
    expect(emails.map((e) => e.kind).sort()).toEqual(['client-digest', 'client-digest', 'coach-digest'])
    const rows = await prisma.digestDelivery.findMany({ where: { organizationId: org.id } })
    expect(rows.every((r) => r.status === 'SENT' && r.providerMessageId === null)).toBe(true)
    // Each digest's email shares its delivery's id.
    expect(new Set(emails.map((e) => e.id))).toEqual(new Set(rows.map((r) => r.id)))
  })
})
