import pg from 'pg'
import { describe, expect, test } from 'vitest'
import { Prisma } from '~/generated/prisma/client'
import { prisma, queryRows } from '~/lib/db.server'
import { preparedPerConnection, queryPool } from '~/lib/direct-sql.server'

// A read straight from the pool gives what Prisma's $queryRaw gives, type for type.

const everyType = (id: string, at: Date) => Prisma.sql`
  SELECT ${id}::text AS id,
         42::int AS int4, 9007199254740993::bigint AS int8, 1.5::float8 AS float8, 12.340::numeric AS numeric,
         true AS bool, 'é "quoted", text'::text AS text, 'b0b7c2d4-3e2a-4bdb-9d4c-2f1f1f1f1f1f'::uuid AS uuid,
         DATE '2025-03-02' AS date, TIMESTAMP '2025-03-02 23:30:15.123' AS timestamp,
         TIMESTAMPTZ '2025-03-02 23:30:15.123+05:30' AS timestamptz, TIME '08:15:00' AS time,
         ${at}::timestamp AS "boundDate", '\\x00ff10'::bytea AS bytea,
         '{"a": [1, "two", null]}'::json AS json, '{"b": {"c": true}}'::jsonb AS jsonb,
         ARRAY['x', 'y,z', NULL]::text[] AS texts, ARRAY[1, 2]::int[] AS ints, ARRAY[1, 9007199254740993]::bigint[] AS int8s,
         ARRAY[DATE '2025-01-01', DATE '2025-12-31'] AS dates, ARRAY[1.25, 2]::numeric[] AS numerics,
         'INTERVIEW'::"Stage" AS stage, ARRAY['APPLIED', 'OFFER']::"Stage"[] AS stages,
         NULL::int AS "nullInt", NULL::timestamp AS "nullTimestamp", NULL::"Stage"[] AS "nullStages",
         count(*) AS counted`

describe('queryRows', () => {
  test('reads every type the app uses as $queryRaw does', async () => {
    const at = new Date('2024-07-04T12:34:56.789Z')
    const query = everyType('row-1', at)
    const [direct] = await queryRows<Record<string, unknown>>(prisma, query)
    const [throughPrisma] = await prisma.$queryRaw<Record<string, unknown>[]>(query)
    expect(direct).toEqual(throughPrisma)
    expect(direct!.int8).toBe(9007199254740993n)
    expect(direct!.counted).toBe(1n)
    expect(direct!.numeric).toBeInstanceOf(Prisma.Decimal)
    expect(String(direct!.numeric)).toBe('12.34')
    expect(direct!.date).toEqual(new Date('2025-03-02T00:00:00Z'))
    expect(direct!.timestamp).toEqual(new Date('2025-03-02T23:30:15.123Z'))
    expect(direct!.timestamptz).toEqual(new Date('2025-03-02T18:00:15.123Z'))
    expect(direct!.boundDate).toEqual(at)
    expect(direct!.bytea).toEqual(new Uint8Array([0, 255, 16]))
  })

  test('binds dates, big integers, decimals, bytes and arrays as $queryRaw does', async () => {
    const values = [
      new Date('2025-01-31T22:00:00Z'),
      12n,
      new Prisma.Decimal('3.75'),
      new Uint8Array([1, 2]),
      ['a', 'b'],
    ]
    const query = Prisma.sql`SELECT ${values[0]}::timestamptz AS at, ${values[1]}::bigint AS big,
      ${values[2]}::numeric AS dec, ${values[3]}::bytea AS bytes, ${values[4]}::text[] AS list`
    const [direct] = await queryRows(prisma, query)
    expect(direct).toEqual((await prisma.$queryRaw<unknown[]>(query))[0])
  })

  test('inside a transaction, reads on the transaction’s connection', async () => {
    const seen = await prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL application_name = 'rebound-direct-sql-test'`
      return queryRows<{ name: string }>(tx, Prisma.sql`SELECT current_setting('application_name') AS name`)
    })
    expect(seen).toEqual([{ name: 'rebound-direct-sql-test' }])
  })

  test('an error of PostgreSQL reaches the caller', async () => {
    await expect(queryRows(prisma, Prisma.sql`SELECT 1/0 AS x`)).rejects.toThrow(/division by zero/)
  })
})

describe('queryPool, statements prepared on their connection', () => {
  // One connection, so what it keeps prepared can be read back from it.
  const onePool = () => new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 })
  const preparedHere = (pool: pg.Pool) =>
    queryPool<{ statement: string }>(pool, Prisma.sql`SELECT statement FROM pg_prepared_statements`)

  test('a read is prepared once and answers with each call’s own values', async () => {
    const pool = onePool()
    try {
      const read = (n: number) => Prisma.sql`SELECT ${n}::int * 2 AS doubled`
      expect(await queryPool(pool, read(1))).toEqual([{ doubled: 2 }])
      expect(await queryPool(pool, read(21))).toEqual([{ doubled: 42 }])
      const statements = (await preparedHere(pool)).map((row) => row.statement)
      expect(statements.filter((text) => text.includes('AS doubled'))).toHaveLength(1)
    } finally {
      await pool.end()
    }
  })

  test('past the number a connection keeps, reads go unnamed and still answer', async () => {
    const pool = onePool()
    try {
      for (let i = 0; i < preparedPerConnection + 5; i++) {
        const [row] = await queryPool<{ n: number }>(pool, Prisma.sql`SELECT ${i}::int AS ${Prisma.raw(`n${i}`)}`)
        expect(Object.values(row!)).toEqual([i])
      }
      expect((await preparedHere(pool)).length).toBeLessThanOrEqual(preparedPerConnection)
    } finally {
      await pool.end()
    }
  })

  test('a statement that fails closes its connection, and the next read prepares again', async () => {
    const pool = onePool()
    try {
      const risky = (d: number) => Prisma.sql`SELECT 10 / ${d}::int AS q`
      await expect(queryPool(pool, risky(0))).rejects.toThrow(/division by zero/)
      expect(await queryPool(pool, risky(5))).toEqual([{ q: 2 }])
      expect(await queryPool(pool, risky(2))).toEqual([{ q: 5 }])
    } finally {
      await pool.end()
    }
  })
})
