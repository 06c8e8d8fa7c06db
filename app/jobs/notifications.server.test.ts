import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { coachSpeaker, postMessage } from '~/domain/conversations/messages.server'
import { prisma } from '~/lib/db.server'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import { createPortalClient } from '../../tests/portal-helpers'
import { startFakeResend, type FakeResend } from '../../tests/fakes/resend'

// Two real worker processes (npx tsx), each with its own connection pool, released at the same moment to
// send one client's word between digests through the local fake of Resend: one email, whoever wins.

const root = path.resolve(import.meta.dirname, '../..')
let fake: FakeResend

beforeAll(async () => {
  fake = await startFakeResend()
})
afterAll(() => fake.close())

function startWorker(args: string[]) {
  const child = spawn(
    process.execPath,
    [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'tests/fakes/run-notify-job.ts', ...args],
    {
      cwd: root,
      env: { ...process.env, RESEND_API_KEY: 're_worker_key', RESEND_BASE_URL: fake.url, LOG_LEVEL: 'error' },
    },
  )
  child.stderr.pipe(process.stderr)
  const ready = new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => d.includes('ready') && resolve()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, ready, exited }
}

const release = (workers: { child: ChildProcessWithoutNullStreams }[]) => {
  for (const w of workers) w.child.stdin.write('go\n')
}

// Several processes share a database only through a PostgreSQL server (see app/jobs/digests.server.test.ts).
describe.skipIf(!process.env.TEST_DATABASE_URL)('notification workers', () => {
  test('two worker processes racing for one client’s notifications send one email', async () => {
    const { org, owner, client } = await createPortalClient()
    const t = createTenantContext(prisma, { user: owner, org, role: 'OWNER' })
    // Written ten minutes ago: past the gathering delay, so both workers find it due.
    const earlier = new Date(Date.now() - 10 * 60_000)
    await postMessage(coachSpeaker(t), client.id, null, 'Well done on the screen', earlier)
    await postMessage(coachSpeaker(t), client.id, null, 'Shall we practise on Thursday?', earlier)

    const workers = [0, 1].map(() => startWorker([org.id, 'CLIENT', client.id]))
    await Promise.all(workers.map((w) => w.ready))
    release(workers)
    expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0])

    const sent = fake.sent.filter(
      (e) => e.to === client.email || (e.to as unknown as string[])?.includes?.(client.email),
    )
    expect(sent).toHaveLength(1)
    expect(sent[0]!.text).toContain('Well done on the screen')
    expect(sent[0]!.text).toContain('Shall we practise on Thursday?')
    expect(await prisma.notificationBatch.findMany({ where: { recipientId: client.id } })).toMatchObject([
      { status: 'SENT' },
    ])
    expect(await prisma.notification.count({ where: { clientId: client.id, batchId: null } })).toBe(0)
  }, 60_000)
})
