import { Prisma } from '~/generated/prisma/client'
import { queryRows } from '~/lib/db.server'
import {
  isOwnClientsOnly,
  rawClientOf,
  scopeOf,
  TenancyError,
  type TenantContext,
  type TenantDb,
} from './scoped-client.server'

// Raw SQL through the door: every statement binds the practice id, and the own-clients rule is one
// building block (ownClientsSql) rather than a condition written out in each query.

/**
 * Raw SQL for one practice. `build` receives the practice id and must bind it as a parameter
 * (`Prisma.sql\`... WHERE "organizationId" = ${organizationId}\``); SQL that does not is refused.
 * A coach limited to their own clients must also filter by `t.user.id` (see clientScope).
 */
/** SQL building blocks for queryTenantSql, so domain modules never import the raw client. */
export const sql = Prisma.sql
export const joinSql = Prisma.join
export const rawSql = Prisma.raw
export const emptySql = Prisma.empty
export type Sql = Prisma.Sql

/**
 * `LIMIT n` with the number written into the statement rather than bound. Reads are prepared on their connection
 * (app/lib/direct-sql.server.ts), and PostgreSQL plans a prepared statement once only when its plan does not depend
 * on the values: a bound LIMIT counts as a tenth of the table to that plan, so every call was planned again.
 * `n` is the app's own number (a page size, a cap), never taken from input unchecked.
 */
export function limitSql(n: number) {
  if (!Number.isSafeInteger(n) || n < 0) throw new TenancyError(`Not a row limit: ${n}`)
  return Prisma.raw(`LIMIT ${n}`)
}

/** True for a unique-constraint violation (Prisma's P2002), e.g. a duplicate email. */
/** A unique index refused the write: Prisma's P2002, or PostgreSQL's 23505 from a statement read straight from the pool. */
export function isUniqueViolation(error: unknown) {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code === 'P2002'
  return error instanceof Error && (error as { code?: unknown }).code === '23505'
}

export async function queryTenantSql<T>(t: TenantContext, build: (organizationId: string) => Prisma.Sql) {
  return queryRows<T>(rawClientOf(t), checkedSql(t, build))
}

/** A list of the practice's rows as one plain SELECT binding the practice id; `Row` names its columns. */
export type TenantList<Row> = ((organizationId: string) => Prisma.Sql) & { readonly row?: Row }

/** A SELECT as a TenantList of rows of this shape (the columns must be text, numbers, booleans or arrays of them). */
export const tenantList = <Row>(build: (organizationId: string) => Prisma.Sql): TenantList<Row> => build

type ListsOf<L extends Record<string, TenantList<unknown>>> = {
  [K in keyof L]: L[K] extends TenantList<infer R> ? R[] : never
}

/**
 * Several small lists of one practice (a page's filter choices: coaches, cohorts, fields) in one statement rather
 * than one each: every statement is a round trip and a system call, about 0.3 ms of a page's CPU (BENCHMARKS.md,
 * "The seventh pass"). Each list comes back through json_agg in its SELECT's order, so its columns must be ones
 * JSON carries as they are (no dates, bigints or decimals). A list function of one (queryTenantSql) reads the same.
 */
export async function queryTenantLists<L extends Record<string, TenantList<unknown>>>(
  t: TenantContext,
  lists: L,
): Promise<ListsOf<L>> {
  const names = Object.keys(lists)
  const columns = names.map((name) => {
    if (!/^\w+$/.test(name)) throw new TenancyError(`Not a list name: ${name}`)
    const list = checkedSql(t, lists[name]!)
    return Prisma.sql`(SELECT coalesce(json_agg(x), '[]'::json) FROM (${list}) x) AS ${Prisma.raw(`"${name}"`)}`
  })
  const [row] = await queryRows<Record<string, unknown[]>>(rawClientOf(t), Prisma.sql`SELECT ${Prisma.join(columns)}`)
  return row as ListsOf<L>
}

export async function executeTenantSql(t: TenantContext, build: (organizationId: string) => Prisma.Sql) {
  return rawClientOf(t).$executeRaw(checkedSql(t, build))
}

/**
 * Raw SQL through a scoped client's door, for code that holds the door rather than a tenant context (a conversation's
 * speaker: a coach's door or the portal's). `build` receives the practice the door is scoped to and must bind it;
 * rows of one client must also be limited by `clientInView(db, clientId)`, the door's own rule for clients.
 */
export async function queryScopedSql<T>(db: TenantDb, build: (organizationId: string) => Prisma.Sql) {
  const { db: raw, scope } = scopeOf(db)
  return queryRows<T>(raw, bindsPractice(build(scope.organizationId), scope.organizationId))
}

/**
 * Whether the door lets its holder reach client `clientId`, as a condition: in the portal, only the portal's client;
 * for a coach limited to their own clients, only those; else every client of the practice (`TRUE`).
 */
export function clientInView(db: TenantDb, clientId: string) {
  const { scope } = scopeOf(db)
  if (scope.clientId) return scope.clientId === clientId ? Prisma.sql`TRUE` : Prisma.sql`FALSE`
  if (!scope.ownClientsOnly) return Prisma.sql`TRUE`
  return Prisma.sql`EXISTS (SELECT 1 FROM "Client" own WHERE own."organizationId" = ${scope.organizationId}
    AND own.id = ${clientId} AND own."coachId" = ${scope.userId})`
}

function checkedSql(t: TenantContext, build: (organizationId: string) => Prisma.Sql) {
  return bindsPractice(build(t.org.id), t.org.id)
}

function bindsPractice(sql: Prisma.Sql, organizationId: string) {
  if (!(sql instanceof Prisma.Sql) || !sql.values.includes(organizationId))
    throw new TenancyError('Raw SQL must bind the practice id as a parameter')
  return sql
}

/**
 * The own-clients rule as a condition: `<alias>."coachId" = <the coach>` for a coach limited to their own
 * clients, else `TRUE`. `alias` names the query's Client row (a table alias, never user input).
 */
export function ownClientsCondition(t: Pick<TenantContext, 'org' | 'role' | 'user'>, alias = 'c') {
  if (!/^[a-z_]+$/i.test(alias)) throw new TenancyError(`Not a table alias: ${alias}`)
  return isOwnClientsOnly(t) ? Prisma.sql`${Prisma.raw(`"${alias}"`)}."coachId" = ${t.user.id}` : Prisma.sql`TRUE`
}

/** Several statements, each binding the practice id, in one transaction: all of them apply or none. */
export async function executeTenantSqlTogether(t: TenantContext, builds: ((organizationId: string) => Prisma.Sql)[]) {
  const db = rawClientOf(t)
  return db.$transaction(builds.map((build) => db.$executeRaw(checkedSql(t, build))))
}

/**
 * One query run while holding a transaction-scoped advisory lock on `key` within the practice, so that
 * two processes doing the same thing for the same key run one after the other: the second sees what the
 * first committed.
 */
export async function queryTenantSqlUnderLock<T>(
  t: TenantContext,
  key: string,
  build: (organizationId: string) => Prisma.Sql,
) {
  const db = rawClientOf(t)
  const lock = checkedSql(
    t,
    (organizationId) =>
      Prisma.sql`SELECT pg_advisory_xact_lock(hashtextextended(${organizationId} || ':' || ${key}, 0))`,
  )
  const [, rows] = await db.$transaction([db.$executeRaw(lock), db.$queryRaw<T[]>(checkedSql(t, build))])
  return rows
}

export type TextColumn = { table: string; column: string; type: 'text' | 'json' | 'jsonb' }

/**
 * Every text and JSON column of every practice table (a table with "organizationId"), read from the
 * database itself so that a table added later is covered without a change here.
 */
export async function tenantTextColumns(t: TenantContext): Promise<TextColumn[]> {
  const rows = await rawClientOf(t).$queryRaw<{ table: string; column: string; type: string }[]>`
    SELECT c.table_name AS "table", c.column_name AS "column", c.data_type AS "type"
    FROM information_schema.columns c
    WHERE c.table_schema = current_schema()
      AND c.data_type IN ('text', 'character varying', 'json', 'jsonb')
      AND c.column_name NOT IN ('id', 'organizationId')
      AND EXISTS (SELECT 1 FROM information_schema.columns o
                  WHERE o.table_schema = c.table_schema AND o.table_name = c.table_name AND o.column_name = 'organizationId')
    ORDER BY c.table_name, c.column_name`
  return rows.map((r) => ({ ...r, type: r.type === 'json' || r.type === 'jsonb' ? r.type : 'text' }))
}
