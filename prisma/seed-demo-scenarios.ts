import type { ApplicationSource, Seniority, Stage, TaskStatus, TaskType } from '~/generated/prisma/enums'
import type { ApplicationPlan, EndPlan } from './seed-demo-pipeline'
import { ghostingEmployer, type DemoClient, type DemoClientKey } from './seed-demo-data'

// What happens to each demo client. Most pipelines are generated from a profile; the clients
// who show a pattern of DESIGN.md's table get crafted applications on top, on fixed days
// (counted back from today), so the pattern holds whatever day the seed runs.

export type Profile = {
  /** Applications on each weekday, so every 7-day window holds at least the weekly goal. */
  perWeekday: number
  tailoredRate: (daysAgo: number) => number
  coverRate: number
  screenRate: (daysAgo: number) => number
  appRejectRate: number
  /** The furthest stage a generated application may reach (crafted ones may go further). */
  maxReach: Stage
  /** Generated final-round rejections at most. */
  finalRejectCap: number
  aboveLevelRate: number
  lastAppliedDay: number
  /** Generated applications sent after this day never reach a screen. */
  quietSinceDay?: number
  /** Deterministic low tailoring and few responses (LOW_TAILORING). */
  scattergun?: boolean
  savedPostings: number
}

export type TaskSpec = {
  type: TaskType
  status: TaskStatus
  /** Days ago created, due (negative: in the future) and completed. */
  created: number
  due: number
  completed?: number
  title?: string
  completionNote?: string
  /** The `ref` of a crafted application the task is about. */
  about?: string
}

export type Scenario = {
  profile?: Partial<Profile>
  crafted?: (client: DemoClient) => ApplicationPlan[]
  /** Nothing recorded after this day (client stopped updating, paused, or placed). */
  frozenSinceDay?: number
  /** On this day the client withdrew every application still open (placed elsewhere). */
  withdrawOpenOnDay?: number
  importedBefore?: number
  /** Make sure three first interviews never look like a wall (false for the client who shows one). */
  ensureFinal?: boolean
  /** Mood of the check-in `weeksAgo` weeks back; otherwise random in `moodRange`. */
  mood?: (weeksAgo: number) => number | undefined
  moodRange?: [number, number]
  tasks?: TaskSpec[]
  notes?: { day: number; body: string }[]
}

type AppSpec = {
  ref?: string
  company: string
  roleTitle?: string
  seniority?: Seniority
  source?: ApplicationSource
  tailored?: boolean
  applied: number | null
  savedDay?: number
  screen?: number
  interview?: number
  final?: number
  offer?: number
  end?: EndPlan
}

/** A crafted application: reached stages on the given days, nothing random but the posting's details. */
function app(client: DemoClient, spec: AppSpec): ApplicationPlan {
  const stages: ApplicationPlan['stages'] = []
  if (spec.screen !== undefined) stages.push({ stage: 'SCREEN', day: spec.screen })
  if (spec.interview !== undefined) stages.push({ stage: 'INTERVIEW', day: spec.interview })
  if (spec.final !== undefined) stages.push({ stage: 'FINAL', day: spec.final })
  if (spec.offer !== undefined) stages.push({ stage: 'OFFER', day: spec.offer })
  return {
    ref: spec.ref,
    company: spec.company,
    roleTitle: spec.roleTitle ?? client.targetRole,
    seniority: spec.seniority ?? client.seniority,
    industry: client.industries[0] ?? 'Tech',
    source: spec.source ?? 'JOB_BOARD',
    tailored: spec.tailored ?? true,
    coverLetter: true,
    applied: spec.applied,
    savedDay: spec.savedDay,
    stages,
    end: spec.end,
    sweepSilence: false,
  }
}

const rejected = (
  day: number,
  reason: Extract<EndPlan, { outcome: 'REJECTED' }>['reason'],
  feedback: { requested?: number; text?: string } = {},
): EndPlan => ({ outcome: 'REJECTED', day, reason, feedbackRequested: feedback.requested, feedbackText: feedback.text })

/** SKILLS_GAP rejections in the last 30 days across four clients (REASON_CLUSTER). */
export const reasonCluster = {
  reason: 'SKILLS_GAP',
  clients: ['noah.patel', 'emma.larsen', 'kwame.mensah', 'isabel.reyes'],
} as const satisfies { reason: string; clients: DemoClientKey[] }

/** The employer that ghosted four clients (EMPLOYER_GHOSTING). */
export const employerGhosting = {
  company: ghostingEmployer,
  clients: ['hannah.kim', 'ryan.murphy', 'mei.tanaka', 'isabel.reyes'],
} as const satisfies { company: string; clients: DemoClientKey[] }

const ghostedBy = (client: DemoClient, applied: number): ApplicationPlan =>
  app(client, {
    company: ghostingEmployer,
    tailored: true,
    applied,
    end: { outcome: 'GHOSTED', day: applied - 21 },
  })

export const scenarios: Record<DemoClientKey, Scenario> = {
  // Healthy: steady, tailored, and an offer on the table.
  'maya.chen': {
    profile: { screenRate: () => 0.32, tailoredRate: () => 0.85, maxReach: 'INTERVIEW' },
    moodRange: [4, 5],
    crafted: (c) => [
      app(c, {
        company: 'Northlight Design',
        source: 'REFERRAL',
        applied: 38,
        screen: 33,
        interview: 26,
        final: 14,
        offer: 3,
      }),
      app(c, { company: 'Pinecone Digital', roleTitle: 'Senior Product Designer', applied: null, savedDay: 1 }),
    ],
    tasks: [
      { type: 'MOCK_INTERVIEW', status: 'DONE', created: 20, due: 15, completed: 16, title: 'Final-round prep' },
      { type: 'NETWORKING', status: 'DONE', created: 60, due: 53, completed: 55 },
    ],
    notes: [
      { day: 40, body: 'Referral into Northlight Design through a former colleague. Portfolio case study tightened.' },
      { day: 2, body: 'Offer from Northlight Design! Talked through how to ask for a little more on salary.' },
    ],
  },

  // Healthy, now placed: accepted one offer, declined another, withdrew from the rest.
  'daniel.okafor': {
    profile: { lastAppliedDay: 12, screenRate: () => 0.3, maxReach: 'INTERVIEW' },
    frozenSinceDay: 9,
    withdrawOpenOnDay: 9,
    moodRange: [4, 5],
    crafted: (c) => [
      app(c, {
        company: 'Meridian Bank',
        roleTitle: 'Senior Backend Engineer',
        applied: 50,
        screen: 46,
        interview: 39,
        final: 30,
        offer: 18,
        end: { outcome: 'OFFER_DECLINED', day: 15 },
      }),
      app(c, {
        company: 'Ridgeway Software',
        roleTitle: 'Senior Platform Engineer',
        source: 'NETWORKING',
        applied: 45,
        screen: 40,
        interview: 34,
        final: 24,
        offer: 14,
        end: { outcome: 'OFFER_ACCEPTED', day: 10 },
      }),
    ],
    tasks: [{ type: 'MOCK_INTERVIEW', status: 'DONE', created: 40, due: 35, completed: 36 }],
    notes: [
      { day: 15, body: 'Declined Meridian Bank: the on-call load didn’t fit. Two more finals in play.' },
      { day: 9, body: 'Accepted Ridgeway Software’s offer, starts in three weeks. Marked as placed.' },
    ],
  },

  // Healthy, and the proof that an intervention works: screens rose after tailoring (task done 56 days ago).
  'zoe.adams': {
    profile: {
      tailoredRate: (day) => (day >= 56 ? 0.15 : 0.85),
      screenRate: (day) => (day >= 56 ? 0.1 : 0.32),
    },
    moodRange: [3, 4],
    crafted: (c) => [
      app(c, {
        company: 'Signal & Noise Media',
        roleTitle: 'Content Lead',
        applied: 26,
        screen: 21,
        interview: 14,
        final: 5,
      }),
    ],
    tasks: [
      {
        type: 'RESUME_TAILORING',
        status: 'DONE',
        created: 62,
        due: 56,
        completed: 56,
        completionNote: 'Made a base resume and a checklist per posting.',
      },
    ],
    notes: [{ day: 20, body: 'Since she tailors every application, screens have roughly tripled.' }],
  },

  // APPLICATION_STAGE_WALL: 40+ applications since she joined, none reaches a screen.
  'sofia.martinez': {
    profile: { maxReach: 'APPLIED', tailoredRate: () => 0.5, coverRate: 0, appRejectRate: 0.45, aboveLevelRate: 0 },
    tasks: [
      { type: 'RESUME_TAILORING', status: 'TODO', created: 5, due: -3 },
      { type: 'COVER_LETTER', status: 'TODO', created: 12, due: 4 },
      { type: 'NETWORKING', status: 'DONE', created: 40, due: 33, completed: 34 },
    ],
    notes: [
      { day: 30, body: 'Keeps to her goal every week. Volume isn’t the problem; told her so.' },
      {
        day: 6,
        body: 'Still no screens. Her resume reads like a brand manager’s and the postings ask for performance marketing. Rewriting the top third together Thursday, cover letters from now on.',
      },
    ],
  },

  // SENIORITY_REACH: 8 of his 10 application-stage rejections are for senior or lead roles (he is entry level).
  'james.whitaker': {
    profile: { screenRate: () => 0.25, appRejectRate: 0, aboveLevelRate: 0, maxReach: 'INTERVIEW' },
    crafted: (c) => [
      ...(
        [
          ['Harbor Health', 'Senior Data Analyst', 'SENIOR', 50],
          ['Lumen Analytics', 'Analytics Manager', 'LEAD', 44],
          ['Vitalis Health', 'Senior Healthcare Data Analyst', 'SENIOR', 38],
          ['Northwind Software', 'Lead Data Analyst', 'LEAD', 31],
          ['Evergreen Medical Group', 'Senior BI Analyst', 'SENIOR', 26],
          ['Harborview Data', 'Data Analytics Lead', 'LEAD', 20],
          ['CarePoint Clinics', 'Senior Reporting Analyst', 'SENIOR', 15],
          ['Brightpath Labs', 'Manager, Data & Insights', 'LEAD', 10],
        ] as const
      ).map(([company, roleTitle, seniority, applied], index) =>
        app(c, {
          company,
          roleTitle,
          seniority,
          applied,
          end: rejected(applied - 5, 'EXPERIENCE_LEVEL', {
            text:
              index % 3 === 0
                ? 'We are looking for five or more years owning analytics for a product line.'
                : undefined,
          }),
        }),
      ),
      app(c, {
        company: 'Bluestem Pharma',
        roleTitle: 'Data Analyst I',
        applied: 40,
        end: rejected(33, 'NO_REASON_GIVEN'),
      }),
      app(c, {
        company: 'Cobalt Cloud',
        roleTitle: 'Reporting Analyst',
        applied: 22,
        end: rejected(16, 'POSITION_FILLED'),
      }),
    ],
    tasks: [{ type: 'RETARGETING', status: 'TODO', created: 4, due: -4 }],
    notes: [
      {
        day: 4,
        body: 'Most of his application-stage rejections are for senior and lead roles, while his junior applications get screens. Retarget to entry and associate titles for a month.',
      },
    ],
  },

  // LOW_TAILORING: one generic resume for 10+ applications a week; about 1 in 10 tailored, few replies.
  'aisha.bello': {
    profile: { scattergun: true, maxReach: 'SCREEN' },
    tasks: [
      { type: 'RESUME_TAILORING', status: 'TODO', created: 3, due: -4 },
      { type: 'COVER_LETTER', status: 'SKIPPED', created: 25, due: 18 },
    ],
    notes: [
      {
        day: 3,
        body: 'Sending a dozen a week from one generic resume. Agreed: five tailored applications beat fifteen generic ones.',
      },
    ],
  },

  // FIRST_INTERVIEW_WALL: four first interviews, none went to a further round.
  'ethan.brooks': {
    profile: { maxReach: 'SCREEN', screenRate: () => 0.18 },
    ensureFinal: false,
    crafted: (c) => [
      app(c, {
        ref: 'cobalt',
        company: 'Cobalt Cloud',
        roleTitle: 'Backend Engineer',
        applied: 70,
        screen: 64,
        interview: 57,
        end: rejected(52, 'CULTURE_FIT', {
          requested: 51,
          text: 'Strong coding round. The panel found it hard to follow your reasoning in the system design conversation.',
        }),
      }),
      app(c, {
        company: 'Fairway Payments',
        applied: 55,
        screen: 49,
        interview: 42,
        end: rejected(37, 'SKILLS_GAP', { requested: 36 }),
      }),
      app(c, {
        company: 'Parallax Systems',
        roleTitle: 'Full Stack Engineer',
        applied: 40,
        screen: 34,
        interview: 27,
        end: rejected(22, 'NO_REASON_GIVEN', { requested: 21 }),
      }),
      app(c, {
        company: 'Ledgerline',
        applied: 26,
        screen: 20,
        interview: 13,
        end: rejected(8, 'OTHER', {
          requested: 7,
          text: 'We have reopened the search with a different scope for the role. Your interview was solid.',
        }),
      }),
    ],
    tasks: [
      { type: 'MOCK_INTERVIEW', status: 'TODO', created: 6, due: -5 },
      { type: 'FEEDBACK_REQUEST', status: 'DONE', created: 52, due: 45, completed: 51, about: 'cobalt' },
    ],
    notes: [
      {
        day: 6,
        body: 'Four first interviews, none went to a second round. The common thread in the feedback is explaining his thinking. Booking two mock interviews, one of them system design.',
      },
    ],
  },

  // FINAL_ROUND_WALL: three rejections at the final round; a fourth process is at interview.
  'priya.nair': {
    profile: { maxReach: 'INTERVIEW', screenRate: () => 0.22, finalRejectCap: 0 },
    crafted: (c) => [
      app(c, {
        company: 'Lumen Analytics',
        applied: 75,
        screen: 70,
        interview: 64,
        final: 56,
        end: rejected(51, 'INTERNAL_CANDIDATE', {
          requested: 50,
          text: 'We decided to promote someone from within the team. It was a close decision and we hope you apply again.',
        }),
      }),
      app(c, {
        ref: 'vitalis',
        company: 'Vitalis Health',
        roleTitle: 'Senior Product Manager, Platform',
        applied: 52,
        screen: 47,
        interview: 41,
        final: 33,
        end: rejected(28, 'EXPERIENCE_LEVEL', {
          requested: 27,
          text: 'The other finalist had shipped a patient-facing product end to end. You were a very close second.',
        }),
      }),
      app(c, {
        ref: 'quillstack',
        company: 'Quillstack',
        roleTitle: 'Product Lead',
        applied: 35,
        screen: 30,
        interview: 24,
        final: 16,
        end: rejected(11, 'CULTURE_FIT', {
          requested: 10,
          text: 'We loved your structure; the team wanted someone who would push back harder on engineering estimates.',
        }),
      }),
      app(c, { ref: 'harbor', company: 'Harbor Health', source: 'REFERRAL', applied: 14, screen: 9, interview: 3 }),
    ],
    tasks: [
      { type: 'FEEDBACK_REQUEST', status: 'DONE', created: 11, due: 6, completed: 10, about: 'quillstack' },
      {
        type: 'NETWORKING',
        status: 'TODO',
        created: 9,
        due: -2,
        title: 'Stay in touch with the Vitalis Health hiring manager',
        about: 'vitalis',
      },
      { type: 'MOCK_INTERVIEW', status: 'TODO', created: 2, due: -4, title: 'Prepare the Harbor Health product case' },
    ],
    notes: [
      {
        day: 10,
        body: 'Third final round that didn’t land, and three finals in ten weeks says she is a strong candidate. The feedback points at domain depth.',
      },
    ],
  },

  // FEEDBACK_NOT_REQUESTED: two interview rejections (11 and 19 days ago), no feedback asked for.
  'lucas.ferreira': {
    profile: { maxReach: 'INTERVIEW', screenRate: () => 0.2 },
    crafted: (c) => [
      app(c, {
        company: 'Foxglove Creative',
        roleTitle: 'User Researcher',
        applied: 30,
        screen: 25,
        interview: 19,
        end: rejected(11, 'CULTURE_FIT'),
      }),
      app(c, {
        company: 'Orbital Apps',
        applied: 36,
        screen: 31,
        interview: 26,
        end: rejected(19, 'CULTURE_FIT'),
      }),
      app(c, {
        company: 'Studio Fathom',
        roleTitle: 'Design Researcher',
        applied: 28,
        screen: 23,
        interview: 16,
        final: 6,
      }),
    ],
    tasks: [
      { type: 'LINKEDIN_PROFILE', status: 'DONE', created: 50, due: 43, completed: 45 },
      { type: 'FOLLOW_UP', status: 'TODO', created: 2, due: -2 },
    ],
    notes: [{ day: 5, body: 'A final round at Studio Fathom next week. He says asking for feedback feels awkward.' }],
  },

  // GHOSTED: five applications with no word for 24 to 38 days. Also ghosted by Brightwave Logistics.
  'hannah.kim': {
    crafted: (c) => [
      ...(
        [
          ['Ironbridge Freight', 'Operations Coordinator', 24],
          ['Swiftline Supply', 'Logistics Coordinator', 27],
          ['Tidewater Goods', 'Operations Assistant', 31],
          ['Waypoint Distribution', 'Operations Coordinator', 35],
          ['Larkspur Home', 'Operations Assistant', 38],
        ] as const
      ).map(([company, roleTitle, applied]) => app(c, { ref: company, company, roleTitle, applied })),
      ghostedBy(c, 52),
    ],
    tasks: [
      {
        type: 'FOLLOW_UP',
        status: 'TODO',
        created: 3,
        due: -2,
        title: 'Follow up with Larkspur Home',
        about: 'Larkspur Home',
      },
      { type: 'NETWORKING', status: 'DONE', created: 35, due: 28, completed: 30 },
    ],
    notes: [
      { day: 3, body: 'Several applications with no word for weeks. Don’t assume: polite follow-ups this week.' },
    ],
  },

  // MOMENTUM_DROP: 10+ a week until 18 days ago, then nothing: no application, check-in or update.
  'omar.haddad': {
    profile: { lastAppliedDay: 18 },
    frozenSinceDay: 17,
    moodRange: [3, 3],
    tasks: [
      { type: 'SKILL_BUILDING', status: 'DONE', created: 60, due: 50, completed: 52 },
      { type: 'FOLLOW_UP', status: 'TODO', created: 20, due: 13 },
    ],
    notes: [
      { day: 19, body: 'Says the volume is exhausting. Talked about pacing and a lower goal.' },
      { day: 6, body: 'No update for two weeks and no reply to my email. Suggest a check-in call.' },
    ],
  },

  // MORALE_DROP: mood 4 then 2 within two weeks, after four rejections in a row.
  'grace.oconnell': {
    profile: { maxReach: 'SCREEN', quietSinceDay: 25 },
    mood: (weeksAgo) => (weeksAgo >= 2 ? 4 : 2),
    crafted: (c) => [
      app(c, {
        company: 'Evergreen Medical Group',
        roleTitle: 'HR Business Partner',
        applied: 30,
        screen: 24,
        interview: 17,
        end: rejected(9, 'POSITION_FILLED', {
          requested: 8,
          text: 'The role was filled by a candidate who was further along in our process before your interviews started.',
        }),
      }),
      app(c, { company: 'CarePoint Clinics', applied: 14, end: rejected(6, 'NO_REASON_GIVEN') }),
      app(c, {
        company: 'Peopleworks',
        roleTitle: 'People Operations Generalist',
        applied: 20,
        screen: 13,
        end: rejected(4, 'SALARY', {
          requested: 3,
          text: 'The budget for this role is below the range you shared, so we did not want to waste your time.',
        }),
      }),
      app(c, {
        company: 'Beacon HR Partners',
        applied: 11,
        end: rejected(2, 'LOCATION', {
          text: 'The role needs four days a week on site, which did not fit with your location.',
        }),
      }),
    ],
    notes: [{ day: 24, body: 'Good energy, an interview at Evergreen Medical Group. Practised salary conversations.' }],
  },

  // REASON_CLUSTER (with emma.larsen, kwame.mensah, isabel.reyes): rejected for a skills gap this month.
  'noah.patel': {
    crafted: (c) => [
      app(c, {
        company: 'Lumen Analytics',
        roleTitle: 'Machine Learning Engineer',
        applied: 30,
        screen: 24,
        interview: 16,
        end: rejected(6, 'SKILLS_GAP', {
          requested: 5,
          text: 'The team needed someone who has already put models into production; your analysis work was strong.',
        }),
      }),
    ],
    tasks: [{ type: 'SKILL_BUILDING', status: 'TODO', created: 4, due: -10, title: 'Deploy one model end to end' }],
    notes: [{ day: 4, body: 'Second time “production experience” comes up. Suggested a small project he can deploy.' }],
  },
  // REASON_CLUSTER.
  'emma.larsen': {
    crafted: (c) => [
      app(c, {
        company: 'Larkspur Home',
        roleTitle: 'Analytics Engineer',
        applied: 20,
        screen: 15,
        end: rejected(11, 'SKILLS_GAP', {
          requested: 10,
          text: 'We need hands-on dbt and production SQL from day one.',
        }),
      }),
    ],
    tasks: [
      { type: 'SKILL_BUILDING', status: 'TODO', created: 9, due: 2, title: 'Finish the dbt fundamentals course' },
    ],
  },
  // REASON_CLUSTER.
  'kwame.mensah': {
    crafted: (c) => [
      app(c, {
        company: 'Gridwell Energy',
        applied: 35,
        screen: 29,
        interview: 22,
        end: rejected(17, 'SKILLS_GAP', {
          requested: 16,
          text: 'Strong on batch pipelines; this role is mostly streaming (Kafka, Flink).',
        }),
      }),
    ],
  },
  // REASON_CLUSTER and EMPLOYER_GHOSTING.
  'isabel.reyes': {
    crafted: (c) => [
      app(c, {
        company: 'Solaria Power',
        applied: 32,
        end: rejected(24, 'SKILLS_GAP', { text: 'Advanced Excel modelling and SQL are required for this role.' }),
      }),
      ghostedBy(c, 66),
    ],
  },
  // EMPLOYER_GHOSTING.
  'ryan.murphy': { crafted: (c) => [ghostedBy(c, 60)] },
  // EMPLOYER_GHOSTING.
  'mei.tanaka': { crafted: (c) => [ghostedBy(c, 47)] },

  // Paused for a family move: nothing since 30 days ago.
  'ben.carter': {
    profile: { lastAppliedDay: 31 },
    frozenSinceDay: 30,
    notes: [{ day: 30, body: 'Pausing the search for a family move; picks up again next month.' }],
  },

  // Healthy: one offer declined, a final round in progress. Her early history came from her spreadsheet.
  'olivia.grant': {
    profile: { screenRate: () => 0.3, maxReach: 'INTERVIEW' },
    importedBefore: 70,
    moodRange: [4, 5],
    crafted: (c) => [
      app(c, {
        company: 'Bluestem Pharma',
        roleTitle: 'Clinical Educator',
        applied: 40,
        screen: 35,
        interview: 28,
        final: 20,
        offer: 12,
        end: { outcome: 'OFFER_DECLINED', day: 8 },
      }),
      app(c, { company: 'Harbor Health', applied: 25, screen: 20, interview: 12, final: 4 }),
    ],
    notes: [
      { day: 8, body: 'Declined Bluestem: the pay was below her current salary. Good call; a final at Harbor Health.' },
    ],
  },

  // A rejection at the offer stage: the offer was rescinded in a hiring freeze.
  'samuel.wright': {
    crafted: (c) => [
      app(c, {
        company: 'Tidal Works',
        roleTitle: 'Design Engineer',
        applied: 50,
        screen: 44,
        interview: 37,
        final: 30,
        offer: 24,
        end: rejected(20, 'OTHER', {
          requested: 19,
          text: 'A budget freeze means we are pausing all hiring for this quarter.',
        }),
      }),
    ],
    notes: [
      {
        day: 19,
        body: 'Offer rescinded in a hiring freeze at Tidal Works. Nothing to do with him; reframed together.',
      },
    ],
  },

  'fatima.ali': {},
  'lily.nguyen': { importedBefore: 60 },
  'marco.rossi': {},
  'chloe.dubois': {},
}

/** Clients other than the crafted ones get a few of these. */
export const genericTasks: TaskSpec[] = [
  { type: 'NETWORKING', status: 'DONE', created: 40, due: 33, completed: 35 },
  { type: 'LINKEDIN_PROFILE', status: 'DONE', created: 60, due: 53, completed: 55 },
  { type: 'FOLLOW_UP', status: 'TODO', created: 3, due: -2 },
  { type: 'SKILL_BUILDING', status: 'TODO', created: 20, due: 6 },
  { type: 'MOCK_INTERVIEW', status: 'DONE', created: 30, due: 24, completed: 25 },
  { type: 'COVER_LETTER', status: 'SKIPPED', created: 30, due: 25 },
]
