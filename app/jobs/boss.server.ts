import PgBoss from 'pg-boss'
import { logger } from '~/lib/logger.server'
import { setRunningQueue } from './queue.server'
import { envValue } from '~/lib/env.server'

// The job runner: every queue and its handler are registered here. Handlers are thin: they call the
// domain. Any number of web and worker processes may run these; pg-boss gives each job to one of them.
// App code never imports this module to queue work: it goes through ./queue.server.ts.

export type JobRunner = { boss: PgBoss; stop: () => Promise<void> }

/** One queue: its name, how pg-boss should treat it, its handler and an optional cron schedule. */
export type JobDefinition = {
  name: string
  options?: Omit<PgBoss.Queue, 'name'>
  handler: (jobs: PgBoss.Job<object>[]) => Promise<void>
  /** Cron in UTC, e.g. '5 * * * *' (hourly at minute 5). */
  schedule?: string
  workOptions?: PgBoss.WorkOptions
}

/** Every job of the app. Add a definition here to have it run in web and worker processes alike. */
async function jobDefinitions(): Promise<JobDefinition[]> {
  const { insightJobDefinitions } = await import('./insights.server')
  const { importApplicationsJob, importCleanupJob } = await import('./import-applications.server')
  const { digestJobDefinitions } = await import('./digests.server')
  const { passwordResetJob } = await import('./accounts.server')
  const { notificationJobDefinitions } = await import('./notifications.server')
  const { retentionJobDefinitions } = await import('./retention.server')
  const { webhookJobDefinitions } = await import('./webhooks.server')
  const { surveyJob } = await import('./surveys.server')
  return [
    ...insightJobDefinitions(),
    importApplicationsJob,
    importCleanupJob,
    ...digestJobDefinitions(),
    passwordResetJob,
    ...notificationJobDefinitions(),
    ...retentionJobDefinitions(),
    ...webhookJobDefinitions(),
    surveyJob,
  ]
}

export async function startJobs(options: { work?: boolean } = {}): Promise<JobRunner> {
  const url = envValue('DATABASE_URL')
  if (!url) throw new Error('DATABASE_URL is not set')
  const boss = new PgBoss({ connectionString: url, max: 3 })
  boss.on('error', (error) => logger.error({ err: error }, 'job queue error'))
  await boss.start()
  for (const job of await jobDefinitions()) {
    await boss.createQueue(job.name, { ...job.options, name: job.name })
    if (options.work !== false) {
      await boss.work(job.name, job.workOptions ?? {}, async (jobs) => {
        try {
          await job.handler(jobs as PgBoss.Job<object>[])
        } catch (error) {
          logger.error({ err: error, queue: job.name }, 'job failed')
          throw error
        }
      })
    }
    if (job.schedule) await boss.schedule(job.name, job.schedule)
  }
  setRunningQueue(boss)
  logger.info('jobs started')
  return {
    boss,
    async stop() {
      setRunningQueue(null)
      await boss.stop({ graceful: true, timeout: 5_000 })
    },
  }
}
