import 'dotenv/config'
import cluster from 'node:cluster'
import { EnvError, getEnv, webConcurrency } from '~/lib/env.server'

// npm start / npm run dev: one web process (server/web.ts), or, when WEB_CONCURRENCY (default: one per core in
// production on a PostgreSQL server) is above 1, a node:cluster primary that runs that many web workers on one
// port and replaces any that dies. Workers are stateless: sessions, rate limits, snapshots and jobs live in
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
if (cluster.isPrimary && workers > 1) {
  const { runPrimary } = await import('./cluster')
  runPrimary({ workers, appUrl: env.APP_URL, port: env.PORT })
} else {
  await import('./web')
}
