import type PgBoss from 'pg-boss'
import { runPracticeDigests } from '~/domain/digests/run.server'
import { dueDigestWeek } from '~/domain/digests/weeks'
import { prisma } from '~/lib/db.server'
import { logger } from '~/lib/logger.server'
import type { JobDefinition } from './boss.server'
import { enqueue, queues, type JobData } from './queue.server'
import { systemTenantContext } from '../tenancy/system-context.server'

// The weekly digests on pg-boss. Every hour, 'digests-hourly' finds the practices whose local
// digest day and hour have come this ISO week and whose digests are not all done, and queues one
// 'digests-practice' job each. It reads the database, not the exact hour, so a server that was
// down at the hour catches up when it returns. The practice job claims, batches and sends; the
// claim rows and recorded batches make it safe to run twice or in two processes at once.

export const digestsHourlyQueue = queues.digestsHourly
export const digestsPracticeQueue = queues.digestsPractice

export type PracticeDigestJob = JobData['digests-practice']
export type DuePractice = PracticeDigestJob

/** Practices whose digests are due this week and not finished: a recipient without a row, or a claimed row not sent. */
export async function listPracticesOwingDigests(now = new Date()): Promise<DuePractice[]> {
  const orgs = await prisma.organization.findMany({
    select: { id: true, timezone: true, digestDay: true, digestHour: true, digestsStartedAt: true },
    where: { digestsStartedAt: { not: null } },
    orderBy: { id: 'asc' },
  })
  const owing: DuePractice[] = []
  for (const org of orgs) {
    const isoWeek = dueDigestWeek(org, now)
    if (!isoWeek) continue
    const [row] = await prisma.$queryRaw<{ owing: boolean }[]>`
      SELECT EXISTS (
        SELECT 1 FROM "Client" c WHERE c."organizationId" = ${org.id} AND NOT EXISTS (
          SELECT 1 FROM "DigestDelivery" d WHERE d."organizationId" = ${org.id} AND d."recipientType" = 'CLIENT'
            AND d."recipientId" = c.id AND d."isoWeek" = ${isoWeek})
      ) OR EXISTS (
        SELECT 1 FROM "Membership" m WHERE m."organizationId" = ${org.id} AND NOT EXISTS (
          SELECT 1 FROM "DigestDelivery" d WHERE d."organizationId" = ${org.id} AND d."recipientType" = 'COACH'
            AND d."recipientId" = m."userId" AND d."isoWeek" = ${isoWeek})
      ) OR EXISTS (
        SELECT 1 FROM "DigestDelivery" d WHERE d."organizationId" = ${org.id} AND d."isoWeek" = ${isoWeek}
          AND d.status = 'CLAIMED' AND (d."batchId" IS NOT NULL OR d.attempts = 0)
      ) AS owing`
    if (row?.owing) owing.push({ organizationId: org.id, isoWeek })
  }
  return owing
}

function practiceJobOptions(job: PracticeDigestJob): PgBoss.SendOptions {
  // Duplicates within the hour coalesce; a later hour may queue it again if it is still not done.
  return { singletonKey: `${job.organizationId}/${job.isoWeek}`, singletonSeconds: 3000, retryLimit: 3, retryDelay: 60 }
}

/** Runs one practice's digests of the week (the 'digests-practice' handler, also used by tests). */
export async function runPracticeDigestJob(job: PracticeDigestJob) {
  const t = await systemTenantContext({ id: job.organizationId })
  if (!t) return null
  return runPracticeDigests(t, job.isoWeek)
}

export function digestJobDefinitions(): JobDefinition[] {
  return [
    {
      name: digestsHourlyQueue,
      schedule: '2 * * * *',
      async handler() {
        const owing = await listPracticesOwingDigests()
        for (const job of owing) await enqueue(queues.digestsPractice, job, practiceJobOptions(job))
        if (owing.length) logger.info({ practices: owing.length }, 'digests queued')
      },
    },
    {
      name: digestsPracticeQueue,
      options: { retryLimit: 3, retryDelay: 60, expireInSeconds: 3600 },
      async handler(jobs) {
        for (const job of jobs) await runPracticeDigestJob(job.data as PracticeDigestJob)
      },
    },
  ]
}
