import 'dotenv/config'
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, type Dirent } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import autocannon from 'autocannon'
import pg from 'pg'
import { computeInsights } from '~/domain/insights/compute.server'
import { refreshInsights } from '~/domain/insights/store.server'
import { createPrismaClient } from '~/lib/db.server'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import { benchDatabaseUrl, benchOwner, benchSlug } from './lib/bench-practice'
import { builtServer } from './lib/built-server'
import { defaultWebHeapMb } from '~/lib/env.server'

// npm run bench [-- --connections 2 --duration 10 --no-build --workers 1 --port 4151]
// npm run bench -- --soak 300 --connections 50: a mix of the practice's pages for 300 seconds, the RSS of each web
// process every 10 s (printed; BENCHMARKS.md is left as it is).
// npm run bench -- --only roster: the pages whose name has "roster", printed only (BENCHMARKS.md is left as it is).
// Builds the app if needed, starts it in production mode against the bench database (npm run bench:seed
// makes it), signs in as the bench owner, measures each page with autocannon on loopback, sums the
// JavaScript each route ships (gzip) and writes BENCHMARKS.md.

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '2' },
    duration: { type: 'string', default: '10' },
    'no-build': { type: 'boolean', default: false },
    /** Web processes (WEB_CONCURRENCY); 1 measures what one process does. */
    workers: { type: 'string', default: '1' },
    /** Seconds of mixed load, reporting memory every 10 s, instead of the page-by-page run. */
    soak: { type: 'string' },
    /** Only the pages whose name has this text (any case): printed, no insights, BENCHMARKS.md left as it is. */
    only: { type: 'string' },
    /** The server's port; a free one between 4100 and 4999 when not given. */
    port: { type: 'string' },
  },
})
const connections = Number(values.connections)
const soakSeconds = Number(values.soak ?? 0)
if (values.soak && (!Number.isInteger(soakSeconds) || soakSeconds < 10)) {
  console.error('Usage: npm run bench -- --soak 300 [--connections 50 --workers 2] (seconds, at least 10)')
  process.exit(2)
}
const duration = Number(values.duration)
const databaseUrl = process.env.DATABASE_URL || benchDatabaseUrl
const root = path.resolve(import.meta.dirname, '..')

// ---------------------------------------------------------------------------------------------
// The bench practice and the figures the pages need

const db = new pg.Client({ connectionString: databaseUrl })
await db.connect().catch((error: Error) => {
  console.error(
    `Cannot reach ${databaseUrl}: ${error.message}\nRun: DATABASE_URL=${benchDatabaseUrl} npm run bench:seed`,
  )
  process.exit(1)
})
const org = (await db.query<{ id: string }>('SELECT id FROM "Organization" WHERE slug = $1', [benchSlug])).rows[0]
if (!org) {
  console.error(`No practice "${benchSlug}" in ${databaseUrl}. Run: DATABASE_URL=${databaseUrl} npm run bench:seed`)
  process.exit(1)
}
const [{ n: applications }] = (
  await db.query<{ n: number }>('SELECT count(*)::int n FROM "JobApplication" WHERE "organizationId" = $1', [org.id])
).rows as [{ n: number }]
const pgVersion = (await db.query<{ v: string }>("SELECT current_setting('server_version') v")).rows[0]!.v
const client = (
  await db.query<{ id: string }>('SELECT id FROM "Client" WHERE "organizationId" = $1 ORDER BY name LIMIT 1', [org.id])
).rows[0]!
const coach = (
  await db.query<{ id: string }>(
    `SELECT "userId" AS id FROM "Membership" WHERE "organizationId" = $1 AND role = 'COACH' ORDER BY "userId" LIMIT 1`,
    [org.id],
  )
).rows[0]
await db.end()

// ---------------------------------------------------------------------------------------------
// Soak: memory of the web processes under a steady mix of pages

/** Resident memory (MB) of each node process in the server's process group (the web processes, and wrappers). */
function groupRss(group: number) {
  const rss: { pid: number; mb: number; command: string }[] = []
  for (const entry of readdirSyncSafe('/proc')) {
    if (!/^\d+$/.test(entry.name)) continue
    try {
      const stat = readFileSync(`/proc/${entry.name}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (Number(fields[2]) !== group) continue
      const status = readFileSync(`/proc/${entry.name}/status`, 'utf8')
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
      const command = readFileSync(`/proc/${entry.name}/cmdline`, 'utf8').replaceAll('\0', ' ').trim()
      rss.push({ pid: Number(entry.name), mb: kb / 1024, command })
    } catch {
      // gone
    }
  }
  // The web processes run the built server (or are its cluster workers); the cluster primary (the group's leader,
  // which serves no page) is left out when it has workers.
  const web = rss.filter((p) => p.command.includes(builtServer.web))
  return web.length > 1 ? web.filter((p) => p.pid !== group) : web
}

async function soak(seconds: number) {
  const paths = [
    `/orgs/${benchSlug}/clients`,
    `/orgs/${benchSlug}/applications`,
    `/orgs/${benchSlug}/applications?stage=INTERVIEW&outcome=ACTIVE&sort=company&dir=asc`,
    `/orgs/${benchSlug}/applications?q=analyst&sort=appliedOn&dir=desc`,
    `/orgs/${benchSlug}/clients/${client.id}`,
    `/orgs/${benchSlug}`,
  ]
  console.log(`Soak: ${connections} connections for ${seconds} s over ${paths.length} pages; RSS every 10 s.`)
  const rows: string[] = []
  let latencies: number[] = []
  let errors = 0
  let total = 0
  let done = () => {}
  const finished = new Promise<void>((resolve) => (done = resolve))
  const instance = autocannon(
    {
      url: origin,
      connections,
      duration: seconds,
      timeout: 30,
      requests: paths.map((p) => ({ method: 'GET' as const, path: p, headers })),
    },
    () => done(),
  )
  const at = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN
  instance.on('response', (_client, status, _bytes, ms) => {
    latencies.push(ms)
    total++
    if (status !== 200) errors++
  })
  instance.on('reqError', () => errors++)
  const started = Date.now()
  const sample = () => {
    const procs = groupRss(server.pid!)
    const sorted = latencies.sort((a, b) => a - b)
    const row = `| ${Math.round((Date.now() - started) / 1000)} | ${procs.map((p) => p.mb.toFixed(0)).join(' + ')} | ${(latencies.length / 10).toFixed(0)} | ${at(sorted, 0.5).toFixed(0)} | ${at(sorted, 0.95).toFixed(0)} | ${total} | ${errors} | ${os.loadavg()[0]!.toFixed(1)} |`
    latencies = []
    rows.push(row)
    console.log(row)
  }
  console.log('| s | RSS MB (each web process) | req/s | p50 ms | p95 ms | requests | errors | load (1 min) |')
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
  serverTimesByPath = new Map()
  const timer = setInterval(sample, 10_000)
  await finished
  clearInterval(timer)
  sample()
  // Each page over the whole run, from the server's log (the target for 50 connections is the table pages' p95).
  console.log('\n| Page | requests | server p50 ms | server p95 ms |\n| --- | ---: | ---: | ---: |')
  for (const [path, times] of serverTimesByPath) {
    const sorted = times.sort((a, b) => a - b)
    console.log(`| \`${path}\` | ${sorted.length} | ${at(sorted, 0.5).toFixed(0)} | ${at(sorted, 0.95).toFixed(0)} |`)
  }
  serverTimesByPath = null
  stopServer()
  process.exit(errors ? 1 : 0)
}

// ---------------------------------------------------------------------------------------------
// Build and start

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSyncSafe(dir)) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) {
      if (entry.name !== 'generated') newest = Math.max(newest, newestMtime(full))
    } else newest = Math.max(newest, statSync(full).mtimeMs)
  }
  return newest
}
function readdirSyncSafe(dir: string) {
  try {
    return readdirSync(dir, { withFileTypes: true }) as Dirent[]
  } catch {
    return []
  }
}

const serverBuild = path.join(root, builtServer.web)
if (
  !values['no-build'] &&
  (!existsSync(serverBuild) ||
    Math.max(newestMtime(path.join(root, 'app')), newestMtime(path.join(root, 'server'))) >
      statSync(serverBuild).mtimeMs)
) {
  console.log('Building the app…')
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
}

async function freePort() {
  for (let port = 4100 + Math.floor(Math.random() * 800); port < 5000; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer().once('error', () => resolve(false))
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)))
    })
    if (free) return port
  }
  throw new Error('No free port between 4100 and 4999')
}

const port = values.port ? Number(values.port) : await freePort()
const origin = `http://127.0.0.1:${port}`
const server = spawn(process.execPath, [builtServer.web], {
  cwd: root,
  env: {
    ...process.env,
    NODE_ENV: 'production',
    RUN_JOBS: 'false',
    WEB_CONCURRENCY: values.workers,
    PORT: String(port),
    APP_URL: origin,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'info',
    SESSION_SECRET: process.env.SESSION_SECRET || 'bench-session-secret-0123456789abcdef0123456789',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
  detached: true,
})
// The server's own request log gives server time (from the request to the response's end).
let serverTimes: number[] | null = null
/** In the soak: each page's server times (its wait for a turn included), by the path the log gives. */
let serverTimesByPath: Map<string, number[]> | null = null
createInterface({ input: server.stdout! }).on('line', (line) => {
  if ((!serverTimes && !serverTimesByPath) || !line.startsWith('{')) return
  try {
    const entry = JSON.parse(line) as { msg?: string; ms?: number; path?: string }
    if (entry.msg !== 'request' || typeof entry.ms !== 'number') return
    serverTimes?.push(entry.ms)
    if (serverTimesByPath && entry.path) {
      const times = serverTimesByPath.get(entry.path) ?? []
      times.push(entry.ms)
      serverTimesByPath.set(entry.path, times)
    }
  } catch {
    // not a log line
  }
})
const stopServer = () => {
  try {
    if (server.pid) process.kill(-server.pid, 'SIGTERM')
  } catch {
    // already gone
  }
}
process.on('exit', stopServer)
process.on('SIGINT', () => process.exit(130))

async function waitForServer() {
  for (let i = 0; i < 120; i++) {
    try {
      const res = await fetch(`${origin}/healthz`)
      if (res.ok) return
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error('The app did not start within 60 s')
}
await waitForServer()

// ---------------------------------------------------------------------------------------------
// Sign in as the bench owner

const login = await fetch(`${origin}/login`, {
  method: 'POST',
  redirect: 'manual',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin },
  body: new URLSearchParams({
    email: benchOwner.email,
    password: benchOwner.password,
    redirectTo: `/orgs/${benchSlug}`,
  }),
})
const cookie = login.headers
  .getSetCookie()
  .map((c) => c.split(';')[0]!)
  .filter((c) => /session/.test(c))
  .join('; ')
if (!cookie) throw new Error(`Sign-in failed (status ${login.status}); run npm run bench:seed again`)
const headers = { cookie }

async function get(url: string) {
  const res = await fetch(`${origin}${url}`, { headers, redirect: 'manual' })
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`)
  return res.text()
}

/** The applications page 400, reached by following the Next links' cursors (as a coach would). */
async function page400(base: string) {
  let url = base
  for (let page = 1; page < 400; page++) {
    const html = await get(url)
    const next = /href="([^"]*after=[^"]*)"[^>]*>Next</.exec(html)?.[1]
    if (!next) throw new Error(`No next page after page ${page}`)
    url = next.replaceAll('&amp;', '&')
  }
  return url
}

const apps = `/orgs/${benchSlug}/applications`
if (values.soak) await soak(soakSeconds)
console.log('Following 399 Next links to reach page 400…')
const scenarios: { name: string; url: string; target: number; group: 'table' | 'filter' | 'client' }[] = [
  { name: 'Roster (clients, page 1)', url: `/orgs/${benchSlug}/clients`, target: 50, group: 'table' },
  {
    name: 'Roster sorted by rejections (30 days)',
    url: `/orgs/${benchSlug}/clients?sort=rejections30d&dir=desc`,
    target: 100,
    group: 'filter',
  },
  { name: 'Applications, page 1', url: apps, target: 50, group: 'table' },
  { name: 'Applications, page 400 (keyset)', url: await page400(apps), target: 50, group: 'table' },
  {
    name: 'Filter: stage + outcome, sort company',
    url: `${apps}?stage=INTERVIEW&outcome=ACTIVE&sort=company&dir=asc`,
    target: 100,
    group: 'filter',
  },
  {
    name: 'Filter: coach + applied from, sort applied',
    url: `${apps}?coach=${coach?.id ?? ''}&from=2025-06-01&sort=appliedOn&dir=asc`,
    target: 100,
    group: 'filter',
  },
  {
    name: 'Filter: seniority + source, sort client',
    url: `${apps}?seniority=SENIOR&source=REFERRAL&sort=client&dir=asc`,
    target: 100,
    group: 'filter',
  },
  {
    name: 'Filter: applied range, sort title desc',
    url: `${apps}?from=2025-01-01&to=2025-03-31&sort=roleTitle&dir=desc`,
    target: 100,
    group: 'filter',
  },
  { name: 'Text search "wonka"', url: `${apps}?q=wonka`, target: 100, group: 'filter' },
  {
    name: 'Text search "analyst", sort applied',
    url: `${apps}?q=analyst&sort=appliedOn&dir=desc`,
    target: 100,
    group: 'filter',
  },
  {
    name: 'Filter: cohort + custom field (Programme)',
    url: `${apps}?cohort=bench_cohort_2&field.bench_field_programme=Design`,
    target: 100,
    group: 'filter',
  },
  {
    name: 'Roster: cohort + custom field, sort by field',
    url: `/orgs/${benchSlug}/clients?cohort=bench_cohort_2&field.bench_field_years=5..10&sort=field.bench_field_years&dir=desc`,
    target: 100,
    group: 'filter',
  },
  { name: 'Client page', url: `/orgs/${benchSlug}/clients/${client.id}`, target: 50, group: 'client' },
  { name: 'Dashboard (home)', url: `/orgs/${benchSlug}`, target: 150, group: 'table' },
  { name: 'Patterns (last 30 days)', url: `/orgs/${benchSlug}/patterns`, target: 150, group: 'table' },
]
const measured = values.only
  ? scenarios.filter((s) => s.name.toLowerCase().includes(values.only!.toLowerCase()))
  : scenarios
if (measured.length === 0) {
  console.error(`No page's name has "${values.only}": ${scenarios.map((s) => s.name).join('; ')}`)
  stopServer()
  process.exit(2)
}
for (const s of measured) await get(s.url) // each answers 200 before it is measured

type Figures = {
  p50: number
  p95: number
  serverP50: number
  serverP95: number
  rps: number
  requests: number
  errors: number
}
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN
async function measure(url: string): Promise<Figures> {
  const run = (seconds: number, record: boolean) =>
    new Promise<{ latencies: number[]; rps: number; errors: number }>((resolve, reject) => {
      const latencies: number[] = []
      const instance = autocannon(
        { url: `${origin}${url}`, connections, duration: seconds, headers, timeout: 10 },
        (error, result) => {
          if (error) reject(error)
          else resolve({ latencies, rps: result.requests.average, errors: result.errors + result.non2xx })
        },
      )
      if (record) instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms))
    })
  await run(2, false) // warm-up
  await new Promise((r) => setTimeout(r, 200))
  serverTimes = []
  const { latencies, rps, errors } = await run(duration, true)
  await new Promise((r) => setTimeout(r, 200))
  const server = serverTimes.sort((a, b) => a - b)
  serverTimes = null
  latencies.sort((a, b) => a - b)
  return {
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    serverP50: percentile(server, 0.5),
    serverP95: percentile(server, 0.95),
    rps,
    requests: latencies.length,
    errors,
  }
}

const loadBefore = os.loadavg()
const results: ((typeof scenarios)[number] & Figures)[] = []
for (const s of measured) {
  process.stdout.write(`Measuring ${s.name}… `)
  const figures = await measure(s.url)
  console.log(
    `p50 ${figures.p50.toFixed(1)} ms, p95 ${figures.p95.toFixed(1)} ms (server p95 ${figures.serverP95.toFixed(1)} ms), ${figures.rps.toFixed(0)} req/s`,
  )
  results.push({ ...s, ...figures })
}
const loadAfter = os.loadavg()
stopServer()
if (values.only) {
  console.log(
    `Load average before ${loadBefore.map((l) => l.toFixed(2)).join(', ')}; after ${loadAfter.map((l) => l.toFixed(2)).join(', ')}`,
  )
  process.exit(0)
}

// ---------------------------------------------------------------------------------------------
// All insights of the practice, computed in SQL (target ≤ 10 s)

async function timeInsights() {
  const prismaClient = createPrismaClient(databaseUrl)
  try {
    const practice = await prismaClient.organization.findUniqueOrThrow({ where: { slug: benchSlug } })
    const owner = await prismaClient.membership.findFirstOrThrow({
      where: { organizationId: practice.id, role: 'OWNER' },
      include: { user: true },
    })
    const t = createTenantContext(prismaClient, { user: owner.user, org: practice, role: 'OWNER' })
    const runs: { ms: number; count: number }[] = []
    for (let i = 0; i < 3; i++) {
      const started = performance.now()
      const insights = await computeInsights(t)
      runs.push({ ms: performance.now() - started, count: insights.length })
    }
    const started = performance.now()
    await refreshInsights(t)
    const refreshMs = performance.now() - started
    runs.sort((a, b) => a.ms - b.ms)
    return { p50: runs[1]!.ms, max: runs[2]!.ms, count: runs[1]!.count, refreshMs }
  } finally {
    await prismaClient.$disconnect()
  }
}
process.stdout.write('Computing all insights… ')
const insightTimes = await timeInsights()
console.log(`p50 ${(insightTimes.p50 / 1000).toFixed(2)} s, ${insightTimes.count} insights`)

// ---------------------------------------------------------------------------------------------
// JavaScript per route: the entry, root, layouts and the route module, with every static import (gzip)

// Remix's browser manifest (build/client/assets/manifest-*.js) lists each route's module and the chunks it
// imports; Vite's own .vite/manifest.json is not kept by the Remix build.
type RemixManifestEntry = { module: string; imports?: string[]; parentId?: string }
const assets = path.join(root, 'build/client/assets')
const manifestFile = readdirSync(assets).find((f) => /^manifest-.*\.js$/.test(f))
if (!manifestFile) throw new Error('No Remix manifest in build/client/assets: build the app first')
const manifest = JSON.parse(
  readFileSync(path.join(assets, manifestFile), 'utf8')
    .replace(/^window\.__remixManifest=/, '')
    .replace(/;\s*$/, ''),
) as { entry: RemixManifestEntry; routes: Record<string, RemixManifestEntry> }
function routeJs(routeId: string) {
  const files = new Set<string>()
  const add = (entry: RemixManifestEntry | undefined) => {
    if (!entry) return
    for (const file of [entry.module, ...(entry.imports ?? [])]) files.add(file)
  }
  add(manifest.entry)
  // The route and every parent route (layouts, root) load together.
  for (let id: string | undefined = routeId; id; id = manifest.routes[id]?.parentId) add(manifest.routes[id])
  let gzip = 0
  for (const file of files) gzip += gzipSync(readFileSync(path.join(root, 'build/client', file))).length
  return gzip / 1024
}
const bundles = [
  { name: 'Roster (/orgs/:org/clients)', kb: routeJs('routes/orgs.$org.clients._index'), target: 130 },
  { name: 'Applications (/orgs/:org/applications)', kb: routeJs('routes/orgs.$org.applications._index'), target: 130 },
  { name: 'Client page (/orgs/:org/clients/:id)', kb: routeJs('routes/orgs.$org.clients.$clientId'), target: null },
]

// ---------------------------------------------------------------------------------------------
// BENCHMARKS.md

const cpus = os.cpus()
const ok = (value: number, target: number | null) => (target === null ? '' : value <= target ? '✅' : '❌ over')
const lines = [
  '# Benchmarks',
  '',
  'Written by `npm run bench` (scripts/bench.ts) against the practice that `npm run bench:seed -- --clients 500 --apps 500` builds.',
  'The built app runs in production mode (`NODE_ENV=production RUN_JOBS=false node build/start/main.js`, as `npm start`; request logs at info, read for server time)',
  `on loopback; autocannon sends ${connections} concurrent connection(s) for ${duration} s per page after a 2 s warm-up,`,
  'signed in as the practice owner. Server time is what the app logs for each request (from its arrival to the end',
  'of the response); client time is what autocannon measures (server time, queueing and loopback). autocannon runs on',
  'the same cores as the app and PostgreSQL, so the client figures include its own CPU use.',
  '',
  `- Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  `- Machine: ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, ${os.type()} ${os.release()}`,
  `- Node ${process.version}, PostgreSQL ${pgVersion}; ${values.workers} web process(es) (WEB_CONCURRENCY), heap limit ${process.env.WEB_HEAP_MB === '0' ? 'V8’s own' : `${process.env.WEB_HEAP_MB || defaultWebHeapMb} MB`} each (WEB_HEAP_MB)`,
  `- Load average (1, 5, 15 min) before: ${loadBefore.map((l) => l.toFixed(2)).join(', ')}; after: ${loadAfter.map((l) => l.toFixed(2)).join(', ')}`,
  `- Data: ${applications.toLocaleString('en-US')} applications in the practice \`${benchSlug}\``,
  '',
  '## Pages',
  '',
  '| Page | server p50 ms | server p95 ms | client p50 ms | client p95 ms | req/s | requests | errors | target (server p95) | |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ...results.map((r) =>
    [
      r.name,
      r.serverP50.toFixed(1),
      r.serverP95.toFixed(1),
      r.p50.toFixed(1),
      r.p95.toFixed(1),
      r.rps.toFixed(0),
      r.requests,
      r.errors,
      r.group === 'client' ? '—' : `≤ ${r.target} ms`,
      r.group === 'client' ? '' : ok(r.serverP95, r.target),
    ]
      .join(' | ')
      .replace(/^/, '| ')
      .concat(' |'),
  ),
  '',
  'URLs measured:',
  '',
  ...results.map((r) => `- ${r.name}: \`${r.url.length > 140 ? `${r.url.slice(0, 140)}…` : r.url}\``),
  '',
  '## JavaScript shipped (gzip)',
  '',
  'The client entry, root, the practice layout and the route module with every chunk they import, each file',
  "gzipped, as Remix's browser manifest lists them (build/client/assets/manifest-*.js).",
  '',
  '| Route | kB gzip | target | |',
  '| --- | ---: | ---: | --- |',
  ...bundles.map(
    (b) => `| ${b.name} | ${b.kb.toFixed(1)} | ${b.target ? `≤ ${b.target} kB` : '—'} | ${ok(b.kb, b.target)} |`,
  ),
  '',
  'Query plans behind these figures: docs/decisions/0005-applications-page-queries.md.',
  '',
  '## Insights',
  '',
  'Every rule of the insights engine over the whole practice, in SQL (`computeInsights`, 3 runs), then stored',
  '(`refreshInsights`, 1 run).',
  '',
  '| Figure | seconds | target | |',
  '| --- | ---: | ---: | --- |',
  `| computeInsights p50 (${insightTimes.count} insights) | ${(insightTimes.p50 / 1000).toFixed(2)} | ≤ 10 s | ${ok(insightTimes.p50 / 1000, 10)} |`,
  `| computeInsights slowest of 3 | ${(insightTimes.max / 1000).toFixed(2)} | ≤ 10 s | ${ok(insightTimes.max / 1000, 10)} |`,
  `| refreshInsights (compute and store) | ${(insightTimes.refreshMs / 1000).toFixed(2)} | — | |`,
  '',
]
// A hand-written "## Notes" section of the previous BENCHMARKS.md (reading the figures) is kept at the end.
const previous = existsSync(path.join(root, 'BENCHMARKS.md'))
  ? readFileSync(path.join(root, 'BENCHMARKS.md'), 'utf8')
  : ''
const notes = previous.includes('\n## Notes') ? previous.slice(previous.indexOf('\n## Notes') + 1) : ''
const report = lines.join('\n') + (notes ? `\n${notes}` : '')
writeFileSync(path.join(root, 'BENCHMARKS.md'), report)
console.log(`\n${report}`)
process.exit(0)
