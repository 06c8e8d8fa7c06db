import type { ApplicationSource, RejectionReason, Stage } from '~/generated/prisma/enums'
import { describeWeekComparison, sameSpanLastWeek, weekSoFar } from '~/lib/weeks'
import { queryTenantSql } from '~/tenancy/sql.server'
import { type TenantContext } from '~/tenancy/scoped-client.server'
import { coachScope, sql } from '../insights/sql.server'
import {
  appliedWithin,
  eventsSince,
  groupScope,
  instantWithin,
  windowDates,
  windowDays,
  type PatternWindow,
} from '../pattern-window.server'

// Caseload figures about what happened when: this week against last, time to first response,
// ghosting by employer and where rejections come with which reason. One SQL query each.

export type WeekCounts = {
  applications: number
  screens: number
  interviews: number
  finals: number
  offers: number
  rejections: number
  rejectionsByStage: Record<Stage, number>
  ghosted: number
}

/**
 * This week so far (Monday 00:00 in the practice's timezone until now) against the same stretch of
 * last week (Monday 00:00 to the same local time a week ago), from StageEvents:
 * applications sent, moves forward into each stage, rejections by the stage they came at, and
 * applications marked ghosted.
 */
export async function weekComparison(t: TenantContext, now = new Date()) {
  const thisWeek = weekSoFar(now, t.org.timezone)
  const lastWeek = sameSpanLastWeek(thisWeek)
  const thisStart = thisWeek.start
  const entering = (stage: Stage) =>
    sql`e."toStage" = ${stage}::"Stage" AND e."toOutcome" = 'ACTIVE' AND (e."fromStage" IS NULL OR e."fromStage" < e."toStage")`
  const rows = await queryTenantSql<{ week: 'this' | 'last' } & Record<string, number>>(
    t,
    (org) => sql`
      SELECT CASE WHEN e."occurredAt" >= ${thisStart} THEN 'this' ELSE 'last' END AS week,
             count(*) FILTER (WHERE e."toStage" = 'APPLIED' AND e."toOutcome" = 'ACTIVE'
                              AND (e."fromStage" IS NULL OR e."fromStage" = 'SAVED'))::int AS applications,
             count(*) FILTER (WHERE ${entering('SCREEN')})::int AS screens,
             count(*) FILTER (WHERE ${entering('INTERVIEW')})::int AS interviews,
             count(*) FILTER (WHERE ${entering('FINAL')})::int AS finals,
             count(*) FILTER (WHERE ${entering('OFFER')})::int AS offers,
             count(*) FILTER (WHERE e."toOutcome" = 'REJECTED' AND e."fromOutcome" IS DISTINCT FROM 'REJECTED')::int AS rejections,
             count(*) FILTER (WHERE e."toOutcome" = 'REJECTED' AND e."fromOutcome" IS DISTINCT FROM 'REJECTED' AND e."toStage" <= 'APPLIED')::int AS "rejected_APPLIED",
             count(*) FILTER (WHERE e."toOutcome" = 'REJECTED' AND e."fromOutcome" IS DISTINCT FROM 'REJECTED' AND e."toStage" = 'SCREEN')::int AS "rejected_SCREEN",
             count(*) FILTER (WHERE e."toOutcome" = 'REJECTED' AND e."fromOutcome" IS DISTINCT FROM 'REJECTED' AND e."toStage" = 'INTERVIEW')::int AS "rejected_INTERVIEW",
             count(*) FILTER (WHERE e."toOutcome" = 'REJECTED' AND e."fromOutcome" IS DISTINCT FROM 'REJECTED' AND e."toStage" = 'FINAL')::int AS "rejected_FINAL",
             count(*) FILTER (WHERE e."toOutcome" = 'REJECTED' AND e."fromOutcome" IS DISTINCT FROM 'REJECTED' AND e."toStage" = 'OFFER')::int AS "rejected_OFFER",
             count(*) FILTER (WHERE e."toOutcome" = 'GHOSTED' AND e."fromOutcome" IS DISTINCT FROM 'GHOSTED')::int AS ghosted
      FROM "StageEvent" e
      JOIN "Client" c ON c.id = e."clientId" AND c."organizationId" = ${org} ${coachScope(t)}
      WHERE e."organizationId" = ${org} AND e."occurredAt" <= ${now}
        AND ((e."occurredAt" >= ${lastWeek.start} AND e."occurredAt" <= ${lastWeek.end}) OR e."occurredAt" >= ${thisStart})
      GROUP BY 1`,
  )
  const counts = (week: 'this' | 'last'): WeekCounts => {
    const row = rows.find((r) => r.week === week)
    const n = (key: string) => Number((row as Record<string, unknown> | undefined)?.[key] ?? 0)
    return {
      applications: n('applications'),
      screens: n('screens'),
      interviews: n('interviews'),
      finals: n('finals'),
      offers: n('offers'),
      rejections: n('rejections'),
      rejectionsByStage: {
        SAVED: 0,
        APPLIED: n('rejected_APPLIED'),
        SCREEN: n('rejected_SCREEN'),
        INTERVIEW: n('rejected_INTERVIEW'),
        FINAL: n('rejected_FINAL'),
        OFFER: n('rejected_OFFER'),
      },
      ghosted: n('ghosted'),
    }
  }
  return {
    weekStart: thisWeek.firstDay,
    lastWeekStart: lastWeek.firstDay,
    /** "Mon–Tue so far, against the same days last week" */
    compared: describeWeekComparison(thisWeek),
    thisWeek: counts('this'),
    lastWeek: counts('last'),
  }
}

export type ResponseTime = {
  source: ApplicationSource | null
  applications: number
  responded: number
  /** Median days from the APPLIED event to the next stage or a rejection, over those that heard back. */
  medianDays: number | null
}

/**
 * Time to first response, overall (source null) and by source, for applications sent in the
 * window: from the application's APPLIED event to its first later move forward or rejection.
 */
export async function timeToFirstResponse(t: TenantContext, window: PatternWindow = {}, now = new Date()) {
  const dates = windowDates(t, window, now)
  const rows = await queryTenantSql<ResponseTime & { overall: boolean }>(
    t,
    (org) => sql`
      WITH timing AS MATERIALIZED (
        SELECT e."applicationId" AS id,
               min(e."occurredAt") FILTER (WHERE e."toStage" = 'APPLIED') AS at,
               min(e."occurredAt") FILTER (WHERE (e."toStage" > 'APPLIED' AND e."toOutcome" = 'ACTIVE')
                                           OR e."toOutcome" = 'REJECTED') AS responded
        FROM "StageEvent" e
        WHERE e."organizationId" = ${org} ${eventsSince(dates)}
        GROUP BY e."applicationId"
      ), answered AS (
        SELECT ja.source, tm.at, CASE WHEN tm.responded > tm.at THEN tm.responded END AS responded
        FROM timing tm
        JOIN "JobApplication" ja ON ja.id = tm.id AND ja."organizationId" = ${org}
        JOIN "Client" c ON c.id = ja."clientId" AND c."organizationId" = ${org} ${coachScope(t)} ${groupScope(dates, org)}
        WHERE tm.at IS NOT NULL AND ja.stage <> 'SAVED' ${appliedWithin(dates)}
      )
      SELECT source::text AS source, GROUPING(source) = 1 AS overall, count(*)::int AS applications,
             count(responded)::int AS responded,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM responded - at) / 86400.0) AS "medianDays"
      FROM answered
      GROUP BY GROUPING SETS ((), (source))`,
  )
  const clean = (row: ResponseTime & { overall: boolean }): ResponseTime => ({
    source: row.overall ? null : row.source,
    applications: row.applications,
    responded: row.responded,
    medianDays: row.medianDays === null ? null : Math.round(Number(row.medianDays) * 10) / 10,
  })
  const overall = rows.find((row) => row.overall)
  return {
    days: windowDays(window) ?? 0,
    overall: overall ? clean(overall) : { source: null, applications: 0, responded: 0, medianDays: null },
    bySource: rows
      .filter((row) => !row.overall)
      .map(clean)
      .sort((a, b) => b.applications - a.applications),
  }
}

export type EmployerGhostingRate = {
  employer: string
  company: string
  applications: number
  ghosted: number
  clients: number
  rate: number
}

/**
 * Ghosting rate by employer (company name ignoring case and spaces) for applications sent in the
 * window, employers with at least `minApplications`, highest rate first. An application counts
 * as ghosted when its latest event marked it so (the row's outcome mirrors its latest StageEvent).
 */
export async function employerGhostingRates(
  t: TenantContext,
  options: PatternWindow & { minApplications?: number; take?: number } = {},
  now = new Date(),
) {
  const rows = await queryTenantSql<Omit<EmployerGhostingRate, 'rate'>>(
    t,
    (org) => sql`
      SELECT lower(btrim(ja.company)) AS employer, min(ja.company) AS company, count(*)::int AS applications,
             count(*) FILTER (WHERE ja.outcome = 'GHOSTED')::int AS ghosted,
             count(DISTINCT ja."clientId")::int AS clients
      FROM "JobApplication" ja
      JOIN "Client" c ON c.id = ja."clientId" AND c."organizationId" = ${org} ${coachScope(t)} ${groupScope(options, org)}
      WHERE ja."organizationId" = ${org} AND ja.stage <> 'SAVED' ${appliedWithin(windowDates(t, options, now))}
      GROUP BY 1
      HAVING count(*) >= ${options.minApplications ?? 3}
      ORDER BY count(*) FILTER (WHERE ja.outcome = 'GHOSTED')::float8 / count(*) DESC, count(*) DESC, 1
      LIMIT ${options.take ?? 50}`,
  )
  return rows.map((row) => ({ ...row, rate: Math.round((row.ghosted / row.applications) * 1000) / 1000 }))
}

export type HeatCell = { stage: Stage; reason: RejectionReason; count: number }

/** Rejections in the window by the stage they came at and their reason: the heat map's cells (non-zero only). */
export async function rejectionHeatMap(t: TenantContext, window: PatternWindow = {}, now = new Date()) {
  const dates = windowDates(t, window, now)
  const cells = await queryTenantSql<HeatCell>(
    t,
    (org) => sql`
      SELECT coalesce(ja."rejectionStage", ja.stage)::text AS stage,
             coalesce(ja."rejectionReason", 'NO_REASON_GIVEN')::text AS reason, count(*)::int AS count
      FROM "JobApplication" ja
      JOIN "Client" c ON c.id = ja."clientId" AND c."organizationId" = ${org} ${coachScope(t)} ${groupScope(dates, org)}
      WHERE ja."organizationId" = ${org} AND ja.outcome = 'REJECTED'
        ${instantWithin(t, dates, 'ja."lastEventAt"')}
      GROUP BY 1, 2
      ORDER BY 1, 2`,
  )
  return { days: windowDays(window) ?? 0, cells, total: cells.reduce((sum, cell) => sum + cell.count, 0) }
}
