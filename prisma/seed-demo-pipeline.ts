import type { ApplicationSource, EndedBy, RejectionReason, Seniority, Stage, WorkMode } from '~/generated/prisma/enums'
import { buildApplicationWithHistory, type HistoryStep, type RejectionDetails } from '../tests/factories'
import { companiesByIndustry, feedbackByReason, ukCities, usCities, type DemoClient } from './seed-demo-data'

// Plans of job applications in "days ago" and their materialisation into rows and stage events.
// Everything random comes from one seeded generator, so a seed run relative to the same day
// produces the same pipelines. Plans may run past now: what lies in the future is cut off.

const DAY = 86_400_000
const HOUR = 3_600_000

export type Random = ReturnType<typeof createRandom>

/** mulberry32: small, fast and good enough for demo data. */
export function createRandom(seed: number) {
  let state = seed
  const next = () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability: number) => next() < probability,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    weighted: <T extends string>(weights: Partial<Record<T, number>>): T => {
      const entries = Object.entries(weights) as [T, number][]
      let roll = next() * entries.reduce((sum, [, weight]) => sum + weight, 0)
      for (const [value, weight] of entries) if ((roll -= weight) < 0) return value
      return entries.at(-1)![0]
    },
  }
}

export type Clock = ReturnType<typeof createClock>

/** Days counted back from today in the practice's timezone; times fall in US office hours. */
export function createClock(now: Date, timeZone: string) {
  const local = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
  const [year, month, day] = local.format(now).split('-').map(Number) as [number, number, number]
  const today = Date.UTC(year, month - 1, day)
  return {
    now,
    /** The value of a `date` column, `daysAgo` days before today. */
    date: (daysAgo: number) => new Date(today - daysAgo * DAY),
    at: (daysAgo: number, hour: number) => new Date(today - daysAgo * DAY + hour * HOUR),
    /** Like `at`, but never later than now (for rows written "today"). */
    past: (daysAgo: number, hour: number) =>
      new Date(Math.min(today - daysAgo * DAY + hour * HOUR, now.getTime() - 60_000)),
    isWeekday: (daysAgo: number) => {
      const weekday = new Date(today - daysAgo * DAY).getUTCDay()
      return weekday >= 1 && weekday <= 5
    },
  }
}

export type EndPlan =
  | {
      outcome: 'REJECTED'
      day: number
      reason: RejectionReason
      endedBy?: EndedBy
      /** Days ago the client asked for feedback; absent when they never asked. */
      feedbackRequested?: number
      feedbackText?: string
    }
  | { outcome: 'GHOSTED' | 'WITHDRAWN' | 'OFFER_ACCEPTED' | 'OFFER_DECLINED'; day: number }

export type ApplicationPlan = {
  ref?: string
  company: string
  roleTitle: string
  seniority: Seniority
  industry: string
  source: ApplicationSource
  tailored: boolean
  coverLetter: boolean
  /** Days ago the application was sent; null for a saved posting. */
  applied: number | null
  /** Days ago a posting was saved (when applied is null). */
  savedDay?: number
  /** Later stages reached, each with the day it was reached. */
  stages: { stage: Stage; day: number }[]
  end?: EndPlan
  /** With no end and no change for the ghosting threshold, the ghosting sweep marks it GHOSTED. */
  sweepSilence: boolean
}

export type Materialise = {
  organizationId: string
  clientId: string
  coachId: string | null
  clock: Clock
  random: Random
  ghostingDays: number
  /** Nothing recorded after this (a client who stopped updating). */
  frozenAfter?: Date
  /** Events older than this many days came in through a spreadsheet import. */
  importedBefore?: number
}

const stageOrder: Stage[] = ['SAVED', 'APPLIED', 'SCREEN', 'INTERVIEW', 'FINAL', 'OFFER']
export const isAtLeast = (stage: Stage, floor: Stage) => stageOrder.indexOf(stage) >= stageOrder.indexOf(floor)

const levels: Seniority[] = ['INTERN', 'ENTRY', 'MID', 'SENIOR', 'LEAD', 'EXECUTIVE']
export const levelAbove = (level: Seniority) => levels[Math.min(levels.indexOf(level) + 1, levels.length - 1)]!
export const levelBelow = (level: Seniority) => levels[Math.max(levels.indexOf(level) - 1, 0)]!

const titlePrefix: Record<Seniority, string> = {
  INTERN: 'Intern,',
  ENTRY: 'Junior',
  MID: '',
  SENIOR: 'Senior',
  LEAD: 'Lead',
  EXECUTIVE: 'Head of',
}

export function titleFor(client: DemoClient, level: Seniority, random: Random) {
  if (level === client.seniority) return random.pick(client.roleTitles)
  const base = client.targetRole.replace(/^(Junior|Senior|Lead) /, '')
  return `${titlePrefix[level]} ${base}`.trim()
}

const salaryFloor: Record<Seniority, number> = {
  INTERN: 35,
  ENTRY: 50,
  MID: 70,
  SENIOR: 115,
  LEAD: 140,
  EXECUTIVE: 180,
}

/** Company, place, pay and the rest of what a posting says, for one application. */
export function postingDetails(client: DemoClient, plan: ApplicationPlan, random: Random) {
  const uk = client.timezone === 'Europe/London'
  const workMode: WorkMode = random.weighted({ REMOTE: 35, HYBRID: 45, ONSITE: 20 })
  const posted = random.chance(0.6)
  const salaryMin = (salaryFloor[plan.seniority] + random.int(0, 6) * 5) * 1000
  const slug = plan.company.toLowerCase().replace(/[^a-z]+/g, '')
  return {
    workMode,
    location: workMode === 'REMOTE' ? (uk ? 'Remote (UK)' : 'Remote (US)') : random.pick(uk ? ukCities : usCities),
    jobUrl: `https://careers.${slug}.example/jobs/${random.int(10_000, 99_999)}`,
    salaryMin: posted ? salaryMin : null,
    salaryMax: posted ? salaryMin + random.int(3, 6) * 5000 : null,
    salaryCurrency: posted ? (uk ? 'GBP' : 'USD') : null,
    notes:
      plan.source === 'REFERRAL'
        ? 'Referred by a former colleague.'
        : plan.source === 'RECRUITER'
          ? 'A recruiter reached out on LinkedIn.'
          : null,
  }
}

export function pickCompany(client: DemoClient, random: Random) {
  const industry = random.pick(client.industries)
  return { industry, company: random.pick(companiesByIndustry[industry]) }
}

/** The rows of one planned application, cut off at now (or when the client stopped updating). */
export function materialise(client: DemoClient, plan: ApplicationPlan, m: Materialise) {
  const { clock, random } = m
  const cutoff = m.frozenAfter && m.frozenAfter < clock.now ? m.frozenAfter : clock.now
  const actor = (day: number): Pick<HistoryStep, 'actorType' | 'actorUserId'> => {
    if (m.importedBefore !== undefined && day >= m.importedBefore) return { actorType: 'IMPORT' }
    if (m.coachId && random.chance(0.2)) return { actorType: 'COACH', actorUserId: m.coachId }
    return { actorType: 'CLIENT' }
  }
  const time = (day: number) => clock.at(day, 13 + random.int(0, 9) + random.next())

  const firstDay = plan.applied ?? plan.savedDay ?? 0
  let first = time(firstDay)
  if (first > cutoff) first = new Date(cutoff.getTime() - 60_000)
  const path: HistoryStep[] = [{ stage: plan.applied === null ? 'SAVED' : 'APPLIED', at: first, ...actor(firstDay) }]
  let cut = false
  for (const { stage, day } of plan.stages) {
    const at = time(day)
    if (at > cutoff) {
      cut = true
      break
    }
    path.push({ stage, at, ...actor(day) })
  }

  let rejection: RejectionDetails | undefined
  const last = () => path.at(-1)!
  if (plan.end && !cut) {
    const at = time(plan.end.day)
    if (at <= cutoff) {
      const endActor = plan.end.outcome === 'GHOSTED' ? { actorType: 'SYSTEM' as const } : actor(plan.end.day)
      path.push({ stage: last().stage, outcome: plan.end.outcome, at, ...endActor })
      if (plan.end.outcome === 'REJECTED') {
        const requested = plan.end.feedbackRequested
        rejection = {
          reason: plan.end.reason,
          endedBy: plan.end.endedBy ?? 'EMPLOYER',
          // Asked a day or so after the rejection; a client who stopped updating asked on the day itself.
          feedbackRequestedOn:
            requested === undefined
              ? null
              : clock.date(requested) <= cutoff
                ? clock.date(requested)
                : clock.date(plan.end.day),
          feedbackReceived: plan.end.feedbackText !== undefined,
          feedbackText: plan.end.feedbackText ?? null,
        }
      }
    }
  }
  if (plan.sweepSilence && last().stage !== 'SAVED' && (last().outcome ?? 'ACTIVE') === 'ACTIVE') {
    // The ghosting sweep runs just before the threshold is crossed, so no unswept application looks stale.
    const at = new Date(last().at.getTime() + m.ghostingDays * DAY - HOUR)
    if (at <= cutoff) path.push({ stage: last().stage, outcome: 'GHOSTED', at, actorType: 'SYSTEM' })
  }

  return buildApplicationWithHistory(m.organizationId, m.clientId, {
    company: plan.company,
    roleTitle: plan.roleTitle,
    seniority: plan.seniority,
    industry: plan.industry,
    source: plan.source,
    resumeTailored: plan.tailored,
    coverLetter: plan.coverLetter,
    appliedOn: plan.applied === null ? null : clock.date(plan.applied),
    ...postingDetails(client, plan, random),
    path,
    rejection,
  })
}

/** A rejection an employer might send at this stage, with feedback when the client asked and heard back. */
export function rejectionAt(
  stage: Stage,
  day: number,
  random: Random,
  options: { aboveLevel?: boolean; askForFeedback: boolean },
): EndPlan {
  const reason: RejectionReason =
    stage === 'APPLIED'
      ? options.aboveLevel && random.chance(0.6)
        ? 'EXPERIENCE_LEVEL'
        : random.weighted({
            NO_REASON_GIVEN: 50,
            POSITION_FILLED: 18,
            EXPERIENCE_LEVEL: 12,
            SKILLS_GAP: 8,
            LOCATION: 6,
            OTHER: 6,
          })
      : stage === 'SCREEN'
        ? random.weighted({
            SALARY: 18,
            EXPERIENCE_LEVEL: 20,
            SKILLS_GAP: 18,
            NO_REASON_GIVEN: 20,
            LOCATION: 10,
            POSITION_FILLED: 14,
          })
        : stage === 'INTERVIEW'
          ? random.weighted({
              SKILLS_GAP: 26,
              CULTURE_FIT: 24,
              EXPERIENCE_LEVEL: 18,
              NO_REASON_GIVEN: 12,
              POSITION_FILLED: 12,
              INTERNAL_CANDIDATE: 8,
            })
          : random.weighted({
              INTERNAL_CANDIDATE: 30,
              EXPERIENCE_LEVEL: 25,
              CULTURE_FIT: 20,
              POSITION_FILLED: 15,
              SALARY: 10,
            })
  const endedBy: EndedBy =
    (reason === 'SALARY' && random.chance(0.5)) || (reason === 'LOCATION' && random.chance(0.4))
      ? 'CANDIDATE'
      : 'EMPLOYER'
  if (!options.askForFeedback) return { outcome: 'REJECTED', day, reason, endedBy }
  return {
    outcome: 'REJECTED',
    day,
    reason,
    endedBy,
    feedbackRequested: Math.max(day - random.int(1, 3), 0),
    feedbackText: random.chance(0.55) ? random.pick(feedbackByReason[reason]) : undefined,
  }
}
