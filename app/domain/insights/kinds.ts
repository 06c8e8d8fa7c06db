import type { InsightKind, TaskType } from '~/generated/prisma/enums'

export type { InsightKind } from '~/generated/prisma/enums'

// What each kind of insight is called and the task it suggests (DESIGN.md, Patterns). No database
// here: the dashboard and the patterns page read these too.

export const insightKinds = [
  'APPLICATION_STAGE_WALL',
  'SENIORITY_REACH',
  'LOW_TAILORING',
  'FIRST_INTERVIEW_WALL',
  'FINAL_ROUND_WALL',
  'FEEDBACK_NOT_REQUESTED',
  'GHOSTED',
  'MOMENTUM_DROP',
  'MORALE_DROP',
  'REASON_CLUSTER',
  'EMPLOYER_GHOSTING',
] as const satisfies readonly InsightKind[]

export const caseloadKinds: readonly InsightKind[] = ['REASON_CLUSTER', 'EMPLOYER_GHOSTING']
export const isCaseloadKind = (kind: InsightKind) => caseloadKinds.includes(kind)

export const insightKindLabels: Record<InsightKind, string> = {
  APPLICATION_STAGE_WALL: 'Stuck at the application stage',
  SENIORITY_REACH: 'Applying above their level',
  LOW_TAILORING: 'Few tailored applications',
  FIRST_INTERVIEW_WALL: 'First interviews go no further',
  FINAL_ROUND_WALL: 'Rejected at final rounds',
  FEEDBACK_NOT_REQUESTED: 'Feedback not requested',
  GHOSTED: 'Applications with no response',
  MOMENTUM_DROP: 'Momentum dropping',
  MORALE_DROP: 'Morale dropping',
  REASON_CLUSTER: 'A rejection reason across clients',
  EMPLOYER_GHOSTING: 'An employer ghosting clients',
}

export type TaskSuggestion = {
  type: TaskType
  title: string
  /** Instructions for suggestions with no template of their own (type OTHER). */
  instructions?: string
}

/**
 * The task each kind suggests. "Check-in call" and "coach outreach" are tasks of type OTHER with a
 * title of their own; the rest take their title and instructions from the practice's templates.
 */
export const insightSuggestions: Record<InsightKind, TaskSuggestion> = {
  APPLICATION_STAGE_WALL: { type: 'RESUME_TAILORING', title: 'Tailor your resume to the posting' },
  SENIORITY_REACH: { type: 'RETARGETING', title: 'Retarget the roles you apply for' },
  LOW_TAILORING: { type: 'RESUME_TAILORING', title: 'Tailor your resume to the posting' },
  FIRST_INTERVIEW_WALL: { type: 'MOCK_INTERVIEW', title: 'Prepare with a mock interview' },
  FINAL_ROUND_WALL: { type: 'FEEDBACK_REQUEST', title: 'Ask for feedback after a rejection' },
  FEEDBACK_NOT_REQUESTED: { type: 'FEEDBACK_REQUEST', title: 'Ask for feedback after a rejection' },
  GHOSTED: { type: 'FOLLOW_UP', title: 'Follow up on an application with no response' },
  MOMENTUM_DROP: {
    type: 'OTHER',
    title: 'Book a check-in call with your coach',
    instructions: `Job searching is a marathon, and every search has slower weeks. Let's talk for twenty minutes this week: what's getting in the way, what a realistic weekly goal looks like for you right now, and one small step for the next few days.

Pick a time that suits you and reply with it, or update your pipeline before we talk so we can look at it together.`,
  },
  MORALE_DROP: {
    type: 'OTHER',
    title: 'A conversation with your coach',
    instructions: `Rejections hurt, and feeling low after a run of them is normal: it says nothing about your worth. Take a moment for yourself, then let's talk this week, with no agenda beyond how you're doing.

Before we speak, write down one thing that went well recently, however small. Every stage you reached is progress.`,
  },
  REASON_CLUSTER: { type: 'SKILL_BUILDING', title: 'Close a skills gap' },
  EMPLOYER_GHOSTING: {
    type: 'OTHER',
    title: 'Check in before applying to this employer',
    instructions: `Several people in our practice applied to this employer and heard nothing back. Before you spend time on an application there, find a named contact (a recruiter or the hiring manager) and ask whether the role is actively being filled, or apply through a referral.`,
  },
}

/** The task an insight suggests: its kind's, with the employer named for EMPLOYER_GHOSTING. */
export function suggestionFor(kind: InsightKind, evidence: unknown): TaskSuggestion {
  const suggestion = insightSuggestions[kind]
  const company = (evidence as { company?: unknown } | null)?.company
  if (kind === 'EMPLOYER_GHOSTING' && typeof company === 'string')
    return { ...suggestion, title: `${suggestion.title}: ${company}` }
  return suggestion
}

/** Severity runs 0 to 100: 70 and above needs attention this week, under 40 is for information. */
export const severityBands = { high: 70, medium: 40 } as const
export function severityBand(severity: number) {
  return severity >= severityBands.high ? 'high' : severity >= severityBands.medium ? 'medium' : 'low'
}
