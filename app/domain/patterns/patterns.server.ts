import type { ApplicationSource, Seniority } from '~/generated/prisma/enums'
import { queryTenantSql } from '~/tenancy/sql.server'
import { isOwnClientsOnly, type TenantContext } from '~/tenancy/scoped-client.server'
import { requestInsightsRefresh } from '~/jobs/queue.server'
import { analyticsContext } from '~/tenancy/read-replica.server'
import { coachScope, empty, sql } from '../insights/sql.server'
import {
  appliedWithin,
  eventsSince,
  groupScope,
  windowDates,
  windowDays,
  type PatternWindow,
} from '../pattern-window.server'
import { funnelStages, isSmallSample, type FunnelCounts, type FunnelStage } from './patterns'
import { seniorities, seniorityLabels, sourceLabels } from '../applications/pipeline'
import { cachedFigures } from './caseload-snapshots.server'

// The caseload funnel, for the dashboard, the patterns page and the client page. An application
// counts at every stage it ever reached, read from its StageEvents (a rejection at the interview
// still counts as an interview). Each figure covers applications sent in the last `days` days.

export type { PatternWindow }
type Dates = ReturnType<typeof windowDates>

/**
 * The applications sent in the window, each with the furthest stage its events reached. The events
 * are read by time (an application's events come after it was sent; a week's margin covers a date
 * entered late), so the work follows the window, not the practice's whole history.
 */
function reachedApps(t: TenantContext, org: string, dates: Dates, extraWhere = empty) {
  return sql`
    WITH reach AS MATERIALIZED (
      SELECT e."applicationId" AS id, max(e."toStage") AS top FROM "StageEvent" e
      WHERE e."organizationId" = ${org} ${eventsSince(dates)}
      GROUP BY e."applicationId"
    )
    SELECT ja.id, ja."clientId", ja.source, ja.seniority, ja.industry, ja."resumeTailored", c."coachId", r.top
    FROM "JobApplication" ja
    JOIN "Client" c ON c.id = ja."clientId" AND c."organizationId" = ${org} ${coachScope(t)} ${groupScope(dates, org)}
    LEFT JOIN reach r ON r.id = ja.id
    WHERE ja."organizationId" = ${org} AND ja.stage <> 'SAVED' ${appliedWithin(dates)} ${extraWhere}`
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
  const dates = windowDates(t, window, now)
  // The dashboard's query: both sides read by index alone, the client only joined for a limited coach.
  const scoped = coachScope(t)
  const [row] = await queryTenantSql<FunnelCounts>(
    t,
    (org) => sql`
      WITH reach AS MATERIALIZED (
        SELECT e."applicationId" AS id, max(e."toStage") AS top FROM "StageEvent" e
        WHERE e."organizationId" = ${org} ${eventsSince(dates)}
        GROUP BY e."applicationId"
      ), apps AS MATERIALIZED (
        SELECT r.top FROM "JobApplication" ja
        JOIN reach r ON r.id = ja.id AND r.top >= 'APPLIED'
        ${scoped === empty ? empty : sql`JOIN "Client" c ON c.id = ja."clientId" AND c."organizationId" = ${org} ${scoped}`}
        WHERE ja."organizationId" = ${org} AND ja."appliedOn" IS NOT NULL ${appliedWithin(dates)}
      )
      SELECT ${funnelColumns} FROM apps`,
  )
  return { days: windowDays(window) ?? 0, funnel: pickFunnel(row!) }
}

export type FunnelDimension = 'coach' | 'industry' | 'seniority' | 'source' | 'tailored' | 'group'
export type FunnelSplitRow = FunnelCounts & {
  dimension: FunnelDimension
  key: string | null
  label: string
  /** Clients behind the row: its sample size. */
  clients: number
  isSmallSample: boolean
}

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
      clients: number
      g: number
    }
  >(
    t,
    (org) => sql`
      WITH apps AS MATERIALIZED (${reachedApps(t, org, windowDates(t, window, now))})
      SELECT a."coachId", min(u.name) AS "coachName", a.industry, a.seniority::text AS seniority,
             a.source::text AS source, a."resumeTailored" AS tailored,
             GROUPING(a."coachId", a.industry, a.seniority, a.source, a."resumeTailored")::int AS g,
             count(DISTINCT a."clientId")::int AS clients, ${funnelColumns}
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
          : dimension === 'seniority'
            ? row.seniority
              ? seniorityLabels[row.seniority]
              : 'Not given'
            : dimension === 'source'
              ? row.source
                ? sourceLabels[row.source]
                : 'Not given'
              : (key ?? 'Not given')
    return {
      dimension,
      key,
      label,
      clients: row.clients,
      isSmallSample: isSmallSample(row.clients),
      ...pickFunnel(row),
    }
  })
  // Seniority reads in its own order (intern to executive, then not given); the rest by size.
  const seniorityRank = (key: string | null) => (key ? seniorities.indexOf(key as Seniority) : seniorities.length)
  return result
    .filter((row) => row.APPLIED > 0)
    .sort(
      (a, b) =>
        a.dimension.localeCompare(b.dimension) ||
        (a.dimension === 'seniority' ? seniorityRank(a.key) - seniorityRank(b.key) : 0) ||
        b.APPLIED - a.APPLIED,
    )
}

/** A split of the funnel by a grouping the practice keeps: its cohorts, or one of its choice fields. */
export type FunnelGroupSplit = { key: string; title: string; rows: FunnelSplitRow[] }

/**
 * The funnel by cohort and by each active choice field (single or multiple), in one query. A client in two
 * cohorts, or holding two choices of a multiple-choice field, counts in both; a client with no value for a
 * field is left out of that field's split.
 */
export async function funnelGroupSplits(
  t: TenantContext,
  window: PatternWindow = {},
  now = new Date(),
): Promise<FunnelGroupSplit[]> {
  const rows = await queryTenantSql<
    FunnelCounts & { grouping: string; title: string; key: string; label: string; clients: number }
  >(
    t,
    (org) => sql`
      WITH apps AS MATERIALIZED (${reachedApps(t, org, windowDates(t, window, now))}),
      groups AS (
        SELECT cc."clientId", 'cohort' AS grouping, 'By cohort' AS title, co.id AS key, co.name AS label
        FROM "ClientCohort" cc JOIN "Cohort" co ON co.id = cc."cohortId" AND co."organizationId" = ${org}
        WHERE cc."organizationId" = ${org}
        UNION ALL
        SELECT c.id, 'field:' || f.id, 'By ' || f.name, c."customFields" ->> f.id, c."customFields" ->> f.id
        FROM "ClientField" f
        JOIN "Client" c ON c."organizationId" = ${org} AND c."customFields" ? f.id
        WHERE f."organizationId" = ${org} AND f.kind = 'CHOICE' AND f."retiredAt" IS NULL
          AND jsonb_typeof(c."customFields" -> f.id) = 'string'
        UNION ALL
        SELECT c.id, 'field:' || f.id, 'By ' || f.name, held.choice, held.choice
        FROM "ClientField" f
        JOIN "Client" c ON c."organizationId" = ${org} AND c."customFields" ? f.id
          AND jsonb_typeof(c."customFields" -> f.id) = 'array'
        CROSS JOIN LATERAL (
          SELECT DISTINCT e AS choice FROM jsonb_array_elements_text(c."customFields" -> f.id) e
        ) held
        WHERE f."organizationId" = ${org} AND f.kind = 'MULTI_CHOICE' AND f."retiredAt" IS NULL
      )
      SELECT g.grouping, min(g.title) AS title, g.key, min(g.label) AS label,
             count(DISTINCT a."clientId")::int AS clients, ${funnelColumns}
      FROM apps a JOIN groups g ON g."clientId" = a."clientId"
      GROUP BY g.grouping, g.key
      ORDER BY g.grouping, count(*) DESC`,
  )
  const splits = new Map<string, FunnelGroupSplit>()
  for (const row of rows) {
    const split = splits.get(row.grouping) ?? { key: row.grouping, title: row.title, rows: [] }
    split.rows.push({
      dimension: 'group',
      key: row.key,
      label: row.label,
      clients: row.clients,
      isSmallSample: isSmallSample(row.clients),
      ...pickFunnel(row),
    })
    splits.set(row.grouping, split)
  }
  // Cohorts first, then the fields in the order of their names.
  return [...splits.values()].sort(
    (a, b) => Number(b.key === 'cohort') - Number(a.key === 'cohort') || a.title.localeCompare(b.title),
  )
}

export type ClientFunnelComparison = {
  days: number
  stages: {
    stage: FunnelStage
    client: { count: number; rate: number | null }
    /** The median, over active clients with 5+ applications in the window, of each one's share reaching this stage. */
    caseloadMedianRate: number | null
    /** The same median over the members of the client's cohort; null when the client is in none. */
    cohortMedianRate: number | null
  }[]
  /** Clients behind the median. */
  caseloadClients: number
  /** The client's cohort (the latest to start when several) and the clients behind its median. */
  cohort: { id: string; name: string; clients: number } | null
  /** When the medians were computed (the caseload snapshot's time). */
  computedAt: string
  /** The client's share reached a screen or an interview below the caseload median: show the encouraging reference. */
  isBelowMedian: boolean
}

type StageMedians = { clients: number } & Record<Exclude<FunnelStage, 'APPLIED'>, number | null>
/** The caseload's medians, and each cohort's over its members (by cohort id). */
export type CaseloadMedians = StageMedians & { cohorts?: Record<string, StageMedians>; computedAt?: string }

const mediansSnapshotName = (window: PatternWindow) => {
  const days = windowDays(window)
  return days === null ? `caseload-medians:${window.from ?? ''}:${window.to ?? ''}` : `caseload-medians:${days}`
}

/**
 * A caseload snapshot older than the refresh's interval (10 minutes) is still served to the client page for this
 * long, while a refresh is asked for: the hourly refresh of every practice keeps it younger than this whenever a
 * job runner runs. Past it (no runner), or when none was ever stored, the page computes the medians itself.
 */
export const mediansServedStaleMs = 2 * 60 * 60 * 1000

/**
 * Over the active clients with 5+ applications sent in the window, the median share of each one's applications
 * that reached each stage, for the whole caseload and for each cohort's members. The whole caseload's events are
 * read (about 200 ms on a 250,000-application practice), so the figures are a caseload snapshot
 * (docs/decisions/0009-caseload-snapshots.md), written by the insights refresh after every change. The client page
 * reads it with `served: 'stale-while-refreshing'`: a snapshot past its 10 minutes is shown while a refresh is queued.
 */
export function caseloadMedians(
  t: TenantContext,
  window: PatternWindow = {},
  options: { now?: Date; refresh?: boolean; served?: 'fresh' | 'stale-while-refreshing' } = {},
): Promise<CaseloadMedians> {
  const now = options.now ?? new Date()
  // A coach limited to their own clients has snapshots of their own, which the practice's refresh does not write.
  const serveStale = options.served === 'stale-while-refreshing' && !isOwnClientsOnly(t)
  return cachedFigures(
    t,
    mediansSnapshotName(window),
    async () => {
      const dates = windowDates(t, window, now)
      const rows = await queryTenantSql<StageMedians & { cohortId: string | null }>(
        await analyticsContext(t),
        (org) => sql`
          WITH apps AS MATERIALIZED (${reachedApps(t, org, dates, sql`AND c.status = 'ACTIVE'`)}),
          peers AS MATERIALIZED (
            SELECT "clientId", ${funnelColumns} FROM apps GROUP BY "clientId" HAVING count(*) >= 5
          ),
          tagged AS (
            SELECT NULL::text AS "cohortId", p.* FROM peers p
            UNION ALL
            SELECT m."cohortId", p.* FROM peers p
            JOIN "ClientCohort" m ON m."organizationId" = ${org} AND m."clientId" = p."clientId"
          )
          SELECT "cohortId", count(*)::int AS clients,
                 percentile_cont(0.5) WITHIN GROUP (ORDER BY "SCREEN"::float8 / "APPLIED") AS "SCREEN",
                 percentile_cont(0.5) WITHIN GROUP (ORDER BY "INTERVIEW"::float8 / "APPLIED") AS "INTERVIEW",
                 percentile_cont(0.5) WITHIN GROUP (ORDER BY "FINAL"::float8 / "APPLIED") AS "FINAL",
                 percentile_cont(0.5) WITHIN GROUP (ORDER BY "OFFER"::float8 / "APPLIED") AS "OFFER"
          FROM tagged GROUP BY "cohortId"`,
      )
      const pick = ({ clients, SCREEN, INTERVIEW, FINAL, OFFER }: StageMedians): StageMedians => ({
        clients,
        SCREEN,
        INTERVIEW,
        FINAL,
        OFFER,
      })
      const caseload = rows.find((row) => row.cohortId === null)
      const cohorts = Object.fromEntries(rows.filter((row) => row.cohortId).map((row) => [row.cohortId!, pick(row)]))
      return {
        ...(caseload ? pick(caseload) : { clients: 0, SCREEN: null, INTERVIEW: null, FINAL: null, OFFER: null }),
        cohorts,
        computedAt: now.toISOString(),
      }
    },
    {
      now,
      refresh: options.refresh,
      serveStaleMs: serveStale ? mediansServedStaleMs : undefined,
      onStale: () => requestInsightsRefresh(t.org.id),
    },
  )
}

/**
 * One client's funnel in the window (its own events only: an index range on the client) and the client's cohort for
 * the comparison, the latest to start when the client is in several: one statement.
 */
async function clientFunnelAndCohort(t: TenantContext, clientId: string, dates: Dates) {
  const [row] = await queryTenantSql<FunnelCounts & { cohort: { id: string; name: string } | null }>(
    t,
    (org) => sql`
      WITH reach AS MATERIALIZED (
        SELECT e."applicationId" AS id, max(e."toStage") AS top FROM "StageEvent" e
        WHERE e."organizationId" = ${org} AND e."clientId" = ${clientId} ${eventsSince(dates)}
        GROUP BY e."applicationId"
      )
      SELECT ${funnelColumns},
        (SELECT json_build_object('id', co.id, 'name', co.name)
         FROM "ClientCohort" m
         JOIN "Cohort" co ON co."organizationId" = ${org} AND co.id = m."cohortId"
         JOIN "Client" c ON c."organizationId" = ${org} AND c.id = m."clientId" ${coachScope(t)}
         WHERE m."organizationId" = ${org} AND m."clientId" = ${clientId}
         ORDER BY co."startsOn" DESC, m."addedAt" DESC
         LIMIT 1) AS cohort
      FROM "JobApplication" ja
      JOIN "Client" c ON c.id = ja."clientId" AND c."organizationId" = ${org} ${coachScope(t)}
      LEFT JOIN reach r ON r.id = ja.id
      WHERE ja."organizationId" = ${org} AND ja."clientId" = ${clientId} AND ja.stage <> 'SAVED' ${appliedWithin(dates)}`,
  )
  // An aggregate without GROUP BY: always one row.
  const { cohort, ...counts } = row!
  return { counts, membership: cohort ? { cohort } : null }
}

/**
 * A client's funnel against the caseload median per stage, and against their cohort's median when they are in
 * one (rates are shares of the applications sent): the client's own counts read afresh, the medians from the
 * caseload snapshot, never computed per view while a snapshot younger than two hours exists.
 */
export async function clientFunnelVsCaseload(
  t: TenantContext,
  clientId: string,
  window: PatternWindow = {},
  now = new Date(),
): Promise<ClientFunnelComparison> {
  const [{ counts, membership }, medians] = await Promise.all([
    clientFunnelAndCohort(t, clientId, windowDates(t, window, now)),
    caseloadMedians(t, window, { now, served: 'stale-while-refreshing' }),
  ])
  const own = counts.APPLIED ? counts : { APPLIED: 0, SCREEN: 0, INTERVIEW: 0, FINAL: 0, OFFER: 0 }
  const cohortMedians = membership ? (medians.cohorts?.[membership.cohort.id] ?? null) : null
  const round = (value: number | null | undefined) =>
    value === null || value === undefined ? null : Math.round(value * 1000) / 1000
  const medianOf = (figures: StageMedians | null, stage: FunnelStage) =>
    !figures?.clients ? null : stage === 'APPLIED' ? 1 : round(figures[stage])
  const stages = funnelStages.map((stage) => ({
    stage,
    client: { count: own[stage], rate: own.APPLIED ? round(own[stage] / own.APPLIED) : null },
    caseloadMedianRate: medianOf(medians, stage),
    cohortMedianRate: membership ? medianOf(cohortMedians, stage) : null,
  }))
  const below = (stage: 'SCREEN' | 'INTERVIEW') => {
    const entry = stages.find((s) => s.stage === stage)!
    return (
      entry.client.rate !== null && entry.caseloadMedianRate !== null && entry.client.rate < entry.caseloadMedianRate
    )
  }
  return {
    days: windowDays(window) ?? 0,
    stages,
    caseloadClients: medians.clients,
    cohort: membership ? { ...membership.cohort, clients: cohortMedians?.clients ?? 0 } : null,
    computedAt: medians.computedAt ?? now.toISOString(),
    isBelowMedian: below('SCREEN') || below('INTERVIEW'),
  }
}
