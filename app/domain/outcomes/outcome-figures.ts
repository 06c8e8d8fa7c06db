import { addDays } from '~/lib/dates'

// The outcome report's figures, computed from one row per client (outcome-report.server.ts reads the
// rows in SQL). Pure functions: the same figures for the whole group and for each coach's clients.

export const funnelKeys = ['APPLIED', 'SCREEN', 'INTERVIEW', 'FINAL', 'OFFER'] as const
export type FunnelKey = (typeof funnelKeys)[number]

export type ClientOutcomeRow = {
  id: string
  name: string
  coachId: string | null
  coachName: string | null
  /** YYYY-MM-DD: the day coaching started (see outcome-report.server.ts). */
  startedOn: string
  activeWeeks: number
  checkIns: number
  tasksDone: number
  /** YYYY-MM-DD, null while not placed. */
  placedOn: string | null
  /** YYYY-MM-DD: the first day an application reached an offer on or after the start, null if none. */
  firstOfferOn: string | null
  /** Whether the satisfaction survey was sent, and the answer (1 to 5) if they gave one. */
  surveySent: boolean
  satisfaction: number | null
} & Record<FunnelKey, number>

export type RateAt = { days: number; placed: number; eligible: number; rate: number | null }

export type OutcomeFigures = {
  served: number
  engaged: number
  activeWeeks: number
  checkIns: number
  tasksDone: number
  placed: number
  placementRates: RateAt[]
  /** Median days from coaching start to the first offer, over the clients who had one. */
  medianDaysToOffer: number | null
  clientsWithOffer: number
  funnel: Record<FunnelKey, number>
  satisfaction: Satisfaction
}

/** How much coaching helped, 1 to 5, as the clients answered the survey sent when placed or archived. */
export type Satisfaction = { sent: number; answered: number; mean: number | null; median: number | null }

export const rateWindows = [90, 180] as const

/** Whole days from one YYYY-MM-DD to another. */
export function daysBetween(from: string, to: string) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

export function median(values: number[]) {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** The day a client first had an offer: the first offer stage reached, or the placement if it came first. */
export function offerDay(row: Pick<ClientOutcomeRow, 'placedOn' | 'firstOfferOn'>) {
  const days = [row.placedOn, row.firstOfferOn].filter((d): d is string => Boolean(d)).sort()
  return days[0] ?? null
}

/**
 * A client counts towards the rate at N days once N days have passed since their start (`today`);
 * they count as placed at N days when the offer they accepted came within N days of the start.
 */
export function outcomeFigures(rows: ClientOutcomeRow[], today: string): OutcomeFigures {
  const sum = (pick: (r: ClientOutcomeRow) => number) => rows.reduce((n, r) => n + pick(r), 0)
  const toOffer = rows.flatMap((r) => {
    const day = offerDay(r)
    return day ? [Math.max(0, daysBetween(r.startedOn, day))] : []
  })
  return {
    served: rows.length,
    engaged: rows.filter((r) => r.activeWeeks > 0).length,
    activeWeeks: sum((r) => r.activeWeeks),
    checkIns: sum((r) => r.checkIns),
    tasksDone: sum((r) => r.tasksDone),
    placed: rows.filter((r) => r.placedOn).length,
    placementRates: rateWindows.map((days) => {
      const eligible = rows.filter((r) => addDays(r.startedOn, days) <= today)
      const placed = eligible.filter((r) => r.placedOn && r.placedOn <= addDays(r.startedOn, days)).length
      return { days, placed, eligible: eligible.length, rate: eligible.length ? placed / eligible.length : null }
    }),
    medianDaysToOffer: median(toOffer),
    clientsWithOffer: toOffer.length,
    funnel: Object.fromEntries(funnelKeys.map((k) => [k, sum((r) => r[k])])) as Record<FunnelKey, number>,
    satisfaction: satisfactionOf(rows),
  }
}

function satisfactionOf(rows: ClientOutcomeRow[]): Satisfaction {
  const scores = rows.flatMap((r) => (r.satisfaction === null ? [] : [r.satisfaction]))
  const mean = scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10 : null
  return { sent: rows.filter((r) => r.surveySent).length, answered: scores.length, mean, median: median(scores) }
}

export type CoachOutcome = { coachId: string | null; coachName: string; figures: OutcomeFigures }

/** The figures for each coach's clients, by coach name (unassigned clients last). */
export function outcomeByCoach(rows: ClientOutcomeRow[], today: string): CoachOutcome[] {
  const groups = new Map<string | null, ClientOutcomeRow[]>()
  for (const row of rows) groups.set(row.coachId, [...(groups.get(row.coachId) ?? []), row])
  return [...groups.entries()]
    .map(([coachId, group]) => ({
      coachId,
      coachName: group[0]!.coachName ?? 'Unassigned',
      figures: outcomeFigures(group, today),
    }))
    .sort((a, b) => (a.coachId === null ? 1 : b.coachId === null ? -1 : a.coachName.localeCompare(b.coachName)))
}
