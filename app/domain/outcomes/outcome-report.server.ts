import { z } from 'zod'
import { addDays, isCalendarDay, todayIn } from '~/lib/dates'
import { startOfDayIn } from '~/lib/weeks'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import { analyticsContext } from '~/tenancy/read-replica.server'
import { ownClientsCondition, queryTenantSql, rawSql, sql } from '~/tenancy/sql.server'
import { toCsv } from '../imports/csv'
import { findCohort } from '../cohorts/cohorts.server'
import {
  funnelKeys,
  outcomeByCoach,
  outcomeFigures,
  type ClientOutcomeRow,
  type OutcomeFigures,
} from './outcome-figures'
import { interventionFigures, type InterventionFigure } from './interventions.server'

// The outcome report a practice gives its sponsor: for one cohort, or for the clients coached in a
// range of dates. One row per client is read in SQL through the door (a coach limited to their own
// clients sees only theirs); the figures are computed from those rows (outcome-figures.ts).
//
// Coaching starts, for a client, on the day they were added to the practice; in a cohort's report,
// on the cohort's first day when they were added before it. The window (engagement, the funnel of
// applications sent) is the cohort's dates up to today, or the range asked for.

const isoDay = z.string().refine(isCalendarDay).optional().catch(undefined)

/** The report's URL parameters; anything unreadable falls back to the default (the last 180 days). */
export const OutcomeQuery = z.object({
  cohort: z.string().max(64).optional().catch(undefined),
  from: isoDay,
  to: isoDay,
})
export type OutcomeQuery = z.infer<typeof OutcomeQuery>

/** The longest range a report covers: five years. */
const maxRangeDays = 5 * 366

export type OutcomeReport = {
  cohort: { id: string; name: string; sponsorName: string | null; startsOn: string; endsOn: string } | null
  from: string
  to: string
  today: string
  /** A kind word when the range asked for could not be used as given. */
  notice: string | null
  figures: OutcomeFigures
  byCoach: ReturnType<typeof outcomeByCoach>
  interventions: InterventionFigure[]
}

/** The report, or null when the cohort asked for is not this practice's (the route answers 404). */
export async function outcomeReport(primary: TenantContext, query: OutcomeQuery, now = new Date()) {
  const read = await readOutcome(primary, query, now)
  if (!read) return null
  const { t, rows, ...meta } = read
  const report: OutcomeReport = {
    ...meta,
    figures: outcomeFigures(rows, meta.today),
    byCoach: outcomeByCoach(rows, meta.today),
    interventions: await interventionFigures(t, rows, meta),
  }
  return report
}

/** The report's dates and one row per client served (the sponsor's view groups them its own way). */
export async function readOutcome(primary: TenantContext, query: OutcomeQuery, now = new Date()) {
  const t = await analyticsContext(primary)
  const today = todayIn(t.org.timezone, now)
  let notice: string | null = null
  let cohort: OutcomeReport['cohort'] = null
  let from: string
  let to: string
  if (query.cohort) {
    const found = await findCohort(t, query.cohort)
    if (!found) return null
    cohort = {
      id: found.id,
      name: found.name,
      sponsorName: found.sponsorName,
      startsOn: found.startsOn,
      endsOn: found.endsOn,
    }
    from = found.startsOn
    to = found.endsOn < today ? found.endsOn : today
    if (from > today) notice = 'This cohort has not started yet, so there is nothing to count so far.'
  } else {
    to = query.to ?? today
    from = query.from ?? addDays(to, -180)
    if (from > to) {
      notice = 'The range ended before it started, so the two dates were swapped.'
      ;[from, to] = [to, from]
    }
    if (addDays(from, maxRangeDays) < to) {
      notice = 'A report covers at most five years: this one starts five years before its end.'
      from = addDays(to, -maxRangeDays)
    }
  }
  const rows = await clientOutcomeRows(t, {
    cohortId: cohort?.id ?? null,
    cohortStart: cohort?.startsOn ?? null,
    from,
    to,
  })
  return { t, cohort, from, to, today, notice, rows }
}

type Selection = { cohortId: string | null; cohortStart: string | null; from: string; to: string }

/** One row per client served: their start, engagement in the window, placement, first offer and funnel. */
export function clientOutcomeRows(t: TenantContext, s: Selection) {
  const tz = t.org.timezone
  const fromTs = startOfDayIn(s.from, tz)
  const toTs = startOfDayIn(addDays(s.to, 1), tz)
  const localDay = (column: string) => sql`((${rawSql(column)} AT TIME ZONE 'UTC') AT TIME ZONE ${tz})::date`
  return queryTenantSql<ClientOutcomeRow>(t, (org) => {
    const inWindow = sql`e."organizationId" = ${org} AND e."clientId" = c.id AND e."actorType" <> 'SYSTEM'
      AND e."occurredAt" >= ${fromTs} AND e."occurredAt" < ${toTs}`
    const chosen = s.cohortId
      ? sql`EXISTS (SELECT 1 FROM "ClientCohort" m WHERE m."organizationId" = ${org}
              AND m."cohortId" = ${s.cohortId} AND m."clientId" = c.id)`
      : // Coached during the range: started by its end, not placed before it began, and not archived
        // unless their pipeline moved in it.
        sql`${localDay('c."createdAt"')} <= ${s.to}::date
          AND NOT EXISTS (SELECT 1 FROM "Placement" p WHERE p."organizationId" = ${org} AND p."clientId" = c.id
                          AND p."acceptedOn" < ${s.from}::date)
          AND (c.status <> 'ARCHIVED' OR EXISTS (SELECT 1 FROM "StageEvent" e WHERE ${inWindow}))`
    const started = s.cohortStart
      ? sql`GREATEST(${s.cohortStart}::date, ${localDay('c."createdAt"')})`
      : localDay('c."createdAt"')
    return sql`
      WITH served AS MATERIALIZED (
        SELECT c.id, c.name, c."coachId", u.name AS "coachName", ${started} AS started
        FROM "Client" c LEFT JOIN "User" u ON u.id = c."coachId"
        WHERE c."organizationId" = ${org} AND ${ownClientsCondition(t)} AND ${chosen}
      )
      SELECT c.id, c.name, c."coachId", c."coachName", to_char(c.started, 'YYYY-MM-DD') AS "startedOn",
        (SELECT count(DISTINCT date_trunc('week', d))::int FROM (
           SELECT ${localDay('e."occurredAt"')} AS d FROM "StageEvent" e WHERE ${inWindow}
           UNION ALL
           SELECT ci."weekOf" FROM "CheckIn" ci WHERE ci."organizationId" = ${org} AND ci."clientId" = c.id
             AND ci."weekOf" BETWEEN ${s.from}::date - 6 AND ${s.to}::date
           UNION ALL
           SELECT ${localDay('tk."completedAt"')} FROM "Task" tk WHERE tk."organizationId" = ${org}
             AND tk."clientId" = c.id AND tk.status = 'DONE' AND tk."completedAt" >= ${fromTs} AND tk."completedAt" < ${toTs}
         ) activity) AS "activeWeeks",
        (SELECT count(*)::int FROM "CheckIn" ci WHERE ci."organizationId" = ${org} AND ci."clientId" = c.id
           AND ci."weekOf" BETWEEN ${s.from}::date - 6 AND ${s.to}::date) AS "checkIns",
        (SELECT count(*)::int FROM "Task" tk WHERE tk."organizationId" = ${org} AND tk."clientId" = c.id
           AND tk.status = 'DONE' AND tk."completedAt" >= ${fromTs} AND tk."completedAt" < ${toTs}) AS "tasksDone",
        (SELECT to_char(p."acceptedOn", 'YYYY-MM-DD') FROM "Placement" p
           WHERE p."organizationId" = ${org} AND p."clientId" = c.id) AS "placedOn",
        (SELECT to_char(min(${localDay('e."occurredAt"')}), 'YYYY-MM-DD') FROM "StageEvent" e
           WHERE e."organizationId" = ${org} AND e."clientId" = c.id AND e."toStage" = 'OFFER'
             AND ${localDay('e."occurredAt"')} >= c.started) AS "firstOfferOn",
        sv."surveySent", sv.satisfaction,
        f."APPLIED", f."SCREEN", f."INTERVIEW", f."FINAL", f."OFFER"
      FROM served c
      LEFT JOIN LATERAL (
        SELECT true AS "surveySent", s.score AS satisfaction FROM "SatisfactionSurvey" s
        WHERE s."organizationId" = ${org} AND s."clientId" = c.id
      ) sv0 ON true
      CROSS JOIN LATERAL (SELECT coalesce(sv0."surveySent", false) AS "surveySent", sv0.satisfaction) sv
      CROSS JOIN LATERAL (
        SELECT count(*)::int AS "APPLIED",
               count(*) FILTER (WHERE r.top >= 'SCREEN')::int AS "SCREEN",
               count(*) FILTER (WHERE r.top >= 'INTERVIEW')::int AS "INTERVIEW",
               count(*) FILTER (WHERE r.top >= 'FINAL')::int AS "FINAL",
               count(*) FILTER (WHERE r.top >= 'OFFER')::int AS "OFFER"
        FROM "JobApplication" ja
        LEFT JOIN LATERAL (
          SELECT max(e."toStage") AS top FROM "StageEvent" e
          WHERE e."organizationId" = ${org} AND e."applicationId" = ja.id
        ) r ON true
        WHERE ja."organizationId" = ${org} AND ja."clientId" = c.id AND ja.stage <> 'SAVED'
          AND ja."appliedOn" BETWEEN ${s.from}::date AND ${s.to}::date
      ) f
      ORDER BY lower(c.name), c.id`
  })
}

// ---------------------------------------------------------------------------------------------
// CSV: one line for every client served together, then one per coach.

export const outcomeCsvHeaders = [
  'Group',
  'Clients served',
  'Engaged',
  'Active weeks',
  'Check-ins',
  'Tasks done',
  'Placed',
  'Placed within 90 days',
  'Counted at 90 days',
  'Placement rate at 90 days',
  'Placed within 180 days',
  'Counted at 180 days',
  'Placement rate at 180 days',
  'Median days to offer',
  'Clients with an offer',
  ...funnelKeys.map((k) => `Funnel: ${k.toLowerCase()}`),
]

const percent = (rate: number | null) => (rate === null ? '' : `${Math.round(rate * 1000) / 10}%`)

function csvLine(group: string, f: OutcomeFigures) {
  const [r90, r180] = f.placementRates
  return [
    group,
    f.served,
    f.engaged,
    f.activeWeeks,
    f.checkIns,
    f.tasksDone,
    f.placed,
    r90!.placed,
    r90!.eligible,
    percent(r90!.rate),
    r180!.placed,
    r180!.eligible,
    percent(r180!.rate),
    f.medianDaysToOffer ?? '',
    f.clientsWithOffer,
    ...funnelKeys.map((k) => f.funnel[k]),
  ].map(String)
}

export function outcomeCsv(report: OutcomeReport) {
  const title = report.cohort ? report.cohort.name : `${report.from} to ${report.to}`
  return toCsv([
    outcomeCsvHeaders,
    csvLine(`All clients (${title})`, report.figures),
    ...report.byCoach.map((c) => csvLine(`Coach: ${c.coachName}`, c.figures)),
  ])
}
