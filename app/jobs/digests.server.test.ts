import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import { practiceWithClients, sendsPerRecipient } from '../../tests/digest-helpers'
import { startFakeResend, type FakeResend } from '../../tests/fakes/resend'
import { listPracticesOwingDigests } from './digests.server'

// Real worker processes (npx tsx) running the 'digests-practice' job against the test database
// and the local fake of Resend.

const root = path.resolve(import.meta.dirname, '../..')
const week = '2026-W48'
let fake: FakeResend

beforeAll(async () => {
  fake = await startFakeResend({ rateLimit: 20 })
})
afterAll(() => fake.close())

function startWorker(organizationId: string) {
  const child = spawn(
    process.execPath,
    [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'tests/fakes/run-digest-job.ts', organizationId, week],
    {
      cwd: root,
      env: {
        ...process.env,
        RESEND_API_KEY: 're_worker_key',
        RESEND_BASE_URL: fake.url,
        RESEND_RATE_LIMIT: '10',
        LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  )
  return child
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ? null : code)))

// Several worker processes share a database only through a PostgreSQL server: the embedded database belongs
// to one process (README), and its socket's emulation of a killed connection's rollback is not a server's.
// CI always runs these against the machine's PostgreSQL (TEST_DATABASE_URL).
describe.skipIf(!process.env.TEST_DATABASE_URL)('digest workers', () => {
  test('two worker processes fanning out the same week at once send each digest exactly once', async () => {
    fake.reset()
    const { org } = await practiceWithClients(249) // 250 recipients with the owner: three batches
    const [a, b] = [startWorker(org.id), startWorker(org.id)]
    expect(await Promise.all([exited(a), exited(b)])).toEqual([0, 0])
    const sends = sendsPerRecipient(fake)
    expect(sends.size).toBe(250)
    expect([...sends.values()].every((n) => n === 1)).toBe(true)
    const rows = await prisma.digestDelivery.findMany({ where: { organizationId: org.id, isoWeek: week } })
    expect(rows).toHaveLength(250)
    expect(rows.every((r) => r.status === 'SENT' && r.providerMessageId)).toBe(true)
    expect(await prisma.digestBatch.count({ where: { organizationId: org.id } })).toBe(3)
  }, 60_000)

  test('a worker killed mid-batch and restarted sends the rest, and nothing twice', async () => {
    fake.reset()
    const { org } = await practiceWithClients(149) // two batches
    fake.setDelay(5_000)
    const first = startWorker(org.id)
    const done = exited(first)
    await fake.waitForRequests(1, '/emails/batch')
    first.kill('SIGKILL')
    expect(await done).toBeNull()
    // The first batch went out (Resend received it) but nothing was recorded.
    expect(fake.sent).toHaveLength(100)
    expect(await prisma.digestDelivery.count({ where: { organizationId: org.id, status: 'SENT' } })).toBe(0)

    fake.setDelay(0)
    expect(await exited(startWorker(org.id))).toBe(0)
    const sends = sendsPerRecipient(fake)
    expect(sends.size).toBe(150)
    expect([...sends.values()].every((n) => n === 1)).toBe(true)
    const firstKey = fake.requests[0]!.headers['idempotency-key']
    expect(fake.requests.filter((r) => r.headers['idempotency-key'] === firstKey)).toHaveLength(2)
    expect(await prisma.digestDelivery.count({ where: { organizationId: org.id, status: 'SENT' } })).toBe(150)
  }, 120_000)
})

describe('the hourly schedule', () => {
  test('a practice is owed digests once its local hour has come this week, until every recipient is done', async () => {
    const { org, t } = await practiceWithClients(2, { timezone: 'America/New_York', digestDay: 1, digestHour: 8 })
    const owes = async (at: string) =>
      (await listPracticesOwingDigests(new Date(at))).some((p) => p.organizationId === org.id)
    // The week daylight saving time ends (2026-11-01): Monday 08:00 EST is 13:00 UTC.
    expect(await owes('2026-11-02T12:59:00Z')).toBe(false)
    expect(await owes('2026-11-02T13:00:00Z')).toBe(true)
    // After downtime: Thursday still owes the week.
    expect(await owes('2026-11-05T09:00:00Z')).toBe(true)
    const { runPracticeDigests } = await import('~/domain/digests/run.server')
    await runPracticeDigests(t, '2026-W45', new Date('2026-11-05T09:00:00Z'))
    expect(await owes('2026-11-05T10:00:00Z')).toBe(false)
    // The week before (EDT, 12:00 UTC) and the week after (EST, 13:00 UTC).
    expect(await owes('2026-10-26T11:59:00Z')).toBe(false)
    expect(await owes('2026-10-26T12:00:00Z')).toBe(true)
    expect(await owes('2026-11-09T12:59:00Z')).toBe(false)
    expect(await owes('2026-11-09T13:00:00Z')).toBe(true)
  })
})
