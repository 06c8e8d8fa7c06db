import 'dotenv/config'
import { spawn } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { benchDatabaseUrl, benchOwner, benchSlug } from './lib/bench-practice'
import { builtServer } from './lib/built-server'
import { defaultWebHeapMb } from '~/lib/env.server'

// npm run bench:profile [-- --url /orgs/bench/applications --seconds 15 --connections 2 --port 4390]
// Starts the built app under `node --cpu-prof`, signs in as the bench owner, loads one page with autocannon,
// stops the app and reads the profile: CPU milliseconds per request, and where they go (by package and by
// function, self time). The profile stays in .profiles/ for Chrome's DevTools (Performance → Load profile).

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: `/orgs/${benchSlug}/applications` },
    seconds: { type: 'string', default: '15' },
    connections: { type: 'string', default: '2' },
    port: { type: 'string', default: '4390' },
  },
})
const root = path.resolve(import.meta.dirname, '..')
const profiles = path.join(root, '.profiles')
mkdirSync(profiles, { recursive: true })
const before = new Set(readdirSync(profiles))
const origin = `http://127.0.0.1:${values.port}`
const databaseUrl = process.env.DATABASE_URL || benchDatabaseUrl

const server = spawn(
  process.execPath,
  // One process, profiled, with the heap limit npm start gives a web worker (WEB_HEAP_MB) set here directly.
  [
    '--cpu-prof',
    `--cpu-prof-dir=${profiles}`,
    ...(process.env.WEB_HEAP_MB === '0' ? [] : [`--max-old-space-size=${process.env.WEB_HEAP_MB || defaultWebHeapMb}`]),
    builtServer.web,
  ],
  {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      RUN_JOBS: 'false',
      WEB_CONCURRENCY: '1',
      WEB_HEAP_MB: '0',
      PORT: values.port,
      APP_URL: origin,
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'warn',
      SESSION_SECRET: process.env.SESSION_SECRET || 'bench-session-secret-0123456789abcdef0123456789',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  },
)
const window = { from: 0, to: Infinity }
let measured = 0
const exited = new Promise((resolve) => server.once('exit', resolve))
try {
  for (let i = 0; ; i++) {
    if (i === 120) throw new Error('The app did not start within 60 s')
    const up = await fetch(`${origin}/healthz`).then(
      (r) => r.ok,
      () => false,
    )
    if (up) break
    await new Promise((r) => setTimeout(r, 500))
  }
  const login = await fetch(`${origin}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin },
    body: new URLSearchParams({ email: benchOwner.email, password: benchOwner.password, redirectTo: '/' }),
  })
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .filter((c) => /session/.test(c))
    .join('; ')
  if (!cookie) throw new Error(`Sign-in failed (status ${login.status}): run npm run bench:seed`)
  const run = (seconds: number) =>
    new Promise<autocannon.Result>((resolve, reject) =>
      autocannon(
        {
          url: `${origin}${values.url}`,
          connections: Number(values.connections),
          duration: seconds,
          headers: { cookie, 'accept-encoding': 'gzip' },
        },
        (error, result) => (error ? reject(error) : resolve(result)),
      ),
    )
  await run(3) // warm-up
  const loadBefore = os.loadavg()
  const cpuBefore = cpuMs(server.pid!)
  // The monotonic clock is the machine's: the profile's timestamps are on it too, so only the measured run counts.
  window.from = Number(process.hrtime.bigint() / 1000n)
  const result = await run(Number(values.seconds))
  window.to = Number(process.hrtime.bigint() / 1000n)
  const cpu = cpuMs(server.pid!) - cpuBefore
  const requests = result.requests.total
  measured = requests
  console.log(
    `${values.url}: ${requests} requests in ${values.seconds} s (${result.requests.average} req/s, p50 ${result.latency.p50} ms, p97.5 ${result.latency.p97_5} ms, ${result.errors + result.non2xx} errors)`,
  )
  console.log(
    `Server CPU: ${cpu} ms for ${requests} requests = ${(cpu / requests).toFixed(1)} ms a request (profiler on); load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`,
  )
} finally {
  server.kill('SIGINT')
  await exited
}
const file = readdirSync(profiles).find((f) => f.endsWith('.cpuprofile') && !before.has(f))
if (!file) throw new Error('No profile written')
console.log(`Profile: .profiles/${file}`)
summarize(JSON.parse(readFileSync(path.join(profiles, file), 'utf8')) as Profile)

/** User and system CPU of a process so far, in ms (Linux: /proc/<pid>/stat, in clock ticks of 10 ms). */
function cpuMs(pid: number) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10
}

type Profile = {
  startTime: number
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[]
  samples: number[]
  timeDeltas: number[]
}
function summarize(profile: Profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map<number, number>()
  let at = profile.startTime
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0
    at += delta
    if (at >= window.from && at <= window.to) self.set(id, (self.get(id) ?? 0) + delta)
  })
  const where = (url: string, name: string) => {
    if (!url) return name.startsWith('(') ? name : '(native)'
    const pkg = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url)
    if (pkg) return pkg[1]!
    if (url.includes('/build/server/')) return 'app (build/server)'
    if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`
    return path.relative(root, url.replace(/^file:\/\//, ''))
  }
  const packages = new Map<string, number>()
  const functions = new Map<string, number>()
  let busy = 0
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame
    const place = where(url, functionName)
    packages.set(place, (packages.get(place) ?? 0) + us)
    const key = `${functionName || '(anonymous)'} ${place}:${lineNumber + 1}`
    functions.set(key, (functions.get(key) ?? 0) + us)
    if (functionName !== '(idle)' && functionName !== '(program)') busy += us
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(
        ([k, us]) => `${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / busy).toFixed(1).padStart(5)} %  ${k}`,
      )
      .join('\n')
  console.log(
    `\nBusy (not idle) CPU in the profile while measuring: ${(busy / 1000).toFixed(0)} ms = ${(busy / 1000 / measured).toFixed(1)} ms a request`,
  )
  console.log(`\nSelf time by package:\n${top(packages, 20)}`)
  console.log(`\nSelf time by function:\n${top(functions, 30)}`)
}
