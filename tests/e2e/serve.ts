import { spawn, type ChildProcess } from 'node:child_process'
import { fstatSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { envValue } from '../../app/lib/env.server'
import { createServerDatabase } from '../databases'
import { e2eDatabaseUrlFile } from './database-url'
import { builtServer } from '../../scripts/lib/built-server'

// The app the end-to-end tests drive: the production build, on a database of its own (a new database on
// TEST_DATABASE_URL's server, or a new embedded one), migrated and seeded.
//
// Everything this starts ends with it. The server is a direct child (node on the built server, no npx or tsx
// wrapper whose children could outlive a signal), in this process's group, so Playwright's signal to the
// group reaches it too; on SIGTERM, SIGINT or the server's exit, the database made here is removed.

const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', LOG_LEVEL: envValue('LOG_LEVEL') ?? 'warn' }
delete env.DATABASE_URL
delete env.RESEND_API_KEY
// Marks every process of this run (by its port), so a check after the run can find any left behind.
env.REBOUND_E2E_RUN = String(envValue('PORT'))

let cleanup = () => Promise.resolve()
const serverUrl = envValue('TEST_DATABASE_URL')
if (serverUrl) {
  const db = await createServerDatabase(serverUrl)
  env.DATABASE_URL = db.url
  // For specs that run the app's command-line jobs (npm run insights) against the same database.
  const urlFile = e2eDatabaseUrlFile(String(envValue('PORT')))
  writeFileSync(urlFile, db.url)
  cleanup = async () => {
    rmSync(urlFile, { force: true })
    await db.drop()
  }
} else {
  const dir = mkdtempSync(path.join(tmpdir(), 'rebound-e2e-'))
  env.REBOUND_DATA_DIR = path.join(dir, 'pglite')
  cleanup = async () => rmSync(dir, { recursive: true, force: true })
}
env.SESSION_SECRET ||= 'e2e-session-secret-0123456789abcdef0123456789'
// One web process: the deployment test (tests/deploy/) runs several behind a load balancer.
env.WEB_CONCURRENCY ||= '1'

// The built server runs on node alone, as npm start runs it; the TypeScript scripts before it through tsx's loader.
const node = (script: string) =>
  [process.execPath, script.endsWith('.js') ? [script] : ['--import', 'tsx', script]] as const

let current: ChildProcess | null = null
let stopping = false

async function finish(code: number) {
  await cleanup().catch((error: Error) => console.error(`Could not remove the end-to-end database: ${error.message}`))
  process.exit(code)
}

function stop(signal: NodeJS.Signals) {
  if (stopping) return
  stopping = true
  if (!current) return void finish(0)
  current.kill(signal)
  // A process that does not close in time is killed; its exit then runs the cleanup.
  setTimeout(() => current?.kill('SIGKILL'), 10_000).unref()
}
process.on('SIGTERM', () => stop('SIGTERM'))
process.on('SIGINT', () => stop('SIGTERM'))
process.on('SIGHUP', () => stop('SIGTERM'))
// If this process ends any other way, nothing it started may outlive it.
process.on('exit', () => current?.kill('SIGKILL'))
// Playwright holds a pipe to our stdin: when it ends (Playwright killed, or the run's shell gone), so do we.
const stdin = fstatSync(0)
if (stdin.isFIFO() || stdin.isSocket()) {
  process.stdin.on('end', () => stop('SIGTERM'))
  process.stdin.on('error', () => stop('SIGTERM'))
  process.stdin.resume()
}

function start(script: string) {
  const [command, args] = node(script)
  current = spawn(command, args, { env, stdio: ['ignore', 'inherit', 'inherit'] })
  return new Promise<number>((resolve) => current!.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))))
}

for (const script of ['scripts/migrate.ts', 'prisma/seed.ts']) {
  const code = await start(script)
  if (stopping || code !== 0) await finish(stopping ? 0 : code)
}
await finish(await start(builtServer.web))
