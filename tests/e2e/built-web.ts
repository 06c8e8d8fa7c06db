import { spawn, type StdioOptions } from 'node:child_process'
import { envValue } from '../../app/lib/env.server'
import { builtServer } from '../../scripts/lib/built-server'

/**
 * One more built web process beside the suite's server, for a spec that points it elsewhere or stops it: a direct
 * child (no npx or tsx wrapper), so a signal reaches the server itself, and marked as part of this run for the
 * leftovers check. Production mode, no jobs, one process, logs off unless `env` says otherwise.
 */
export function spawnBuiltWeb(port: number, env: Record<string, string>, stdio: StdioOptions = 'ignore') {
  return spawn(process.execPath, [builtServer.web], {
    env: {
      ...process.env,
      REBOUND_E2E_RUN: String(envValue('E2E_PORT')),
      NODE_ENV: 'production',
      PORT: String(port),
      WEB_CONCURRENCY: '1',
      RUN_JOBS: 'false',
      LOG_LEVEL: 'silent',
      ...env,
    },
    stdio,
  })
}
