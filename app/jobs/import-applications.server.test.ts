import type PgBoss from 'pg-boss'
import { expect, test } from 'vitest'
import { createImport } from '~/domain/imports/batches.server'
import { commitImport } from '~/domain/imports/commit.server'
import { toCsv } from '~/domain/imports/csv'
import { prisma } from '~/lib/db.server'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import { createClient, createPracticeWithOwner } from '../../tests/factories'
import { storedBatch } from '../../tests/import-fixtures'
import { importApplicationsJob, importCleanupJob } from './import-applications.server'

test('the import job writes a queued import as the member who started it', async () => {
  const { org, owner } = await createPracticeWithOwner(prisma)
  const client = await createClient(prisma, org.id)
  const t = createTenantContext(prisma, { user: owner, org, role: 'OWNER' })
  const rows = Array.from({ length: 2_100 }, (_, i) => [`Company ${i}`, 'Analyst', '2026-03-02'])
  const csv = toCsv([['Company', 'Title', 'Applied'], ...rows])
  const batch = await createImport(
    t,
    { name: 'big.csv', bytes: new TextEncoder().encode(csv) },
    { clientId: client.id },
  )
  const sent: object[] = []
  await commitImport(t, batch.id, { queue: async (batchId, organizationId) => sent.push({ batchId, organizationId }) })
  await importApplicationsJob.handler(sent.map((data) => ({ data }) as PgBoss.Job<object>))
  const done = await storedBatch(batch.id)
  expect(done).toMatchObject({ status: 'COMMITTED', importedCount: 2_100, processedRows: 2_100 })
  const event = await prisma.stageEvent.findFirstOrThrow({ where: { clientId: client.id } })
  expect(event).toMatchObject({ actorType: 'IMPORT', actorUserId: owner.id })
})

test('the hourly clean-up job deletes a preview abandoned for a day: nothing of the file is left in the database', async () => {
  const { org, owner } = await createPracticeWithOwner(prisma)
  const client = await createClient(prisma, org.id)
  const t = createTenantContext(prisma, { user: owner, org, role: 'OWNER' })
  const tag = `gone${Date.now().toString(36)}`
  const csv = toCsv([
    ['Company', 'Title', 'Applied', 'Status', 'Contact Email', 'Diary'],
    [`Acme ${tag}`, 'Analyst', '2026-11-02', 'Applied', `hr-${tag}@acme.test`, `${tag} private thoughts`],
  ])
  const abandoned = await createImport(
    t,
    { name: 'mine.csv', bytes: new TextEncoder().encode(csv) },
    { clientId: client.id },
  )
  const fresh = await createImport(
    t,
    { name: 'new.csv', bytes: new TextEncoder().encode(csv) },
    { clientId: client.id },
  )
  // The contact column is never kept, even while the preview is open.
  const stored = await prisma.importBatch.findUniqueOrThrow({ where: { id: abandoned.id } })
  expect(stored.sourceText).not.toContain(`hr-${tag}`)
  expect(stored.sourceText).toContain(`${tag} private thoughts`)
  await prisma.importBatch.update({
    where: { id: abandoned.id },
    data: { createdAt: new Date(Date.now() - 25 * 60 * 60_000) },
  })

  // What the job queue runs every hour, for every practice.
  await importCleanupJob.handler([])

  expect(await prisma.importBatch.findUnique({ where: { id: abandoned.id } })).toBeNull()
  expect(await prisma.importBatch.findUnique({ where: { id: fresh.id } })).not.toBeNull()
  await prisma.importBatch.delete({ where: { id: fresh.id } })
  const like = `%${tag}%`
  const [left] = await prisma.$queryRaw<{ n: number }[]>`
    SELECT ((SELECT count(*) FROM "ImportBatch" x WHERE x."organizationId" = ${org.id} AND x::text LIKE ${like})
      + (SELECT count(*) FROM "ImportMapping" x WHERE x."organizationId" = ${org.id} AND x::text LIKE ${like})
      + (SELECT count(*) FROM "JobApplication" x WHERE x."organizationId" = ${org.id} AND x::text LIKE ${like})
      + (SELECT count(*) FROM "StageEvent" x WHERE x."organizationId" = ${org.id} AND x::text LIKE ${like})
      + (SELECT count(*) FROM "AuditEvent" x WHERE x."organizationId" = ${org.id} AND x::text LIKE ${like}))::int AS n`
  expect(left!.n).toBe(0)
})
