import type { Outcome, Stage } from '~/generated/prisma/enums'
import { isInWeekSpan, weekSoFar } from '~/lib/weeks'
import { listClientApplications, type PipelineContext } from '../applications/applications.server'
import { checkInWeek, findCheckInForWeek } from './checkins.server'
import { countOpenTasks } from '../tasks/client-tasks.server'
import { stages } from '../applications/pipeline'
import { listUpcomingInterviews } from '../interviews/interviews.server'

// The client's home page in the portal: this week against the goal, the pipeline by stage,
// what is left to do. Only the client's own rows, and only the fields a card shows.

export type PipelineCard = {
  id: string
  company: string
  roleTitle: string
  stage: Stage
  outcome: Outcome
  appliedOn: Date | null
}

export async function loadPortalHome(p: PipelineContext, weeklyGoal: number, now = new Date()) {
  const weekOf = checkInWeek(p, now)
  const [applications, openTasks, checkIn, comingUp] = await Promise.all([
    listClientApplications(p),
    countOpenTasks(p),
    findCheckInForWeek(p, now),
    listUpcomingInterviews(p, now, 3),
  ])
  const week = weekSoFar(now, p.timezone)
  const appliedThisWeek = applications.filter((a) => a.stage !== 'SAVED' && isInWeekSpan(week, a.appliedOn)).length

  const cards: PipelineCard[] = applications.map(({ id, company, roleTitle, stage, outcome, appliedOn }) => ({
    id,
    company,
    roleTitle,
    stage,
    outcome,
    appliedOn,
  }))
  const active = stages
    .map((stage) => ({ stage, applications: cards.filter((a) => a.outcome === 'ACTIVE' && a.stage === stage) }))
    .filter((group) => group.applications.length > 0)
  const closed = cards.filter((a) => a.outcome !== 'ACTIVE')

  return {
    weekOf,
    appliedThisWeek,
    weeklyGoal,
    /** The furthest stage any application has reached, for the encouraging line. */
    furthestStage: stages.findLast((stage) => cards.some((a) => a.stage === stage)) ?? null,
    active,
    closed,
    total: cards.length,
    openTasks,
    hasCheckedIn: checkIn !== null,
    /** The next interview dates, soonest first. */
    comingUp,
    timezone: p.timezone,
  }
}
