import { z } from 'zod'
import type { ActorType, Outcome, Stage } from '~/generated/prisma/enums'
import { dateOnly, isCalendarDay, todayIn, notACalendarDay } from '~/lib/dates'
import type { TenantDb } from '~/tenancy/scoped-client.server'
import { endedBy, rejectionReasons, seniorities, sources, stageLabels, stages, workModes } from './pipeline'
import { requestInsightsRefresh } from '~/jobs/queue.server'
import { InputError } from '~/lib/input-error'
import { orgPath } from '~/lib/org-path'
import { notifyCoaches } from '../notifications/notify.server'
import { withWebhookEvents } from '../webhooks/emit.server'
import { applicationPayload } from '../webhooks/payloads'
import { requiredText } from '../form-fields'

// A client's pipeline: applications and every change of their stage or outcome. Coaches and
// clients both change it; each change writes a StageEvent naming who made it.

/** Whose pipeline, and who is acting. Every read and write is limited to this client. */
export type PipelineContext = {
  db: TenantDb
  organizationId: string
  clientId: string
  /** The client's timezone: "today" and "in the future" are judged in it. */
  timezone: string
  actor: { type: ActorType; userId?: string | null; apiKeyId?: string | null }
}

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters`)
    .optional()
    .transform((v) => v || null)
const checkbox = z
  .union([z.literal('on'), z.literal('true'), z.boolean()])
  .optional()
  .transform((v) => v === true || v === 'on' || v === 'true')
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-11-23')
  .refine(isCalendarDay, notACalendarDay)
const money = z.coerce
  .number({ error: 'Enter a number' })
  .int('Enter a whole number')
  .min(0, 'Enter a positive number')
  .max(100_000_000, 'That number is too large')
  .optional()

/** A link pasted without its scheme ("careers.example.com/123") is completed with https://. */
function completeLink(value: unknown) {
  if (typeof value !== 'string') return value
  const link = value.trim()
  if (!link) return undefined
  return /^[a-z][a-z0-9+.-]*:/i.test(link) ? link : `https://${link.replace(/^\/+/, '')}`
}

export const ApplicationInput = z
  .object({
    company: requiredText('Enter the company', 200),
    roleTitle: requiredText('Enter the job title', 200),
    seniority: z.enum(seniorities).optional(),
    industry: optionalText(100),
    location: optionalText(120),
    workMode: z.enum(workModes).optional(),
    source: z.enum(sources).default('OTHER'),
    // Only web links: a javascript: or data: link would run in whoever opens it.
    jobUrl: z.preprocess(
      completeLink,
      z
        .url({ protocol: /^https?$/, error: 'Enter a web link, like careers.example.com/jobs/123' })
        .max(2000)
        .optional(),
    ),
    appliedOn: isoDay.optional(),
    stage: z.enum(stages).default('APPLIED'),
    resumeTailored: checkbox,
    coverLetter: checkbox,
    salaryMin: money,
    salaryMax: money,
    notes: optionalText(5000),
  })
  .refine((v) => v.salaryMin === undefined || v.salaryMax === undefined || v.salaryMin <= v.salaryMax, {
    path: ['salaryMax'],
    message: 'The top of the range is below the bottom',
  })
export type ApplicationInput = z.infer<typeof ApplicationInput>

export const RejectionInput = z.object({
  /** Defaults to the stage the application has reached. */
  stage: z.enum(stages).optional(),
  endedBy: z.enum(endedBy).default('EMPLOYER'),
  reason: z.enum(rejectionReasons).default('NO_REASON_GIVEN'),
  feedbackText: optionalText(5000),
  feedbackRequestedOn: isoDay.optional(),
  feedbackReceived: checkbox,
})
export type RejectionInput = z.infer<typeof RejectionInput>

export const OutcomeInput = z.enum(['ACTIVE', 'GHOSTED', 'WITHDRAWN', 'OFFER_ACCEPTED', 'OFFER_DECLINED'])

function assertNotFuture(p: PipelineContext, field: string, date: string | undefined, now: Date) {
  if (date && date > todayIn(p.timezone, now)) throw new InputError(field, 'That date is in the future')
}

const mine = (p: PipelineContext, id: string) => ({ id, clientId: p.clientId })

export function listClientApplications(p: PipelineContext) {
  return p.db.jobApplication.findMany({
    where: { clientId: p.clientId },
    orderBy: [{ appliedOn: { sort: 'desc', nulls: 'first' } }, { createdAt: 'desc' }],
  })
}

/** The client's application, or null when it is not theirs. */
export function findClientApplication(p: PipelineContext, id: string) {
  return p.db.jobApplication.findFirst({ where: mine(p, id) })
}

export function listStageEvents(
  p: PipelineContext,
  options: { applicationId?: string; take?: number; skip?: number } = {},
) {
  return p.db.stageEvent.findMany({
    where: { clientId: p.clientId, applicationId: options.applicationId },
    orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
    take: options.take ?? 100,
    skip: options.skip,
    include: { application: { select: { company: true, roleTitle: true } } },
  })
}

type Change = { fromStage: Stage | null; toStage: Stage; fromOutcome: Outcome | null; toOutcome: Outcome }

type Tx = Parameters<Parameters<TenantDb['$transaction']>[0]>[0]

/**
 * Writes an application together with the stage event that says what changed and the client's last
 * activity: one transaction, so no stage change is ever without its event. Insights refresh after.
 */
async function writeWithChange<T extends { id: string }>(
  p: PipelineContext,
  write: (tx: Tx) => Promise<T>,
  change: Change,
  now: Date,
) {
  const type =
    change.fromStage === null
      ? 'application.created'
      : change.toOutcome === 'REJECTED' && change.fromOutcome !== 'REJECTED'
        ? 'application.rejected'
        : 'application.moved'
  const written = await withWebhookEvents(p, async (tx, emit) => {
    const application = await write(tx)
    await tx.stageEvent.create({
      data: {
        organizationId: p.organizationId,
        clientId: p.clientId,
        applicationId: application.id,
        ...change,
        actorType: p.actor.type,
        actorUserId: p.actor.userId ?? null,
        actorApiKeyId: p.actor.apiKeyId ?? null,
        occurredAt: now,
      },
    })
    await tx.client.updateMany({ where: { id: p.clientId }, data: { lastActivityAt: now } })
    await emit(
      type,
      applicationPayload(application, {
        from: { stage: change.fromStage, outcome: change.fromOutcome },
        to: { stage: change.toStage, outcome: change.toOutcome },
        actorType: p.actor.type,
      }),
      now,
    )
    return application
  })
  requestInsightsRefresh(p.organizationId)
  return written
}

export async function addApplication(p: PipelineContext, input: ApplicationInput, now = new Date()) {
  assertNotFuture(p, 'appliedOn', input.appliedOn, now)
  const stage = input.stage
  const appliedOn = input.appliedOn ?? (stage === 'SAVED' ? undefined : todayIn(p.timezone, now))
  return writeWithChange(
    p,
    (tx) =>
      tx.jobApplication.create({
        data: {
          organizationId: p.organizationId,
          clientId: p.clientId,
          ...fields(input),
          appliedOn: appliedOn ? dateOnly(appliedOn) : null,
          stage,
          outcome: 'ACTIVE',
          lastEventAt: now,
        },
      }),
    { fromStage: null, toStage: stage, fromOutcome: null, toOutcome: 'ACTIVE' },
    now,
  )
}

function fields(input: ApplicationInput) {
  return {
    company: input.company,
    roleTitle: input.roleTitle,
    seniority: input.seniority ?? null,
    industry: input.industry,
    location: input.location,
    workMode: input.workMode ?? null,
    source: input.source,
    jobUrl: input.jobUrl ?? null,
    resumeTailored: input.resumeTailored,
    coverLetter: input.coverLetter,
    salaryMin: input.salaryMin ?? null,
    salaryMax: input.salaryMax ?? null,
    notes: input.notes,
  }
}

type ClientApplication = NonNullable<Awaited<ReturnType<typeof findClientApplication>>>

/** Writes what `data` makes of the client's application, without a stage event. Null when it is not in view. */
async function updateClientApplication(
  p: PipelineContext,
  id: string,
  data: (existing: ClientApplication) => Parameters<TenantDb['jobApplication']['update']>[0]['data'],
) {
  const existing = await findClientApplication(p, id)
  if (!existing) return null
  return p.db.jobApplication.update({ where: { id: existing.id }, data: data(existing) })
}

/** Edits the details; the stage and outcome change only through the functions below. */
export async function updateApplicationDetails(
  p: PipelineContext,
  id: string,
  input: ApplicationInput,
  now = new Date(),
) {
  assertNotFuture(p, 'appliedOn', input.appliedOn, now)
  return updateClientApplication(p, id, (existing) => ({
    ...fields(input),
    appliedOn: input.appliedOn ? dateOnly(input.appliedOn) : existing.appliedOn,
  }))
}

/** Moves an application to a stage. Hearing back reopens one that was ghosted or closed. */
export async function moveApplicationStage(p: PipelineContext, id: string, stage: Stage, now = new Date()) {
  if (!(stages as readonly string[]).includes(stage)) throw new InputError('stage', 'Choose one of the stages')
  const existing = await findClientApplication(p, id)
  if (!existing) return null
  if (existing.stage === stage && existing.outcome === 'ACTIVE') return existing
  return writeWithChange(
    p,
    (tx) =>
      tx.jobApplication.update({
        where: { id: existing.id },
        data: {
          stage,
          outcome: 'ACTIVE',
          lastEventAt: now,
          appliedOn: existing.appliedOn ?? (stage === 'SAVED' ? null : dateOnly(todayIn(p.timezone, now))),
          // Reopening ends the rejection. A move within an application in progress changes the stage
          // alone, so that undoing it (stage-undo.server.ts) restores everything it changed.
          ...(existing.outcome === 'ACTIVE' ? {} : { rejectionStage: null, endedBy: null, rejectionReason: null }),
        },
      }),
    { fromStage: existing.stage, toStage: stage, fromOutcome: existing.outcome, toOutcome: 'ACTIVE' },
    now,
  )
}

export async function recordRejection(p: PipelineContext, id: string, input: RejectionInput, now = new Date()) {
  assertNotFuture(p, 'feedbackRequestedOn', input.feedbackRequestedOn, now)
  const existing = await findClientApplication(p, id)
  if (!existing) return null
  const stage = input.stage ?? existing.stage
  const updated = await writeWithChange(
    p,
    (tx) =>
      tx.jobApplication.update({
        where: { id: existing.id },
        data: {
          stage,
          outcome: 'REJECTED',
          lastEventAt: now,
          rejectionStage: stage,
          endedBy: input.endedBy,
          rejectionReason: input.reason,
          feedbackText: input.feedbackText,
          feedbackRequestedOn: input.feedbackRequestedOn ? dateOnly(input.feedbackRequestedOn) : null,
          feedbackReceived: input.feedbackReceived,
        },
      }),
    { fromStage: existing.stage, toStage: stage, fromOutcome: existing.outcome, toOutcome: 'REJECTED' },
    now,
  )
  // A rejection after an interview is word the coach hears between digests.
  if (p.actor.type === 'CLIENT' && existing.outcome !== 'REJECTED' && afterInterview.has(stage)) {
    const client = await p.db.client.findFirst({ where: { id: p.clientId }, select: { name: true } })
    const org = await p.db.organization.findFirst({ select: { slug: true } })
    await notifyCoaches(
      p,
      p.clientId,
      'REJECTION',
      `${client?.name ?? 'A client'} recorded a rejection from ${existing.company} after the ${stageLabels[stage].toLowerCase()} stage.`,
      orgPath(org?.slug ?? '', 'applications', existing.id),
      now,
    )
  }
  return updated
}
const afterInterview = new Set<Stage>(['INTERVIEW', 'FINAL', 'OFFER'])

/** Ghosted, withdrawn, an offer accepted or declined, or back to in progress. */
export async function setApplicationOutcome(
  p: PipelineContext,
  id: string,
  outcome: z.infer<typeof OutcomeInput>,
  now = new Date(),
) {
  const parsed = OutcomeInput.safeParse(outcome)
  if (!parsed.success) throw new InputError('outcome', 'Choose one of the outcomes')
  const existing = await findClientApplication(p, id)
  if (!existing) return null
  if (existing.outcome === outcome) return existing
  const stage: Stage = outcome === 'OFFER_ACCEPTED' || outcome === 'OFFER_DECLINED' ? 'OFFER' : existing.stage
  return writeWithChange(
    p,
    (tx) =>
      tx.jobApplication.update({
        where: { id: existing.id },
        data: { stage, outcome, lastEventAt: now },
      }),
    { fromStage: existing.stage, toStage: stage, fromOutcome: existing.outcome, toOutcome: outcome },
    now,
  )
}

/** Updates the feedback of a rejection already recorded (asked for it, heard back). */
export async function updateRejectionFeedback(
  p: PipelineContext,
  id: string,
  input: Pick<RejectionInput, 'feedbackText' | 'feedbackRequestedOn' | 'feedbackReceived'>,
  now = new Date(),
) {
  assertNotFuture(p, 'feedbackRequestedOn', input.feedbackRequestedOn, now)
  return updateClientApplication(p, id, () => ({
    feedbackText: input.feedbackText,
    feedbackRequestedOn: input.feedbackRequestedOn ? dateOnly(input.feedbackRequestedOn) : null,
    feedbackReceived: input.feedbackReceived,
  }))
}
