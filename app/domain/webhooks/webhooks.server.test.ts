import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { createApiKey } from '~/domain/api-keys/api-keys.server'
import { createClient, setClientStatus } from '~/domain/clients/clients.server'
import { addApplication, moveApplicationStage, type PipelineContext } from '~/domain/applications/applications.server'
import { undoStageMove } from '~/domain/applications/stage-undo.server'
import { createImport } from '~/domain/imports/batches.server'
import { commitImport } from '~/domain/imports/commit.server'
import { toCsv } from '~/domain/imports/csv'
import { runDeliverWebhookJob, runWebhooksSweep } from '~/jobs/webhooks.server'
import { prisma } from '~/lib/db.server'
import { InputError } from '~/lib/input-error'
import { action as apiAction } from '~/routes/api.v1.$/route'
import { createTenantContext, type TenantContext } from '~/tenancy/scoped-client.server'
import { createPracticeWithOwner, unique } from '../../../tests/factories'
import { queuedJobs, withIdleJobQueue } from '../../../tests/idle-job-queue'
import { checkWebhookUrl, ForbiddenAddressError, guardedLookup, isSpecialAddress } from './addresses.server'
import { disableAfterFailedDeliveries, webhookRetry } from './deliver.server'
import { emitWebhookEvent, withWebhookEvents } from './emit.server'
import { clientPayload } from './payloads'
import {
  createWebhookEndpoint,
  resendWebhookDelivery,
  rotateWebhookSecret,
  sendTestEvent,
  setWebhookEnabled,
} from './endpoints.server'

// Webhooks against a real receiver: a node:http server on a free port that checks every signature with
// the Standard Webhooks library, as a practice's own tool would.

type Received = { id: string; headers: IncomingHttpHeaders; body: string }

let server: Server
let base: string
const received: Received[] = []
/** Per path: the statuses the receiver answers, in turn (the last one repeats); 200 when unset. */
const script = new Map<string, number[]>()

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => {
      received.push({ id: String(req.headers['webhook-id']), headers: req.headers, body })
      const answers = script.get(req.url ?? '') ?? [200]
      const status = answers.length > 1 ? answers.shift()! : answers[0]!
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'thanks' : 'not now')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

async function practice() {
  const { org, owner } = await createPracticeWithOwner(prisma)
  const t = createTenantContext(prisma, { user: owner, org, role: 'OWNER' })
  return { org, owner, t }
}

async function endpoint(
  t: TenantContext,
  events: Parameters<typeof createWebhookEndpoint>[1]['events'],
  status?: number[],
) {
  const path = `/${unique('hook-')}`
  if (status) script.set(path, [...status])
  const made = await createWebhookEndpoint(t, { url: `${base}${path}`, description: null, events })
  return { ...made, path }
}

function verify(secret: string, r: Received) {
  return new Webhook(secret).verify(r.body, {
    'webhook-id': String(r.headers['webhook-id']),
    'webhook-timestamp': String(r.headers['webhook-timestamp']),
    'webhook-signature': String(r.headers['webhook-signature']),
  }) as { type: string; data: Record<string, Record<string, unknown>> }
}

async function deliveriesOf(endpointId: string) {
  return prisma.webhookDelivery.findMany({ where: { endpointId }, orderBy: { createdAt: 'asc' } })
}

/** Runs the job for a delivery the way the queue would, at `now`. */
function runJob(t: TenantContext, deliveryId: string, now: Date) {
  return runDeliverWebhookJob({ organizationId: t.org.id, deliveryId }, now)
}

describe('delivering events to a real receiver', () => {
  test('a client added in the web app reaches the endpoint signed as Standard Webhooks says', async () => {
    const { t } = await practice()
    const { endpoint: ep, secret } = await endpoint(t, ['client.created'])
    expect(secret).toMatch(/^whsec_/)
    const client = await createClient(t, { ...clientInput(), name: 'Robin Reed' })
    const [delivery] = await deliveriesOf(ep.id)
    expect(delivery).toMatchObject({ eventType: 'client.created', status: 'PENDING', attempts: 0 })
    const before = received.length
    await runJob(t, delivery!.id, new Date())
    const got = received.slice(before)
    expect(got).toHaveLength(1)
    const event = verify(secret, got[0]!)
    expect(event.type).toBe('client.created')
    expect(event.data.client).toMatchObject({ id: client.id, name: 'Robin Reed', status: 'ACTIVE' })
    expect(got[0]!.headers['webhook-id']).toBe(delivery!.eventId)
    expect(() => verify('whsec_' + Buffer.from('x'.repeat(32)).toString('base64'), got[0]!)).toThrow()
    const after = await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: delivery!.id } })
    expect(after).toMatchObject({ status: 'SUCCEEDED', attempts: 1, responseStatus: 200, responseBody: 'thanks' })
    expect(after.durationMs).toBeGreaterThanOrEqual(0)
    // The job running again (pg-boss gives at least once too) sends nothing more.
    await runJob(t, delivery!.id, new Date())
    expect(received.length).toBe(before + 1)
  })

  test('a client added through the API emits the same event', async () => {
    const { t } = await practice()
    const { endpoint: ep, secret } = await endpoint(t, ['client.created', 'client.placed'])
    const { secret: key } = await createApiKey(t, { name: 'CRM', scopes: ['clients:write'] })
    const response = await apiAction({
      request: new Request('http://localhost:3000/api/v1/clients', {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'Api Person', email: `${unique('api-')}@example.test` }),
      }),
      params: { '*': 'clients' },
      context: { clientIp: '203.0.113.9', requestId: 'webhooks-test', cspNonce: 'n' },
    })
    expect(response.status).toBe(201)
    const [delivery] = await deliveriesOf(ep.id)
    const before = received.length
    await runJob(t, delivery!.id, new Date())
    expect(verify(secret, received[before]!).data.client).toMatchObject({ name: 'Api Person' })
  })

  test('only endpoints that asked for the event, and are on, get it; one event has one id everywhere', async () => {
    const { t } = await practice()
    const placed = await endpoint(t, ['client.placed'])
    const alsoPlaced = await endpoint(t, ['client.placed', 'client.archived'])
    const archivedOnly = await endpoint(t, ['client.archived'])
    const off = await endpoint(t, ['client.placed'])
    await setWebhookEnabled(t, off.endpoint.id, false)
    const client = await createClient(t, clientInput())
    await setClientStatus(t, client.id, 'PLACED')
    const [a] = await deliveriesOf(placed.endpoint.id)
    const [b] = await deliveriesOf(alsoPlaced.endpoint.id)
    expect(a!.eventType).toBe('client.placed')
    expect(b!.eventId).toBe(a!.eventId)
    expect(await deliveriesOf(archivedOnly.endpoint.id)).toHaveLength(0)
    expect(await deliveriesOf(off.endpoint.id)).toHaveLength(0)
    // Placing a placed client again is no new event.
    await setClientStatus(t, client.id, 'PLACED')
    expect(await deliveriesOf(placed.endpoint.id)).toHaveLength(1)
  })

  test('a receiver that fails twice then succeeds gets the event three times with one id, waiting longer each time', async () => {
    const { t } = await practice()
    const { endpoint: ep, secret } = await endpoint(t, ['client.created'], [500, 503, 200])
    const start = new Date()
    await emitWebhookEvent({ db: t.db, organizationId: t.org.id }, 'client.created', { client: { id: 'c1' } }, start)
    const [delivery] = await deliveriesOf(ep.id)
    const before = received.length

    await runJob(t, delivery!.id, start)
    let row = await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: delivery!.id } })
    expect(row).toMatchObject({ status: 'PENDING', attempts: 1, responseStatus: 500 })
    const firstWait = row.nextAttemptAt!.getTime() - start.getTime()
    expect(firstWait).toBe(webhookRetry.firstDelayMs)
    // Not due yet: a job that runs early sends nothing.
    await runJob(t, delivery!.id, new Date(start.getTime() + 1_000))
    expect(received.length).toBe(before + 1)

    const second = row.nextAttemptAt!
    await runJob(t, delivery!.id, second)
    row = await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: delivery!.id } })
    expect(row).toMatchObject({ status: 'PENDING', attempts: 2, responseStatus: 503 })
    expect(row.nextAttemptAt!.getTime() - second.getTime()).toBe(webhookRetry.firstDelayMs * webhookRetry.factor)

    await runJob(t, delivery!.id, row.nextAttemptAt!)
    row = await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: delivery!.id } })
    expect(row).toMatchObject({ status: 'SUCCEEDED', attempts: 3, responseStatus: 200, nextAttemptAt: null })
    await runJob(t, delivery!.id, new Date(start.getTime() + 3_600_000))

    const got = received.slice(before)
    expect(got).toHaveLength(3)
    expect(new Set(got.map((r) => r.id))).toEqual(new Set([delivery!.eventId]))
    for (const r of got) expect(verify(secret, r).type).toBe('client.created')
  })

  test(`an endpoint failing for a day on ${disableAfterFailedDeliveries} events in a row is turned off and its owners told`, async () => {
    const { t, owner } = await practice()
    const { endpoint: ep } = await endpoint(t, ['checkin.recorded'], [500])
    const start = new Date()
    const attemptsPerDelivery: number[] = []
    for (let i = 0; i < disableAfterFailedDeliveries; i++) {
      const at = new Date(start.getTime() + i * 1000)
      await emitWebhookEvent({ db: t.db, organizationId: t.org.id }, 'checkin.recorded', { n: i }, at)
      const delivery = (await deliveriesOf(ep.id)).at(-1)!
      let now = at
      for (let guard = 0; guard < 20; guard++) {
        await runJob(t, delivery.id, now)
        const row = await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })
        if (row.status !== 'PENDING') {
          expect(row.status).toBe('FAILED')
          expect(row.lastAttemptAt!.getTime() - at.getTime()).toBe(webhookRetry.windowMs)
          attemptsPerDelivery.push(row.attempts)
          break
        }
        now = row.nextAttemptAt!
      }
      const current = await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: ep.id } })
      expect(current.enabled).toBe(i < disableAfterFailedDeliveries - 1)
    }
    // 30 s, 1.5 min, 4.5 min ... and a last attempt when the day ends.
    expect(attemptsPerDelivery).toEqual(Array(disableAfterFailedDeliveries).fill(9))
    const off = await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: ep.id } })
    expect(off).toMatchObject({ enabled: false, disabledReason: 'FAILING' })
    const emails = await prisma.outboundEmail.findMany({
      where: { organizationId: t.org.id, kind: 'webhook-disabled' },
    })
    expect(emails.map((e) => e.to)).toEqual([owner.email])
    expect(await prisma.auditEvent.count({ where: { organizationId: t.org.id, action: 'webhook.disabled' } })).toBe(1)
    // No new deliveries while it is off.
    await emitWebhookEvent({ db: t.db, organizationId: t.org.id }, 'checkin.recorded', { n: 99 })
    expect(await deliveriesOf(ep.id)).toHaveLength(disableAfterFailedDeliveries)
    // Turned on again, it starts counting afresh.
    await setWebhookEnabled(t, ep.id, true)
    expect(await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: ep.id } })).toMatchObject({
      enabled: true,
      consecutiveFailures: 0,
    })
  })

  test('“Send again” repeats the event with the same id; a test event is sent once, now', async () => {
    const { t } = await practice()
    const { endpoint: ep, secret } = await endpoint(t, ['task.completed'])
    await emitWebhookEvent({ db: t.db, organizationId: t.org.id }, 'task.completed', { task: { id: 't1' } })
    const [delivery] = await deliveriesOf(ep.id)
    const before = received.length
    await runJob(t, delivery!.id, new Date())
    await resendWebhookDelivery(t, ep.id, delivery!.id)
    const got = received.slice(before)
    expect(got.map((r) => r.id)).toEqual([delivery!.eventId, delivery!.eventId])
    expect(await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: delivery!.id } })).toMatchObject({
      attempts: 2,
      status: 'SUCCEEDED',
    })
    const test = await sendTestEvent(t, ep.id)
    expect(test).toMatchObject({ status: 'SUCCEEDED', attempts: 1, eventType: 'webhook.test' })
    expect(verify(secret, received.at(-1)!).type).toBe('webhook.test')
  })

  test('after a rotation both secrets verify for a day, then only the new one', async () => {
    const { t } = await practice()
    const { endpoint: ep, secret: old } = await endpoint(t, ['client.created'])
    const rotated = await rotateWebhookSecret(t, ep.id)
    await sendTestEvent(t, ep.id)
    const r = received.at(-1)!
    expect(String(r.headers['webhook-signature']).split(' ')).toHaveLength(2)
    expect(verify(old, r).type).toBe('webhook.test')
    expect(verify(rotated!.secret, r).type).toBe('webhook.test')
    await prisma.webhookEndpoint.update({
      where: { id: ep.id },
      data: { previousSecretUntil: new Date(Date.now() - 1) },
    })
    await sendTestEvent(t, ep.id)
    const later = received.at(-1)!
    expect(String(later.headers['webhook-signature']).split(' ')).toHaveLength(1)
    expect(() => verify(old, later)).toThrow()
    expect(verify(rotated!.secret, later).type).toBe('webhook.test')
  })

  test('another practice cannot reach an endpoint or a delivery', async () => {
    const { t } = await practice()
    const other = await practice()
    const { endpoint: ep } = await endpoint(t, ['client.created'])
    await emitWebhookEvent({ db: t.db, organizationId: t.org.id }, 'client.created', { client: { id: 'x' } })
    const [delivery] = await deliveriesOf(ep.id)
    expect(await sendTestEvent(other.t, ep.id)).toBeNull()
    expect(await resendWebhookDelivery(other.t, ep.id, delivery!.id)).toBeNull()
    expect(await rotateWebhookSecret(other.t, ep.id)).toBeNull()
    expect(await setWebhookEnabled(other.t, ep.id, false)).toBeNull()
  })
})

describe('events written with the change they report', () => {
  // A real queue (no worker takes its jobs), to see what is queued and when.
  withIdleJobQueue()

  const queued = (deliveryId: string) => queuedJobs('deliver-webhook', 'deliveryId', deliveryId)

  test('a change rolled back after its event was written leaves neither the change nor the event', async () => {
    const { t } = await practice()
    const { endpoint: ep } = await endpoint(t, ['client.created'])
    const email = `${unique('rolled-')}@example.test`
    await expect(
      withWebhookEvents({ db: t.db, organizationId: t.org.id }, async (tx, emit) => {
        const client = await tx.client.create({ data: { organizationId: t.org.id, name: 'Never Was', email } })
        await emit('client.created', clientPayload(client))
        throw new Error('the change failed after its event was written')
      }),
    ).rejects.toThrow('the change failed')
    expect(await prisma.client.count({ where: { email } })).toBe(0)
    expect(await deliveriesOf(ep.id)).toHaveLength(0)
    // Through the domain: the second client with one email is refused, and only the first is an event.
    await createClient(t, { ...clientInput(), email })
    await expect(createClient(t, { ...clientInput(), email })).rejects.toThrow(InputError)
    expect(await deliveriesOf(ep.id)).toHaveLength(1)
  })

  test('a change committed has its delivery from the same commit, queued after it; a job lost on the way is queued by the sweep', async () => {
    const { t } = await practice()
    const { endpoint: ep } = await endpoint(t, ['client.created'])
    const client = await createClient(t, clientInput())
    const [delivery] = await deliveriesOf(ep.id)
    expect(delivery).toMatchObject({ eventType: 'client.created', status: 'PENDING' })
    expect((delivery!.payload as { data: { client: { id: string } } }).data.client.id).toBe(client.id)
    await vi.waitFor(async () => expect(await queued(delivery!.id)).toHaveLength(1))
    // The process stops between the commit and the queue: the job is lost, the delivery is not.
    await prisma.$executeRaw`DELETE FROM pgboss.job WHERE name = 'deliver-webhook' AND data->>'deliveryId' = ${delivery!.id}`
    expect(await queued(delivery!.id)).toHaveLength(0)
    await runWebhooksSweep(new Date(Date.now() + 3 * 60_000))
    await vi.waitFor(async () => expect(await queued(delivery!.id)).toHaveLength(1))
  })

  test('undoing a move tells receivers with a move back, marked as an undo', async () => {
    const { t } = await practice()
    const { endpoint: ep, secret } = await endpoint(t, ['application.moved'])
    const client = await createClient(t, clientInput())
    const p: PipelineContext = {
      db: t.db,
      organizationId: t.org.id,
      clientId: client.id,
      timezone: 'UTC',
      actor: { type: 'COACH', userId: t.user.id },
    }
    const app = await addApplication(p, { company: 'Initech', roleTitle: 'Analyst', stage: 'APPLIED' } as never)
    await moveApplicationStage(p, app.id, 'SCREEN')
    const move = await prisma.stageEvent.findFirstOrThrow({ where: { applicationId: app.id, toStage: 'SCREEN' } })
    await undoStageMove(p, app.id, move.id)
    const deliveries = await deliveriesOf(ep.id)
    expect(deliveries).toHaveLength(2)
    const before = received.length
    for (const d of deliveries) await runJob(t, d.id, new Date())
    const [moved, undone] = received.slice(before).map((r) => verify(secret, r))
    expect(moved!.data.change).toMatchObject({ from: { stage: 'APPLIED' }, to: { stage: 'SCREEN' } })
    expect(moved!.data.change!.undo).toBeUndefined()
    expect(undone!.data.change).toMatchObject({ from: { stage: 'SCREEN' }, to: { stage: 'APPLIED' }, undo: true })
    expect(undone!.data.application).toMatchObject({ id: app.id, stage: 'APPLIED' })
  })

  test('an import emits one import.completed with its counts, not an event per row', async () => {
    const { t } = await practice()
    const perRow = await endpoint(t, ['application.created'])
    const { endpoint: ep, secret } = await endpoint(t, ['import.completed'])
    const client = await createClient(t, clientInput())
    const rows = Array.from({ length: 30 }, (_, i) => [`Company ${i}`, 'Analyst', '2026-11-02', 'Applied'])
    const file = toCsv([['Company', 'Title', 'Applied', 'Status'], ...rows, ['', '', 'not a date', '']])
    const batch = await createImport(
      t,
      { name: 'pipeline.csv', bytes: new TextEncoder().encode(file) },
      { clientId: client.id },
    )
    expect(await commitImport(t, batch.id)).toMatchObject({ status: 'COMMITTED', imported: 30 })
    expect(await deliveriesOf(perRow.endpoint.id)).toHaveLength(0)
    const [delivery, ...more] = await deliveriesOf(ep.id)
    expect(more).toHaveLength(0)
    const before = received.length
    await runJob(t, delivery!.id, new Date())
    expect(verify(secret, received[before]!)).toMatchObject({
      type: 'import.completed',
      data: {
        import: { id: batch.id, clientId: client.id, fileName: 'pipeline.csv', importedCount: 30, duplicateCount: 0 },
      },
    })
  })
})

describe('where webhooks may go', () => {
  test('only http and https, without credentials in the address', () => {
    for (const url of [
      'ftp://example.com/x',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'not a url',
      'https://u:p@example.com/',
    ])
      expect(() => checkWebhookUrl(url, true), url).toThrow(InputError)
    expect(checkWebhookUrl('https://hooks.example.com/rebound', false).hostname).toBe('hooks.example.com')
  })

  test('private, loopback and link-local addresses are refused unless allowed', () => {
    for (const url of [
      'http://127.0.0.1:8080/',
      'http://localhost/',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://10.0.0.5/',
      'http://172.16.3.4/',
      'http://192.168.1.1/',
      'http://169.254.169.254/latest/meta-data',
      'http://[fe80::1]/',
      'http://[fd00::1]/',
      'http://0.0.0.0/',
      'http://printer.local/',
      'http://intranet/',
    ]) {
      expect(() => checkWebhookUrl(url, false), url).toThrow(/public address/)
      expect(() => checkWebhookUrl(url, true), url).not.toThrow()
    }
    expect(isSpecialAddress('8.8.8.8')).toBe(false)
    expect(isSpecialAddress('2606:4700::1111')).toBe(false)
  })

  test('where private addresses are not allowed, a local receiver is refused when saved and never reached when sent', async () => {
    const { t } = await practice()
    // Saved while this machine was allowed (as in development), then the setting turned off (production).
    const saved = await endpoint(t, ['client.created'])
    vi.stubEnv('WEBHOOKS_ALLOW_PRIVATE_ADDRESSES', 'false')
    try {
      await expect(
        createWebhookEndpoint(t, { url: `${base}/new`, description: null, events: ['client.created'] }),
      ).rejects.toThrow(/public address/)
      expect(await prisma.webhookEndpoint.count({ where: { organizationId: t.org.id } })).toBe(1)
      await emitWebhookEvent({ db: t.db, organizationId: t.org.id }, 'client.created', { client: { id: 'c1' } })
      const [delivery] = await deliveriesOf(saved.endpoint.id)
      const before = received.length
      await runJob(t, delivery!.id, new Date())
      expect(await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: delivery!.id } })).toMatchObject({
        status: 'PENDING',
        attempts: 1,
        responseStatus: null,
        error: expect.stringMatching(/public address/),
      })
      expect(await sendTestEvent(t, saved.endpoint.id)).toMatchObject({ status: 'FAILED', responseStatus: null })
      expect(received.length).toBe(before)
    } finally {
      vi.unstubAllEnvs()
    }
  })

  test('a name that resolves to a private address is refused when the connection is made', async () => {
    const lookup = guardedLookup(false)
    const error = await new Promise<unknown>((resolve) => lookup('localhost', {}, (err) => resolve(err)))
    expect(error).toBeInstanceOf(ForbiddenAddressError)
    const allowed = await new Promise<unknown>((resolve) => guardedLookup(true)('localhost', {}, (err) => resolve(err)))
    expect(allowed).toBeNull()
  })
})

function clientInput() {
  return {
    name: 'Casey Client',
    email: `${unique('client-')}@example.test`,
    coachId: null,
    targetRole: null,
    industries: [],
    weeklyGoal: 10,
    timezone: 'UTC',
    digestOptIn: false,
  }
}
