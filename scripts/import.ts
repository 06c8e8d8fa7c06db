import 'dotenv/config'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { chooseImportMapping, createImport, importedCounts, previewImportBatch } from '~/domain/imports/batches.server'
import { importedCountsText } from '~/domain/imports/fields'
import { importedClientSummary } from '~/domain/imports/client-values.server'
import { commitImport } from '~/domain/imports/commit.server'
import { openDatabase } from '~/lib/database.server'
import { disconnectPrisma, prisma } from '~/lib/db.server'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import { InputError } from '~/lib/input-error'

// npm run import -- --org <slug> [--client <email>] [--create-cohorts] <file>
// Imports a CSV or TSV as the practice's first owner: the same preview and commit as the app. Columns
// headed "Cohort" or with the name of a client field of the practice set the clients' values; cohort
// names the practice lacks are created only with --create-cohorts.
// Exit code: 0 when rows were imported, 1 when none were, 2 for a usage error.

const usage = 'Usage: npm run import -- --org <practice-slug> [--client <client-email>] [--create-cohorts] <file.csv>'
const { values, positionals } = parseArgs({
  options: { org: { type: 'string' }, client: { type: 'string' }, 'create-cohorts': { type: 'boolean' } },
  allowPositionals: true,
  strict: false,
})
const filePath = positionals[0]
if (typeof values.org !== 'string' || !filePath || positionals.length > 1) {
  console.error(usage)
  process.exit(2)
}

async function run(slug: string, clientEmail: string | undefined, file: string, createCohorts: boolean) {
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
  let { preview } = (await previewImportBatch(t, batch.id))!
  const unknownCohorts = preview.clientValues.unknownCohorts
  if (createCohorts && unknownCohorts.length) {
    await chooseImportMapping(t, batch.id, preview.mapping, { newCohorts: unknownCohorts.map((c) => c.key) })
    ;({ preview } = (await previewImportBatch(t, batch.id))!)
  }
  console.log(`${path.basename(file)}: ${preview.rowCount} rows (${preview.format}, ${preview.encoding})`)
  // Each column, what it was read as, and why: the same reasons as the preview page.
  preview.headers.forEach((header, i) => {
    const target = preview.mapping[i]
    if (!target || target === 'cohort' || target.startsWith('field:')) return
    const why = preview.guesses[i]?.field === target ? preview.guesses[i]!.why : 'chosen before'
    const dates = preview.dateNotes[i] ? `; ${preview.dateNotes[i]}` : ''
    console.log(`  column “${header}” → ${target}: ${why}${dates}`)
  })
  for (const problem of preview.problems) console.log(`  ${problem}`)
  if (preview.stale.count)
    console.log(
      `  ${preview.stale.count} rows still open in the file but silent for over ${preview.stale.thresholdDays} days: imported as ended (no response, or an offer not taken up)`,
    )
  preview.mapping.forEach((target, i) => {
    if (target === 'cohort' || target?.startsWith('field:'))
      console.log(`  column “${preview.headers[i]}”: ${preview.guesses[i]?.why ?? 'chosen before'}`)
  })
  for (const c of preview.clientValues.unknownCohorts)
    console.log(
      `  cohort “${c.value}” (rows ${c.rows.join(', ')}): ${c.create ? 'will be created' : 'not a cohort of the practice, left out (--create-cohorts creates it)'}`,
    )
  let imported = 0
  if (!preview.problems.length && preview.valid.length) {
    const result = await commitImport(t, batch.id)
    imported = result && 'imported' in result ? (result.imported ?? 0) : 0
  }
  console.log(`Imported: ${imported}`)
  console.log(`Duplicates skipped: ${preview.duplicateCount}`)
  console.log(`Rejected rows: ${preview.rejectedRowCount}`)
  for (const { row, column, reason } of preview.rejected) console.log(`  row ${row}, ${column}: ${reason}`)
  // The client values left out or disputed (the application's notes are for the page).
  const clientColumns = new Set(
    preview.headers.filter((_, i) => preview.mapping[i] === 'cohort' || preview.mapping[i]?.startsWith('field:')),
  )
  const clientNotes = preview.notes.filter((n) => clientColumns.has(n.column))
  for (const { row, column, reason } of [...preview.clientValues.disagreements, ...clientNotes])
    console.log(`  client value: row ${row}, ${column}: ${reason}`)
  if (imported) console.log(`What went in: ${importedCountsText(await importedCounts(t, batch.id))}`)
  if (imported) {
    const summary = await importedClientSummary(t, batch.id)
    if (summary && (summary.fieldClients || summary.cohorts.length)) {
      console.log(`Fields set on ${summary.fieldClients} clients`)
      for (const f of summary.fields) console.log(`  ${f.name}: ${f.clients}`)
      for (const c of summary.cohorts)
        console.log(`Added to cohort ${c.name}: ${c.clients}${c.created ? ' (new cohort)' : ''}`)
    }
  }
  return imported
}

const database = await openDatabase()
let code = 1
try {
  const client = typeof values.client === 'string' ? values.client : undefined
  code = (await run(values.org, client, filePath, values['create-cohorts'] === true)) > 0 ? 0 : 1
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
