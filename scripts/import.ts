import 'dotenv/config'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { createImport, previewImportBatch } from '~/domain/imports/batches.server'
import { commitImport } from '~/domain/imports/commit.server'
import { openDatabase } from '~/lib/database.server'
import { disconnectPrisma, prisma } from '~/lib/db.server'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import { InputError } from '~/lib/input-error'

// npm run import -- --org <slug> [--client <email>] <file>
// Imports a CSV or TSV as the practice's first owner: the same preview and commit as the app.
// Exit code: 0 when rows were imported, 1 when none were, 2 for a usage error.

const usage = 'Usage: npm run import -- --org <practice-slug> [--client <client-email>] <file.csv>'
const { values, positionals } = parseArgs({
  options: { org: { type: 'string' }, client: { type: 'string' } },
  allowPositionals: true,
  strict: false,
})
const filePath = positionals[0]
if (typeof values.org !== 'string' || !filePath || positionals.length > 1) {
  console.error(usage)
  process.exit(2)
}

async function run(slug: string, clientEmail: string | undefined, file: string) {
  const owner = await prisma.membership.findFirst({
    where: { role: 'OWNER', organization: { slug } },
    orderBy: { createdAt: 'asc' },
    include: { organization: true, user: { select: { id: true, email: true, name: true } } },
  })
  if (!owner) throw new InputError(null, `No practice "${slug}" with an owner.`)
  const t = createTenantContext(prisma, { user: owner.user, org: owner.organization, role: 'OWNER' })
  const client = clientEmail
    ? await t.db.client.findFirst({ where: { email: clientEmail.trim().toLowerCase() }, select: { id: true } })
    : null
  if (clientEmail && !client) throw new InputError(null, `${clientEmail} is not a client of ${slug}.`)

  const bytes = new Uint8Array(await readFile(file))
  const batch = await createImport(t, { name: path.basename(file), bytes }, { clientId: client?.id })
  const { preview } = (await previewImportBatch(t, batch.id))!
  console.log(`${path.basename(file)}: ${preview.rowCount} rows (${preview.format}, ${preview.encoding})`)
  for (const problem of preview.problems) console.log(`  ${problem}`)
  let imported = 0
  if (!preview.problems.length && preview.valid.length) {
    const result = await commitImport(t, batch.id)
    imported = result && 'imported' in result ? (result.imported ?? 0) : 0
  }
  console.log(`Imported: ${imported}`)
  console.log(`Duplicates skipped: ${preview.duplicateCount}`)
  console.log(`Rejected rows: ${preview.rejectedRowCount}`)
  for (const { row, column, reason } of preview.rejected) console.log(`  row ${row}, ${column}: ${reason}`)
  return imported
}

const database = await openDatabase()
let code = 1
try {
  code = (await run(values.org, typeof values.client === 'string' ? values.client : undefined, filePath)) > 0 ? 0 : 1
} catch (error) {
  if (error instanceof InputError || (error as NodeJS.ErrnoException).code === 'ENOENT') {
    console.error(error instanceof Error ? error.message : String(error))
  } else {
    console.error(error)
  }
} finally {
  await disconnectPrisma()
  await database.stop()
}
process.exit(code)
