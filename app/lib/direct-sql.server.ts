import { createHash } from 'node:crypto'
import pg from 'pg'
import { Prisma } from '~/generated/prisma/client'

// Reads that go straight to the pg pool under a Prisma client instead of through Prisma's raw-query pipeline.
// The answer is the same JavaScript that `$queryRaw` gives (bigint → BigInt, numeric → Decimal, timestamps and
// dates → Date, json → values, bytea → Uint8Array, arrays of those), at about a third of the CPU a statement
// (measured 0.59 → 0.19 ms; docs/decisions/0046). Only plain reads outside a transaction come this way: a client
// inside `$transaction` has no pool of its own here, so its statements stay on the transaction's connection.

const { builtins } = pg.types

const utcDate = (value: string) => new Date(`${value}T00:00:00Z`)
const utcTimestamp = (value: string) => new Date(`${value.replace(' ', 'T')}Z`)
const zonedTimestamp = (value: string) => new Date(value.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00'))
const bytes = (value: string) => new Uint8Array(pg.types.getTypeParser(builtins.BYTEA)(value) as Buffer)

const scalarParsers: Record<number, (value: string) => unknown> = {
  [builtins.INT8]: (value) => BigInt(value),
  [builtins.NUMERIC]: (value) => new Prisma.Decimal(value),
  [builtins.DATE]: utcDate,
  [builtins.TIMESTAMP]: utcTimestamp,
  [builtins.TIMESTAMPTZ]: zonedTimestamp,
  [builtins.TIME]: (value) => new Date(`1970-01-01T${value}Z`),
  [builtins.BYTEA]: bytes,
}

// The array types of the scalars above (pg names no constants for them).
const arrayOf: Record<number, number> = {
  1016: builtins.INT8,
  1231: builtins.NUMERIC,
  1182: builtins.DATE,
  1115: builtins.TIMESTAMP,
  1185: builtins.TIMESTAMPTZ,
  1183: builtins.TIME,
  1001: builtins.BYTEA,
}

// pg-types 2.2's declaration gives arrayParser a call signature; what it exports is `{ create(...).parse() }`.
const arrayParser = pg.types.arrayParser as unknown as {
  create(source: string, transform: (value: string) => unknown): { parse(): unknown[] }
}
const parseArray = (convert: (value: string) => unknown) => (value: string) =>
  arrayParser.create(value, convert).parse()

const types = {
  getTypeParser(oid: number, format?: string) {
    if (format === 'binary') return pg.types.getTypeParser(oid, 'binary')
    const scalar = scalarParsers[oid]
    if (scalar) return scalar
    const element = arrayOf[oid]
    if (element !== undefined) return parseArray(scalarParsers[element]!)
    // Anything else as pg reads it, as Prisma does too (an array of one of the schema's enums stays its text).
    return pg.types.getTypeParser(oid, 'text')
  },
} as pg.CustomTypesConfig

function toParameter(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'bigint') return value.toString()
  if (Prisma.Decimal.isDecimal(value)) return value.toString()
  if (value instanceof Uint8Array && !Buffer.isBuffer(value)) return Buffer.from(value)
  if (Array.isArray(value)) return value.map(toParameter)
  return value
}

/**
 * How many different statements one connection keeps prepared. A page's reads are the same few texts over and over;
 * a text past this many on a connection goes unnamed (parsed and planned each time, as before). Pools replace a
 * connection after `connectionUses` checkouts (app/lib/db.server.ts), so what a connection keeps follows what runs now.
 */
export const preparedPerConnection = 200

const prepared = new WeakMap<pg.PoolClient, Set<string>>()

/** The name a statement is prepared under on this connection, or undefined to send it unnamed. */
function statementName(client: pg.PoolClient, text: string) {
  let names = prepared.get(client)
  if (!names) prepared.set(client, (names = new Set()))
  const name = `r${createHash('sha1').update(text).digest('base64url')}`
  if (names.has(name)) return name
  if (names.size >= preparedPerConnection) return undefined
  names.add(name)
  return name
}

/**
 * The rows of one read, as `$queryRaw` would give them. The statement is prepared on its connection under a name
 * drawn from its text, as Prisma's own engine caches statements: PostgreSQL then parses it once per connection and,
 * once its plan does not depend on the values, plans it once too (docs/decisions/0050: a roster view's database CPU
 * 7.5 → 4.8 ms). A failed statement gives its connection back to be closed, as `pool.query` does. `prepare: false`
 * sends it unnamed: the embedded database is one backend behind all its connections, where names would clash.
 */
export async function queryPool<T>(
  pool: pg.Pool,
  query: Prisma.Sql,
  { prepare = true }: { prepare?: boolean } = {},
): Promise<T[]> {
  const client = await pool.connect()
  let failure: Error | undefined
  try {
    const name = prepare ? statementName(client, query.text) : undefined
    const result = await client.query({ name, text: query.text, values: query.values.map(toParameter), types })
    return result.rows as T[]
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error))
    throw error
  } finally {
    client.release(failure)
  }
}
