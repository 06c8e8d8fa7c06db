import { offsetAt } from '~/lib/weeks'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import { DAY_MS, raw, sql, type Sql } from './sql.server'

// Ghosting is a state of silence, not a mark (docs/decisions/0010-ghosting-is-silence.md). The
// ghosting sweep, the GHOSTED rule and the EMPLOYER_GHOSTING rule all ask one question, the way
// this module words it: since when has this application heard nothing?

/** The stages after which silence means ghosting: after an interview, it usually means a slow process. */
export const silentStages = raw(`('APPLIED', 'SCREEN')`)

export type SilenceClock = {
  thresholdDays: number
  /** Applications silent since before this instant are past the threshold. */
  cutoff: Date
  /** When the application `ja` (joined to its client `c`) went silent, as an SQL expression. */
  silentSince: (application?: string, client?: string) => Sql
}

/**
 * The practice's ghosting clock as of `now`. An application goes silent when it is sent (the start
 * of its applied day in the client's timezone) or at its latest move since: a stage change, or an
 * outcome other than being marked ghosted. Recording an application sent earlier is not a move (its
 * applied date says when it was sent), and neither is the mark that the sweep or a person puts on
 * it: so marking an application GHOSTED never ends its silence.
 */
export async function silenceClock(t: TenantContext, now: Date): Promise<SilenceClock> {
  const thresholdDays = t.org.ghostingThresholdDays
  const cutoff = new Date(now.getTime() - thresholdDays * DAY_MS)
  const offsets = await clientOffsets(t, cutoff)
  const silentSince = (application = 'ja', client = 'c') => {
    const ja = raw(`"${application}"`)
    const c = raw(`"${client}"`)
    const sent = sql`(${ja}."appliedOn"::timestamp - make_interval(mins => coalesce((${offsets}::jsonb ->> ${c}.timezone)::int, 0)))`
    return sql`coalesce(greatest(${sent}, (
      SELECT max(e."occurredAt") FROM "StageEvent" e
      WHERE e."organizationId" = ${ja}."organizationId" AND e."applicationId" = ${ja}.id AND e."occurredAt" <= ${now}
        AND NOT (e."toOutcome" = 'GHOSTED' AND e."fromStage" IS NOT DISTINCT FROM e."toStage")
        AND NOT (e."fromStage" IS NULL AND e."toStage" = 'APPLIED' AND ${ja}."appliedOn" IS NOT NULL))),
      ${ja}."createdAt")`
  }
  return { thresholdDays, cutoff, silentSince }
}

/**
 * Each client timezone of the practice and its offset from UTC in minutes, as JSON for the SQL above.
 * Taken at the cutoff, where being an hour out would matter; computed here rather than with
 * PostgreSQL's AT TIME ZONE, which throws on a name its own tz database lacks and would fail the
 * whole refresh for one odd client.
 */
async function clientOffsets(t: TenantContext, at: Date) {
  const zones = await t.db.client.findMany({ distinct: ['timezone'], select: { timezone: true } })
  const offsets: Record<string, number> = {}
  for (const { timezone } of zones) offsets[timezone] = offsetMinutes(timezone, at)
  return JSON.stringify(offsets)
}

function offsetMinutes(timeZone: string, at: Date) {
  try {
    return Math.round(offsetAt(at, timeZone) / 60_000)
  } catch {
    return 0
  }
}

/**
 * True when a follow-up on the application `ja` has been done since it went silent: a FOLLOW_UP task
 * of its client, about this application or about none in particular, done after `since`.
 */
export function followedUp(since: Sql, application = 'ja') {
  const ja = raw(`"${application}"`)
  return sql`EXISTS (
    SELECT 1 FROM "Task" tk
    WHERE tk."organizationId" = ${ja}."organizationId" AND tk."clientId" = ${ja}."clientId"
      AND tk.status = 'DONE' AND tk.type = 'FOLLOW_UP' AND tk."completedAt" >= ${since}
      AND (tk."applicationId" IS NULL OR tk."applicationId" = ${ja}.id))`
}
