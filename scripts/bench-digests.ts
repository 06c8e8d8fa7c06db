import 'dotenv/config'
import { appendFile, readFile } from 'node:fs/promises'
import { pathToFileURL } from 'node:url'

// npm run bench:digests: a practice of 10,000 clients (each with a week of applications, a stage
// move and a task) gets its weekly digests rendered and handed to a local fake of Resend's batch
// endpoint that enforces 2 requests a second with 429s, at the default RESEND_RATE_LIMIT (2).
// Target: 60 s or less. It runs in a scratch database, dropped afterwards. Prints the figure and appends it to
// BENCHMARKS.md under "Digests". scripts/bench.ts may call benchmarkDigests() as one section.

export type DigestBenchResult = {
  clients: number
  emails: number
  requests: number
  rateLimited: number
  seconds: number
  renderOnlySeconds: number
}

/**
 * Runs against DATABASE_URL. With `cleanup` (the default) the practice is deleted afterwards, which
 * on a large shared database can take longer than the run: prefer a scratch database (as `npm run
 * bench:digests` does) and `cleanup: false`.
 */
export async function benchmarkDigests({
  clients = 10_000,
  cleanup = true,
}: { clients?: number; cleanup?: boolean } = {}): Promise<DigestBenchResult> {
  const { prisma } = await import('~/lib/db.server')
  const { createTenantContext } = await import('~/tenancy/scoped-client.server')
  const { runPracticeDigests, renderPracticeDigests } = await import('~/domain/digests/run.server')
  const { isoWeekOf } = await import('~/lib/weeks')
  const { resetEmailRateLimiter } = await import('~/lib/email-batch.server')
  const { createPracticeWithOwner, newId, unique } = await import('../tests/factories')
  const { startFakeResend } = await import('../tests/fakes/resend')

  const fake = await startFakeResend({ rateLimit: 2 })
  const saved = {
    key: process.env.RESEND_API_KEY,
    url: process.env.RESEND_BASE_URL,
    rate: process.env.RESEND_RATE_LIMIT,
  }
  process.env.RESEND_API_KEY = 're_bench'
  process.env.RESEND_BASE_URL = fake.url
  delete process.env.RESEND_RATE_LIMIT // the default: 2 a second
  resetEmailRateLimiter()

  const { org, owner } = await createPracticeWithOwner(prisma, { org: { name: 'Digest Bench Practice' } })
  try {
    const now = new Date()
    const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()))
    const tag = unique()
    const clientRows = Array.from({ length: clients }, (_, i) => ({
      id: newId(),
      organizationId: org.id,
      name: `Bench Client ${i}`,
      email: `bench-${tag}-${i}@example.test`,
      coachId: owner.id,
      // Clients of a few weeks: a client added this week gets no digest until a full week has passed.
      createdAt: new Date(now.getTime() - 21 * 86_400_000),
    }))
    for (let i = 0; i < clientRows.length; i += 2000)
      await prisma.client.createMany({ data: clientRows.slice(i, i + 2000) })
    const apps = clientRows.flatMap((c, i) => [
      {
        id: newId(),
        organizationId: org.id,
        clientId: c.id,
        company: `Company ${i % 97}`,
        roleTitle: 'Analyst',
        appliedOn: today,
        stage: 'INTERVIEW' as const,
      },
      {
        id: newId(),
        organizationId: org.id,
        clientId: c.id,
        company: `Company ${i % 89}`,
        roleTitle: 'Engineer',
        appliedOn: today,
      },
    ])
    for (let i = 0; i < apps.length; i += 5000)
      await prisma.jobApplication.createMany({ data: apps.slice(i, i + 5000) })
    const events = apps
      .filter((a) => a.stage === 'INTERVIEW')
      .map((a) => ({
        organizationId: org.id,
        clientId: a.clientId,
        applicationId: a.id,
        fromStage: 'SCREEN' as const,
        toStage: 'INTERVIEW' as const,
        fromOutcome: 'ACTIVE' as const,
        toOutcome: 'ACTIVE' as const,
        actorType: 'CLIENT' as const,
        occurredAt: new Date(now.getTime() - 3_600_000),
      }))
    for (let i = 0; i < events.length; i += 5000)
      await prisma.stageEvent.createMany({ data: events.slice(i, i + 5000) })
    const tasks = clientRows.map((c) => ({
      organizationId: org.id,
      clientId: c.id,
      type: 'MOCK_INTERVIEW' as const,
      title: 'Mock interview prep',
      dueOn: today,
    }))
    for (let i = 0; i < tasks.length; i += 5000) await prisma.task.createMany({ data: tasks.slice(i, i + 5000) })

    const t = createTenantContext(prisma, { user: owner, org, role: 'OWNER' })
    const week = isoWeekOf(now, org.timezone)
    const renderStarted = performance.now()
    await renderPracticeDigests(t, week, now)
    const renderOnlySeconds = (performance.now() - renderStarted) / 1000

    const started = performance.now()
    const counts = await runPracticeDigests(t, week, now)
    const seconds = (performance.now() - started) / 1000
    if (counts.sent !== clients + 1) throw new Error(`Expected ${clients + 1} sent, got ${JSON.stringify(counts)}`)
    return {
      clients,
      emails: fake.sent.length,
      requests: fake.requests.length,
      rateLimited: fake.requests.length - new Set(fake.requests.map((r) => r.headers['idempotency-key'])).size,
      seconds,
      renderOnlySeconds,
    }
  } finally {
    if (cleanup) await prisma.organization.delete({ where: { id: org.id } })
    await fake.close()
    for (const [name, value] of Object.entries({
      RESEND_API_KEY: saved.key,
      RESEND_BASE_URL: saved.url,
      RESEND_RATE_LIMIT: saved.rate,
    })) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
    resetEmailRateLimiter()
  }
}

export function describeDigestBench(r: DigestBenchResult) {
  return (
    `${r.clients.toLocaleString('en-US')} clients: ${r.emails.toLocaleString('en-US')} digests rendered and handed to a ` +
    `local fake of Resend (batch endpoint, 2 requests/s enforced with 429s) in ${r.seconds.toFixed(1)} s ` +
    `(${r.requests} requests, ${r.rateLimited} answered 429 and retried; rendering alone ${r.renderOnlySeconds.toFixed(1)} s; target ≤ 60 s)`
  )
}

async function appendToBenchmarks(line: string) {
  const file = new URL('../BENCHMARKS.md', import.meta.url)
  const current = await readFile(file, 'utf8').catch(() => '')
  const dated = `- ${new Date().toISOString().slice(0, 10)}: ${line}\n`
  if (current.includes('## Digests')) {
    // Append under the existing section (it is the last one this script writes).
    await appendFile(file, dated)
  } else {
    await appendFile(file, `${current && !current.endsWith('\n') ? '\n' : ''}\n## Digests\n\n${dated}`)
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // A scratch database of its own, dropped afterwards: deleting 10,000 clients' rows from a shared
  // database is slower than the benchmark. A PostgreSQL server (DATABASE_URL) gets a new database
  // beside the configured one; without one, an in-memory embedded PostgreSQL.
  const { applyMigrations } = await import('../prisma/migrate')
  const { createEmbeddedDatabase, createServerDatabase } = await import('../tests/databases')
  const configured = process.env.DATABASE_URL
  const scratch = configured ? await createServerDatabase(configured) : await createEmbeddedDatabase()
  await applyMigrations(scratch.url)
  process.env.DATABASE_URL = scratch.url
  const { disconnectPrisma } = await import('~/lib/db.server')
  let code = 0
  try {
    const clients = Number(process.argv.find((a) => a.startsWith('--clients='))?.split('=')[1] ?? 10_000)
    const result = await benchmarkDigests({ clients, cleanup: false })
    const line = describeDigestBench(result)
    console.log(line)
    if (!process.argv.includes('--no-write')) await appendToBenchmarks(line)
    if (result.seconds > 60) code = 1
  } catch (error) {
    console.error(error)
    code = 1
  } finally {
    await disconnectPrisma()
    await scratch.drop()
  }
  process.exit(code)
}
