import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { startEmbeddedDatabase } from '~/lib/embedded-db.server'

// Fresh, empty databases for tests that need one of their own (migrations, drift).

export type FreshDatabase = { url: string; drop: () => Promise<void> }

/** A new database on the PostgreSQL server of TEST_DATABASE_URL, dropped afterwards. */
export async function createServerDatabase(serverUrl: string): Promise<FreshDatabase> {
  const name = `rebound_t_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE "${name}"`)
  await admin.end()
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl })
      await client.connect()
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      await client.end()
    },
  }
}

/** A new in-memory PGlite served on 127.0.0.1. */
export async function createEmbeddedDatabase(): Promise<FreshDatabase> {
  const db = await startEmbeddedDatabase({ dataDir: null })
  return { url: db.url, drop: db.stop }
}
