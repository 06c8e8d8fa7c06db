import PgBoss from 'pg-boss'
import { logger } from '~/lib/logger.server'

// pg-boss: every queue and its handler are registered here. Handlers are thin: they call the domain.
// Any number of web and worker processes may run these; pg-boss gives each job to one of them.

export type JobRunner = { boss: PgBoss; stop: () => Promise<void> }

export async function startJobs(): Promise<JobRunner> {
  const url = process.env.DATABASE_URL
  if (!url) throw new Error('DATABASE_URL is not set')
  const boss = new PgBoss({ connectionString: url, max: 3 })
  boss.on('error', (error) => logger.error({ err: error }, 'job queue error'))
  await boss.start()
  logger.info('jobs started')
  return {
    boss,
    async stop() {
      await boss.stop({ graceful: true, timeout: 5_000 })
    },
  }
}
