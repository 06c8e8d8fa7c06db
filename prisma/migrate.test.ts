import pg from 'pg'
import { describe, expect, test } from 'vitest'
import { createEmbeddedDatabase, createServerDatabase, type FreshDatabase } from '../tests/databases'
import { applyMigrations, diffDatabaseToSchema } from './migrate'
import { readMigrationList } from './schema-engine'
import { createHash } from 'node:crypto'

async function query<T>(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query(sql)).rows as T[]
  } finally {
    await client.end()
  }
}

const serverUrl = process.env.TEST_DATABASE_URL
const targets: [string, (() => Promise<FreshDatabase>) | null][] = [
  ['PGlite', createEmbeddedDatabase],
  // The server case needs a PostgreSQL server; CI always sets TEST_DATABASE_URL.
  ['PostgreSQL server', serverUrl ? () => createServerDatabase(serverUrl) : null],
]

describe.each(targets)('migrations on %s', (_name, create) => {
  test.skipIf(!create)(
    'a fresh database migrates to exactly schema.prisma, recorded as Prisma Migrate records it',
    async () => {
      const db = await create!()
      try {
        const list = await readMigrationList()
        expect(await applyMigrations(db.url)).toEqual(list.migrationDirectories.map((m) => m.path))
        expect(await diffDatabaseToSchema(db.url)).toBe('')

        const rows = await query<{
          migration_name: string
          checksum: string
          finished_at: Date | null
          applied_steps_count: number
        }>(
          db.url,
          'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
        )
        expect(rows).toHaveLength(list.migrationDirectories.length)
        for (const [i, row] of rows.entries()) {
          const sql = list.migrationDirectories[i]!.migrationFile.content.value
          expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'))
          expect(row.finished_at).not.toBeNull()
          expect(row.applied_steps_count).toBe(1)
        }
        // A second run finds nothing to do.
        expect(await applyMigrations(db.url)).toEqual([])
      } finally {
        await db.drop()
      }
    },
  )

  test.skipIf(!create)(
    'the drift check fails on a dropped index, a changed default, a loosened column and an extra table',
    async () => {
      const db = await create!()
      try {
        await applyMigrations(db.url)
        await query(db.url, 'DROP INDEX "JobApplication_organizationId_stage_outcome_idx"')
        await query(db.url, `ALTER TABLE "Client" ALTER COLUMN "weeklyGoal" SET DEFAULT 5`)
        await query(db.url, `ALTER TABLE "Client" ALTER COLUMN "name" DROP NOT NULL`)
        await query(db.url, `CREATE TABLE "Stray" (id int primary key)`)
        const drift = await diffDatabaseToSchema(db.url)
        expect(drift).toContain('JobApplication_organizationId_stage_outcome_idx')
        expect(drift).toMatch(/"weeklyGoal" SET DEFAULT 10/)
        expect(drift).toMatch(/"name" SET NOT NULL/)
        expect(drift).toMatch(/DROP TABLE "Stray"/)
      } finally {
        await db.drop()
      }
    },
  )
})
