import { z } from 'zod'
import { listCohortChoices } from '../cohorts/cohorts.server'
import { listActiveClientFields } from '../client-fields/client-fields.server'
import type { ClientFieldDef } from '../client-fields/client-field-display'
import { addDays, todayIn } from '~/lib/dates'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import { analyticsContext } from '~/tenancy/read-replica.server'
import { cachedFigures } from './caseload-snapshots.server'
import { interventionEffect } from './intervention-effect.server'
import type { PatternGroup, PatternWindow } from '../pattern-window.server'
import { funnelStages, isSmallSample, patternWindows, type FunnelCounts } from './patterns'
import { funnelGroupSplits, funnelSplits } from './patterns.server'
import { employerGhostingRates, rejectionHeatMap, timeToFirstResponse } from './patterns-activity.server'

// The patterns page, read in one go: every figure of the caseload over one window, in parallel.

/** What the page covers: the last N days, all time, or a range of dates (both ends included). */
export type PatternsView = (
  { kind: 'days'; days: number } | { kind: 'all' } | { kind: 'range'; from: string; to: string }
) & {
  /** Only the clients of one cohort, or holding one choice of a client field (`?group=`). */
  group?: PatternGroup | null
}

/** `cohort:<id>` or `field:<id>:<choice>`, as the page's "Clients" menu sends it. */
export function readPatternGroup(value: string | null): PatternGroup | null {
  if (!value) return null
  if (value.length > 300) return null
  const [kind, id, ...rest] = value.split(':')
  if (kind === 'cohort' && id && !rest.length) return { cohortId: id }
  if (kind === 'field' && id && rest.length) return { fieldId: id, value: rest.join(':') }
  return null
}

/** The groups the page can show on its own: each cohort, and each choice of each choice field (single or multiple). */
export async function listPatternGroups(t: TenantContext) {
  const [cohorts, fields] = await Promise.all([listCohortChoices(t), listActiveClientFields(t)])
  return groupsOf(cohorts, fields)
}

function groupsOf(cohorts: { id: string; name: string }[], fields: ClientFieldDef[]) {
  return [
    ...cohorts.map((c) => ({ value: `cohort:${c.id}`, label: `Cohort: ${c.name}` })),
    ...fields
      .filter((f) => f.kind === 'CHOICE' || f.kind === 'MULTI_CHOICE')
      .flatMap((f) => f.choices.map((choice) => ({ value: `field:${f.id}:${choice}`, label: `${f.name}: ${choice}` }))),
  ]
}

export const unknownGroupMessage =
  'That group is not one of the practice’s cohorts or field choices. Showing every client.'

/**
 * The page's window and group from the URL, the group checked against the practice's own: a group that is
 * not one of them (another practice's cohort, a retired field, a choice no longer offered, a value that
 * cannot be read) shows every client with a message that says so. A field's group learns here whether the
 * field holds a list (a multiple choice), which decides how its clients are found.
 */
export async function resolvePatternsView(t: TenantContext, params: URLSearchParams) {
  const read = readPatternsView(params)
  const [cohorts, fields] = await Promise.all([listCohortChoices(t), listActiveClientFields(t)])
  const groups = groupsOf(cohorts, fields)
  const asked = params.get('group') ?? ''
  const group = patternGroupParam(read.view.group)
  const known = group !== '' && groups.some((g) => g.value === group)
  if (!known) {
    const { group: _dropped, ...view } = read.view
    return { view, error: asked ? unknownGroupMessage : read.error, groups, group: '' }
  }
  const chosen = read.view.group!
  const resolved: PatternGroup =
    'cohortId' in chosen
      ? chosen
      : { ...chosen, multiple: fields.find((f) => f.id === chosen.fieldId)?.kind === 'MULTI_CHOICE' }
  return { view: { ...read.view, group: resolved }, error: read.error, groups, group }
}

export function patternGroupParam(group: PatternGroup | null | undefined) {
  if (!group) return ''
  return 'cohortId' in group ? `cohort:${group.cohortId}` : `field:${group.fieldId}:${group.value}`
}

// 30 days by default: the recent picture, and a page that stays fast on a large practice.
const defaultView: PatternsView = { kind: 'days', days: 30 }

const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Dates are written as YYYY-MM-DD.')
  .refine(
    (value) =>
      !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
    'That date does not exist on the calendar.',
  )
  .refine((value) => value >= '1990-01-01', 'Choose a date from 1990 on.')

export const PatternsRange = z
  .object({ from: calendarDate, to: calendarDate })
  .refine((range) => range.from <= range.to, { message: 'The start date is after the end date.', path: ['to'] })

/**
 * The page's window from the URL: `days=30|90|180`, `days=all`, or `from` and `to`. A range that
 * cannot be read falls back to the last 30 days with a message that says why; never an error page.
 */
export function readPatternsView(params: URLSearchParams): { view: PatternsView; error: string | null } {
  const { view, error } = readWindowView(params)
  const group = readPatternGroup(params.get('group'))
  return { view: group ? { ...view, group } : view, error }
}

function readWindowView(params: URLSearchParams): { view: PatternsView; error: string | null } {
  const days = params.get('days')
  if (days === 'all') return { view: { kind: 'all' }, error: null }
  if (days && (patternWindows as readonly number[]).includes(Number(days)))
    return { view: { kind: 'days', days: Number(days) }, error: null }
  const from = params.get('from')
  const to = params.get('to')
  if (from === null && to === null) return { view: defaultView, error: null }
  if (!from || !to)
    return { view: defaultView, error: 'Choose both a start and an end date. Showing the last 30 days instead.' }
  const range = PatternsRange.safeParse({ from, to })
  if (!range.success)
    return {
      view: defaultView,
      error: `${range.error.issues[0]?.message ?? 'That range cannot be read.'} Showing the last 30 days instead.`,
    }
  return { view: { kind: 'range', ...range.data }, error: null }
}

/** The snapshot name of a view: each window keeps its own stored figures. */
export function patternsSnapshotName(view: PatternsView | number) {
  const v: PatternsView = typeof view === 'number' ? { kind: 'days', days: view } : view
  const group = v.group ? `:group:${patternGroupParam(v.group)}` : ''
  if (v.kind === 'days') return `patterns:${v.days}${group}`
  if (v.kind === 'all') return `patterns:all${group}`
  return `patterns:range:${v.from}:${v.to}${group}`
}

function toWindow(view: PatternsView): PatternWindow {
  const group = view.group ?? null
  if (view.kind === 'days') return { days: view.days, group }
  if (view.kind === 'all') return { from: null, to: null, group }
  return { from: view.from, to: view.to, group }
}

/** The page's figures: stored ones when they are a few minutes old at most (see caseload-snapshots.server.ts). */
export function getPatternsPage(
  t: TenantContext,
  view: PatternsView | number,
  options: { now?: Date; refresh?: boolean } = {},
) {
  const v: PatternsView = typeof view === 'number' ? { kind: 'days', days: view } : view
  // Computed where analytics read (the replica when current); the snapshot is stored on the primary.
  return cachedFigures(
    t,
    patternsSnapshotName(v),
    async () => computePatternsPage(await analyticsContext(t), v, options.now),
    options,
  )
}

/** "the last 30 days", "all time", "Mar 1, 2024 to Jun 30, 2024". */
export function describeView(view: PatternsView) {
  if (view.kind === 'days') return `the last ${view.days} days`
  if (view.kind === 'all') return 'all time'
  const format = (d: string) =>
    new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${d}T00:00:00Z`),
    )
  return `${format(view.from)} to ${format(view.to)}`
}

export async function computePatternsPage(t: TenantContext, view: PatternsView | number, now = new Date()) {
  const v: PatternsView = typeof view === 'number' ? { kind: 'days', days: view } : view
  const window = toWindow(v)
  const [splits, groupSplits, heatMap, responseTimes, ghosting, effects] = await Promise.all([
    funnelSplits(t, window, now),
    funnelGroupSplits(t, window, now),
    rejectionHeatMap(t, window, now),
    timeToFirstResponse(t, window, now),
    employerGhostingRates(t, { ...window, take: 15 }, now),
    interventionEffect(t, { now }),
  ])
  // Every application falls in exactly one group of each split, so one split's rows add up to the
  // caseload's funnel: no second pass over the window's events.
  const funnel = Object.fromEntries(
    funnelStages.map((stage) => [
      stage,
      splits.filter((row) => row.dimension === 'tailored').reduce((sum, row) => sum + row[stage], 0),
    ]),
  ) as FunnelCounts
  const today = todayIn(t.org.timezone, now)
  return {
    view: v,
    label: describeView(v),
    /** The range form's defaults: the range shown, or the last 30 days. */
    range: v.kind === 'range' ? { from: v.from, to: v.to } : { from: addDays(today, -30), to: today },
    funnel,
    splits,
    /** By cohort and by each choice field (single or multiple), where the practice keeps them. */
    groupSplits,
    heatMap,
    responseTimes,
    // Employers nobody went unanswered by are not a ghosting pattern.
    ghosting: ghosting
      .filter((row) => row.ghosted > 0)
      .map((row) => ({ ...row, isSmallSample: isSmallSample(row.clients) })),
    effects,
  }
}
