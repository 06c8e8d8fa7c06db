import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

// npm run setup (after npm install): secrets, Prisma client, database, demo data, build, browser.
// Safe to run again: secrets are kept, migrations apply only what is pending, the seed skips
// a practice that exists.

const root = path.resolve(import.meta.dirname, '..')
const started = Date.now()

function step(title: string, command: string, args: string[], env: Record<string, string> = {}) {
  console.log(`\n▸ ${title}`)
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  if (result.status !== 0) {
    console.error(`\nSetup stopped: "${title}" failed (exit ${result.status ?? result.signal}).`)
    process.exit(result.status ?? 1)
  }
}

// 1. Secrets a dev machine lacks, generated once into the git-ignored .env.
const envPath = path.join(root, '.env')
const envText = existsSync(envPath) ? readFileSync(envPath, 'utf8') : ''
if (!/^SESSION_SECRET=.{32,}$/m.test(envText)) {
  const line = `SESSION_SECRET=${randomBytes(32).toString('hex')}\n`
  writeFileSync(envPath, envText + (envText && !envText.endsWith('\n') ? '\n' : '') + line, { mode: 0o600 })
  console.log('▸ Wrote a new SESSION_SECRET to .env')
} else {
  console.log('▸ .env already has a SESSION_SECRET')
}

// 2. The Prisma client. `generate` never runs the schema engine, but the CLI wants a path to one.
const anyExecutable = existsSync('/bin/true') ? '/bin/true' : process.execPath
step('Generate the Prisma client', 'npx', ['prisma', 'generate'], { PRISMA_SCHEMA_ENGINE_BINARY: anyExecutable })

// 3. Database and demo data (the embedded database unless DATABASE_URL is set).
step('Apply database migrations', 'npx', ['tsx', 'scripts/migrate.ts'])
step('Seed the demo practice', 'npx', ['tsx', 'prisma/seed.ts'])

// 4. The production build that `npm start` serves.
step('Build the app', 'npm', ['run', 'build'])

// 5. A Chromium for the end-to-end tests.
step('Find or install Chromium for end-to-end tests', 'npx', ['tsx', 'scripts/ensure-chromium.ts'])

// 6. HAProxy, for the deployment test that runs several web processes behind a load balancer.
step('Find or install HAProxy for the deployment test', 'npx', ['tsx', 'scripts/ensure-haproxy.ts'])

console.log(`\nSetup finished in ${Math.round((Date.now() - started) / 1000)} s. Start the app with: npm start`)
console.log('Demo logins: owner@northstar.test, coach@northstar.test, coach2@northstar.test (password rebound-demo)')
