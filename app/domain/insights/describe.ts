import type { InsightKind, RejectionReason, Seniority } from '~/generated/prisma/enums'
import { reasonLabels, seniorityLabels } from '../applications/pipeline'
import { formatCount } from '~/lib/numbers'

// An insight's evidence in words and numbers, for the dashboard, the insight page and the client
// page. No database here: the browser renders these.

export type EvidenceFigure = { label: string; value: string }
export type EvidenceDescription = { summary: string; figures: EvidenceFigure[] }

const pct = (share: unknown) => (typeof share === 'number' ? `${Math.round(share * 100)}%` : '—')
const num = (value: unknown) => (typeof value === 'number' ? formatCount(value) : '—')
const plural = (n: unknown, one: string, many = `${one}s`) => `${num(n)} ${n === 1 ? one : many}`

/** One sentence and the figures behind an insight, from its stored evidence. */
export function describeEvidence(kind: InsightKind, evidence: Record<string, unknown>): EvidenceDescription {
  const e = evidence
  const days = `in the last ${num(e.windowDays)} days`
  switch (kind) {
    case 'APPLICATION_STAGE_WALL':
      return {
        summary: `${plural(e.applications, 'application')} ${days}, ${num(e.screens)} reached a screen (${pct(e.screenRate)}).`,
        figures: [
          { label: 'Applications', value: num(e.applications) },
          { label: 'Screens', value: num(e.screens) },
          { label: 'Screen rate', value: pct(e.screenRate) },
        ],
      }
    case 'SENIORITY_REACH': {
      const level = seniorityLabels[e.clientSeniority as Seniority] ?? 'their level'
      return {
        summary: `${num(e.aboveLevel)} of ${plural(e.applicationStageRejections, 'application-stage rejection')} ${days} were for roles above ${level.toLowerCase()} (${pct(e.aboveLevelShare)}).`,
        figures: [
          { label: 'Rejections at application', value: num(e.applicationStageRejections) },
          { label: 'For roles above their level', value: num(e.aboveLevel) },
          { label: 'Share above their level', value: pct(e.aboveLevelShare) },
        ],
      }
    }
    case 'LOW_TAILORING':
      return {
        summary: `${num(e.tailored)} of ${plural(e.applications, 'application')} ${days} were tailored (${pct(e.tailoredShare)}); response rate ${pct(e.responseRate)} against a caseload median of ${pct(e.caseloadMedianResponseRate)}.`,
        figures: [
          { label: 'Applications', value: num(e.applications) },
          { label: 'Tailored', value: `${num(e.tailored)} (${pct(e.tailoredShare)})` },
          { label: 'Response rate', value: pct(e.responseRate) },
          { label: 'Caseload median', value: pct(e.caseloadMedianResponseRate) },
        ],
      }
    case 'FIRST_INTERVIEW_WALL':
      return {
        summary: `${plural(e.firstInterviewsEnded, 'first interview')} ${days} ended without going further${e.inProgress ? `; ${num(e.inProgress)} still in progress` : ''}.`,
        figures: [
          { label: 'First interviews ended', value: num(e.firstInterviewsEnded) },
          { label: 'Went further', value: num(e.wentFurther) },
          { label: 'In progress', value: num(e.inProgress) },
        ],
      }
    case 'FINAL_ROUND_WALL': {
      const reasons = Array.isArray(e.reasons)
        ? e.reasons.map((r) => reasonLabels[r as RejectionReason] ?? String(r)).join(', ')
        : ''
      return {
        summary: `${plural(e.finalRoundRejections, 'rejection')} at the final round ${days}${reasons ? ` (${reasons})` : ''}.`,
        figures: [{ label: 'Final-round rejections', value: num(e.finalRoundRejections) }],
      }
    }
    case 'FEEDBACK_NOT_REQUESTED':
      return {
        summary: `${plural(e.rejectionsWithoutFeedbackRequest, 'rejection')} after an interview ${`in the last ${num(e.lookbackDays)} days`} with no feedback requested within ${num(e.withinDays)} days.`,
        figures: [{ label: 'Rejections without a feedback request', value: num(e.rejectionsWithoutFeedbackRequest) }],
      }
    case 'GHOSTED':
      return {
        summary: `${plural(e.applicationsWithoutResponse, 'application')} with no response for ${num(e.thresholdDays)}+ days; the longest silence is ${plural(e.longestSilenceDays, 'day')}.`,
        figures: [
          { label: 'Applications without a response', value: num(e.applicationsWithoutResponse) },
          { label: 'Longest silence', value: plural(e.longestSilenceDays, 'day') },
        ],
      }
    case 'MOMENTUM_DROP': {
      const byWeek = Array.isArray(e.applicationsByWeek) ? e.applicationsByWeek.join(', ') : '—'
      const update =
        typeof e.daysSinceUpdate === 'number' ? `; last update ${plural(e.daysSinceUpdate, 'day')} ago` : ''
      return {
        summary: `Under the weekly goal of ${num(e.weeklyGoal)} for ${plural(e.weeksUnderGoal, 'week')} running${update}.`,
        figures: [
          { label: 'Weekly goal', value: num(e.weeklyGoal) },
          { label: 'This week', value: num(e.applicationsThisWeek) },
          { label: 'Recent weeks (latest first)', value: byWeek },
          { label: 'Days since an update', value: num(e.daysSinceUpdate) },
        ],
      }
    }
    case 'MORALE_DROP':
      return {
        summary: `Mood at ${num(e.latestMood)}/5${typeof e.previousMood === 'number' ? `, down from ${num(e.previousMood)}/5` : ''}${e.rejectionStreak ? `, after ${plural(e.rejectionStreak, 'rejection')} in a row` : ''}.`,
        figures: [
          { label: 'Latest mood', value: `${num(e.latestMood)}/5` },
          { label: 'Previous mood', value: typeof e.previousMood === 'number' ? `${num(e.previousMood)}/5` : '—' },
          { label: 'Recent rejections', value: num(e.rejectionStreak) },
        ],
      }
    case 'REASON_CLUSTER':
      return {
        summary: `“${String(e.reasonLabel ?? reasonLabels[e.reason as RejectionReason] ?? e.reason)}” was the reason for ${plural(e.rejections, 'rejection')} across ${plural(e.clients, 'client')} ${days}.`,
        figures: [
          { label: 'Clients', value: num(e.clients) },
          { label: 'Rejections', value: num(e.rejections) },
        ],
      }
    case 'EMPLOYER_GHOSTING':
      return {
        summary: `${String(e.company)} left ${num(e.ghosted)} of ${plural(e.applications, 'application')} from ${plural(e.clients, 'client')} without a response (${pct(e.ghostedShare)}) ${days}.`,
        figures: [
          { label: 'Applications', value: num(e.applications) },
          { label: 'Ghosted', value: `${num(e.ghosted)} (${pct(e.ghostedShare)})` },
          { label: 'Clients', value: num(e.clients) },
        ],
      }
  }
}

export const severityLabels = { high: 'High', medium: 'Medium', low: 'Low' } as const
