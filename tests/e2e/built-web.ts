import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process'
import net from 'node:net'
import { envValue } from '../../app/lib/env.server'
import { builtServer } from '../../scripts/lib/built-server'

/**
 * One more built web process beside the suite's server, for a spec that points it elsewhere or stops it: a direct
 * child (no npx or tsx wrapper), so a signal reaches the server itself, and marked as part of this run for the
 * leftovers check. Production mode, no jobs, one process, logs off unless `env` says otherwise. `detached` puts it
 * in a process group of its own, so a spec can kill a cluster primary and its workers at once.
 */
export function spawnBuiltWeb(
  port: number,
  env: Record<string, string>,
  stdio: StdioOptions = 'ignore',
  { detached = false }: { detached?: boolean } = {},
) {
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
    detached,
  })
}

/** A port no process listens on right now, chosen by the kernel: a fixed offset from E2E_PORT can be taken. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })
}

/**
 * Keeps the last lines a child with piped stdout and stderr printed, so a spec whose server never comes up can say
 * why (a port taken, a worker that exits at start) instead of only that it timed out.
 */
export function keepOutput(child: ChildProcess, lines = 60): () => string {
  const kept: string[] = []
  const take = (chunk: Buffer) => {
    kept.push(...chunk.toString('utf8').split('\n').filter(Boolean))
    kept.splice(0, Math.max(0, kept.length - lines))
  }
  child.stdout?.on('data', take)
  child.stderr?.on('data', take)
  return () => kept.join('\n')
}
