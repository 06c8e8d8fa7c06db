import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '~/generated/prisma/client'
import { envValue } from './env.server'

// The raw Prisma client. Only the tenancy door, auth, jobs infrastructure, the seed and
// tests import it; everything else reaches tenant data through `t.db` (app/tenancy.server.ts).

export function createPrismaClient(databaseUrl: string) {
  // JIT compilation costs more than it saves on the short analytics queries here (measured: all insights of
  // a 250,000-application practice in 1.1 s without it, 2.1 s with it). PGlite ignores the option.
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: databaseUrl, max: 8, options: '-c jit=off' }),
  })
}

export type Db = ReturnType<typeof createPrismaClient>

const globalForDb = globalThis as unknown as { reboundPrisma?: Db }

function databaseUrl() {
  const url = envValue('DATABASE_URL')
  if (!url)
    throw new Error('DATABASE_URL is not set: start the app through server/main.ts or a script that opens the database')
  return url
}

/** One client per process (kept across dev-server reloads). Created on first use. */
export const prisma: Db = new Proxy({} as Db, {
  get(_, property) {
    globalForDb.reboundPrisma ??= createPrismaClient(databaseUrl())
    const value = Reflect.get(globalForDb.reboundPrisma, property)
    return typeof value === 'function' ? value.bind(globalForDb.reboundPrisma) : value
  },
})

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
