import 'dotenv/config'
import { openDatabase } from '~/lib/database.server'
import { EnvError, getEnv } from '~/lib/env.server'
import { logger } from '~/lib/logger.server'

// npm run worker: the job workers without the web server. Needs DATABASE_URL to share
// work with the web process (the embedded database belongs to one process only).
try {
  getEnv()
} catch (error) {
  if (error instanceof EnvError) {
    console.error(error.message)
    process.exit(1)
  }
  throw error
}
const database = await openDatabase().catch((error: Error) => {
  console.error(error.message)
  process.exit(1)
})
const { startJobs } = await import('~/jobs/boss.server')
const jobs = await startJobs()
logger.info('worker running')

async function shutdown() {
  await jobs.stop().catch(() => {})
  await database.stop().catch(() => {})
  process.exit(0)
}
process.on('SIGTERM', () => void shutdown())
process.on('SIGINT', () => void shutdown())
