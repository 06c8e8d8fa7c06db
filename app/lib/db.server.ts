import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import type { Prisma } from '~/generated/prisma/client'
import { PrismaClient } from '~/generated/prisma/client'
import { queryPool } from './direct-sql.server'
import { isEmbeddedDatabaseUrl } from './embedded-db.server'
import { envValue } from './env.server'

// The raw Prisma client. Only the tenancy door, auth, jobs infrastructure, the seed and
// tests import it; everything else reaches tenant data through `t.db` (app/tenancy.server.ts).

export function createPrismaClient(databaseUrl: string) {
  // JIT compilation costs more than it saves on the short analytics queries here (measured: all insights of
  // a 250,000-application practice in 1.1 s without it, 2.1 s with it). PGlite ignores the option.
  // A connection is replaced after `connectionUses` checkouts, so the statements it keeps prepared (queryPool) follow
  // what the app runs now rather than what it ran first.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 8, maxUses: connectionUses, options: '-c jit=off' })
  // A connection that drops while idle is replaced on the next query; the process goes on.
  pool.on('error', (error) => console.error(`Database connection lost: ${error.message}`))
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) })
  pools.set(client, { pool, prepare: !isEmbeddedDatabaseUrl(databaseUrl) })
  return client
}

/** Checkouts of one pooled connection before it is closed and replaced (a new connection costs about a millisecond). */
export const connectionUses = 10_000

// Each client's pool, for the reads that skip Prisma's pipeline (queryRows), and whether its reads are prepared.
const pools = new WeakMap<object, { pool: pg.Pool; prepare: boolean }>()

export type Db = ReturnType<typeof createPrismaClient>

const globalForDb = globalThis as unknown as { reboundPrisma?: Db }

function databaseUrl() {
  const url = envValue('DATABASE_URL')
  if (!url)
    throw new Error('DATABASE_URL is not set: start the app through server/main.ts or a script that opens the database')
  return url
}

function processClient() {
  globalForDb.reboundPrisma ??= createPrismaClient(databaseUrl())
  return globalForDb.reboundPrisma
}

/** One client per process (kept across dev-server reloads). Created on first use. */
export const prisma: Db = new Proxy({} as Db, {
  get(_, property) {
    const client = processClient()
    const value = Reflect.get(client, property)
    return typeof value === 'function' ? value.bind(client) : value
  },
})

/**
 * The rows of a read on `db`: straight from its pool when it is a client made here (the process's or the
 * replica's), through `$queryRaw` when it is anything else (a transaction's client). Same values either way.
 */
export function queryRows<T>(db: Pick<Db, '$queryRaw'>, query: Prisma.Sql): Promise<T[]> {
  const direct = pools.get(db === prisma ? processClient() : db)
  return direct ? queryPool<T>(direct.pool, query, direct) : db.$queryRaw<T[]>(query)
}

export async function disconnectPrisma() {
  await globalForDb.reboundPrisma?.$disconnect()
  globalForDb.reboundPrisma = undefined
  await disconnectReplica()
}

const globalForReplica = globalThis as unknown as { reboundReplica?: Db | null }

/** The client of DATABASE_REPLICA_URL (one per process), or null when no replica is configured. */
export function replicaPrisma(): Db | null {
  if (globalForReplica.reboundReplica === undefined) {
    const url = envValue('DATABASE_REPLICA_URL')
    globalForReplica.reboundReplica = url ? createPrismaClient(url) : null
  }
  return globalForReplica.reboundReplica
}

export async function disconnectReplica() {
  await globalForReplica.reboundReplica?.$disconnect()
  globalForReplica.reboundReplica = undefined
}
