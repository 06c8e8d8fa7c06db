import { afterAll, beforeAll } from 'vitest'
import { startJobs, type JobRunner } from '~/jobs/boss.server'
import { prisma } from '~/lib/db.server'

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

/** The ids of the jobs waiting in queue `name` whose data holds `value` under `key`. */
export const queuedJobs = (name: string, key: string, value: string) =>
  prisma.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM pgboss.job WHERE name = ${name} AND data->>${key} = ${value}`
