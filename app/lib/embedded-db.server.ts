import { mkdir, open, readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'

// The embedded PostgreSQL used when DATABASE_URL is unset: PGlite inside this process,
// served over TCP on 127.0.0.1 so Prisma, pg-boss and migrations talk to it as to a server.

export const defaultDataDir = path.resolve(import.meta.dirname, '../../.data/pglite')

export class EmbeddedDatabaseBusyError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The embedded database in ${dataDir} is already open in process ${pid}. ` +
        `Only one process may open it: stop that process (npm start, npm run worker, a script), ` +
        `or set DATABASE_URL to share a PostgreSQL server between processes.`,
    )
    this.name = 'EmbeddedDatabaseBusyError'
  }
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Takes the data folder's lock file, or says who holds it. A lock left by a dead process is taken over. */
async function lockDataDir(dataDir: string) {
  const lockPath = `${dataDir}.lock`
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(lockPath, 'wx')
      await handle.writeFile(String(process.pid))
      await handle.close()
      return async () => {
        await rm(lockPath, { force: true })
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const pid = Number((await readFile(lockPath, 'utf8').catch(() => '')).trim())
      if (pid && pid !== process.pid && isAlive(pid)) throw new EmbeddedDatabaseBusyError(dataDir, pid)
      await rm(lockPath, { force: true })
    }
  }
  throw new Error(`Could not lock the embedded database in ${dataDir}`)
}

type QueuedMessage = {
  handlerId: number
  message: Uint8Array
  resolve: (bytes: number) => void
  reject: (error: unknown) => void
  onData: (data: Uint8Array) => void
}
type QueryQueue = {
  queue: QueuedMessage[]
  processing: boolean
  lastHandlerId: number | null
  processQueue: () => Promise<void>
  clearQueueForHandler: (handlerId: number) => void
}

// Message types of PostgreSQL's extended query protocol that leave a sequence open until Sync.
const parse = 0x50,
  bind = 0x42,
  describe = 0x44,
  execute = 0x45,
  close = 0x43,
  flush = 0x48

/**
 * pglite-socket runs one message at a time from any connection, and keeps one connection's turn only
 * while a transaction is open. Between a connection's Parse and its Bind, another connection's Parse
 * could run and replace the unnamed statement ("bind message supplies 9 parameters, but prepared
 * statement "" requires 4"). This keeps a connection's turn from its first extended-protocol message to
 * its Sync as well, so concurrent queries from Prisma's pool, pg-boss and scripts never interleave.
 * Seen with two digest worker processes sharing one embedded database: without this, one of them failed
 * on most runs.
 */
function keepExtendedQueriesTogether(server: PGLiteSocketServer, db: PGlite) {
  const queue = (server as unknown as { queryQueue: QueryQueue }).queryQueue
  let openSequence: number | null = null
  const clear = queue.clearQueueForHandler.bind(queue)
  queue.clearQueueForHandler = (handlerId) => {
    if (openSequence === handlerId) openSequence = null
    clear(handlerId)
  }
  queue.processQueue = async function (this: QueryQueue) {
    if (this.processing || this.queue.length === 0) return
    this.processing = true
    try {
      while (this.queue.length > 0) {
        const pinned = openSequence ?? (db.isInTransaction() ? this.lastHandlerId : null)
        const index = pinned === null ? 0 : this.queue.findIndex((item) => item.handlerId === pinned)
        // The connection whose turn it is has not sent its next message yet: wait for it.
        if (index === -1) break
        const [item] = this.queue.splice(index, 1) as [QueuedMessage]
        let bytes = 0
        try {
          await db.runExclusive(() =>
            db.execProtocolRawStream(item.message, {
              onRawData: (data) => {
                bytes += data.length
                item.onData(data)
              },
            }),
          )
        } catch (error) {
          openSequence = null
          item.reject(error)
          continue
        }
        const type = item.message[0]
        if ([parse, bind, describe, execute, close, flush].includes(type ?? 0)) openSequence = item.handlerId
        else openSequence = null
        this.lastHandlerId = item.handlerId
        item.resolve(bytes)
      }
    } finally {
      this.processing = false
    }
  }
}

export type EmbeddedDatabase = { url: string; dataDir: string | null; stop: () => Promise<void> }

/**
 * The addresses of the embedded databases this process serves (each one backend behind every connection). On
 * globalThis: the server (build/start/) starts the database and the app's build (build/server/) opens its pools, each
 * with its own copy of this module.
 */
const servedKey = Symbol.for('rebound.embeddedDatabases')
const servedHere: Set<string> = ((globalThis as unknown as Record<symbol, Set<string> | undefined>)[servedKey] ??=
  new Set<string>())

/**
 * Whether `url` is an embedded database of this process. Its connections share one backend, so a statement
 * prepared under a name on one is there for all: reads on it are sent unnamed (app/lib/direct-sql.server.ts).
 */
export const isEmbeddedDatabaseUrl = (url: string) => servedHere.has(url)

/**
 * Starts PGlite and serves it on 127.0.0.1. `dataDir: null` keeps everything in memory
 * (tests); otherwise the folder is created on first use and locked to this process.
 */
export async function startEmbeddedDatabase(
  options: { dataDir?: string | null; port?: number } = {},
): Promise<EmbeddedDatabase> {
  const dataDir = options.dataDir === undefined ? defaultDataDir : options.dataDir
  let unlock = async () => {}
  if (dataDir) {
    await mkdir(path.dirname(dataDir), { recursive: true })
    unlock = await lockDataDir(dataDir)
  }
  try {
    // The contrib extensions the migrations create (pg_trgm, for text search) must be loaded here.
    const extensions = { pg_trgm }
    const db = await PGlite.create({ ...(dataDir ? { dataDir } : {}), extensions })
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: options.port ?? 0, maxConnections: 64 })
    keepExtendedQueriesTogether(server, db)
    await server.start()
    const url = `postgresql://postgres:postgres@${server.getServerConn()}/postgres?sslmode=disable`
    let stopped = false
    servedHere.add(url)
    return {
      url,
      dataDir,
      async stop() {
        if (stopped) return
        stopped = true
        servedHere.delete(url)
        await server.stop()
        await db.close()
        await unlock()
      },
    }
  } catch (error) {
    await unlock()
    throw error
  }
}
