import 'dotenv/config'
import { parseArgs } from 'node:util'
import { createImport, previewImportBatch } from '~/domain/imports/batches.server'
import { commitImport, runImport } from '~/domain/imports/commit.server'
import { disconnectPrisma, prisma } from '~/lib/db.server'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import { createClient, createPracticeWithOwner } from '../tests/factories'

// npm run bench:import [-- --rows 20000]
// Times a large import on DATABASE_URL (a migrated database; a new practice is made each run): upload,
// preview, and the job's check and write, as rows per second of the whole run and of the write alone.

const { values } = parseArgs({ options: { rows: { type: 'string', default: '20000' } } })
const count = Number(values.rows)
const statuses = ['applied', 'rej', 'int 2 / rej', 'no response', 'phone screen']
const lines = ['Company,Title,Date sent,Response,First response']
for (let i = 0; i < count; i++) {
  const day = String(1 + (i % 28)).padStart(2, '0')
  lines.push(`Bulk ${i},Analyst ${i % 7},2026-10-${day},${statuses[i % 5]},${i % 5 ? `2026-11-${day}` : ''}`)
}

const { org, owner } = await createPracticeWithOwner(prisma)
const client = await createClient(prisma, org.id)
const t = createTenantContext(prisma, { user: owner, org, role: 'OWNER' })
const now = new Date('2026-12-01T12:00:00Z')
const time = async <T>(label: string, run: () => Promise<T>) => {
  const started = performance.now()
  const result = await run()
  const ms = performance.now() - started
  console.log(`${label}: ${(ms / 1000).toFixed(2)} s`)
  return { result, ms }
}

const { result: batch } = await time('upload (read, guess columns, keep)', () =>
  createImport(t, { name: 'bench.csv', bytes: new TextEncoder().encode(lines.join('\n')) }, { clientId: client.id }),
)
await time('preview', () => previewImportBatch(t, batch.id, now))
let queued = false
await commitImport(t, batch.id, { now, queue: async () => void (queued = true) })
if (!queued) throw new Error('The import was not queued')
let checkedAt = 0
const started = performance.now()
const { ms } = await time('job (check and write)', async () => {
  const watch = setInterval(() => {
    void prisma.importBatch.findUnique({ where: { id: batch.id } }).then((b) => {
      if (b && b.processedRows >= b.rowCount && !checkedAt) checkedAt = performance.now() - started
    })
  }, 50)
  try {
    return await runImport(t, batch.id, { now })
  } finally {
    clearInterval(watch)
  }
})
const done = await prisma.importBatch.findUniqueOrThrow({ where: { id: batch.id } })
const events = await prisma.stageEvent.count({ where: { clientId: client.id } })
console.log(`imported ${done.importedCount} applications with ${events} events (${done.status})`)
console.log(`job: ${Math.round(count / (ms / 1000))} rows/s overall`)
if (checkedAt) console.log(`write after check: ${((ms - checkedAt) / 1000).toFixed(2)} s`)
await disconnectPrisma()
