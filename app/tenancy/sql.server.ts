import { Prisma } from '~/generated/prisma/client'
import { isOwnClientsOnly, rawClientOf, TenancyError, type TenantContext } from './scoped-client.server'

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

/** True for a unique-constraint violation (Prisma's P2002), e.g. a duplicate email. */
export function isUniqueViolation(error: unknown) {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002'
}

export async function queryTenantSql<T>(t: TenantContext, build: (organizationId: string) => Prisma.Sql) {
  return rawClientOf(t).$queryRaw<T[]>(checkedSql(t, build))
}

export async function executeTenantSql(t: TenantContext, build: (organizationId: string) => Prisma.Sql) {
  return rawClientOf(t).$executeRaw(checkedSql(t, build))
}

function checkedSql(t: TenantContext, build: (organizationId: string) => Prisma.Sql) {
  const sql = build(t.org.id)
  if (!(sql instanceof Prisma.Sql) || !sql.values.includes(t.org.id))
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
