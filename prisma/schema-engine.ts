import { readdir, readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { PrismaPg } from '@prisma/adapter-pg'
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type ColumnType,
  type SqlQueryable,
} from '@prisma/driver-adapter-utils'
import pg from 'pg'

// Prisma's schema engine, compiled to Wasm, driven over the pg driver adapter.
// Why this and not the CLI: docs/decisions/0001-offline-migrations.md.

const root = path.resolve(import.meta.dirname, '..')
export const schemaPath = path.join(root, 'prisma/schema.prisma')
export const migrationsDir = path.join(root, 'prisma/migrations')

/**
 * adapter-pg cannot describe PostgreSQL's internal `"char"` type (oid 18), which the
 * engine's catalog queries return and read as a character. The pool reports such a column
 * as text with a marked name; the adapter wrapper below unmarks it and types it Character.
 */
const charMarker = '\u0000char'
function catalogFriendlyPool(connectionString: string) {
  const pool = new pg.Pool({ connectionString, max: 2 })
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<pg.QueryResult | undefined>
  pool.query = (async (...args: unknown[]) => {
    const result = await query(...args)
    for (const field of result?.fields ?? []) {
      if (field.dataTypeID === 18) {
        field.dataTypeID = 25
        field.name += charMarker
      }
    }
    return result
  }) as typeof pool.query
  return pool
}

function unmarkCharColumns<T extends SqlQueryable>(target: T): T {
  const queryRaw = target.queryRaw.bind(target)
  target.queryRaw = async (q) => {
    const result = await queryRaw(q)
    result.columnNames = result.columnNames.map((name, i) => {
      if (!name.endsWith(charMarker)) return name
      result.columnTypes[i] = ColumnTypeEnum.Character as ColumnType
      return name.slice(0, -charMarker.length)
    })
    return result
  }
  return target
}

function catalogFriendlyFactory(pool: pg.Pool) {
  const inner = new PrismaPg(pool)
  return {
    provider: 'postgres' as const,
    adapterName: inner.adapterName,
    async connect() {
      const adapter = await inner.connect()
      const startTransaction = adapter.startTransaction.bind(adapter)
      adapter.startTransaction = async (...args) => unmarkCharColumns(await startTransaction(...args))
      return unmarkCharColumns(adapter)
    },
    connectToShadowDb: () => inner.connectToShadowDb(),
  }
}

type WasmModule = {
  SchemaEngine: { new: (options: unknown, log: (m: string) => void, adapter: object) => Promise<SchemaEngine> }
  __wbg_set_wasm: (exports: unknown) => void
}
type SchemaFile = { path: string; content: string }
type MigrationList = {
  baseDir: string
  lockfile: { path: string; content: string | null }
  shadowDbInitScript: string
  migrationDirectories: { path: string; migrationFile: { path: string; content: { tag: 'ok'; value: string } } }[]
}
export type SchemaEngine = {
  diff(params: unknown): Promise<{ exitCode: number; stdout: string | null }>
  applyMigrations(input: {
    migrationsList: MigrationList
    filters: unknown
  }): Promise<{ appliedMigrationNames: string[] }>
  free(): void
}

// The Wasm build reports a Rust panic's message through this global before it traps.
const panicRegistry = {
  message: '',
  set_message(message: string) {
    this.message = message
  },
}
;(globalThis as { PRISMA_WASM_PANIC_REGISTRY?: typeof panicRegistry }).PRISMA_WASM_PANIC_REGISTRY ??= panicRegistry

let wasm: Promise<WasmModule> | undefined
function loadWasm() {
  wasm ??= (async () => {
    const require = createRequire(import.meta.url)
    // The package exports no subpaths; find its folder through Node's resolver anyway.
    const dir = path.join(
      require.resolve('@prisma/driver-adapter-utils').split('node_modules')[0] ?? '',
      'node_modules/@prisma/schema-engine-wasm',
    )
    const glue = (await import(path.join(dir, 'schema_engine_bg.js'))) as WasmModule
    const { instance } = await WebAssembly.instantiate(await readFile(path.join(dir, 'schema_engine_bg.wasm')), {
      './schema_engine_bg.js': glue as unknown as WebAssembly.ModuleImports,
    })
    glue.__wbg_set_wasm(instance.exports)
    ;(instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.()
    return glue
  })()
  return wasm
}

export const noFilters = { externalTables: [], externalEnums: [] }

export async function readSchemaFiles(): Promise<SchemaFile[]> {
  return [{ path: 'schema.prisma', content: await readFile(schemaPath, 'utf8') }]
}

export async function readMigrationList(dir = migrationsDir): Promise<MigrationList> {
  const entries = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name)
  entries.sort()
  const lockPath = path.join(dir, 'migration_lock.toml')
  return {
    baseDir: dir,
    lockfile: { path: lockPath, content: await readFile(lockPath, 'utf8').catch(() => null) },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      entries.map(async (name) => ({
        path: name,
        migrationFile: {
          path: 'migration.sql',
          content: { tag: 'ok' as const, value: await readFile(path.join(dir, name, 'migration.sql'), 'utf8') },
        },
      })),
    ),
  }
}

/** Opens the engine against one database; the caller frees it with `close`. */
export async function openSchemaEngine(databaseUrl: string) {
  const glue = await loadWasm()
  const pool = catalogFriendlyPool(databaseUrl)
  const adapter = bindMigrationAwareSqlAdapterFactory(catalogFriendlyFactory(pool))
  const files = await readSchemaFiles()
  const engine = await glue.SchemaEngine.new({ datamodels: files.map((f) => [f.path, f.content]) }, () => {}, adapter)
  return {
    engine,
    files,
    async close() {
      engine.free()
      await pool.end().catch(() => {})
    },
  }
}
