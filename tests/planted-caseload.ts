import {
  addApplication,
  ApplicationInput,
  moveApplicationStage,
  recordRejection,
  RejectionInput,
  setApplicationOutcome,
  type PipelineContext,
} from '~/domain/applications/applications.server'
import { recordCheckIn } from '~/domain/clients/checkins.server'
import { completeTask } from '~/domain/tasks/client-tasks.server'
import { insightKinds, type InsightKind } from '~/domain/insights/kinds'
import { evidenceOf } from '~/domain/insights/store.server'
import { AssignTaskInput, assignTask } from '~/domain/tasks/tasks.server'
import type { Prisma } from '~/generated/prisma/client'
import type { RejectionReason, Seniority } from '~/generated/prisma/enums'
import { addDays, dateOnly, todayIn } from '~/lib/dates'
import { mondayOf, startOfDayIn } from '~/lib/weeks'
import { prisma } from '~/lib/db.server'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import { buildApplicationWithHistory, buildCheckIn, buildTask, newId, type HistoryStep } from './factories'

// A caseload planted for the insights engine: for every kind, clients who break that one rule and
// near misses who fall just short of it, among clients who break none. Everything is written through
// the app's own domain functions with a `now` in the past (so every change has its StageEvent, every
// check-in its week, every follow-up its task), by clients spread over timezones from Auckland to
// Honolulu. The caller then runs the ghosting sweep and the insights refresh, and scores what the
// engine found against what was planted (scorePlanted).

const DAY = 86_400_000
const timezones = [
  'Pacific/Auckland',
  'Asia/Kolkata',
  'Europe/Berlin',
  'UTC',
  'America/Sao_Paulo',
  'America/New_York',
  'America/Los_Angeles',
  'Pacific/Honolulu',
]
const companies = [
  'Acme Corp', 'Blue Finch', 'Cobalt Health', 'Delta Freight', 'Evergreen Bank', 'Foxglove Media',
  'Granite Works', 'Harbor Labs', 'Iris Analytics', 'Juniper Retail', 'Kestrel Energy', 'Lumen Schools',
  'Maple Insurance', 'Nimbus Cloud', 'Orchid Foods', 'Pinecone Games', 'Quartz Legal', 'Redwood Travel',
  'Sable Security', 'Tidewater Ports', 'Umber Design', 'Vireo Mobility', 'Willow Care', 'Xylem Water',
  'Yarrow Books', 'Zephyr Air', 'Atlas Robotics', 'Beacon Civic', 'Cinder Studios', 'Drift Outdoors',
] // prettier-ignore
/** Employers planted to ghost several clients, and near misses that ghost too few or too seldom. */
export const plantedEmployers = {
  ghosting: ['Silent Systems', 'Quiet Harbor'],
  nearMiss: ['Halfway Labs', 'Two Steps Inc'],
}
/** Reasons planted across several clients; CULTURE_FIT is the near miss (two clients in the window, one outside). */
export const plantedReasons: RejectionReason[] = ['SKILLS_GAP', 'EXPERIENCE_LEVEL']

/** A small deterministic generator (mulberry32), so a seed gives the same caseload. */
function random(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Step = { at: Date; run: () => Promise<unknown> }
type PlannedApplication = {
  company: string
  seniority: Seniority
  tailored: boolean
  appliedOn: string
  /** The application sent, then each change of stage or outcome, oldest first. */
  path: HistoryStep[]
  rejection?: { reason: RejectionReason; feedbackRequestedOn?: string }
}
type PlannedFollowUp = { assigned: Date; done: Date; application?: PlannedApplication }

/**
 * One client's history, as plain data: applications with their changes, check-ins and follow-ups.
 * It is written either through the domain functions, change by change in time order (writeThroughDomain),
 * or as the rows those functions write, in bulk through the factories (rows).
 */
class History {
  applications: PlannedApplication[] = []
  checkIns: { at: Date; day: string; mood: number }[] = []
  followUps: PlannedFollowUp[] = []
  goal = 2
  private sent = 0
  constructor(
    readonly p: PipelineContext,
    readonly t: TenantContext,
    readonly now: Date,
    readonly rand: () => number,
  ) {}

  private today?: string
  private dayStarts = new Map<string, number>()

  /** The client's calendar date `days` before today. */
  day(days: number) {
    this.today ??= todayIn(this.p.timezone, this.now)
    return addDays(this.today, -days)
  }

  /** The instant `days` before today (in the client's timezone) at a local hour, never after now. */
  at(days: number, hour = 8 + Math.floor(this.rand() * 12)) {
    const day = this.day(days)
    let start = this.dayStarts.get(day)
    if (start === undefined) this.dayStarts.set(day, (start = startOfDayIn(day, this.p.timezone).getTime()))
    const instant = new Date(start + hour * 3_600_000)
    return instant > this.now ? new Date(this.now.getTime() - 60_000) : instant
  }

  company() {
    return companies[Math.floor(this.rand() * companies.length)]!
  }

  /**
   * An application sent `days` ago, then its moves: `[stage, days ago]` steps and how it ended.
   * Rejections default to the employer, at the stage reached, with no reason given.
   */
  apply(
    days: number,
    options: {
      company?: string
      seniority?: Seniority
      tailored?: boolean
      moves?: ['SCREEN' | 'INTERVIEW' | 'FINAL', number][]
      rejected?: { days: number; reason?: RejectionReason; feedbackAsked?: boolean }
      markedGhosted?: number
      followedUp?: number
    } = {},
  ) {
    const sent = this.at(days)
    // Two applications in three tailored, unless the plan says otherwise.
    const tailoredByDefault = this.sent++ % 3 !== 0
    const application: PlannedApplication = {
      company: options.company ?? this.company(),
      seniority: options.seniority ?? 'MID',
      tailored: options.tailored ?? tailoredByDefault,
      appliedOn: this.day(days),
      path: [{ stage: 'APPLIED', at: sent }],
    }
    for (const [stage, ago] of options.moves ?? []) application.path.push({ stage, at: this.at(ago) })
    const stage = application.path.at(-1)!.stage
    if (options.rejected) {
      const when = this.at(options.rejected.days)
      application.path.push({ stage, outcome: 'REJECTED', at: when })
      application.rejection = {
        reason: options.rejected.reason ?? 'NO_REASON_GIVEN',
        ...(options.rejected.feedbackAsked && { feedbackRequestedOn: this.day(options.rejected.days) }),
      }
    }
    if (options.markedGhosted !== undefined)
      application.path.push({ stage, outcome: 'GHOSTED', at: this.at(options.markedGhosted) })
    this.applications.push(application)
    if (options.followedUp !== undefined) this.followUp(options.followedUp, application)
    return this
  }

  /** The coach assigns a follow-up (about one application, or none) two days before the client does it. */
  followUp(days: number, application?: PlannedApplication) {
    this.followUps.push({ assigned: this.at(days + 2), done: this.at(days), application })
    return this
  }

  checkIn(days: number, mood: number) {
    this.checkIns.push({ at: this.at(days), day: this.day(days), mood })
    return this
  }

  /** `perWeek[k]` applications sent in the k-th practice week back (0 = this week, 1 = last week...). */
  weeks(perWeek: number[], options: { tailored?: boolean } = {}) {
    const today = todayIn(this.t.org.timezone, this.now)
    const monday = mondayOf(today)
    perWeek.forEach((count, k) => {
      for (let i = 0; i < count; i++) {
        // Tuesday to Thursday of the week, in dates, so no timezone moves it into another week.
        const day = addDays(monday, -7 * k + 1 + (i % 3))
        const ago = Math.round((Date.parse(today) - Date.parse(day)) / DAY)
        // Older than 17 days, an answer came (a rejection 15+ days ago, outside any two-week streak).
        if (ago >= 0) this.apply(ago, { tailored: options.tailored, ...(ago >= 18 && { rejected: { days: ago - 3 } }) })
      }
    })
    return this
  }

  /** What every client without a problem does: meets a goal of 2 the last two weeks, feels fine, older applications answered. */
  healthy(options: { tailored?: boolean; older?: boolean; checkIns?: boolean } = {}) {
    this.weeks([1, 2, 2], options)
    if (options.checkIns !== false) this.checkIn(14, 4).checkIn(7, 4).checkIn(1, 4)
    if (options.older !== false) {
      this.apply(62 + Math.floor(this.rand() * 20), { moves: [['SCREEN', 55]], rejected: { days: 50 } })
      this.apply(45, { moves: [['SCREEN', 40]], rejected: { days: 36, reason: 'POSITION_FILLED' } })
      this.apply(40, { rejected: { days: 30 } })
      this.apply(33, { moves: [['SCREEN', 26]], rejected: { days: 22, reason: 'SALARY' } })
    }
    return this
  }

  /** Change by change, in time order, through the functions the app's routes call. */
  async writeThroughDomain() {
    const p = this.p
    const ids = new Map<PlannedApplication, string>()
    const steps: Step[] = []
    for (const application of this.applications) {
      const [sent, ...changes] = application.path
      steps.push({
        at: sent!.at,
        run: async () => {
          const input = ApplicationInput.parse({
            company: application.company,
            roleTitle: 'Analyst',
            seniority: application.seniority,
            appliedOn: application.appliedOn,
            resumeTailored: application.tailored,
          })
          ids.set(application, (await addApplication(p, input, sent!.at)).id)
        },
      })
      for (const change of changes) {
        const id = () => ids.get(application)!
        const run =
          change.outcome === 'REJECTED'
            ? () =>
                recordRejection(
                  p,
                  id(),
                  RejectionInput.parse({
                    reason: application.rejection!.reason,
                    feedbackRequestedOn: application.rejection!.feedbackRequestedOn,
                  }),
                  change.at,
                )
            : change.outcome === 'GHOSTED'
              ? () => setApplicationOutcome(p, id(), 'GHOSTED', change.at)
              : () => moveApplicationStage(p, id(), change.stage, change.at)
        steps.push({ at: change.at, run })
      }
    }
    for (const { at, mood } of this.checkIns)
      steps.push({ at, run: () => recordCheckIn(p, { mood, energy: 3, confidence: 3 }, at) })
    for (const followUp of this.followUps) {
      let taskId = ''
      steps.push({
        at: followUp.assigned,
        run: async () => {
          const input = AssignTaskInput.parse({
            clientIds: p.clientId,
            type: 'FOLLOW_UP',
            title: 'Follow up on an application with no response',
            dueOn: addDays(todayIn(this.t.org.timezone, followUp.assigned), 7),
            applicationId: followUp.application ? ids.get(followUp.application) : null,
          })
          taskId = (await assignTask(this.t, input, followUp.assigned))[0]!.id
        },
      })
      steps.push({
        at: followUp.done,
        run: () => completeTask(p, taskId, { note: 'Sent a polite note' }, followUp.done),
      })
    }
    for (const step of steps.sort((a, b) => a.at.getTime() - b.at.getTime())) await step.run()
  }

  /** The rows the domain functions would write, built by the factories. */
  rows() {
    const { organizationId, clientId } = this.p
    const applications: Prisma.JobApplicationCreateManyInput[] = []
    const events: Prisma.StageEventCreateManyInput[] = []
    const ids = new Map<PlannedApplication, string>()
    for (const planned of this.applications) {
      const built = buildApplicationWithHistory(organizationId, clientId, {
        company: planned.company,
        roleTitle: 'Analyst',
        seniority: planned.seniority,
        resumeTailored: planned.tailored,
        appliedOn: dateOnly(planned.appliedOn),
        path: planned.path,
        rejection: planned.rejection && {
          reason: planned.rejection.reason,
          feedbackRequestedOn: planned.rejection.feedbackRequestedOn
            ? dateOnly(planned.rejection.feedbackRequestedOn)
            : null,
        },
      })
      ids.set(planned, built.application.id!)
      applications.push(built.application)
      events.push(...built.events)
    }
    const tasks = this.followUps.map((followUp) =>
      buildTask(organizationId, clientId, {
        type: 'FOLLOW_UP',
        title: 'Follow up on an application with no response',
        status: 'DONE',
        dueOn: dateOnly(addDays(todayIn(this.t.org.timezone, followUp.assigned), 7)),
        applicationId: followUp.application ? ids.get(followUp.application) : null,
        assignedById: this.t.user.id,
        createdAt: followUp.assigned,
        completedAt: followUp.done,
      }),
    )
    const checkIns = this.checkIns.map(({ at, day, mood }) =>
      buildCheckIn(organizationId, clientId, {
        weekOf: dateOnly(mondayOf(day)),
        mood,
        energy: 3,
        confidence: 3,
        createdAt: at,
      }),
    )
    const times = events.map((event) => new Date(event.occurredAt!).getTime())
    const lastActivityAt = times.length ? new Date(Math.max(...times)) : null
    return { applications, events, tasks, checkIns, lastActivityAt }
  }
}

type Plan = (h: History) => void
type Role = { kind: InsightKind | null; nearMiss: boolean; plan: Plan; seniority?: Seniority; goal?: number }

const interview = (h: History, days: number, end: number, feedbackAsked = true) =>
  h.apply(days, {
    moves: [
      ['SCREEN', days - 5],
      ['INTERVIEW', days - 10],
    ],
    rejected: { days: end, feedbackAsked },
  })

/** For each kind, the plans of clients who break it (variants take turns) and of near misses. */
/**
 * Five weeks of untailored applications, then seven rejected ones: the first `tailored` of them
 * tailored, and the one at index `screened` reaching a screen.
 */
const sevenRejected = (tailored: number, screened: number) => (h: History) => {
  h.weeks([1, 2, 2], { tailored: false }).checkIn(14, 4).checkIn(7, 4)
  for (let i = 0; i < 7; i++)
    h.apply(18 + i * 5, {
      tailored: i < tailored,
      moves: i === screened ? [['SCREEN', 15 + i * 5]] : [],
      rejected: { days: 12 + i * 5 },
    })
}

/** `rejections` rejected applications, the first four above the client's level, and one rejected after a screen. */
const fourAboveLevelOf = (rejections: number) => (h: History) => {
  h.healthy({ older: false })
  for (let i = 0; i < rejections; i++)
    h.apply(20 + i * 8, { seniority: i < 4 ? 'SENIOR' : 'MID', rejected: { days: 14 + i * 8 } })
  h.apply(50, { moves: [['SCREEN', 45]], rejected: { days: 40 } })
}

/** Mood 3, 3, then 2, after two rejections in two weeks: one more rejection makes a streak. */
const lowAfterRejections = (h: History) =>
  h
    .healthy({ checkIns: false })
    .checkIn(14, 3)
    .checkIn(7, 3)
    .checkIn(1, 2)
    .apply(20, { rejected: { days: 10 } })
    .apply(18, { rejected: { days: 6 } })

const plans: Record<InsightKind, { planted: Plan[]; nearMisses: Plan[] } | null> = {
  APPLICATION_STAGE_WALL: {
    // 5 recent and 12 older applications in 60 days, none screened; older history beyond 60 days.
    planted: [
      (h) => {
        h.weeks([1, 2, 2], { tailored: true }).checkIn(14, 4).checkIn(7, 4)
        for (let i = 0; i < 12; i++) h.apply(18 + i * 3, { tailored: i % 2 === 0, rejected: { days: 12 + i * 3 } })
        h.apply(70, { moves: [['SCREEN', 65]], rejected: { days: 62 } })
      },
    ],
    nearMisses: [
      // One screen in 17 (6%).
      (h) => {
        h.weeks([1, 2, 2], { tailored: true }).checkIn(14, 4).checkIn(7, 4)
        for (let i = 0; i < 12; i++)
          h.apply(18 + i * 3, {
            tailored: i % 2 === 0,
            moves: i === 3 ? [['SCREEN', 24]] : [],
            rejected: { days: 12 + i * 3 },
          })
      },
      // 14 applications, none screened.
      (h) => {
        h.weeks([1, 2, 2], { tailored: true }).checkIn(14, 4).checkIn(7, 4)
        for (let i = 0; i < 9; i++) h.apply(18 + i * 4, { tailored: i % 2 === 0, rejected: { days: 12 + i * 4 } })
      },
    ],
  },
  SENIORITY_REACH: {
    planted: [fourAboveLevelOf(6)],
    nearMisses: [
      // 4 of 7 above their level (57%).
      fourAboveLevelOf(7),
      // 4 rejections, all above: too few to say.
      (h) => {
        h.healthy({ older: false })
        for (let i = 0; i < 4; i++) h.apply(20 + i * 8, { seniority: 'LEAD', rejected: { days: 14 + i * 8 } })
        h.apply(50, { moves: [['SCREEN', 45]], rejected: { days: 40 } })
      },
    ],
  },
  LOW_TAILORING: {
    // 12 applications in 60 days, 2 tailored, 1 screen: below the caseload's response rate.
    planted: [sevenRejected(2, 2)],
    nearMisses: [
      // 4 of 12 tailored (33%).
      sevenRejected(4, 5),
      // 9 applications, 1 tailored: too few.
      (h) => {
        h.weeks([1, 2, 2], { tailored: false }).checkIn(14, 4).checkIn(7, 4)
        for (let i = 0; i < 4; i++) h.apply(18 + i * 5, { tailored: i < 1, rejected: { days: 12 + i * 5 } })
      },
    ],
  },
  FIRST_INTERVIEW_WALL: {
    planted: [
      (h) => {
        h.healthy()
        for (let i = 0; i < 3; i++) interview(h, 40 + i * 15, 20 + i * 12)
      },
    ],
    nearMisses: [
      // Three first interviews, one went on to a final round.
      (h) => {
        h.healthy()
        for (let i = 0; i < 2; i++) interview(h, 40 + i * 15, 20 + i * 12)
        h.apply(50, {
          moves: [
            ['SCREEN', 45],
            ['INTERVIEW', 40],
            ['FINAL', 30],
          ],
          rejected: { days: 20, feedbackAsked: true },
        })
      },
      // Two ended, one still in progress.
      (h) => {
        h.healthy()
        for (let i = 0; i < 2; i++) interview(h, 40 + i * 15, 20 + i * 12)
        h.apply(30, {
          moves: [
            ['SCREEN', 25],
            ['INTERVIEW', 10],
          ],
        })
      },
    ],
  },
  FINAL_ROUND_WALL: {
    planted: [
      (h) => {
        h.healthy()
        for (let i = 0; i < 2; i++)
          h.apply(60 + i * 30, {
            moves: [
              ['SCREEN', 55 + i * 30],
              ['INTERVIEW', 50 + i * 30],
              ['FINAL', 45 + i * 30],
            ],
            rejected: { days: 40 + i * 30, feedbackAsked: true },
          })
      },
    ],
    nearMisses: [
      // One final-round rejection in 180 days, the other 190 days ago.
      (h) => {
        h.healthy()
        for (const days of [60, 210])
          h.apply(days, {
            moves: [
              ['SCREEN', days - 5],
              ['INTERVIEW', days - 10],
              ['FINAL', days - 15],
            ],
            rejected: { days: days - 20, feedbackAsked: true },
          })
      },
    ],
  },
  FEEDBACK_NOT_REQUESTED: {
    planted: [(h) => (h.healthy(), interview(h, 35, 10, false))],
    nearMisses: [
      // Rejected six days ago: there is still time to ask.
      (h) => (h.healthy(), interview(h, 30, 6, false)),
      // Rejected after an interview 12 days ago, feedback asked.
      (h) => (h.healthy(), interview(h, 35, 12, true)),
    ],
  },
  GHOSTED: {
    planted: [
      (h) =>
        h
          .healthy()
          .apply(25, {})
          .apply(34, { moves: [['SCREEN', 28]] }),
      (h) => h.healthy().apply(23, { markedGhosted: 5 }),
    ],
    nearMisses: [
      // Sent 20 days ago in their own calendar.
      (h) => h.healthy().apply(20, {}),
      // Silent for 30 days, but they followed up.
      (h) => h.healthy().apply(30, { followedUp: 3 }),
      // Silent for a while, then a screen.
      (h) => h.healthy().apply(40, { moves: [['SCREEN', 12]] }),
    ],
  },
  MOMENTUM_DROP: {
    planted: [
      // A goal of 3, one application in each of the last two weeks, none yet this week.
      (h) => {
        h.goal = 3
        h.weeks([0, 1, 1]).checkIn(14, 4).checkIn(7, 4).checkIn(1, 4)
        h.apply(45, { moves: [['SCREEN', 40]], rejected: { days: 30 } })
      },
      // No update for 17 days.
      (h) => {
        h.apply(40, { moves: [['SCREEN', 30]], rejected: { days: 20 } })
        h.apply(38, { rejected: { days: 17 } }).checkIn(21, 4)
      },
    ],
    nearMisses: [
      // Met the goal last week, not the week before.
      (h) => {
        h.weeks([0, 2, 1, 2]).checkIn(14, 4).checkIn(7, 4)
        h.apply(45, { moves: [['SCREEN', 40]], rejected: { days: 30 } })
      },
      // Under it last week only.
      (h) => {
        h.weeks([1, 1, 2, 2]).checkIn(14, 4).checkIn(7, 4)
        h.apply(45, { moves: [['SCREEN', 40]], rejected: { days: 30 } })
      },
    ],
  },
  MORALE_DROP: {
    planted: [
      // Mood 4, 4, then 2.
      (h) => h.healthy({ checkIns: false }).checkIn(14, 4).checkIn(7, 4).checkIn(1, 2),
      // Mood 2 after three rejections in two weeks.
      (h) => lowAfterRejections(h).apply(16, { rejected: { days: 3 } }),
    ],
    nearMisses: [(h) => h.healthy({ checkIns: false }).checkIn(14, 4).checkIn(7, 4).checkIn(1, 3), lowAfterRejections],
  },
  // The caseload kinds are planted across clients below.
  REASON_CLUSTER: null,
  EMPLOYER_GHOSTING: null,
}

export type PlantedCaseload = {
  /** For each kind, the clients planted to break it. */
  planted: Record<InsightKind, Set<string>>
  nearMisses: Record<InsightKind, Set<string>>
  clients: number
}

/**
 * Plants `perKind` clients for each kind (and as many near misses), and `background` clients who
 * break nothing. `via: 'domain'` writes every change through the domain functions (as the app does,
 * slower); `'factories'` writes the same rows in bulk.
 */
export async function plantCaseload(
  t: TenantContext,
  now: Date,
  {
    seed = 1,
    perKind = 4,
    background = 10,
    concurrency = 6,
    via = 'factories',
  }: { seed?: number; perKind?: number; background?: number; concurrency?: number; via?: 'domain' | 'factories' } = {},
): Promise<PlantedCaseload> {
  const roles: Role[] = []
  for (const kind of insightKinds) {
    const kindPlans = plans[kind]
    if (!kindPlans) continue
    for (let i = 0; i < perKind; i++) {
      roles.push({ kind, nearMiss: false, plan: kindPlans.planted[i % kindPlans.planted.length]! })
      roles.push({ kind, nearMiss: true, plan: kindPlans.nearMisses[i % kindPlans.nearMisses.length]! })
    }
  }
  // REASON_CLUSTER: each planted reason across perKind clients in 30 days; CULTURE_FIT across two, a third at 33 days.
  for (const reason of plantedReasons)
    for (let i = 0; i < perKind; i++)
      roles.push({
        kind: 'REASON_CLUSTER',
        nearMiss: false,
        plan: (h) => h.healthy().apply(30, { moves: [['SCREEN', 24]], rejected: { days: 4 + i * 5, reason } }),
      })
  for (const days of [8, 20, 33])
    roles.push({
      kind: 'REASON_CLUSTER',
      nearMiss: true,
      plan: (h) => h.healthy().apply(45, { moves: [['SCREEN', 40]], rejected: { days, reason: 'CULTURE_FIT' } }),
    })
  // EMPLOYER_GHOSTING: each planted employer silent to perKind clients (who followed up, so they are not GHOSTED).
  const [silent, quiet] = plantedEmployers.ghosting
  const [halfway, twoSteps] = plantedEmployers.nearMiss
  for (const company of [silent!, quiet!])
    for (let i = 0; i < perKind; i++)
      roles.push({
        kind: 'EMPLOYER_GHOSTING',
        nearMiss: false,
        plan: (h) => h.healthy().apply(26 + i * 4, { company, followedUp: 2 + i }),
      })
  // Halfway Labs ghosted three of five clients (60%); Two Steps Inc ghosted two.
  for (let i = 0; i < 5; i++)
    roles.push({
      kind: i < 3 ? 'EMPLOYER_GHOSTING' : null,
      nearMiss: i < 3,
      plan: (h) =>
        h
          .healthy()
          .apply(30 + i, i < 3 ? { company: halfway!, followedUp: 4 } : { company: halfway!, moves: [['SCREEN', 20]] }),
    })
  for (let i = 0; i < 2; i++)
    roles.push({
      kind: 'EMPLOYER_GHOSTING',
      nearMiss: true,
      plan: (h) => h.healthy().apply(35, { company: twoSteps!, followedUp: 5 }),
    })
  for (let i = 0; i < background; i++)
    roles.push({
      kind: null,
      nearMiss: false,
      plan: (h) => (i % 3 === 0 ? h.healthy().apply(28, { followedUp: 6 }) : h.healthy()),
    })

  const empty = () =>
    Object.fromEntries(insightKinds.map((kind) => [kind, new Set<string>()])) as PlantedCaseload['planted']
  const result: PlantedCaseload = { planted: empty(), nearMisses: empty(), clients: roles.length }
  const clients = roles.map((role, index) => ({
    id: newId(),
    organizationId: t.org.id,
    name: `${role.kind ?? 'Background'} ${role.nearMiss ? 'near miss' : 'client'} ${index}`,
    email: `planted-${index}-${newId().slice(1, 9)}@example.test`,
    timezone: timezones[index % timezones.length]!,
    seniority: role.seniority ?? 'MID',
    weeklyGoal: 2,
    createdAt: new Date(now.getTime() - 240 * DAY),
  }))
  await prisma.client.createMany({ data: clients })
  const histories = roles.map((role, index) => {
    const client = clients[index]!
    if (role.kind) (role.nearMiss ? result.nearMisses : result.planted)[role.kind].add(client.id)
    const p: PipelineContext = {
      db: t.db,
      organizationId: t.org.id,
      clientId: client.id,
      timezone: client.timezone,
      actor: { type: 'CLIENT' },
    }
    const history = new History(p, t, now, random(seed * 1000 + index))
    role.plan(history)
    return { client, history }
  })
  if (via === 'domain') {
    for (let start = 0; start < histories.length; start += concurrency)
      await Promise.all(histories.slice(start, start + concurrency).map(({ history }) => history.writeThroughDomain()))
  } else {
    const rows = histories.map(({ history }) => history.rows())
    const applications = rows.flatMap((r) => r.applications)
    await insertAsJson(
      'JobApplication',
      applications.map((row) => ({ feedbackReceived: false, updatedAt: now, ...row })),
    )
    await insertAsJson(
      'StageEvent',
      rows.flatMap((r) => r.events),
    )
    await prisma.task.createMany({ data: rows.flatMap((r) => r.tasks) })
    await prisma.checkIn.createMany({ data: rows.flatMap((r) => r.checkIns) })
    const activity = histories.map(({ client }, i) => ({ id: client.id, at: rows[i]!.lastActivityAt }))
    await prisma.$executeRaw`
      UPDATE "Client" c SET "lastActivityAt" = a.at
      FROM json_to_recordset(${JSON.stringify(activity)}::json) AS a(id text, at timestamp(3))
      WHERE c.id = a.id`
  }
  const goals = histories
    .filter(({ history }) => history.goal !== 2)
    .map(({ client, history }) => ({ id: client.id, goal: history.goal }))
  await prisma.$executeRaw`
    UPDATE "Client" c SET "weeklyGoal" = g.goal
    FROM json_to_recordset(${JSON.stringify(goals)}::json) AS g(id text, goal int)
    WHERE c.id = g.id`
  return result
}

/** Many rows in one statement (Prisma's createMany spends half a millisecond a row), as the demo seed does. */
async function insertAsJson(table: 'JobApplication' | 'StageEvent', rows: object[]) {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))].map((column) => `"${column}"`).join(', ')
  await prisma.$executeRawUnsafe(
    `INSERT INTO "${table}" (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::"${table}", $1::json)`,
    JSON.stringify(rows),
  )
}

export type KindScore = {
  kind: InsightKind
  planted: number
  found: number
  /** Share of the planted clients the engine named. */
  recall: number
  /** Clients named for the kind who were not planted for it (near misses or others). */
  falseAlarms: number
  nearMissAlarms: number
  /** Share of the clients named for the kind who were not planted for it. */
  falseAlarmShare: number
}

/** Scores the engine's open insights against the planted caseload, kind by kind. */
export function scorePlanted(
  caseload: PlantedCaseload,
  insights: { kind: InsightKind; clientId: string | null; evidence: unknown }[],
): KindScore[] {
  return insightKinds.map((kind) => {
    const named = new Set<string>()
    for (const insight of insights.filter((i) => i.kind === kind)) {
      if (insight.clientId) named.add(insight.clientId)
      for (const id of evidenceOf(insight).clientIds ?? []) named.add(id)
    }
    const planted = caseload.planted[kind]
    const found = [...planted].filter((id) => named.has(id)).length
    const falseAlarms = [...named].filter((id) => !planted.has(id))
    return {
      kind,
      planted: planted.size,
      found,
      recall: planted.size ? found / planted.size : 1,
      falseAlarms: falseAlarms.length,
      nearMissAlarms: falseAlarms.filter((id) => caseload.nearMisses[kind].has(id)).length,
      falseAlarmShare: named.size ? falseAlarms.length / named.size : 0,
    }
  })
}
