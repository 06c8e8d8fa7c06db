import type { TaskType } from '~/generated/prisma/enums'
import { queryTenantSql, type TenantContext } from '~/tenancy/scoped-client.server'
import { coachScope, sql } from '../insights/sql.server'
import { minimumSample } from './patterns'

// "Does it work?" For each task type: the clients who completed one, and their stage conversion
// (the share of applications that reached a screen or beyond, by StageEvents) among applications
// sent in the N weeks before they completed it against the N weeks after.

export type ConversionSide = { clients: number; applications: number; reachedScreen: number; rate: number | null }
export type InterventionEffect = {
  type: TaskType
  /** Clients who completed a task of this type (their first completion counts). */
  clients: number
  before: ConversionSide
  after: ConversionSide
  /** after.rate - before.rate, in points of share (0.1 = ten percentage points). */
  change: number | null
  /** Fewer than 3 clients, or under 20 applications on either side. */
  isSampleTooSmall: boolean
}

/**
 * Only completions whose N weeks after have fully passed count, so every "after" window is complete.
 */
export async function interventionEffect(
  t: TenantContext,
  { weeks = 4, now = new Date() }: { weeks?: number; now?: Date } = {},
): Promise<InterventionEffect[]> {
  const span = weeks * 7
  const rows = await queryTenantSql<{
    type: TaskType
    clients: number
    beforeClients: number
    beforeApplications: number
    beforeReached: number
    afterClients: number
    afterApplications: number
    afterReached: number
  }>(
    t,
    (org) => sql`
      WITH firsts AS (
        SELECT tk.type, tk."clientId", min(tk."completedAt") AS done
        FROM "Task" tk
        JOIN "Client" c ON c.id = tk."clientId" AND c."organizationId" = ${org} ${coachScope(t)}
        WHERE tk."organizationId" = ${org} AND tk.status = 'DONE' AND tk."completedAt" IS NOT NULL
          AND tk."completedAt" <= ${new Date(now.getTime() - span * 86_400_000)}
        GROUP BY tk.type, tk."clientId"
      ), apps AS MATERIALIZED (
        SELECT f.type, f."clientId", ja.id, ja."appliedOn" < f.done::date AS before,
               EXISTS (SELECT 1 FROM "StageEvent" e
                       WHERE e."organizationId" = ${org} AND e."applicationId" = ja.id AND e."toStage" >= 'SCREEN') AS reached
        FROM firsts f
        JOIN "JobApplication" ja ON ja."organizationId" = ${org} AND ja."clientId" = f."clientId" AND ja.stage <> 'SAVED'
         AND ja."appliedOn" >= f.done::date - ${span}::int AND ja."appliedOn" < f.done::date + ${span}::int
      )
      SELECT f.type::text AS type, count(DISTINCT f."clientId")::int AS clients,
             count(DISTINCT a."clientId") FILTER (WHERE a.before)::int AS "beforeClients",
             count(a.id) FILTER (WHERE a.before)::int AS "beforeApplications",
             count(a.id) FILTER (WHERE a.before AND a.reached)::int AS "beforeReached",
             count(DISTINCT a."clientId") FILTER (WHERE NOT a.before)::int AS "afterClients",
             count(a.id) FILTER (WHERE NOT a.before)::int AS "afterApplications",
             count(a.id) FILTER (WHERE NOT a.before AND a.reached)::int AS "afterReached"
      FROM firsts f
      LEFT JOIN apps a ON a.type = f.type AND a."clientId" = f."clientId"
      GROUP BY f.type
      ORDER BY f.type`,
  )
  const side = (clients: number, applications: number, reachedScreen: number): ConversionSide => ({
    clients,
    applications,
    reachedScreen,
    rate: applications ? Math.round((reachedScreen / applications) * 1000) / 1000 : null,
  })
  return rows.map((row) => {
    const before = side(row.beforeClients, row.beforeApplications, row.beforeReached)
    const after = side(row.afterClients, row.afterApplications, row.afterReached)
    return {
      type: row.type,
      clients: row.clients,
      before,
      after,
      change: before.rate === null || after.rate === null ? null : Math.round((after.rate - before.rate) * 1000) / 1000,
      isSampleTooSmall:
        row.clients < minimumSample.clients ||
        before.applications < minimumSample.applications ||
        after.applications < minimumSample.applications,
    }
  })
}
