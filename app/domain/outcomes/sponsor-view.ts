import { outcomeFigures, type ClientOutcomeRow, type OutcomeFigures } from './outcome-figures'
import { interventionTotals, type InterventionFigure, type InterventionRow } from './interventions.server'

// What a sponsor sees of a cohort's report: aggregates only, and no group of fewer than five clients,
// so nobody can be singled out. No client's name, no coach's name, no free text.
// - The whole cohort under five: nothing but the count's floor ("fewer than 5").
// - Each figure whose own denominator is under five (the clients counted at 90 days, those with an
//   offer, the survey answers, the clients of an intervention) is withheld.
// - The split by coach names no coach ("Coach A"); coaches with fewer than five clients are merged into
//   "Other coaches", and when that group too is under five the split is not shown at all (it would be
//   the total less the coaches shown); nor when every coach has fewer than five.

export const minGroup = 5

export type SponsorRate = { days: number; placed: number; eligible: number; rate: number | null }

/** A group's figures with every part that rests on fewer than five clients withheld (null). */
export type SponsorFigures = Omit<OutcomeFigures, 'placementRates' | 'satisfaction'> & {
  placementRates: (SponsorRate | { days: number; withheld: true })[]
  satisfaction: { answered: number; mean: number; median: number } | null
}

export type SponsorGroup = { label: string; figures: SponsorFigures }

export type SponsorView = {
  /** Null when the cohort has fewer than five clients: nothing is shown. */
  figures: SponsorFigures | null
  groups: SponsorGroup[]
  /** Why the split by coach is missing, when it is. */
  groupsNote: string | null
  interventions: (InterventionFigure & { withheld: boolean })[]
}

function masked(f: OutcomeFigures): SponsorFigures {
  const s = f.satisfaction
  return {
    ...f,
    placementRates: f.placementRates.map((r) => (r.eligible >= minGroup ? r : { days: r.days, withheld: true })),
    medianDaysToOffer: f.clientsWithOffer >= minGroup ? f.medianDaysToOffer : null,
    satisfaction:
      s.answered >= minGroup && s.mean !== null && s.median !== null
        ? { answered: s.answered, mean: s.mean, median: s.median }
        : null,
  }
}

const letter = (i: number) => `Coach ${String.fromCharCode(65 + (i % 26))}${i >= 26 ? Math.floor(i / 26) : ''}`

export function sponsorView(rows: ClientOutcomeRow[], interventionRows: InterventionRow[], today: string): SponsorView {
  if (rows.length < minGroup) return { figures: null, groups: [], groupsNote: null, interventions: [] }
  const byCoach = new Map<string | null, ClientOutcomeRow[]>()
  for (const row of rows) byCoach.set(row.coachId, [...(byCoach.get(row.coachId) ?? []), row])
  const large = [...byCoach.values()].filter((g) => g.length >= minGroup).sort((a, b) => b.length - a.length)
  const small = [...byCoach.values()].filter((g) => g.length < minGroup).flat()
  let groups: SponsorGroup[] = large.map((g, i) => ({ label: letter(i), figures: masked(outcomeFigures(g, today)) }))
  let groupsNote: string | null = null
  if (large.length === 0 && byCoach.size > 1) {
    groupsNote = `The split by coach is not shown: every coach has fewer than ${minGroup} clients in this cohort.`
  } else if (small.length >= minGroup) {
    groups.push({ label: 'Other coaches', figures: masked(outcomeFigures(small, today)) })
  } else if (small.length > 0) {
    groups = []
    groupsNote = `The split by coach is not shown: it would show a group of fewer than ${minGroup} clients.`
  }
  // One coach's clients are the whole cohort: the split would repeat the total.
  if (byCoach.size === 1) groups = []
  return {
    figures: masked(outcomeFigures(rows, today)),
    groups,
    groupsNote,
    interventions: interventionTotals(interventionRows).map((i) => {
      const withheld = i.clients < minGroup
      return withheld
        ? {
            type: i.type,
            clients: 0,
            before: { sent: 0, interviewed: 0, rate: null },
            after: { sent: 0, interviewed: 0, rate: null },
            withheld,
          }
        : { ...i, withheld }
    }),
  }
}
