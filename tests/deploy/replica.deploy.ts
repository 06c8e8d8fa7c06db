import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, test } from 'node:test'
import pg from 'pg'
import { freePort } from './free-port'

// Analytics on a real PostgreSQL streaming replica: a throwaway primary cluster (initdb, on ports of its own) and
// a replica made with pg_basebackup, with Debian's PostgreSQL 15 binaries. Shows that the door's read path
// (analyticsContext) reads the replica, that writes stay on the primary, and that a replica whose replay trails
// by more than DATABASE_REPLICA_MAX_LAG_SECONDS is left aside for the primary, and taken back once it catches up.
//
// Run: npm run test:deploy. Skipped, with the reason, without the PostgreSQL 15 binaries.

const root = path.resolve(import.meta.dirname, '../..')
const bin = '/usr/lib/postgresql/15/bin'
const isRoot = process.getuid?.() === 0
const skip = !existsSync(path.join(bin, 'initdb'))
  ? `No PostgreSQL 15 binaries in ${bin}: apt-get install -y postgresql-15.`
  : isRoot && spawnSync('id', ['postgres']).status !== 0
    ? 'Running as root without a postgres user for initdb.'
    : false

/** A PostgreSQL binary, as the postgres user when this is root (initdb refuses root). */
function pgRun(tool: string, args: string[]) {
  const command = path.join(bin, tool)
  const result = isRoot
    ? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8' })
    : spawnSync(command, args, { encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`)
}

let dir = ''
let primaryPort = 0
let replicaPort = 0
const started: string[] = []

before(async () => {
  if (skip) return
  dir = mkdtempSync(path.join(tmpdir(), 'rebound-replica-'))
  chmodSync(dir, 0o755)
  if (isRoot) {
    const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim())
    const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim())
    chownSync(dir, uid, gid)
  }
  primaryPort = await freePort()
  replicaPort = await freePort()
  const primary = path.join(dir, 'primary')
  const replica = path.join(dir, 'replica')
  pgRun('initdb', ['-D', primary, '-U', 'postgres', '--auth=trust', '--no-sync'])
  // Loopback only, sockets in the throwaway folder; replication allowed (initdb's pg_hba trusts it on loopback).
  pgRun('pg_ctl', [
    '-D',
    primary,
    '-l',
    path.join(dir, 'primary.log'),
    '-w',
    '-o',
    `-p ${primaryPort} -k ${dir} -c listen_addresses=127.0.0.1 -c wal_level=replica -c max_wal_senders=4 -c fsync=off`,
    'start',
  ])
  started.push(primary)
  pgRun('pg_basebackup', [
    '-h',
    '127.0.0.1',
    '-p',
    String(primaryPort),
    '-U',
    'postgres',
    '-D',
    replica,
    '-R',
    '-X',
    'stream',
  ])
  pgRun('pg_ctl', [
    '-D',
    replica,
    '-l',
    path.join(dir, 'replica.log'),
    '-w',
    '-o',
    `-p ${replicaPort} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    'start',
  ])
  started.push(replica)

  const admin = new pg.Client({ connectionString: `postgresql://postgres@127.0.0.1:${primaryPort}/postgres` })
  await admin.connect()
  await admin.query('CREATE DATABASE rebound')
  await admin.end()
  const env = { ...process.env, DATABASE_URL: `postgresql://postgres@127.0.0.1:${primaryPort}/rebound` }
  for (const script of ['scripts/migrate.ts', 'prisma/seed.ts']) {
    const result = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: root, env, encoding: 'utf8' })
    if (result.status !== 0) throw new Error(`${script} failed:\n${result.stdout}\n${result.stderr}`)
  }
  // The app of this process reads both (only env.server.ts reads these; tests set them).
  process.env.DATABASE_URL = env.DATABASE_URL
  process.env.DATABASE_REPLICA_URL = `postgresql://postgres@127.0.0.1:${replicaPort}/rebound`
  process.env.DATABASE_REPLICA_MAX_LAG_SECONDS = '2'
})

after(async () => {
  if (skip) return
  const { disconnectPrisma } = await import('~/lib/db.server')
  await disconnectPrisma().catch(() => {})
  for (const data of started.reverse()) {
    try {
      pgRun('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])
    } catch (error) {
      console.error((error as Error).message)
    }
  }
  if (dir) rmSync(dir, { recursive: true, force: true })
})

test(
  'analytics read the streaming replica, writes go to the primary, a lagging replica is left aside',
  { skip, timeout: 300_000 },
  async () => {
    const { prisma } = await import('~/lib/db.server')
    const { createTenantContext, rawClientOf } = await import('~/tenancy/scoped-client.server')
    const { analyticsContext, analyticsSource, forgetReplicaCheck } = await import('~/tenancy/read-replica.server')
    const { refreshInsights } = await import('~/domain/insights/store.server')
    const { caseloadFunnel } = await import('~/domain/patterns/patterns.server')
    const { createApplicationWithHistory } = await import('../factories')

    const org = await prisma.organization.findFirstOrThrow({ where: { slug: 'northstar' } })
    const owner = await prisma.membership.findFirstOrThrow({
      where: { organizationId: org.id, role: 'OWNER' },
      include: { user: true },
    })
    const t = createTenantContext(prisma, { user: owner.user, org, role: 'OWNER' })
    const inRecovery = async (ctx: typeof t) =>
      (await rawClientOf(ctx).$queryRaw<{ r: boolean }[]>`SELECT pg_is_in_recovery() AS r`)[0]!.r

    // Reads: the replica.
    assert.equal((await analyticsSource()).source, 'replica')
    const analytics = await analyticsContext(t)
    assert.equal(await inRecovery(analytics), true, 'analytics should read a server in recovery (the replica)')
    assert.equal(await inRecovery(t), false)

    // The insights refresh computes on the replica and stores on the primary (a standby refuses writes).
    const summary = await refreshInsights(t)
    const onPrimary = await prisma.insight.count({ where: { organizationId: org.id } })
    assert.ok(onPrimary > 0, `insights stored on the primary (${JSON.stringify(summary)})`)

    // Replay paused: the replica stops at what it had. A new application on the primary is not in its figures.
    const replicaAdmin = new pg.Client({ connectionString: `postgresql://postgres@127.0.0.1:${replicaPort}/rebound` })
    await replicaAdmin.connect()
    await replicaAdmin.query('SELECT pg_wal_replay_pause()')
    try {
      process.env.DATABASE_REPLICA_MAX_LAG_SECONDS = '3600'
      forgetReplicaCheck()
      const window = { from: null, to: null }
      const before = (await caseloadFunnel(await analyticsContext(t), window)).funnel.APPLIED
      const client = await prisma.client.findFirstOrThrow({ where: { organizationId: org.id } })
      await createApplicationWithHistory(prisma, org.id, client.id, { path: [{ stage: 'APPLIED', at: new Date() }] })
      const primaryCount = (await caseloadFunnel(t, window)).funnel.APPLIED
      assert.equal(primaryCount, before + 1, 'the primary has the new application')
      await new Promise((r) => setTimeout(r, 3500))
      assert.equal(
        (await caseloadFunnel(await analyticsContext(t), window)).funnel.APPLIED,
        before,
        'the paused replica trails',
      )

      // Over the allowed lag: analytics read the primary, and say why.
      process.env.DATABASE_REPLICA_MAX_LAG_SECONDS = '2'
      forgetReplicaCheck()
      const lagging = await analyticsSource()
      console.log(`Replay paused: analytics read the ${lagging.source} (${lagging.reason}).`)
      assert.equal(lagging.source, 'primary')
      assert.match(lagging.reason, /trails by \d+ s/)
      assert.equal(await inRecovery(await analyticsContext(t)), false)
      assert.equal((await caseloadFunnel(await analyticsContext(t), window)).funnel.APPLIED, before + 1)
    } finally {
      await replicaAdmin.query('SELECT pg_wal_replay_resume()')
    }

    // Caught up: back to the replica, with the new application.
    for (let i = 0; ; i++) {
      forgetReplicaCheck()
      if ((await analyticsSource()).source === 'replica') break
      if (i === 40) assert.fail('the replica did not catch up within 20 s')
      await new Promise((r) => setTimeout(r, 500))
    }
    assert.equal(await inRecovery(await analyticsContext(t)), true)
    await replicaAdmin.end()
  },
)
