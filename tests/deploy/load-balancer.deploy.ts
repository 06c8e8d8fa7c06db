import assert from 'node:assert/strict'
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, test } from 'node:test'
import autocannon from 'autocannon'
import pg from 'pg'
import PgBoss from 'pg-boss'
import { envValue } from '~/lib/env.server'
import { isoWeekOf } from '~/lib/weeks'
import { createServerDatabase, type FreshDatabase } from '../databases'
import { startFakeResend, type FakeResend } from '../fakes/resend'
import { builtServer } from '../../scripts/lib/built-server'
import { freePort } from './free-port'

// A deployment as it would run: two web processes and a worker on one PostgreSQL, behind HAProxy (Debian's
// package). Load goes through HAProxy while one web process is killed (SIGKILL, mid-request): under 1% of the
// requests may fail, and the digest job, queued several times while the web processes and the worker all take
// jobs, sends each digest exactly once.
//
// Run: npm run test:deploy (after npm run build, with TEST_DATABASE_URL). Skipped, with the reason, without
// HAProxy (apt-get install -y haproxy; npm run setup installs it where it can) or without a PostgreSQL server.

const root = path.resolve(import.meta.dirname, '../..')
const haproxy = ['/usr/sbin/haproxy', '/usr/bin/haproxy', '/usr/local/sbin/haproxy'].find((p) => existsSync(p))
const serverUrl = envValue('TEST_DATABASE_URL')
const built = existsSync(path.join(root, 'build/server/index.js'))
const skip = !haproxy
  ? 'HAProxy is not installed: apt-get install -y haproxy (npm run setup installs it where it can).'
  : !serverUrl
    ? 'TEST_DATABASE_URL is not set: several processes need a PostgreSQL server (the embedded one serves one).'
    : !built
      ? 'No production build: run npm run build first.'
      : false

const children: ChildProcess[] = []
let db: FreshDatabase | undefined
let resend: FakeResend | undefined
let dir = ''
const baseEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  NODE_ENV: 'production',
  DATABASE_URL: db!.url,
  RESEND_API_KEY: 're_deploy_test',
  RESEND_BASE_URL: resend!.url,
  SESSION_SECRET: 'deploy-test-session-secret-0123456789abcdef',
  LOG_LEVEL: 'warn',
  WEB_CONCURRENCY: '1',
})

function run(script: string, env: NodeJS.ProcessEnv) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: root, env, encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`${script} failed:\n${result.stdout}\n${result.stderr}`)
}

function start(command: string, args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] })
  child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(`[${path.basename(args.at(-1)!)}] ${chunk}`))
  children.push(child)
  return child
}

async function waitFor(url: string, seconds = 240) {
  for (let i = 0; i < seconds * 4; i++) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) return
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`${url} did not answer within ${seconds} s`)
}

let web: ChildProcess[] = []
let appUrl = ''

before(async () => {
  if (skip) return
  db = await createServerDatabase(serverUrl!)
  resend = await startFakeResend()
  dir = mkdtempSync(path.join(tmpdir(), 'rebound-deploy-'))
  const [lbPort, portA, portB] = [await freePort(), await freePort(), await freePort()]
  appUrl = `http://127.0.0.1:${lbPort}`
  run('scripts/migrate.ts', baseEnv())
  run('prisma/seed.ts', baseEnv())

  const webEnv = (port: number) => ({ ...baseEnv(), PORT: String(port), APP_URL: appUrl, RUN_JOBS: 'true' })
  // As npm start and npm run worker run them: the built entry points (npm run build), on node alone.
  web = [portA, portB].map((port) => start(process.execPath, [builtServer.web], webEnv(port)))
  start(process.execPath, [builtServer.worker], { ...baseEnv(), APP_URL: appUrl })

  // Health checks every 2 s (patient: a busy shared machine answers slowly); a request whose server closed or refused is tried again on the other one
  // (GETs only are retried after a request was sent: HAProxy retries no request with a body).
  const config = `
global
  maxconn 512
defaults
  mode http
  timeout connect 2s
  timeout client 30s
  timeout server 30s
  timeout check 10s
  retries 3
  option redispatch 1
  retry-on conn-failure empty-response response-timeout
frontend web
  bind 127.0.0.1:${lbPort}
  default_backend app
backend app
  balance roundrobin
  option httpchk GET /healthz
  http-check expect status 200
  default-server inter 2s fall 2 rise 1
  server a 127.0.0.1:${portA} check
  server b 127.0.0.1:${portB} check
`
  writeFileSync(path.join(dir, 'haproxy.cfg'), config)
  await Promise.all([portA, portB].map((p) => waitFor(`http://127.0.0.1:${p}/healthz`)))
  start(haproxy!, ['-db', '-f', path.join(dir, 'haproxy.cfg')], process.env)
  await waitFor(`${appUrl}/healthz`)
})

after(async () => {
  for (const child of children) child.kill('SIGKILL')
  await resend?.close()
  // The killed processes' connections end with them; FORCE drops any left.
  await db?.drop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

test(
  'two web processes and a worker behind HAProxy: one killed mid-load, under 1% errors, digests sent once',
  { skip, timeout: 300_000 },
  async (t) => {
    const login = await fetch(`${appUrl}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: appUrl },
      body: new URLSearchParams({ email: 'owner@northstar.test', password: 'rebound-demo', redirectTo: '/' }),
    })
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .filter((c) => /session/.test(c))
      .join('; ')
    assert.ok(cookie, `sign-in through the load balancer failed (${login.status})`)

    const admin = new pg.Client({ connectionString: db!.url })
    admin.on('error', () => {})
    await admin.connect()
    t.after(() => admin.end().catch(() => {}))
    const org = (
      await admin.query<{ id: string; slug: string; timezone: string }>(
        `UPDATE "Organization" SET "digestsStartedAt" = now() - interval '30 days' RETURNING id, slug, timezone`,
      )
    ).rows[0]!
    const isoWeek = isoWeekOf(new Date(), org.timezone)

    // The same digest job, queued six times over the run (no singleton key: each copy is a job of its own).
    const boss = new PgBoss({ connectionString: db!.url, max: 2, supervise: false, schedule: false })
    boss.on('error', () => {})
    await boss.start()
    t.after(() => boss.stop({ graceful: false }).catch(() => {}))
    const queued: string[] = []
    const queueDigest = async () => {
      const id = await boss.send('digests-practice', { organizationId: org.id, isoWeek })
      if (id) queued.push(id)
    }

    const pages = ['', '/clients', '/applications', '/tasks'].map((p) => `/orgs/${org.slug}${p}`)
    // Each page answers through the balancer before the load (and each process has served it once or more).
    for (let round = 0; round < 2; round++)
      for (const page of pages) {
        const res = await fetch(`${appUrl}${page}`, { headers: { cookie }, redirect: 'manual' })
        assert.equal(res.status, 200, `${page} answered ${res.status}`)
      }
    let ok = 0
    let failed = 0
    const statuses = new Map<number, number>()
    const load = new Promise<void>((resolve, reject) => {
      const instance = autocannon(
        {
          url: appUrl,
          connections: 4,
          duration: 30,
          timeout: 20,
          requests: pages.map((p) => ({ method: 'GET' as const, path: p, headers: { cookie } })),
        },
        (error) => (error ? reject(error) : resolve()),
      )
      instance.on('response', (_client, status) => {
        statuses.set(status, (statuses.get(status) ?? 0) + 1)
        if (status === 200) ok++
        else failed++
      })
      instance.on('reqError', () => failed++)
    })
    await queueDigest()
    await new Promise((r) => setTimeout(r, 8000))
    await queueDigest()
    await queueDigest()
    web[0]!.kill('SIGKILL') // mid-request: no goodbye, no drained connections
    await queueDigest()
    await new Promise((r) => setTimeout(r, 3000))
    await queueDigest()
    await queueDigest()
    await load

    const total = ok + failed
    console.log(
      `Through HAProxy: ${total} requests, ${failed} failed (${((100 * failed) / total).toFixed(2)} %); statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    )
    // A busy shared machine serves few pages a second; what counts is that they keep coming after the kill.
    assert.ok(total >= 20, `only ${total} requests went through`)
    assert.ok(failed / total < 0.01, `${failed} of ${total} requests failed`)

    // Every copy of the job finishes (in the surviving web process or the worker).
    for (let i = 0; ; i++) {
      const { rows } = await admin.query<{ state: string; n: number }>(
        `SELECT state, count(*)::int n FROM pgboss.job WHERE id = ANY($1::uuid[]) GROUP BY state`,
        [queued],
      )
      const done = rows.find((r) => r.state === 'completed')?.n ?? 0
      if (done === queued.length) break
      if (i === 120) assert.fail(`digest jobs not all completed after 60 s: ${JSON.stringify(rows)}`)
      await new Promise((r) => setTimeout(r, 500))
    }
    const deliveries = (
      await admin.query<{ status: string; n: number }>(
        `SELECT status, count(*)::int n FROM "DigestDelivery" WHERE "organizationId" = $1 AND "isoWeek" = $2 GROUP BY status`,
        [org.id, isoWeek],
      )
    ).rows
    const sentRows = deliveries.find((d) => d.status === 'SENT')?.n ?? 0
    const perRecipient = new Map<string, number>()
    for (const email of resend!.sent) perRecipient.set(email.to, (perRecipient.get(email.to) ?? 0) + 1)
    console.log(
      `Digest job queued ${queued.length} times: ${resend!.sent.length} emails to ${perRecipient.size} recipients; deliveries ${JSON.stringify(deliveries)}`,
    )
    assert.ok(resend!.sent.length > 0, 'no digest was sent')
    assert.deepEqual(
      [...perRecipient.values()].filter((n) => n > 1),
      [],
      'a recipient got two digests',
    )
    assert.equal(resend!.sent.length, sentRows)
  },
)
