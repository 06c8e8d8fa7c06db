import 'dotenv/config'
import cluster from 'node:cluster'
import { EnvError, getEnv, webConcurrency, webHeapMb } from '~/lib/env.server'

// npm start / npm run dev: one web process (server/web.ts), or a node:cluster primary that runs WEB_CONCURRENCY
// web workers (default: one per core in production on a PostgreSQL server) on one port and replaces any that
// dies. A heap limit for the web processes (WEB_HEAP_MB) is set on the workers' command line, so with one it runs
// as a primary and one worker too. Workers are stateless: sessions, rate limits, snapshots and jobs live in
// PostgreSQL (docs/decisions/0028-several-web-processes.md).

let env
try {
  env = getEnv()
} catch (error) {
  if (error instanceof EnvError) {
    console.error(error.message)
    process.exit(1)
  }
  throw error
}

const dev = process.argv.includes('--dev')
const workers = dev ? 1 : webConcurrency(env)
const heapMb = dev ? null : webHeapMb(env)
if (cluster.isPrimary && (workers > 1 || heapMb)) {
  const { runPrimary } = await import('./cluster')
  runPrimary({ workers, heapMb, appUrl: env.APP_URL, port: env.PORT })
} else {
  await import('./web')
}
