import { expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import { createClient, createPracticeWithOwner } from '../../../tests/factories'
import { storedBatch } from '../../../tests/import-fixtures'
import { chooseImportMapping, createImport, previewImportBatch, readChoices } from './batches.server'
import { sweepImports } from './cleanup.server'
import { canRetryImport, commitImport, runImport, retryImport } from './commit.server'
import { toCsv } from './csv'

const now = new Date('2026-11-23T15:00:00Z')
const hours = (n: number) => new Date(Date.now() + n * 60 * 60_000)

async function practice() {
  const { org, owner } = await createPracticeWithOwner(prisma)
  const t = createTenantContext(prisma, { user: owner, org, role: 'OWNER' })
  const client = await createClient(prisma, org.id)
  return { t, org, client }
}

/** How many rows of the tables an import writes to hold the text anywhere in them. */
async function traces(org: string, marker: string) {
  const like = `%${marker}%`
  const [row] = await prisma.$queryRaw<{ n: number }[]>`
    SELECT ((SELECT count(*) FROM "ImportBatch" x WHERE x."organizationId" = ${org} AND x::text LIKE ${like})
      + (SELECT count(*) FROM "JobApplication" x WHERE x."organizationId" = ${org} AND x::text LIKE ${like})
      + (SELECT count(*) FROM "StageEvent" x WHERE x."organizationId" = ${org} AND x::text LIKE ${like})
      + (SELECT count(*) FROM "ImportMapping" x WHERE x."organizationId" = ${org} AND x::text LIKE ${like}))::int AS n`
  return row!.n
}

const privateFile = (tag: string) =>
  toCsv([
    ['Company', 'Title', 'Applied', 'Status', 'Contact Email', 'Recruiter phone', 'Question And Answers', 'Diary'],
    [
      'Acme',
      'Analyst',
      '2026-11-02',
      'Applied',
      `recruiter-${tag}@acme.test`,
      '+1 555 0100',
      `Visa?: ${tag}-answer`,
      `${tag}-diary`,
    ],
    ['Globex', 'Analyst', '2026-11-03', 'rej', `hr-${tag}@globex.test`, '555 0101', '', `${tag}-diary again`],
  ])

test('contact and answer columns are never stored; a column left out is gone once the import is committed', async () => {
  const { t, client } = await practice()
  const tag = `m${Date.now().toString(36)}`
  const batch = await createImport(
    t,
    { name: 'p.csv', bytes: new TextEncoder().encode(privateFile(tag)) },
    { clientId: client.id },
  )
  expect(await traces(t.org.id, `recruiter-${tag}`)).toBe(0)
  expect(await traces(t.org.id, `${tag}-answer`)).toBe(0)
  expect(await traces(t.org.id, '555 0100')).toBe(0)
  // The coach leaves "Diary" out: kept only while the preview is open.
  const columns = readChoices(batch.mapping).columns.map((field, i) => (i === 4 ? null : field))
  await chooseImportMapping(t, batch.id, columns)
  expect(await traces(t.org.id, `${tag}-diary`)).toBe(1)
  await commitImport(t, batch.id, { now })
  expect(await prisma.jobApplication.count({ where: { clientId: client.id } })).toBe(2)
  expect(await traces(t.org.id, tag)).toBe(0)
})

test('an abandoned preview is deleted after 24 hours, and a failed import’s file is dropped', async () => {
  const { t, client } = await practice()
  const tag = `a${Date.now().toString(36)}`
  const bytes = new TextEncoder().encode(privateFile(tag))
  const abandoned = await createImport(t, { name: 'a.csv', bytes }, { clientId: client.id })
  const failed = await createImport(t, { name: 'f.csv', bytes }, { clientId: client.id })
  await prisma.importBatch.update({ where: { id: failed.id }, data: { status: 'FAILED' } })
  expect(await sweepImports(t, hours(23))).toMatchObject({ deleted: 0, dropped: 0 })
  expect(await traces(t.org.id, `${tag}-diary`)).toBe(2)
  expect(await sweepImports(t, hours(25))).toMatchObject({ deleted: 1, dropped: 1 })
  expect(await prisma.importBatch.findUnique({ where: { id: abandoned.id } })).toBeNull()
  expect(await traces(t.org.id, tag)).toBe(0)
})

const smallFile = () =>
  new TextEncoder().encode(
    toCsv([
      ['Company', 'Title', 'Applied'],
      ...Array.from({ length: 30 }, (_, i) => [`Co ${i}`, 'Analyst', '2026-11-20']),
    ]),
  )

test('an import whose run died mid-commit can be retried, and is written once', async () => {
  const { t, client } = await practice()
  const batch = await createImport(t, { name: 's.csv', bytes: smallFile() }, { clientId: client.id })
  // The process that claimed it was killed before its statement committed: RUNNING, silent for minutes.
  await prisma.importBatch.update({
    where: { id: batch.id },
    data: { status: 'RUNNING', heartbeatAt: new Date(Date.now() - 4 * 60_000) },
  })
  await expect(commitImport(t, batch.id, { now })).rejects.toThrow('This import has already started.')
  const stalled = await storedBatch(batch.id)
  expect(canRetryImport(stalled)).toBe(true)
  expect(await retryImport(t, batch.id)).toBe(true)
  expect((await previewImportBatch(t, batch.id, now))?.preview.valid).toHaveLength(30)
  await commitImport(t, batch.id, { now })
  expect(await prisma.jobApplication.count({ where: { clientId: client.id } })).toBe(30)
  // Retrying a committed import does nothing.
  expect(await retryImport(t, batch.id)).toBe(false)
})

test('a run still alive cannot be retried', async () => {
  const { t, client } = await practice()
  const batch = await createImport(t, { name: 's.csv', bytes: smallFile() }, { clientId: client.id })
  await prisma.importBatch.update({ where: { id: batch.id }, data: { status: 'RUNNING', heartbeatAt: new Date() } })
  expect(canRetryImport(await storedBatch(batch.id))).toBe(false)
  expect(await retryImport(t, batch.id)).toBe(false)
})

test('two runs of the same import at once write its rows once', async () => {
  const { t, client } = await practice()
  const batch = await createImport(t, { name: 's.csv', bytes: smallFile() }, { clientId: client.id })
  await prisma.importBatch.update({ where: { id: batch.id }, data: { status: 'QUEUED' } })
  const results = await Promise.allSettled([runImport(t, batch.id, { now }), runImport(t, batch.id, { now })])
  expect(results.filter((r) => r.status === 'fulfilled' && r.value.status === 'COMMITTED')).not.toHaveLength(0)
  expect(await prisma.jobApplication.count({ where: { clientId: client.id } })).toBe(30)
  expect(await storedBatch(batch.id)).toMatchObject({
    status: 'COMMITTED',
    importedCount: 30,
  })
})

test('the hourly clean-up puts a stalled run back in the queue', async () => {
  const { t, client } = await practice()
  const batch = await createImport(t, { name: 's.csv', bytes: smallFile() }, { clientId: client.id })
  await prisma.importBatch.update({ where: { id: batch.id }, data: { status: 'RUNNING', heartbeatAt: hours(-1) } })
  // No queue runs in this process: the run is marked QUEUED again for the next process that has one.
  const at = new Date()
  await sweepImports(t, at)
  const after = await storedBatch(batch.id)
  expect(after).toMatchObject({ status: 'QUEUED', heartbeatAt: at })
  await runImport(t, batch.id, { now })
  expect(await prisma.jobApplication.count({ where: { clientId: client.id } })).toBe(30)
})

/** A run that stops for good after its first batch, as a process killed mid-commit does. */
async function dieAfterFirstBatch(t: Awaited<ReturnType<typeof practice>>['t'], batchId: string) {
  const died = new Promise<void>((resolve) => {
    void runImport(t, batchId, {
      now,
      batchRows: 10,
      afterBatch: () => {
        resolve()
        return new Promise<void>(() => {})
      },
    })
  })
  await died
  await prisma.importBatch.update({ where: { id: batchId }, data: { heartbeatAt: new Date(Date.now() - 4 * 60_000) } })
}

test('a run that died after some batches is picked up where it stopped, and every row goes in once', async () => {
  const { t, client } = await practice()
  const batch = await createImport(t, { name: 's.csv', bytes: smallFile() }, { clientId: client.id })
  await prisma.importBatch.update({ where: { id: batch.id }, data: { status: 'QUEUED' } })
  await dieAfterFirstBatch(t, batch.id)
  expect(await prisma.jobApplication.count({ where: { clientId: client.id } })).toBe(10)
  expect(await storedBatch(batch.id)).toMatchObject({
    status: 'RUNNING',
    writtenRows: 10,
    rowsToWrite: 30,
  })
  // The hourly clean-up hands it to the queue again; the next run writes the other 20 rows.
  await sweepImports(t, new Date())
  expect(await runImport(t, batch.id, { now, batchRows: 10 })).toMatchObject({ status: 'COMMITTED', imported: 30 })
  expect(await prisma.jobApplication.count({ where: { clientId: client.id } })).toBe(30)
  expect(await prisma.stageEvent.count({ where: { clientId: client.id } })).toBe(30)
  expect(await storedBatch(batch.id)).toMatchObject({
    status: 'COMMITTED',
    importedCount: 30,
    duplicateCount: 0,
    writtenRows: 30,
  })
})

test('retrying an import whose run died midway takes back what it wrote, then writes every row once', async () => {
  const { t, client } = await practice()
  const batch = await createImport(t, { name: 's.csv', bytes: smallFile() }, { clientId: client.id })
  await prisma.importBatch.update({ where: { id: batch.id }, data: { status: 'QUEUED' } })
  await dieAfterFirstBatch(t, batch.id)
  expect(await retryImport(t, batch.id)).toBe(true)
  expect(await prisma.jobApplication.count({ where: { clientId: client.id } })).toBe(0)
  expect((await previewImportBatch(t, batch.id, now))?.preview).toMatchObject({ duplicateCount: 0 })
  await commitImport(t, batch.id, { now })
  expect(await prisma.jobApplication.count({ where: { clientId: client.id } })).toBe(30)
})

test('a run that lost its import to another run stops without writing', async () => {
  const { t, client } = await practice()
  const batch = await createImport(t, { name: 's.csv', bytes: smallFile() }, { clientId: client.id })
  await prisma.importBatch.update({ where: { id: batch.id }, data: { status: 'QUEUED' } })
  const runs = await Promise.all([
    runImport(t, batch.id, { now, batchRows: 5 }),
    runImport(t, batch.id, { now, batchRows: 5 }),
    runImport(t, batch.id, { now, batchRows: 5 }),
  ])
  expect(runs.filter((r) => r.status === 'COMMITTED')).toHaveLength(1)
  expect(await prisma.jobApplication.count({ where: { clientId: client.id } })).toBe(30)
  expect(await prisma.stageEvent.count({ where: { clientId: client.id } })).toBe(30)
})
