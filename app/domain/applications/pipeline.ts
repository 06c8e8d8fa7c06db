import type {
  ApplicationSource,
  EndedBy,
  Outcome,
  RejectionReason,
  Seniority,
  Stage,
  WorkMode,
} from '~/generated/prisma/enums'

/** The enum types routes and components use, so they need not reach into the generated client. */
export type { ActorType, ApplicationSource, Outcome, RejectionReason, Seniority, Stage } from '~/generated/prisma/enums'

// The words of the pipeline, shared by server and browser. No database here.

export const stages = ['SAVED', 'APPLIED', 'SCREEN', 'INTERVIEW', 'FINAL', 'OFFER'] as const satisfies readonly Stage[]
export const outcomes = [
  'ACTIVE',
  'REJECTED',
  'GHOSTED',
  'WITHDRAWN',
  'OFFER_ACCEPTED',
  'OFFER_DECLINED',
] as const satisfies readonly Outcome[]
export const seniorities = [
  'INTERN',
  'ENTRY',
  'MID',
  'SENIOR',
  'LEAD',
  'EXECUTIVE',
] as const satisfies readonly Seniority[]
export const sources = [
  'JOB_BOARD',
  'COMPANY_SITE',
  'REFERRAL',
  'RECRUITER',
  'NETWORKING',
  'OTHER',
] as const satisfies readonly ApplicationSource[]
export const workModes = ['ONSITE', 'HYBRID', 'REMOTE'] as const satisfies readonly WorkMode[]

/** What describes the job beyond its company and title: as listed, and as read from a file. */
export type JobDetails = {
  seniority: Seniority | null
  industry: string | null
  location: string | null
  workMode: WorkMode | null
  source: ApplicationSource
  jobUrl: string | null
}
export const endedBy = ['EMPLOYER', 'CANDIDATE'] as const satisfies readonly EndedBy[]
export const rejectionReasons = [
  'SKILLS_GAP',
  'EXPERIENCE_LEVEL',
  'CULTURE_FIT',
  'INTERNAL_CANDIDATE',
  'POSITION_FILLED',
  'SALARY',
  'LOCATION',
  'NO_REASON_GIVEN',
  'OTHER',
] as const satisfies readonly RejectionReason[]

export const stageLabels: Record<Stage, string> = {
  SAVED: 'Saved',
  APPLIED: 'Applied',
  SCREEN: 'Screen',
  INTERVIEW: 'Interview',
  FINAL: 'Final round',
  OFFER: 'Offer',
}
export const outcomeLabels: Record<Outcome, string> = {
  ACTIVE: 'In progress',
  REJECTED: 'Rejected',
  GHOSTED: 'No response',
  WITHDRAWN: 'Withdrawn',
  OFFER_ACCEPTED: 'Offer accepted',
  OFFER_DECLINED: 'Offer declined',
}
export const seniorityLabels: Record<Seniority, string> = {
  INTERN: 'Intern',
  ENTRY: 'Entry-level',
  MID: 'Mid-level',
  SENIOR: 'Senior',
  LEAD: 'Lead',
  EXECUTIVE: 'Executive',
}
export const sourceLabels: Record<ApplicationSource, string> = {
  JOB_BOARD: 'Job board',
  COMPANY_SITE: 'Company site',
  REFERRAL: 'Referral',
  RECRUITER: 'Recruiter',
  NETWORKING: 'Networking',
  OTHER: 'Other',
}
export const workModeLabels: Record<WorkMode, string> = { ONSITE: 'On site', HYBRID: 'Hybrid', REMOTE: 'Remote' }
export const endedByLabels: Record<EndedBy, string> = { EMPLOYER: 'The employer', CANDIDATE: 'I did' }
export const reasonLabels: Record<RejectionReason, string> = {
  SKILLS_GAP: 'Skills gap',
  EXPERIENCE_LEVEL: 'Experience level',
  CULTURE_FIT: 'Culture fit',
  INTERNAL_CANDIDATE: 'Internal candidate',
  POSITION_FILLED: 'Position filled',
  SALARY: 'Salary',
  LOCATION: 'Location',
  NO_REASON_GIVEN: 'No reason given',
  OTHER: 'Other',
}

export const options = <T extends string>(values: readonly T[], labels: Record<T, string>) =>
  values.map((value) => ({ value, label: labels[value] }))

export const stageIndex = (stage: Stage) => stages.indexOf(stage)

/**
 * What a client reads after recording a rejection: how far they got, and what to do next.
 * Rejection is normal and says little about a person's worth; every stage reached is progress.
 */
export function rejectionMessage(stage: Stage) {
  switch (stage) {
    case 'FINAL':
      return 'You reached the final round: only a handful of people get that far, and the decision often comes down to details outside your control. Ask for feedback while the conversation is fresh, and keep in touch: final-round candidates are often the first call when another role opens.'
    case 'OFFER':
      return 'You got all the way to an offer stage. That is real evidence your experience lands. Ask what tipped the decision; it will help you choose and negotiate next time.'
    case 'INTERVIEW':
      return 'You made it to interviews, past most of the people who applied. A short, polite request for feedback can tell you what to sharpen before the next one.'
    case 'SCREEN':
      return 'You got through to a screening conversation, which means your application stood out. Note what they asked about; it shows what this kind of role looks for.'
    default:
      return 'Rejections at the application stage are common: most postings get hundreds of applicants, and many are decided before a person reads yours. Tailoring your résumé to the roles that fit best makes the next one count more.'
  }
}

type StageChange = { fromStage: Stage | null; toStage: Stage; fromOutcome: Outcome | null; toOutcome: Outcome }

const afterStage: Record<Stage, string> = {
  SAVED: 'before applying',
  APPLIED: 'at the application stage',
  SCREEN: 'after the phone screen',
  INTERVIEW: 'after an interview',
  FINAL: 'after the final round',
  OFFER: 'at the offer stage',
}

/**
 * What a stage event did, in words a coach reads at a glance: "Rejected after the phone screen",
 * "Moved to Interview", "Added at Applied". Never the raw before and after of both fields.
 */
export function describeStageChange(e: StageChange) {
  const outcomeChanged = e.toOutcome !== (e.fromOutcome ?? 'ACTIVE')
  const closing = () => {
    switch (e.toOutcome) {
      case 'REJECTED':
        return `Rejected ${afterStage[e.toStage]}`
      case 'GHOSTED':
        return `No response ${e.toStage === 'APPLIED' ? 'after applying' : afterStage[e.toStage]}`
      case 'WITHDRAWN':
        return `Withdrawn ${afterStage[e.toStage]}`
      case 'OFFER_ACCEPTED':
        return 'Offer accepted'
      case 'OFFER_DECLINED':
        return 'Offer declined'
      case 'ACTIVE':
        return `Reopened at ${stageLabels[e.toStage]}`
    }
  }
  if (e.fromStage === null) {
    const added = e.toStage === 'SAVED' ? 'Saved for later' : `Added at ${stageLabels[e.toStage]}`
    return e.toOutcome === 'ACTIVE' ? added : `Added: ${closing().toLowerCase()}`
  }
  if (outcomeChanged) return closing()
  if (e.toStage === e.fromStage) return 'Details updated'
  return stageIndex(e.toStage) > stageIndex(e.fromStage)
    ? `Moved to ${stageLabels[e.toStage]}`
    : `Moved back to ${stageLabels[e.toStage]}`
}

/**
 * The job link as a web address to link to, or null: only http and https are ever links. Anything else
 * (javascript:, data:, an old import's odd text) is shown as text.
 */
export function webLink(value: string | null | undefined) {
  if (!value) return null
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
  } catch {
    return null
  }
}
