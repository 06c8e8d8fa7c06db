import { hashPassword } from '~/auth/password.server'
import { refreshInsights } from '~/domain/insights/store.server'
import { defaultTaskTemplates } from '~/domain/tasks/task-templates'
import type { Prisma } from '~/generated/prisma/client'
import type { InsightKind, Role } from '~/generated/prisma/enums'
import type { Db } from '~/lib/db.server'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import { buildCheckIn, buildNote, buildTask, mondayOf, newId, type DbClient } from '../tests/factories'
import {
  checkInNotes,
  demoClients,
  feedbackByReason,
  genericCoachNotes,
  type CoachKey,
  type DemoClient,
} from './seed-demo-data'
import {
  createClock,
  createRandom,
  isAtLeast,
  levelAbove,
  levelBelow,
  materialise,
  pickCompany,
  rejectionAt,
  titleFor,
  type ApplicationPlan,
  type Clock,
  type EndPlan,
  type Random,
} from './seed-demo-pipeline'
import {
  employerGhosting,
  genericTasks,
  reasonCluster,
  scenarios,
  type Profile,
  type Scenario,
} from './seed-demo-scenarios'

// The demo practice: Northstar Career Coaching, three staff and 25 clients with twelve weeks of
// history relative to `now`. Every pattern of DESIGN.md's table has a client who shows it
// (see seed-demo-scenarios.ts), and its insights are stored at once, so a first login shows them.
// Idempotent: a practice with the slug already there is left alone (its insights are computed if
// it has none yet, as when a run stopped between the two steps).

export const demoPassword = 'rebound-demo'
export const demoClientEmailDomain = 'example.test'
const timeZone = 'America/New_York'
const ghostingThresholdDays = 21

const clientEmail = (key: string) => `${key}@${demoClientEmailDomain}`

/** For each insight kind, the email of a demo client who shows it (client emails are the same in every copy). */
export const demoPatternClients: Record<InsightKind, string> = {
  APPLICATION_STAGE_WALL: clientEmail('sofia.martinez'),
  SENIORITY_REACH: clientEmail('james.whitaker'),
  LOW_TAILORING: clientEmail('aisha.bello'),
  FIRST_INTERVIEW_WALL: clientEmail('ethan.brooks'),
  FINAL_ROUND_WALL: clientEmail('priya.nair'),
  FEEDBACK_NOT_REQUESTED: clientEmail('lucas.ferreira'),
  GHOSTED: clientEmail('hannah.kim'),
  MOMENTUM_DROP: clientEmail('omar.haddad'),
  MORALE_DROP: clientEmail('grace.oconnell'),
  REASON_CLUSTER: clientEmail(reasonCluster.clients[0]),
  EMPLOYER_GHOSTING: clientEmail(employerGhosting.clients[0]),
}

/** The caseload patterns in full: every client they name. */
export const demoReasonCluster = { reason: reasonCluster.reason, clients: reasonCluster.clients.map(clientEmail) }
export const demoEmployerGhosting = {
  company: employerGhosting.company,
  clients: employerGhosting.clients.map(clientEmail),
}

export type SeedDemoOptions = {
  now?: Date
  /** Defaults to `northstar`; tests pass their own so that copies never collide. */
  slug?: string
  /** Domain of the staff logins; defaults to `northstar.test`. */
  emailDomain?: string
}

type StaffKey = 'owner' | CoachKey
const staff: { key: StaffKey; name: string; role: Role }[] = [
  { key: 'owner', name: 'Nora Quinn', role: 'OWNER' },
  { key: 'coach', name: 'Marcus Bell', role: 'COACH' },
  { key: 'coach2', name: 'Lena Hoffman', role: 'COACH' },
]

export async function seedDemo(db: Db, options: SeedDemoOptions = {}) {
  const now = options.now ?? new Date()
  const slug = options.slug ?? 'northstar'
  const emailDomain = options.emailDomain ?? 'northstar.test'
  const logins = staff.map((member) => ({
    email: `${member.key}@${emailDomain}`,
    password: demoPassword,
    role: member.role,
    name: member.name,
  }))

  const existing = await db.organization.findUnique({ where: { slug } })
  if (existing) {
    if ((await db.insight.count({ where: { organizationId: existing.id } })) === 0)
      await refreshDemoInsights(db, existing, now)
    return { created: false as const, organization: existing, logins }
  }

  // Argon2 is slow on purpose: one hash for the three logins.
  const passwordHash = await hashPassword(demoPassword)
  const seeded = await db.$transaction(
    async (tx) => {
      const organization = await tx.organization.create({
        data: {
          name: 'Northstar Career Coaching',
          slug,
          timezone: timeZone,
          digestDay: 1,
          digestHour: 8,
          ghostingThresholdDays,
          createdAt: new Date(now.getTime() - 90 * 86_400_000),
          // The demo practice chose its schedule long ago: its digests run.
          digestsStartedAt: new Date(now.getTime() - 90 * 86_400_000),
        },
      })
      const users = {} as Record<StaffKey, string>
      for (const [index, member] of staff.entries()) {
        const login = logins[index]!
        const user = await tx.user.upsert({
          where: { email: login.email },
          update: {},
          create: { email: login.email, name: member.name, passwordHash },
        })
        users[member.key] = user.id
      }
      await tx.membership.createMany({
        data: staff.map((member) => ({
          organizationId: organization.id,
          userId: users[member.key],
          role: member.role,
        })),
      })
      await tx.taskTemplate.createMany({
        data: defaultTaskTemplates.map((template) => ({ ...template, organizationId: organization.id })),
      })

      const rows = buildCaseload(organization.id, users, createClock(now, timeZone))
      await insertInChunks(tx, rows, now)
      return {
        created: true as const,
        organization,
        logins,
        counts: {
          clients: rows.clients.length,
          applications: rows.applications.length,
          stageEvents: rows.events.length,
          tasks: rows.tasks.length,
          checkIns: rows.checkIns.length,
          notes: rows.notes.length,
          taskTemplates: defaultTaskTemplates.length,
        },
      }
    },
    { timeout: 120_000, maxWait: 30_000 },
  )
  const insights = await refreshDemoInsights(db, seeded.organization, now)
  return { ...seeded, counts: { ...seeded.counts, insights: insights.open } }
}

/** Computes and stores the practice's insights as its owner, as the refresh job does. */
async function refreshDemoInsights(db: Db, organization: Prisma.OrganizationGetPayload<object>, now: Date) {
  const owner = await db.membership.findFirstOrThrow({
    where: { organizationId: organization.id, role: 'OWNER' },
    orderBy: { createdAt: 'asc' },
    include: { user: { select: { id: true, email: true, name: true } } },
  })
  const { user, ...membership } = owner
  return refreshInsights(createTenantContext(db, { user, org: organization, role: 'OWNER', membership }), now)
}

type Caseload = {
  clients: Prisma.ClientCreateManyInput[]
  applications: Prisma.JobApplicationCreateManyInput[]
  events: Prisma.StageEventCreateManyInput[]
  tasks: Prisma.TaskCreateManyInput[]
  checkIns: Prisma.CheckInCreateManyInput[]
  notes: Prisma.NoteCreateManyInput[]
}

async function insertInChunks(db: DbClient, rows: Caseload, now: Date) {
  await db.client.createMany({ data: rows.clients })
  const filled = rows.applications.map((row) => ({ feedbackReceived: false, updatedAt: now, ...row }))
  await insertAsJson(db, 'JobApplication', filled)
  await insertAsJson(db, 'StageEvent', rows.events)
  await db.task.createMany({ data: rows.tasks })
  await db.checkIn.createMany({ data: rows.checkIns })
  await db.note.createMany({ data: rows.notes })
}

/**
 * Prisma's createMany spends about half a millisecond a row in the client, which made the seed
 * take 12 s on the embedded database; the thousands of applications and stage events go in as
 * one JSON parameter instead. Every NOT NULL column without a database default must be in each row.
 */
async function insertAsJson(
  db: DbClient,
  table: 'JobApplication' | 'StageEvent',
  rows: (Prisma.JobApplicationCreateManyInput | Prisma.StageEventCreateManyInput)[],
) {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))].map((column) => `"${column}"`).join(', ')
  for (let start = 0; start < rows.length; start += 2000) {
    await db.$executeRawUnsafe(
      `INSERT INTO "${table}" (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::"${table}", $1::json)`,
      JSON.stringify(rows.slice(start, start + 2000)),
    )
  }
}

const baseProfile: Profile = {
  perWeekday: 1,
  tailoredRate: () => 0.65,
  coverRate: 0.45,
  screenRate: () => 0.22,
  appRejectRate: 0.5,
  maxReach: 'FINAL',
  finalRejectCap: 1,
  aboveLevelRate: 0.08,
  lastAppliedDay: 0,
  savedPostings: 1,
}

/** A stable seed per client, so that changing one client's story leaves the others as they were. */
function seedOf(text: string) {
  let hash = 2_166_136_261
  for (const char of text) hash = Math.imul(hash ^ char.charCodeAt(0), 16_777_619)
  return hash >>> 0
}

type Built = ReturnType<typeof materialise>
type Entry = { clientKey: string; crafted: boolean; built: Built }

function buildCaseload(organizationId: string, users: Record<StaffKey, string>, clock: Clock): Caseload {
  const caseload: Caseload = { clients: [], applications: [], events: [], tasks: [], checkIns: [], notes: [] }
  const entries: Entry[] = []
  const checkInsOf = new Map<string, Prisma.CheckInCreateManyInput[]>()
  for (const client of demoClients) {
    const scenario: Scenario = scenarios[client.key]
    const random = createRandom(seedOf(client.key))
    const clientId = newId()
    const coachId = users[client.coach]
    const frozenAfter = scenario.frozenSinceDay !== undefined ? clock.at(scenario.frozenSinceDay, 23) : undefined
    const profile = { ...baseProfile, perWeekday: Math.ceil(client.weeklyGoal / 5), ...scenario.profile }

    const generated = planApplications(client, profile, clock, random)
    const plans = [...generated, ...(scenario.crafted?.(client) ?? [])]
    const context = { organizationId, clientId, coachId, clock, random, ghostingDays: ghostingThresholdDays }
    const build = (plan: ApplicationPlan) =>
      materialise(client, plan, { ...context, frozenAfter, importedBefore: scenario.importedBefore })
    const built = plans.map(build)
    if (scenario.ensureFinal !== false) ensureAFinalRound(plans, built, build)
    if (scenario.withdrawOpenOnDay !== undefined) withdrawOpen(built, clock.at(scenario.withdrawOpenOnDay, 21))
    built.forEach((one, index) =>
      entries.push({ clientKey: client.key, crafted: index >= generated.length, built: one }),
    )

    const refs = new Map<string, string>()
    plans.forEach((plan, index) => plan.ref && refs.set(plan.ref, built[index]!.application.id!))
    const rowsOf: ClientBuild = { organizationId, clientId, client, scenario, clock, random, coachId }
    const checkIns = buildCheckIns(rowsOf, frozenAfter)
    checkInsOf.set(client.key, checkIns)
    caseload.checkIns.push(...checkIns)
    caseload.tasks.push(...buildTasks(rowsOf, refs))
    caseload.notes.push(...buildNotes(rowsOf))
    caseload.clients.push({
      id: clientId,
      organizationId,
      coachId,
      name: client.name,
      email: clientEmail(client.key),
      status: client.status,
      targetRole: client.targetRole,
      seniority: client.seniority,
      industries: [...client.industries],
      weeklyGoal: client.weeklyGoal,
      timezone: client.timezone,
      createdAt: clock.past(client.joinedDaysAgo, 14),
    })
  }

  keepCaseloadPatternsCrafted(entries, clock)

  for (const [index, client] of demoClients.entries()) {
    const built = entries.filter((entry) => entry.clientKey === client.key).map((entry) => entry.built)
    for (const { application, events } of built) {
      caseload.applications.push(application)
      caseload.events.push(...events)
    }
    const updates = [
      ...built.flatMap(({ events }) => events.filter((event) => event.actorType === 'CLIENT')).map((e) => e.occurredAt),
      ...checkInsOf.get(client.key)!.map((checkIn) => checkIn.createdAt),
    ].map((at) => new Date(at!).getTime())
    caseload.clients[index]!.lastActivityAt = updates.length ? new Date(Math.max(...updates)) : null
  }
  return caseload
}

/**
 * Caseload patterns should come from the crafted stories, not from chance: an employer that
 * ghosted two clients ghosts no third one by chance (it sends a form rejection instead), and in the
 * last 45 days a specific rejection reason reaches a third client only where crafted.
 */
function keepCaseloadPatternsCrafted(entries: Entry[], clock: Clock) {
  const recent = clock.at(45, 0)
  const ghostedClients = new Map<string, Set<string>>()
  const reasonClients = new Map<string, Set<string>>()
  const isRecentReason = ({ application }: Built) =>
    application.outcome === 'REJECTED' &&
    application.rejectionReason !== 'NO_REASON_GIVEN' &&
    new Date(application.lastEventAt!) >= recent
  const claim = (map: Map<string, Set<string>>, key: string, clientKey: string, force: boolean) => {
    const clients = map.get(key) ?? new Set<string>()
    map.set(key, clients)
    if (!force && !clients.has(clientKey) && clients.size >= 2) return false
    clients.add(clientKey)
    return true
  }
  const ordered = [...entries.filter((entry) => entry.crafted), ...entries.filter((entry) => !entry.crafted)]
  for (const { clientKey, crafted, built } of ordered) {
    const { application, events } = built
    if (application.outcome === 'GHOSTED' && !claim(ghostedClients, application.company, clientKey, crafted)) {
      const last = events.at(-1)!
      Object.assign(last, { toOutcome: 'REJECTED', actorType: 'CLIENT', actorUserId: null })
      Object.assign(application, {
        outcome: 'REJECTED',
        rejectionStage: application.stage,
        endedBy: 'EMPLOYER',
        rejectionReason: 'NO_REASON_GIVEN',
        // Asked on the day the form rejection came.
        feedbackRequestedOn:
          application.stage === 'APPLIED' ? null : new Date(new Date(last.occurredAt!).toISOString().slice(0, 10)),
      } satisfies Partial<Prisma.JobApplicationCreateManyInput>)
    }
    if (isRecentReason(built) && !claim(reasonClients, application.rejectionReason!, clientKey, crafted)) {
      application.rejectionReason = 'NO_REASON_GIVEN'
      application.endedBy = 'EMPLOYER'
      if (application.feedbackText) application.feedbackText = feedbackByReason.NO_REASON_GIVEN[0]
    }
  }
}

/** The client's everyday applications: a few each weekday from joining until `lastAppliedDay`. */
function planApplications(client: DemoClient, profile: Profile, clock: Clock, random: Random): ApplicationPlan[] {
  const plans: ApplicationPlan[] = []
  let finalRejections = 0
  for (let day = client.joinedDaysAgo; day >= profile.lastAppliedDay; day--) {
    const count = clock.isWeekday(day) ? profile.perWeekday + (random.chance(0.2) ? 1 : 0) : random.chance(0.1) ? 1 : 0
    for (let i = 0; i < count; i++) {
      const plan = planOne(client, profile, day, plans.length, random, finalRejections)
      if (plan.end?.outcome === 'REJECTED' && plan.stages.at(-1)?.stage === 'FINAL') finalRejections++
      plans.push(plan)
    }
  }
  for (let i = 0; i < profile.savedPostings && profile.lastAppliedDay === 0; i++) {
    const { industry, company } = pickCompany(client, random)
    plans.push({
      company,
      industry,
      roleTitle: titleFor(client, client.seniority, random),
      seniority: client.seniority,
      source: 'JOB_BOARD',
      tailored: false,
      coverLetter: false,
      applied: null,
      savedDay: random.int(0, 4),
      stages: [],
      sweepSilence: false,
    })
  }
  return plans
}

function planOne(
  client: DemoClient,
  profile: Profile,
  day: number,
  index: number,
  random: Random,
  finalRejections: number,
): ApplicationPlan {
  const { scattergun } = profile
  const aboveLevel = !scattergun && random.chance(profile.aboveLevelRate)
  const belowLevel = !aboveLevel && random.chance(0.06)
  const seniority = aboveLevel
    ? levelAbove(client.seniority)
    : belowLevel
      ? levelBelow(client.seniority)
      : client.seniority
  const { industry, company } = pickCompany(client, random)
  const source = random.weighted({
    JOB_BOARD: 45,
    COMPANY_SITE: 20,
    REFERRAL: 10,
    RECRUITER: 10,
    NETWORKING: 10,
    OTHER: 5,
  })
  const tailored = scattergun ? index % 10 === 3 : random.chance(profile.tailoredRate(day))
  const coverLetter = !scattergun && random.chance(profile.coverRate)

  const quiet = profile.quietSinceDay !== undefined && day < profile.quietSinceDay
  const screenChance = profile.screenRate(day) * (tailored ? 1.25 : 0.75) * (source === 'REFERRAL' ? 1.8 : 1)
  const screened = scattergun ? index % 8 === 5 : !quiet && random.chance(screenChance)
  const stages: ApplicationPlan['stages'] = []
  if (screened && isAtLeast(profile.maxReach, 'SCREEN')) {
    stages.push({ stage: 'SCREEN', day: day - random.int(4, 10) })
    if (isAtLeast(profile.maxReach, 'INTERVIEW') && random.chance(0.55)) {
      stages.push({ stage: 'INTERVIEW', day: stages.at(-1)!.day - random.int(5, 9) })
      if (isAtLeast(profile.maxReach, 'FINAL') && random.chance(0.4))
        stages.push({ stage: 'FINAL', day: stages.at(-1)!.day - random.int(6, 11) })
    }
  }

  let end: EndPlan | undefined
  const last = stages.at(-1)
  if (!last) {
    const rejectedNow = scattergun ? index % 10 === 7 : random.chance(profile.appRejectRate)
    if (rejectedNow)
      end = rejectionAt('APPLIED', day - random.int(3, 14), random, { aboveLevel, askForFeedback: false })
  } else {
    const roll = random.next()
    const canReject = last.stage !== 'FINAL' || finalRejections < profile.finalRejectCap
    if (roll < 0.72 && canReject)
      end = rejectionAt(last.stage, last.day - random.int(2, 8), random, { askForFeedback: true })
    else if (roll < 0.85) end = { outcome: 'WITHDRAWN', day: last.day - random.int(2, 6) }
  }

  return {
    company,
    industry,
    roleTitle: titleFor(client, seniority, random),
    seniority,
    source,
    tailored,
    coverLetter,
    applied: day,
    stages,
    end,
    sweepSilence: true,
  }
}

/**
 * Three first interviews that never went further is a pattern of its own (FIRST_INTERVIEW_WALL);
 * other clients get a final round on their oldest interview so they don't show it by chance.
 */
function ensureAFinalRound(plans: ApplicationPlan[], built: Built[], build: (plan: ApplicationPlan) => Built) {
  const reached = (stage: 'INTERVIEW' | 'FINAL') =>
    built.filter(({ application }) => isAtLeast(application.stage ?? 'APPLIED', stage)).length
  if (reached('INTERVIEW') < 3 || reached('FINAL') > 0) return
  for (const [index, plan] of plans.entries()) {
    const interview = plan.stages.find((step) => step.stage === 'INTERVIEW')
    if (!interview || plan.stages.length !== 2 || interview.day < 14) continue
    const finalDay = interview.day - 7
    plans[index] = {
      ...plan,
      stages: [...plan.stages, { stage: 'FINAL', day: finalDay }],
      end: { outcome: 'WITHDRAWN', day: finalDay - 3 },
    }
    built[index] = build(plans[index]!)
    return
  }
}

/** A placed client withdraws from every process still open. */
function withdrawOpen(built: Built[], at: Date) {
  for (const { application, events } of built) {
    if (application.outcome !== 'ACTIVE' || application.stage === 'SAVED') continue
    const last = events.at(-1)!
    events.push({
      ...last,
      id: newId(),
      fromStage: last.toStage,
      fromOutcome: 'ACTIVE',
      toStage: last.toStage,
      toOutcome: 'WITHDRAWN',
      actorType: 'CLIENT',
      actorUserId: null,
      occurredAt: at,
    })
    application.outcome = 'WITHDRAWN'
    application.lastEventAt = at
  }
}

/** What one demo client's rows are built from: who they are, their story, the clock and their random stream. */
type ClientBuild = {
  organizationId: string
  clientId: string
  client: DemoClient
  scenario: Scenario
  clock: Clock
  random: Random
  coachId: string
}

function buildCheckIns(
  { organizationId, clientId, client, scenario, clock, random }: ClientBuild,
  frozenAfter: Date | undefined,
) {
  const [low, high] = scenario.moodRange ?? [3, 4]
  const clamp = (value: number) => Math.min(5, Math.max(1, value))
  const joined = clock.at(client.joinedDaysAgo, 0)
  const checkIns: Prisma.CheckInCreateManyInput[] = []
  for (let weeksAgo = Math.floor(client.joinedDaysAgo / 7); weeksAgo >= 0; weeksAgo--) {
    const weekOf = mondayOf(clock.date(weeksAgo * 7))
    // Friday afternoon of that week.
    const createdAt = new Date(weekOf.getTime() + 4 * 86_400_000 + (15 + random.int(0, 6)) * 3_600_000)
    // Some weeks go without a check-in, though never in a crafted mood story.
    const skipped = random.chance(0.12) && weeksAgo > 2 && !scenario.mood
    if (skipped || createdAt < joined || createdAt > clock.now || (frozenAfter && createdAt > frozenAfter)) continue
    const mood = scenario.mood?.(weeksAgo) ?? random.int(low, high)
    const bucket = mood <= 2 ? checkInNotes.low : mood >= 4 ? checkInNotes.high : checkInNotes.middle
    checkIns.push(
      buildCheckIn(organizationId, clientId, {
        weekOf,
        mood,
        energy: clamp(mood + random.int(-1, 0)),
        confidence: clamp(mood + random.int(-1, 1) - (mood <= 2 ? 1 : 0)),
        note: random.chance(0.6) || mood <= 2 ? random.pick(bucket) || null : null,
        createdAt,
      }),
    )
  }
  return checkIns
}

function buildTasks(
  { organizationId, clientId, client, scenario, clock, random, coachId }: ClientBuild,
  refs: Map<string, string>,
) {
  const specs = scenario.tasks ?? genericTasks.filter(() => random.chance(0.45)).slice(0, 3)
  return specs
    .filter((spec) => spec.created <= client.joinedDaysAgo)
    .map((spec) => {
      const template = defaultTaskTemplates.find((candidate) => candidate.type === spec.type)!
      return buildTask(organizationId, clientId, {
        type: spec.type,
        title: spec.title ?? template.title,
        instructions: template.instructions,
        status: spec.status,
        dueOn: clock.date(spec.due),
        applicationId: spec.about ? refs.get(spec.about) : null,
        assignedById: coachId,
        createdAt: clock.past(spec.created, 14),
        completedAt: spec.completed !== undefined ? clock.past(spec.completed, 18) : null,
        completionNote: spec.completionNote ?? null,
      })
    })
}

function buildNotes({ organizationId, clientId, client, scenario, clock, random, coachId }: ClientBuild) {
  const first = { day: Math.max(client.joinedDaysAgo - 2, 0), body: random.pick(genericCoachNotes) }
  return [first, ...(scenario.notes ?? [])].map((note) =>
    buildNote(organizationId, clientId, { body: note.body, authorId: coachId, createdAt: clock.past(note.day, 16) }),
  )
}
