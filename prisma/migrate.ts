import pg from 'pg'
import { noFilters, openSchemaEngine, readMigrationList } from './schema-engine'

// Apply and check migrations offline with Prisma's own engine (Wasm).
// The history table is Prisma Migrate's, column for column, so `prisma migrate deploy`
// on a machine with the native engine agrees with what was applied here, and the other way round.

const historyTableDdl = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`

/**
 * The Wasm engine reports a missing history table as an error rather than as an empty
 * history, so it is created first, exactly as the native engine creates it.
 */
async function ensureHistoryTable(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    await client.query(historyTableDdl)
  } finally {
    await client.end()
  }
}

/** Applies every pending migration in prisma/migrations; returns the names applied. */
export async function applyMigrations(databaseUrl: string, migrationsDir?: string) {
  await ensureHistoryTable(databaseUrl)
  const { engine, close } = await openSchemaEngine(databaseUrl)
  try {
    const result = await engine.applyMigrations({
      migrationsList: await readMigrationList(migrationsDir),
      filters: noFilters,
    })
    return result.appliedMigrationNames
  } finally {
    await close()
  }
}

/**
 * The SQL that would bring the database to schema.prisma, as Prisma computes it.
 * Empty when the database matches the schema: no drift.
 */
export async function diffDatabaseToSchema(databaseUrl: string) {
  const { engine, files, close } = await openSchemaEngine(databaseUrl)
  try {
    const result = await engine.diff({
      from: { tag: 'schemaDatasource', files, configDir: process.cwd() },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: true,
      filters: noFilters,
    })
    const script = result.stdout ?? ''
    return script.includes('-- This is an empty migration.') ? '' : script.trim()
  } finally {
    await close()
  }
}
