import { addDays } from '~/lib/dates'
import { startOfDayIn } from '~/lib/weeks'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import { queryTenantSql, sql } from '~/tenancy/sql.server'

// "Does it work": for the clients who did a mock interview (or had their resume tailored) in the
// report's dates, how many of the applications they sent in the 30 days before reached an interview,
// against the 30 days after. Only what the data can say honestly:
// - each application is counted as interviewed when it reached the interview stage within 30 days of
//   being sent, so the applications before and after have had the same time to get there;
// - a client counts once the 30 days after, and 30 more for those applications, have passed (60 days);
// - it is a before and after for the same clients, not a comparison with clients who did not do it.

export const interventionTypes = ['MOCK_INTERVIEW', 'RESUME_TAILORING'] as const
export type InterventionType = (typeof interventionTypes)[number]

export const interventionLabels: Record<InterventionType, string> = {
  MOCK_INTERVIEW: 'Mock interview done',
  RESUME_TAILORING: 'Resume tailored',
}

/** Days before and after the task in which applications are counted, and the time each has to reach an interview. */
export const interventionDays = 30

export type InterventionRow = {
  clientId: string
  type: InterventionType
  sentBefore: number
  interviewedBefore: number
  sentAfter: number
  interviewedAfter: number
}

export type Side = { sent: number; interviewed: number; rate: number | null }
export type InterventionFigure = { type: InterventionType; clients: number; before: Side; after: Side }

type Dates = { from: string; to: string; today: string }

/** One row per client and kind of task: their first such task done in the dates, old enough to count. */
export function interventionRows(t: TenantContext, clientIds: string[], d: Dates) {
  const tz = t.org.timezone
  const lastDay = [d.to, addDays(d.today, -2 * interventionDays)].sort()[0]!
  const fromTs = startOfDayIn(d.from, tz)
  const toTs = startOfDayIn(addDays(lastDay, 1), tz)
  return queryTenantSql<InterventionRow>(t, (org) => {
    const within = (side: 'before' | 'after') =>
      side === 'before'
        ? sql`ja."appliedOn" >= x.day - ${interventionDays}::int AND ja."appliedOn" < x.day`
        : sql`ja."appliedOn" > x.day AND ja."appliedOn" <= x.day + ${interventionDays}::int`
    return sql`
      WITH x AS (
        SELECT tk."clientId", tk.type::text AS type,
               ((min(tk."completedAt") AT TIME ZONE 'UTC') AT TIME ZONE ${tz})::date AS day
        FROM "Task" tk
        WHERE tk."organizationId" = ${org} AND tk."clientId" = ANY(${clientIds}) AND tk.status = 'DONE'
          AND tk.type::text = ANY(${[...interventionTypes]})
          AND tk."completedAt" >= ${fromTs} AND tk."completedAt" < ${toTs}
        GROUP BY tk."clientId", tk.type
      )
      SELECT x."clientId", x.type,
        count(ja.id) FILTER (WHERE ${within('before')})::int AS "sentBefore",
        count(ja.id) FILTER (WHERE ${within('before')} AND r.reached)::int AS "interviewedBefore",
        count(ja.id) FILTER (WHERE ${within('after')})::int AS "sentAfter",
        count(ja.id) FILTER (WHERE ${within('after')} AND r.reached)::int AS "interviewedAfter"
      FROM x
      LEFT JOIN "JobApplication" ja ON ja."organizationId" = ${org} AND ja."clientId" = x."clientId"
        AND ja.stage <> 'SAVED' AND ja."appliedOn" BETWEEN x.day - ${interventionDays}::int AND x.day + ${interventionDays}::int
      LEFT JOIN LATERAL (
        SELECT EXISTS (
          SELECT 1 FROM "StageEvent" e
          WHERE e."organizationId" = ${org} AND e."applicationId" = ja.id AND e."toStage" >= 'INTERVIEW'
            AND ((e."occurredAt" AT TIME ZONE 'UTC') AT TIME ZONE ${tz})::date <= ja."appliedOn" + ${interventionDays}::int
        ) AS reached
      ) r ON true
      GROUP BY x."clientId", x.type
      ORDER BY x.type, x."clientId"`
  })
}

const side = (sent: number, interviewed: number): Side => ({
  sent,
  interviewed,
  rate: sent ? interviewed / sent : null,
})

/** The before and after for each kind of task, over the rows given (the group's clients). */
export function interventionTotals(rows: InterventionRow[]): InterventionFigure[] {
  return interventionTypes.map((type) => {
    const mine = rows.filter((r) => r.type === type)
    const sum = (pick: (r: InterventionRow) => number) => mine.reduce((n, r) => n + pick(r), 0)
    return {
      type,
      clients: mine.length,
      before: side(
        sum((r) => r.sentBefore),
        sum((r) => r.interviewedBefore),
      ),
      after: side(
        sum((r) => r.sentAfter),
        sum((r) => r.interviewedAfter),
      ),
    }
  })
}

export async function interventionFigures(t: TenantContext, clients: { id: string }[], d: Dates) {
  if (clients.length === 0) return interventionTotals([])
  return interventionTotals(
    await interventionRows(
      t,
      clients.map((c) => c.id),
      d,
    ),
  )
}
