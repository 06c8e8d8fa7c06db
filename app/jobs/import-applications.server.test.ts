import type PgBoss from 'pg-boss'
import { expect, test } from 'vitest'
import { createImport } from '~/domain/imports/batches.server'
import { commitImport } from '~/domain/imports/commit.server'
import { toCsv } from '~/domain/imports/csv'
import { prisma } from '~/lib/db.server'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import { createClient, createPracticeWithOwner } from '../../tests/factories'
import { importApplicationsJob } from './import-applications.server'

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
  const done = await prisma.importBatch.findUniqueOrThrow({ where: { id: batch.id } })
  expect(done).toMatchObject({ status: 'COMMITTED', importedCount: 2_100, processedRows: 2_100 })
  const event = await prisma.stageEvent.findFirstOrThrow({ where: { clientId: client.id } })
  expect(event).toMatchObject({ actorType: 'IMPORT', actorUserId: owner.id })
})
