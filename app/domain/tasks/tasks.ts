import type { TaskStatus, TaskType } from '~/generated/prisma/enums'

export type { TaskType } from '~/generated/prisma/enums'

// The words of improvement tasks, shared by server and browser. No database here.

export const taskTypes = [
  'RESUME_TAILORING',
  'COVER_LETTER',
  'MOCK_INTERVIEW',
  'FEEDBACK_REQUEST',
  'FOLLOW_UP',
  'NETWORKING',
  'SKILL_BUILDING',
  'LINKEDIN_PROFILE',
  'RETARGETING',
  'OTHER',
] as const satisfies readonly TaskType[]
export const taskStatuses = ['TODO', 'DONE', 'SKIPPED'] as const satisfies readonly TaskStatus[]

export const taskTypeLabels: Record<TaskType, string> = {
  RESUME_TAILORING: 'Resume tailoring',
  COVER_LETTER: 'Cover letter',
  MOCK_INTERVIEW: 'Mock interview',
  FEEDBACK_REQUEST: 'Feedback request',
  FOLLOW_UP: 'Follow-up',
  NETWORKING: 'Networking',
  SKILL_BUILDING: 'Skill building',
  LINKEDIN_PROFILE: 'LinkedIn profile',
  RETARGETING: 'Retargeting',
  OTHER: 'Other',
}
export const taskStatusLabels: Record<TaskStatus, string> = { TODO: 'To do', DONE: 'Done', SKIPPED: 'Skipped' }

/** A task still to do whose due date (a calendar date) is before `today` (YYYY-MM-DD, the practice's). */
export function isOverdue(task: { status: TaskStatus; dueOn: Date | string | null }, today: string) {
  if (task.status !== 'TODO' || !task.dueOn) return false
  const due = typeof task.dueOn === 'string' ? task.dueOn.slice(0, 10) : task.dueOn.toISOString().slice(0, 10)
  return due < today
}
