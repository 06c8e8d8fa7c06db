import type { ApplicationSource, Seniority } from '~/generated/prisma/enums'
import { addDays, todayIn } from '~/lib/dates'
import { queryTenantSql, type TenantContext } from '~/tenancy/scoped-client.server'
import { coachScope, empty, sql } from '../insights/sql.server'
import { funnelStages, type FunnelCounts, type FunnelStage } from './patterns'

// The caseload funnel, for the dashboard, the patterns page and the client page. An application
// counts at every stage it ever reached, read from its StageEvents (a rejection at the interview
// still counts as an interview). Each figure covers applications sent in the last `days` days.

export type PatternWindow = { days?: number }
const defaultDays = 90

function since(t: TenantContext, window: PatternWindow, now: Date) {
  return addDays(todayIn(t.org.timezone, now), -(window.days ?? defaultDays))
}

/**
 * The applications sent in the window, each with the furthest stage its events reached. The events
 * are read by time (an application's events come after it was sent; a week's margin covers a date
 * entered late), so the work follows the window, not the practice's whole history.
 */
function reachedApps(t: TenantContext, org: string, from: string, extraWhere = empty) {
  return sql`
    WITH reach AS MATERIALIZED (
      SELECT e."applicationId" AS id, max(e."toStage") AS top FROM "StageEvent" e
      WHERE e."organizationId" = ${org} AND e."occurredAt" >= ${from}::date - 7
      GROUP BY e."applicationId"
    )
    SELECT ja.id, ja."clientId", ja.source, ja.seniority, ja.industry, ja."resumeTailored", c."coachId", r.top
    FROM "JobApplication" ja
    JOIN "Client" c ON c.id = ja."clientId" AND c."organizationId" = ${org} ${coachScope(t)}
    LEFT JOIN reach r ON r.id = ja.id
    WHERE ja."organizationId" = ${org} AND ja.stage <> 'SAVED' AND ja."appliedOn" >= ${from}::date ${extraWhere}`
}

const funnelColumns = sql`
  count(*)::int AS "APPLIED",
  count(*) FILTER (WHERE top >= 'SCREEN')::int AS "SCREEN",
  count(*) FILTER (WHERE top >= 'INTERVIEW')::int AS "INTERVIEW",
  count(*) FILTER (WHERE top >= 'FINAL')::int AS "FINAL",
  count(*) FILTER (WHERE top >= 'OFFER')::int AS "OFFER"`

const pickFunnel = (row: FunnelCounts): FunnelCounts =>
  Object.fromEntries(funnelStages.map((stage) => [stage, row[stage]])) as FunnelCounts

/** How many applications reached each stage. */
export async function caseloadFunnel(t: TenantContext, window: PatternWindow = {}, now = new Date()) {
  const from = since(t, window, now)
  // The dashboard's query: both sides read by index alone, the client only joined for a limited coach.
  const scoped = coachScope(t)
  const [row] = await queryTenantSql<FunnelCounts>(
    t,
    (org) => sql`
      WITH reach AS MATERIALIZED (
        SELECT e."applicationId" AS id, max(e."toStage") AS top FROM "StageEvent" e
        WHERE e."organizationId" = ${org} AND e."occurredAt" >= ${from}::date - 7
        GROUP BY e."applicationId"
      ), apps AS MATERIALIZED (
        SELECT r.top FROM "JobApplication" ja
        JOIN reach r ON r.id = ja.id AND r.top >= 'APPLIED'
        ${scoped === empty ? empty : sql`JOIN "Client" c ON c.id = ja."clientId" AND c."organizationId" = ${org} ${scoped}`}
        WHERE ja."organizationId" = ${org} AND ja."appliedOn" >= ${from}::date
      )
      SELECT ${funnelColumns} FROM apps`,
  )
  return { days: window.days ?? defaultDays, funnel: pickFunnel(row!) }
}

export type FunnelDimension = 'coach' | 'industry' | 'seniority' | 'source' | 'tailored'
export type FunnelSplitRow = FunnelCounts & { dimension: FunnelDimension; key: string | null; label: string }

/**
 * The funnel split by coach, industry, seniority, source and tailored against untailored, in one
 * query. `key` is null for applications without a value (no coach, no industry given).
 */
export async function funnelSplits(t: TenantContext, window: PatternWindow = {}, now = new Date()) {
  const rows = await queryTenantSql<
    FunnelCounts & {
      coachId: string | null
      coachName: string | null
      industry: string | null
      seniority: Seniority | null
      source: ApplicationSource | null
      tailored: boolean | null
      g: number
    }
  >(
    t,
    (org) => sql`
      WITH apps AS MATERIALIZED (${reachedApps(t, org, since(t, window, now))})
      SELECT a."coachId", min(u.name) AS "coachName", a.industry, a.seniority::text AS seniority,
             a.source::text AS source, a."resumeTailored" AS tailored,
             GROUPING(a."coachId", a.industry, a.seniority, a.source, a."resumeTailored")::int AS g,
             ${funnelColumns}
      FROM apps a LEFT JOIN "User" u ON u.id = a."coachId"
      GROUP BY GROUPING SETS ((a."coachId"), (a.industry), (a.seniority), (a.source), (a."resumeTailored"))`,
  )
  // GROUPING() sets a bit for each column left out, the first column being the highest bit.
  const dimensionOf: Record<number, FunnelDimension> = {
    15: 'coach',
    23: 'industry',
    27: 'seniority',
    29: 'source',
    30: 'tailored',
  }
  const result: FunnelSplitRow[] = rows.map((row) => {
    const dimension = dimensionOf[row.g]!
    const key =
      dimension === 'coach'
        ? row.coachId
        : dimension === 'industry'
          ? row.industry
          : dimension === 'seniority'
            ? row.seniority
            : dimension === 'source'
              ? row.source
              : String(row.tailored)
    const label =
      dimension === 'coach'
        ? (row.coachName ?? 'No coach')
        : dimension === 'tailored'
          ? row.tailored
            ? 'Tailored resume'
            : 'Untailored resume'
          : (key ?? 'Not given')
    return { dimension, key, label, ...pickFunnel(row) }
  })
  return result.sort((a, b) => a.dimension.localeCompare(b.dimension) || b.APPLIED - a.APPLIED)
}

export type ClientFunnelComparison = {
  days: number
  stages: {
    stage: FunnelStage
    client: { count: number; rate: number | null }
    /** The median, over active clients with 5+ applications in the window, of each one's share reaching this stage. */
    caseloadMedianRate: number | null
  }[]
  /** Clients behind the median. */
  caseloadClients: number
  /** The client's share reached a screen or an interview below the caseload median: show the encouraging reference. */
  isBelowMedian: boolean
}

/** A client's funnel against the caseload median per stage (rates are shares of the applications sent). */
export async function clientFunnelVsCaseload(
  t: TenantContext,
  clientId: string,
  window: PatternWindow = {},
  now = new Date(),
): Promise<ClientFunnelComparison> {
  const from = since(t, window, now)
  const [row] = await queryTenantSql<{
    client: FunnelCounts | null
    clients: number
    SCREEN: number | null
    INTERVIEW: number | null
    FINAL: number | null
    OFFER: number | null
  }>(
    t,
    (org) => sql`
      WITH apps AS MATERIALIZED (${reachedApps(t, org, from, sql`AND (c.status = 'ACTIVE' OR c.id = ${clientId})`)}),
      per_client AS (SELECT "clientId", ${funnelColumns} FROM apps GROUP BY "clientId"),
      peers AS (SELECT * FROM per_client WHERE "APPLIED" >= 5)
      SELECT (SELECT to_jsonb(p) FROM per_client p WHERE p."clientId" = ${clientId}) AS client,
             (SELECT count(*)::int FROM peers) AS clients,
             (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY "SCREEN"::float8 / "APPLIED") FROM peers) AS "SCREEN",
             (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY "INTERVIEW"::float8 / "APPLIED") FROM peers) AS "INTERVIEW",
             (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY "FINAL"::float8 / "APPLIED") FROM peers) AS "FINAL",
             (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY "OFFER"::float8 / "APPLIED") FROM peers) AS "OFFER"`,
  )
  const own = row?.client ?? { APPLIED: 0, SCREEN: 0, INTERVIEW: 0, FINAL: 0, OFFER: 0 }
  const round = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 1000)
  const stages = funnelStages.map((stage) => ({
    stage,
    client: { count: own[stage], rate: own.APPLIED ? round(own[stage] / own.APPLIED) : null },
    caseloadMedianRate: stage === 'APPLIED' ? (row?.clients ? 1 : null) : round(row?.[stage] ?? null),
  }))
  const below = (stage: 'SCREEN' | 'INTERVIEW') => {
    const entry = stages.find((s) => s.stage === stage)!
    return (
      entry.client.rate !== null && entry.caseloadMedianRate !== null && entry.client.rate < entry.caseloadMedianRate
    )
  }
  return {
    days: window.days ?? defaultDays,
    stages,
    caseloadClients: row?.clients ?? 0,
    isBelowMedian: below('SCREEN') || below('INTERVIEW'),
  }
}
