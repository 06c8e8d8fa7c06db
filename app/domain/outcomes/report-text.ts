import { formatDate } from '~/lib/dates'
import { funnelKeys, type FunnelKey, type OutcomeFigures, type RateAt } from './outcome-figures'
import type { InterventionFigure } from './interventions.server'
import type { SponsorFigures, SponsorView } from './sponsor-view'

// The report's words and numbers as people read them, shared by the pages and the PDF (no database,
// no markup). `printable*` turn a report, or a sponsor's view of one, into the PDF's sections.

export const funnelLabels: Record<FunnelKey, string> = {
  APPLIED: 'Applied',
  SCREEN: 'Screen',
  INTERVIEW: 'Interview',
  FINAL: 'Final round',
  OFFER: 'Offer',
}

export const interventionNames = {
  MOCK_INTERVIEW: 'Mock interview done',
  RESUME_TAILORING: 'Resume tailored',
} as const

export const pct = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`)
export const days = (n: number | null) => (n === null ? '—' : `${n} days`)
export const counted = (r: { days: number; placed: number; eligible: number }) =>
  r.eligible ? `${r.placed} of ${r.eligible} clients` : `Nobody has been coached ${r.days} days yet`

type Rate = RateAt | { days: number; withheld: true }
const isWithheld = (r: Rate): r is { days: number; withheld: true } => 'withheld' in r

export const rateText = (r: Rate) => (isWithheld(r) ? 'Withheld' : pct(r.rate))
export const rateDetail = (r: Rate) => (isWithheld(r) ? 'Fewer than 5 clients counted so far' : counted(r))

export type Satisfied = { answered: number; mean: number | null; median: number | null } | null

export function satisfactionText(s: Satisfied) {
  if (!s || s.answered === 0 || s.mean === null) return '—'
  return `${s.mean} of 5`
}
export function satisfactionDetail(s: Satisfied, sent?: number) {
  if (!s) return 'Fewer than 5 answers: withheld'
  const answers = `${s.answered} ${s.answered === 1 ? 'answer' : 'answers'}`
  return `${answers}${sent === undefined ? '' : ` of ${sent} sent`}${s.median === null ? '' : ` · median ${s.median}`}`
}

/** "12 of 40 (30%)", or a dash when nothing was sent. */
export const sideText = (s: { sent: number; interviewed: number; rate: number | null }) =>
  s.sent ? `${s.interviewed} of ${s.sent} (${pct(s.rate)})` : 'none sent'

export function interventionSentence(i: InterventionFigure & { withheld?: boolean }) {
  const name = interventionNames[i.type]
  if (i.withheld) return `${name}: fewer than 5 clients, withheld.`
  if (i.clients === 0) return `${name}: no client in these dates has been counted yet.`
  return `${name} (${i.clients} ${i.clients === 1 ? 'client' : 'clients'}): applications that reached an interview within 30 days, ${sideText(i.before)} in the 30 days before, ${sideText(i.after)} in the 30 days after.`
}

export const interventionNote =
  'Before and after for the same clients, not a comparison with clients who did not do it. Each application counts as interviewed when it reached an interview within 30 days of being sent; a client counts once 60 days have passed since the task.'

export type Printable = {
  title: string
  subtitle: string
  stats: { label: string; value: string; detail?: string }[]
  funnel: { label: string; value: number }[]
  groups: { caption: string; head: string[]; rows: string[][]; note: string | null } | null
  interventions: string[]
  notes: string[]
}

type Common = Pick<OutcomeFigures, 'served' | 'engaged' | 'activeWeeks' | 'checkIns' | 'tasksDone' | 'placed'> & {
  funnel: Record<FunnelKey, number>
  medianDaysToOffer: number | null
  clientsWithOffer: number
  placementRates: Rate[]
}

function statsOf(f: Common, satisfaction: { value: string; detail: string }) {
  const [r90, r180] = f.placementRates
  return [
    { label: 'Clients served', value: String(f.served) },
    {
      label: 'Engaged',
      value: String(f.engaged),
      detail: `${f.activeWeeks} active weeks · ${f.checkIns} check-ins · ${f.tasksDone} tasks done`,
    },
    { label: 'Placed', value: String(f.placed) },
    { label: 'Placed within 90 days', value: rateText(r90!), detail: rateDetail(r90!) },
    { label: 'Placed within 180 days', value: rateText(r180!), detail: rateDetail(r180!) },
    {
      label: 'Median time to offer',
      value: days(f.medianDaysToOffer),
      detail:
        f.medianDaysToOffer === null && f.clientsWithOffer > 0
          ? `Fewer than 5 clients with an offer: withheld`
          : `${f.clientsWithOffer} ${f.clientsWithOffer === 1 ? 'client' : 'clients'} with an offer`,
    },
    { label: 'How much coaching helped', ...satisfaction },
  ]
}

const funnelOf = (f: { funnel: Record<FunnelKey, number> }) =>
  funnelKeys.map((k) => ({ label: funnelLabels[k], value: f.funnel[k] }))

const groupHead = ['Coach', 'Served', 'Engaged', 'Placed', 'In 90 days', 'In 180 days', 'Days to offer']
const groupRow = (label: string, f: Common) => [
  label,
  String(f.served),
  String(f.engaged),
  String(f.placed),
  rateText(f.placementRates[0]!),
  rateText(f.placementRates[1]!),
  days(f.medianDaysToOffer),
]

export const howCounted = [
  'Coaching starts on the day a client was added to the practice, or on the cohort’s first day if they were added before it.',
  'Engaged: at least one week with an application moved, a check-in or a task done, in these dates.',
  'Placed within 90 (or 180) days: of the clients whose start was at least that long ago, those who accepted an offer within that many days of it.',
  'Time to offer: from the start to the first offer reached (or the placement, if it came first).',
  'How much coaching helped: the one-question survey (1 to 5) sent when a client is placed or archived.',
]

type ReportLike = {
  cohort: { name: string; sponsorName: string | null } | null
  from: string
  to: string
  figures: OutcomeFigures
  byCoach: { coachName: string; figures: OutcomeFigures }[]
  interventions: InterventionFigure[]
}

const subtitleOf = (r: { cohort: { name: string; sponsorName: string | null } | null; from: string; to: string }) =>
  [
    r.cohort?.name,
    r.cohort?.sponsorName ? `sponsored by ${r.cohort.sponsorName}` : null,
    `${formatDate(r.from)} to ${formatDate(r.to)}`,
  ]
    .filter(Boolean)
    .join(' · ')

export function printableReport(r: ReportLike, practiceName: string): Printable {
  const s = r.figures.satisfaction
  return {
    title: `Outcome report · ${practiceName}`,
    subtitle: subtitleOf(r),
    stats: statsOf(r.figures, { value: satisfactionText(s), detail: satisfactionDetail(s, s.sent) }),
    funnel: funnelOf(r.figures),
    groups: {
      caption: 'By coach',
      head: groupHead,
      rows: r.byCoach.map((c) => groupRow(c.coachName, c.figures)),
      note: null,
    },
    interventions: r.interventions.map(interventionSentence),
    notes: [...howCounted, interventionNote],
  }
}

export function printableSponsor(
  r: { cohort: { name: string; sponsorName: string | null }; from: string; to: string; view: SponsorView },
  practiceName: string,
): Printable {
  const f: SponsorFigures | null = r.view.figures
  const base = { title: `Outcome report · ${practiceName}`, subtitle: subtitleOf(r) }
  if (!f)
    return {
      ...base,
      stats: [
        {
          label: 'Clients served',
          value: 'Fewer than 5',
          detail: 'Figures are shown once 5 clients are in the cohort',
        },
      ],
      funnel: [],
      groups: null,
      interventions: [],
      notes: [sponsorPromise],
    }
  return {
    ...base,
    stats: statsOf(f, { value: satisfactionText(f.satisfaction), detail: satisfactionDetail(f.satisfaction) }),
    funnel: funnelOf(f),
    groups:
      r.view.groups.length || r.view.groupsNote
        ? {
            caption: 'By coach',
            head: groupHead,
            rows: r.view.groups.map((g) => groupRow(g.label, g.figures)),
            note: r.view.groupsNote,
          }
        : null,
    interventions: r.view.interventions.map(interventionSentence),
    notes: [sponsorPromise, ...howCounted, interventionNote],
  }
}

export const sponsorPromise =
  'Aggregates only: no client is named, and any group of fewer than 5 clients is merged with others or left out, so nobody can be singled out.'
