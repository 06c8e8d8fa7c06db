import {
  emptySql as empty,
  joinSql as join,
  ownClientsCondition,
  rawSql as raw,
  sql,
  type Sql,
} from '~/tenancy/sql.server'
import { addDays } from '~/lib/dates'
import { type TenantContext } from '~/tenancy/scoped-client.server'

// SQL fragments the insight rules and caseload figures share, and the tenancy door's SQL
// building blocks under short names.
export { empty, join, raw, sql, type Sql }

/** How many application ids an insight's evidence carries. */
export const evidenceCap = 20
/** The same, as an SQL literal for array slices (`[1:${'$'}{cap}]`). */
export const cap = raw(String(evidenceCap))

/** The practice's active clients in view: all of them, or a limited coach's own (clientScope in the tenancy door). */
export function activeClient(t: TenantContext, alias = 'c', organizationId = t.org.id) {
  const c = raw(`"${alias}"`)
  return sql`${c}."organizationId" = ${organizationId} AND ${c}.status = 'ACTIVE' ${coachScope(t, alias)}`
}

/** Limits a coach to their own clients when the practice says so; empty otherwise. */
export function coachScope(t: TenantContext, alias = 'c') {
  return sql`AND ${ownClientsCondition(t, alias)}`
}

/**
 * The applications `ja` of the active clients in view, each joined to its client `c`: a rule's FROM and
 * WHERE, to which it adds its own conditions with AND.
 */
export function activeApplications(t: TenantContext, organizationId: string) {
  return sql`"JobApplication" ja
        JOIN "Client" c ON c.id = ja."clientId"
        WHERE ja."organizationId" = ${organizationId} AND ${activeClient(t)}`
}

/** The same applications, sent (past SAVED) in the `days` days up to `today` (YYYY-MM-DD, the practice's). */
export function sentApplications(t: TenantContext, organizationId: string, today: string, days: number) {
  return sql`${activeApplications(t, organizationId)}
          AND ja."appliedOn" >= ${addDays(today, -days)}::date AND ja.stage <> 'SAVED'`
}

/** True when application `ja` has reached a screen or beyond (a StageEvent took it there). */
export function reachedScreen(organizationId: string) {
  return sql`EXISTS (SELECT 1 FROM "StageEvent" e
                       WHERE e."organizationId" = ${organizationId} AND e."applicationId" = ja.id AND e."toStage" >= 'SCREEN')`
}

/** The evidence's application ids of a group of applications `ja`, the latest events first. */
export const latestApplicationIds = sql`(array_agg(ja.id ORDER BY ja."lastEventAt" DESC, ja.id))[1:${cap}] AS "applicationIds"`

/** True when application `ja` was rejected by the employer (the default when who ended it is not recorded). */
export const rejectedByEmployer = raw(`ja.outcome = 'REJECTED' AND coalesce("ja"."endedBy", 'EMPLOYER') = 'EMPLOYER'`)

export const DAY_MS = 86_400_000
export const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS)

export const clamp = (value: number, low: number, high: number) => Math.round(Math.min(high, Math.max(low, value)))
export const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : 0)
