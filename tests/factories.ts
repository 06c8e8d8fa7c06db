import { randomBytes } from 'node:crypto'
import { hashPassword } from '~/auth/password.server'
import { defaultTaskTemplates } from '~/domain/tasks/task-templates'
import type { Db } from '~/lib/db.server'
import type { Prisma } from '~/generated/prisma/client'
import type { ActorType, EndedBy, Outcome, RejectionReason, Role, Stage } from '~/generated/prisma/enums'

// Factories shared by tests and the seed. Each call makes unique rows, so tests that each
// create their own practice can run in parallel on one database without truncating.

/** The raw client or a transaction on it (the seed runs in one transaction). */
export type DbClient = Db | Prisma.TransactionClient

export const unique = (prefix = '') => `${prefix}${randomBytes(5).toString('hex')}`

let cachedHash: Promise<string> | undefined
/** Hashing is slow by design; tests share one hash of the default password. */
export const defaultPassword = 'correct horse battery staple'
function defaultPasswordHash() {
  cachedHash ??= hashPassword(defaultPassword)
  return cachedHash
}

export async function createUser(
  db: DbClient,
  data: Partial<Prisma.UserUncheckedCreateInput> & { password?: string } = {},
) {
  const { password, ...rest } = data
  return db.user.create({
    data: {
      email: `${unique('user-')}@example.test`,
      name: 'Test Coach',
      ...rest,
      passwordHash: rest.passwordHash ?? (password ? await hashPassword(password) : await defaultPasswordHash()),
    },
  })
}

export async function createOrganization(db: DbClient, data: Partial<Prisma.OrganizationUncheckedCreateInput> = {}) {
  const slug = data.slug ?? unique('practice-')
  // An established practice whose digests were started long ago, unless a test says otherwise.
  return db.organization.create({
    data: { name: `Practice ${slug}`, slug, digestsStartedAt: new Date('2020-01-06T00:00:00Z'), ...data },
  })
}

export async function addMember(db: DbClient, organizationId: string, userId: string, role: Role = 'COACH') {
  return db.membership.create({ data: { organizationId, userId, role } })
}

/** A new user who is a member of the practice, a coach unless told otherwise. */
export async function createMember(
  db: DbClient,
  organizationId: string,
  data: Partial<Prisma.UserUncheckedCreateInput> = {},
  role: Role = 'COACH',
) {
  const user = await createUser(db, data)
  await addMember(db, organizationId, user.id, role)
  return user
}

/** A practice with an owner: the usual starting point of a test. */
export async function createPracticeWithOwner(
  db: DbClient,
  data: {
    org?: Partial<Prisma.OrganizationUncheckedCreateInput>
    owner?: Partial<Prisma.UserUncheckedCreateInput>
  } = {},
) {
  const org = await createOrganization(db, data.org)
  const owner = await createUser(db, { name: 'Olivia Owner', ...data.owner })
  const membership = await addMember(db, org.id, owner.id, 'OWNER')
  return { org, owner, membership }
}

export async function createClient(
  db: DbClient,
  organizationId: string,
  data: Partial<Prisma.ClientUncheckedCreateInput> = {},
) {
  return db.client.create({
    data: { organizationId, name: 'Casey Client', email: `${unique('client-')}@example.test`, ...data },
  })
}

/** A cohort running from one calendar date (YYYY-MM-DD) to another. */
export async function createCohort(
  db: DbClient,
  organizationId: string,
  name: string,
  [startsOn, endsOn]: [string, string],
  data: Partial<Prisma.CohortUncheckedCreateInput> = {},
) {
  return db.cohort.create({
    data: { organizationId, name, ...data, startsOn: new Date(startsOn), endsOn: new Date(endsOn) },
  })
}

export async function createApplication(
  db: DbClient,
  organizationId: string,
  clientId: string,
  data: Partial<Prisma.JobApplicationUncheckedCreateInput> = {},
) {
  const application = await db.jobApplication.create({
    data: {
      organizationId,
      clientId,
      company: 'Acme Corp',
      roleTitle: 'Product Analyst',
      appliedOn: new Date(),
      ...data,
    },
  })
  await db.stageEvent.create({
    data: {
      organizationId,
      clientId,
      applicationId: application.id,
      toStage: application.stage,
      toOutcome: application.outcome,
      actorType: 'CLIENT',
      occurredAt: application.lastEventAt,
    },
  })
  return application
}

const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz'
/** A cuid-shaped id, for rows built in memory and inserted with createMany. */
export function newId() {
  const bytes = randomBytes(24)
  let id = 'c'
  for (const byte of bytes) id += alphabet[byte % alphabet.length]
  return id
}

/** Midnight UTC of the Monday of the ISO week holding `date` (the value Prisma stores for a `date` column). */
export function mondayOf(date: Date) {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()))
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7))
  return day
}

function dateOnly(at: Date) {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()))
}

export type HistoryStep = {
  stage: Stage
  /** Defaults to ACTIVE. */
  outcome?: Outcome
  at: Date
  /** Defaults to CLIENT. */
  actorType?: ActorType
  actorUserId?: string | null
}

export type RejectionDetails = {
  /** Defaults to the stage of the last step. */
  stage?: Stage
  endedBy?: EndedBy
  reason: RejectionReason
  feedbackText?: string | null
  feedbackRequestedOn?: Date | null
  feedbackReceived?: boolean
}

export type ApplicationHistoryInput = Omit<
  Partial<Prisma.JobApplicationCreateManyInput>,
  | 'organizationId'
  | 'clientId'
  | 'stage'
  | 'outcome'
  | 'lastEventAt'
  | 'rejectionStage'
  | 'endedBy'
  | 'rejectionReason'
  | 'feedbackText'
  | 'feedbackRequestedOn'
  | 'feedbackReceived'
> & {
  /** Every change of stage or outcome, oldest first; the first step is the application being saved or sent. */
  path: HistoryStep[]
  rejection?: RejectionDetails
}

/**
 * The rows of an application and its stage events, in memory: the application's stage, outcome and
 * lastEventAt are those of the last step, and each step becomes one StageEvent.
 */
export function buildApplicationWithHistory(organizationId: string, clientId: string, input: ApplicationHistoryInput) {
  const { path, rejection, ...data } = input
  const last = path.at(-1)
  if (!last) throw new Error('An application history needs at least one step')
  const outcome = last.outcome ?? 'ACTIVE'
  if (rejection && outcome !== 'REJECTED') throw new Error('Rejection details need a last step with outcome REJECTED')
  const appliedStep = path.find((step) => step.stage !== 'SAVED')
  const id = data.id ?? newId()
  const application: Prisma.JobApplicationCreateManyInput = {
    company: 'Acme Corp',
    roleTitle: 'Product Analyst',
    appliedOn: appliedStep ? dateOnly(appliedStep.at) : null,
    createdAt: path[0]!.at,
    ...data,
    id,
    organizationId,
    clientId,
    stage: last.stage,
    outcome,
    lastEventAt: last.at,
    ...(rejection && {
      rejectionStage: rejection.stage ?? last.stage,
      endedBy: rejection.endedBy ?? 'EMPLOYER',
      rejectionReason: rejection.reason,
      feedbackText: rejection.feedbackText ?? null,
      feedbackRequestedOn: rejection.feedbackRequestedOn ?? null,
      feedbackReceived: rejection.feedbackReceived ?? false,
    }),
  }
  const events: Prisma.StageEventCreateManyInput[] = path.map((step, index) => {
    const previous = path[index - 1]
    return {
      id: newId(),
      organizationId,
      clientId,
      applicationId: id,
      fromStage: previous?.stage ?? null,
      toStage: step.stage,
      fromOutcome: previous ? (previous.outcome ?? 'ACTIVE') : null,
      toOutcome: step.outcome ?? 'ACTIVE',
      actorType: step.actorType ?? 'CLIENT',
      actorUserId: step.actorUserId ?? null,
      occurredAt: step.at,
    }
  })
  return { application, events }
}

/** An application with one StageEvent per step of its path (see buildApplicationWithHistory). */
export async function createApplicationWithHistory(
  db: DbClient,
  organizationId: string,
  clientId: string,
  input: ApplicationHistoryInput,
) {
  const { application, events } = buildApplicationWithHistory(organizationId, clientId, input)
  const created = await db.jobApplication.create({ data: application })
  await db.stageEvent.createMany({ data: events })
  return created
}

/**
 * A builder of one kind of a client's rows: a new id, the kind's defaults (every field the row needs),
 * then what the test gives. TypeScript cannot see through the spread of a generic row, hence the cast.
 */
function clientRowBuilder<T extends { organizationId: string; clientId: string }>(
  defaults: () => Omit<T, 'organizationId' | 'clientId'>,
) {
  return (organizationId: string, clientId: string, data: Partial<T> = {}): T =>
    ({ id: newId(), ...defaults(), ...data, organizationId, clientId }) as unknown as T
}

export const buildTask = clientRowBuilder<Prisma.TaskCreateManyInput>(() => ({
  type: 'OTHER',
  title: 'Update your pipeline',
}))

export const createTask = (db: DbClient, ...row: Parameters<typeof buildTask>) =>
  db.task.create({ data: buildTask(...row) })

export const buildCheckIn = clientRowBuilder<Prisma.CheckInCreateManyInput>(() => ({
  weekOf: mondayOf(new Date()),
  mood: 3,
  energy: 3,
  confidence: 3,
}))

export const createCheckIn = (db: DbClient, ...row: Parameters<typeof buildCheckIn>) =>
  db.checkIn.create({ data: buildCheckIn(...row) })

export const buildNote = clientRowBuilder<Prisma.NoteCreateManyInput>(() => ({
  body: 'Talked through this week’s applications.',
}))

export const createNote = (db: DbClient, ...row: Parameters<typeof buildNote>) =>
  db.note.create({ data: buildNote(...row) })

/** A coach's notification that their client wrote. */
export const createMessageNotification = (
  db: DbClient,
  organizationId: string,
  clientId: string,
  coachId: string,
  notice: { summary: string; path: string },
) =>
  db.notification.create({
    data: { organizationId, clientId, recipientType: 'COACH', recipientId: coachId, kind: 'MESSAGE', ...notice },
  })

export async function createTaskTemplate(
  db: DbClient,
  organizationId: string,
  data: Partial<Prisma.TaskTemplateCreateManyInput> = {},
) {
  const template = defaultTaskTemplates[0]!
  return db.taskTemplate.create({ data: { ...template, ...data, organizationId } })
}

/** The default set of task templates (app/domain/tasks/task-templates.ts), as a new practice gets them. */
export async function createDefaultTaskTemplates(db: DbClient, organizationId: string) {
  return db.taskTemplate.createMany({
    data: defaultTaskTemplates.map((template) => ({ ...template, organizationId })),
  })
}
