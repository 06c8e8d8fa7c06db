import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createServerDatabase } from '../databases'

// The app the end-to-end tests drive: the production build, on a database of its own
// (a new database on TEST_DATABASE_URL's server, or a new embedded one), migrated and seeded.

const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' }
delete env.DATABASE_URL
delete env.RESEND_API_KEY
let cleanup = async () => {}
if (process.env.TEST_DATABASE_URL) {
  const db = await createServerDatabase(process.env.TEST_DATABASE_URL)
  env.DATABASE_URL = db.url
  cleanup = db.drop
} else {
  env.REBOUND_DATA_DIR = path.join(mkdtempSync(path.join(tmpdir(), 'rebound-e2e-')), 'pglite')
}
env.SESSION_SECRET ??= 'e2e-session-secret-0123456789abcdef0123456789'

for (const script of ['scripts/migrate.ts', 'prisma/seed.ts']) {
  const result = spawnSync('npx', ['tsx', script], { env, stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

const server = spawn('npx', ['tsx', 'server/main.ts'], { env, stdio: 'inherit' })
const stop = () => server.kill('SIGTERM')
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
server.on('exit', async (code) => {
  await cleanup().catch(() => {})
  process.exit(code ?? 0)
})
