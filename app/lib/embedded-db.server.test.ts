import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { expect, test, vi } from 'vitest'
import { applyMigrations, diffDatabaseToSchema } from '../../prisma/migrate'
import { Prisma } from '~/generated/prisma/client'
import { createPrismaClient, queryRows } from './db.server'
import { isEmbeddedDatabaseUrl, startEmbeddedDatabase } from './embedded-db.server'

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query(sql)).rows
  } finally {
    await client.end()
  }
}

test('from an empty data folder the embedded database migrates, keeps its data and admits one process', async () => {
  const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'rebound-embedded-')), 'pglite')
  const first = await startEmbeddedDatabase({ dataDir })
  try {
    expect(await applyMigrations(first.url)).not.toEqual([])
    expect(await diffDatabaseToSchema(first.url)).toBe('')
    await query(
      first.url,
      `INSERT INTO "Organization" (id, name, slug, "updatedAt") VALUES ('o1', 'Kept', 'kept', now())`,
    )

    // A second process is refused with a message that says what to do, and the data is untouched.
    const second = spawnSync(
      'npx',
      [
        'tsx',
        '-e',
        `import('./app/lib/embedded-db.server.ts').then(m => m.startEmbeddedDatabase({ dataDir: ${JSON.stringify(dataDir)} }))`,
      ],
      { encoding: 'utf8', timeout: 60_000 },
    )
    expect(second.status).not.toBe(0)
    expect(second.stderr).toMatch(/already open in process \d+/)
    expect(second.stderr).toContain('DATABASE_URL')
  } finally {
    await first.stop()
  }

  const reopened = await startEmbeddedDatabase({ dataDir })
  try {
    expect(await applyMigrations(reopened.url)).toEqual([])
    expect(await query(reopened.url, `SELECT slug FROM "Organization"`)).toEqual([{ slug: 'kept' }])
  } finally {
    await reopened.stop()
  }
}, 120_000)

test('reads from several pooled connections at once repeat the same statements without one clashing with another', async () => {
  // The embedded database is one backend behind every connection: a statement prepared on one connection would be
  // there, by name, for all of them.
  const embedded = await startEmbeddedDatabase({ dataDir: null })
  const client = createPrismaClient(embedded.url)
  try {
    const read = (n: number) => Prisma.sql`SELECT ${n}::int + 1 AS next`
    const rounds = await Promise.all(Array.from({ length: 24 }, (_, i) => queryRows<{ next: number }>(client, read(i))))
    expect(rounds.map(([row]) => row!.next)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1))
  } finally {
    await client.$disconnect()
    await embedded.stop()
  }
})

test('another copy of the module knows the embedded database this one serves, as the app build must the server’s', async () => {
  const embedded = await startEmbeddedDatabase({ dataDir: null })
  try {
    vi.resetModules()
    const copy = await import('./embedded-db.server')
    expect(copy.isEmbeddedDatabaseUrl).not.toBe(isEmbeddedDatabaseUrl)
    expect(copy.isEmbeddedDatabaseUrl(embedded.url)).toBe(true)
  } finally {
    await embedded.stop()
  }
  expect(isEmbeddedDatabaseUrl(embedded.url)).toBe(false)
})
