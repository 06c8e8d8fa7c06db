import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

// Where tests/e2e/serve.ts leaves the URL of the database the built server runs on, so a spec can
// run the app's command-line jobs against it. Only with TEST_DATABASE_URL: an embedded database
// belongs to the server's process alone.

export const e2eDatabaseUrlFile = (port: string) => path.join(tmpdir(), `rebound-e2e-${port}.database-url`)

export function e2eDatabaseUrl() {
  const file = e2eDatabaseUrlFile(process.env.E2E_PORT || '4010')
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : null
}

/** Runs `npm run insights -- <args>` against the end-to-end database; its standard output. */
export function runInsightsCommand(databaseUrl: string, args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/insights.ts', ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'production', LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    timeout: 120_000,
  })
  if (run.status !== 0) throw new Error(`npm run insights failed (${run.status}): ${run.stderr}`)
  return run.stdout
}
