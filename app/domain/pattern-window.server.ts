import { addDays, todayIn } from '~/lib/dates'
import { startOfDayIn } from '~/lib/weeks'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import { empty, raw, sql } from './insights/sql.server'

// The stretch of time a caseload figure covers: the last N days, a custom range of dates, or all
// time. Figures count the applications sent (applied on) within it, in the practice's calendar.

export type PatternWindow = {
  /** The last N days up to today (90 when nothing is given). */
  days?: number
  /** A range of applied-on dates, both ends included; null `from` is since the first application. */
  from?: string | null
  to?: string | null
  /** Only the clients of one cohort, or holding one choice of a client field. */
  group?: PatternGroup | null
}

/** A cohort, or a choice of a field: `multiple` for a multiple-choice field, whose value is a list. */
export type PatternGroup = { cohortId: string } | { fieldId: string; value: string; multiple?: boolean }

const defaultDays = 90

/** The window's first and last applied-on dates (YYYY-MM-DD), null where it is open. */
export function windowDates(t: TenantContext, window: PatternWindow, now: Date) {
  const group = window.group ?? null
  if ('from' in window || 'to' in window) return { from: window.from ?? null, to: window.to ?? null, group }
  return { from: addDays(todayIn(t.org.timezone, now), -(window.days ?? defaultDays)), to: null, group }
}

/** `AND` the query's Client row (`alias`) is in the window's group; empty when the window has none. */
export function groupScope(dates: { group?: PatternGroup | null }, organizationId: string, alias = 'c') {
  const g = dates.group
  if (!g) return empty
  if (!/^[a-z_]+$/i.test(alias)) throw new Error(`Not a table alias: ${alias}`)
  const client = raw(`"${alias}"`)
  if ('cohortId' in g)
    return sql`AND ${client}.id IN (SELECT cc."clientId" FROM "ClientCohort" cc WHERE cc."organizationId" = ${organizationId} AND cc."cohortId" = ${g.cohortId})`
  // Containment, which the GIN index on customFields serves: the choice itself, or a list holding it.
  const held = g.multiple ? { [g.fieldId]: [g.value] } : { [g.fieldId]: g.value }
  return sql`AND ${client}."customFields" @> ${JSON.stringify(held)}::jsonb`
}

/** How many days the window spans, for the figures that report it (null for a range or all time). */
export const windowDays = (window: PatternWindow) =>
  'from' in window || 'to' in window ? null : (window.days ?? defaultDays)

/** `AND <alias>."appliedOn"` within the window. */
export function appliedWithin(dates: { from: string | null; to: string | null }, alias = 'ja') {
  const column = raw(`"${alias}"."appliedOn"`)
  return sql`${dates.from ? sql`AND ${column} >= ${dates.from}::date` : empty} ${dates.to ? sql`AND ${column} <= ${dates.to}::date` : empty}`
}

/**
 * `AND e."occurredAt"` late enough to matter for applications sent in the window: an application's
 * events come after it was sent, and a week's margin covers a date entered late.
 */
export function eventsSince(dates: { from: string | null }, alias = 'e') {
  return dates.from ? sql`AND ${raw(`"${alias}"."occurredAt"`)} >= ${dates.from}::date - 7` : empty
}

/** `AND <column>` (a timestamp) within the window's days in the practice's timezone. */
export function instantWithin(t: TenantContext, dates: { from: string | null; to: string | null }, column: string) {
  const c = raw(column)
  const tz = t.org.timezone
  return sql`${dates.from ? sql`AND ${c} >= ${startOfDayIn(dates.from, tz)}` : empty} ${dates.to ? sql`AND ${c} < ${startOfDayIn(addDays(dates.to, 1), tz)}` : empty}`
}
