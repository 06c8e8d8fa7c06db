import { afterAll, beforeAll } from 'vitest'
import { startJobs, type JobRunner } from '~/jobs/boss.server'

/**
 * A real pg-boss for the tests of the enclosing block (or file), with no worker taking the jobs: what the
 * code under test queued stays in pgboss.job to be looked at.
 */
export function withIdleJobQueue() {
  let runner: JobRunner | undefined
  beforeAll(async () => {
    runner = await startJobs({ work: false })
  }, 60_000)
  afterAll(async () => {
    await runner?.stop()
  })
}
