import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { startEmbeddedDatabase } from '~/lib/embedded-db.server'
import { applyMigrations, diffDatabaseToSchema } from '../prisma/migrate'
import { migrationsDir } from '../prisma/schema-engine'

// npx tsx scripts/migration-create.ts --name add_x: replays every migration on a scratch embedded
// database, diffs it against schema.prisma and writes the difference as a new migration.
const { values } = parseArgs({ options: { name: { type: 'string' } } })
if (!values.name || !/^[a-z0-9_]+$/.test(values.name)) {
  console.error('Usage: npm run db:migration -- --name snake_case_name')
  process.exit(2)
}
const scratch = await startEmbeddedDatabase({ dataDir: null })
try {
  await applyMigrations(scratch.url)
  const sql = await diffDatabaseToSchema(scratch.url)
  if (!sql) {
    console.log('schema.prisma matches the migrations: nothing to write.')
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14)
    const dir = path.join(migrationsDir, `${stamp}_${values.name}`)
    await mkdir(dir, { recursive: true })
    await writeFile(path.join(dir, 'migration.sql'), sql + '\n')
    console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`)
  }
} finally {
  await scratch.stop()
}
