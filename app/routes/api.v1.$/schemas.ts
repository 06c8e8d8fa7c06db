import { z } from 'zod'
import {
  endedBy,
  outcomes,
  rejectionReasons,
  seniorities,
  sources,
  stages,
  workModes,
} from '~/domain/applications/pipeline'
import { clientStatuses } from '~/domain/clients/client-status'
import { insightKinds } from '~/domain/insights/kinds'
import { taskStatuses, taskTypes } from '~/domain/tasks/tasks'

// What the JSON API answers, as zod schemas: the OpenAPI document is generated from these, and the
// serializers below turn rows into exactly these shapes.

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .describe('A calendar day, YYYY-MM-DD')
const instant = z.iso.datetime().describe('An instant, ISO 8601 in UTC')
const nullable = <T extends z.ZodType>(s: T) => s.nullable()
const actorTypes = ['COACH', 'CLIENT', 'IMPORT', 'SYSTEM', 'API_KEY'] as const

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' })

export const Client = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    status: z.enum(clientStatuses),
    coachId: nullable(z.string()),
    targetRole: nullable(z.string()),
    seniority: nullable(z.enum(seniorities)),
    industries: z.array(z.string()),
    weeklyGoal: z.number().int(),
    timezone: z.string(),
    digestOptIn: z.boolean(),
    cohortIds: z.array(z.string()).describe('The cohorts the client is in'),
    fields: z
      .record(z.string(), z.union([z.string(), z.number(), z.array(z.string())]))
      .describe('Custom field values by field id (a day as YYYY-MM-DD, choices as a list)'),
    lastActivityAt: nullable(instant),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: 'Client' })

export const RosterRow = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    status: z.enum(clientStatuses),
    weeklyGoal: z.number().int(),
    coachId: nullable(z.string()),
    coachName: nullable(z.string()),
    appsThisWeek: z.number().int(),
    activeApplications: z.number().int(),
    interviewsInProgress: z.number().int(),
    rejections30d: z.number().int(),
    lastActivityAt: nullable(instant),
    openTasks: z.number().int(),
    latestMood: nullable(z.number().int()),
  })
  .meta({ id: 'RosterRow', description: 'A client as the roster shows them, with this week’s numbers' })

export const Application = z
  .object({
    id: z.string(),
    clientId: z.string(),
    company: z.string(),
    roleTitle: z.string(),
    seniority: nullable(z.enum(seniorities)),
    industry: nullable(z.string()),
    location: nullable(z.string()),
    workMode: nullable(z.enum(workModes)),
    source: z.enum(sources),
    jobUrl: nullable(z.string()),
    appliedOn: nullable(day),
    resumeTailored: z.boolean(),
    coverLetter: z.boolean(),
    salaryMin: nullable(z.number().int()),
    salaryMax: nullable(z.number().int()),
    notes: nullable(z.string()),
    stage: z.enum(stages),
    outcome: z.enum(outcomes),
    lastEventAt: instant,
    rejection: nullable(
      z.object({
        stage: nullable(z.enum(stages)),
        endedBy: nullable(z.enum(endedBy)),
        reason: nullable(z.enum(rejectionReasons)),
        feedbackText: nullable(z.string()),
        feedbackRequestedOn: nullable(day),
        feedbackReceived: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'Application' })

export const StageEvent = z
  .object({
    id: z.string(),
    applicationId: z.string(),
    clientId: z.string(),
    fromStage: nullable(z.enum(stages)),
    toStage: z.enum(stages),
    fromOutcome: nullable(z.enum(outcomes)),
    toOutcome: z.enum(outcomes),
    actorType: z.enum(actorTypes),
    actorUserId: nullable(z.string()),
    actorApiKeyId: nullable(z.string()),
    occurredAt: instant,
  })
  .meta({ id: 'StageEvent' })

export const Task = z
  .object({
    id: z.string(),
    clientId: z.string(),
    applicationId: nullable(z.string()),
    insightId: nullable(z.string()),
    type: z.enum(taskTypes),
    title: z.string(),
    instructions: z.string(),
    dueOn: nullable(day),
    status: z.enum(taskStatuses),
    overdue: z.boolean(),
    assignedById: nullable(z.string()),
    completedAt: nullable(instant),
    completionNote: nullable(z.string()),
    createdAt: instant,
  })
  .meta({ id: 'Task' })

export const CheckIn = z
  .object({
    id: z.string(),
    clientId: z.string(),
    weekOf: day,
    mood: z.number().int(),
    energy: z.number().int(),
    confidence: z.number().int(),
    note: nullable(z.string()),
    createdAt: instant,
  })
  .meta({ id: 'CheckIn' })

export const Note = z
  .object({
    id: z.string(),
    clientId: z.string(),
    authorId: nullable(z.string()),
    body: z.string(),
    createdAt: instant,
  })
  .meta({ id: 'Note' })

export const Insight = z
  .object({
    id: z.string(),
    clientId: nullable(z.string()),
    kind: z.enum(insightKinds),
    severity: z.number().int(),
    evidence: z.record(z.string(), z.unknown()),
    suggestedTaskType: nullable(z.enum(taskTypes)),
    status: z.enum(['OPEN', 'DISMISSED', 'SNOOZED', 'RESOLVED']),
    computedAt: instant,
  })
  .meta({ id: 'Insight' })

const funnel = z.object({
  APPLIED: z.number().int(),
  SCREEN: z.number().int(),
  INTERVIEW: z.number().int(),
  FINAL: z.number().int(),
  OFFER: z.number().int(),
})
export const Caseload = z
  .object({
    days: z.number().int().describe('The window in days; 0 for all time'),
    funnel: funnel.describe('How many applications reached each stage'),
  })
  .meta({ id: 'Caseload' })

export const pageOf = <T extends z.ZodType>(item: T, name: string) =>
  z
    .object({
      data: z.array(item),
      nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
    })
    .meta({ id: `${name}Page` })

export const one = <T extends z.ZodType>(item: T, name: string) =>
  z.object({ data: item }).meta({ id: `${name}Result` })

// ---------------------------------------------------------------------------------------------
// Rows to JSON

const iso = (d: Date | null) => (d ? d.toISOString() : null)
const isoDay = (d: Date | string | null) => (d ? (typeof d === 'string' ? d : d.toISOString().slice(0, 10)) : null)

type Row = Record<string, unknown>
const pick = <S extends z.ZodObject>(schema: S, row: Row) =>
  Object.fromEntries(Object.keys(schema.shape).map((k) => [k, row[k] ?? null]))

export function clientJson(c: Row & { lastActivityAt: Date | null; createdAt: Date; updatedAt: Date }) {
  return {
    ...pick(Client, c),
    lastActivityAt: iso(c.lastActivityAt),
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
  }
}

export function rosterJson(r: Row & { lastActivityAt: Date | null }) {
  return { ...pick(RosterRow, r), lastActivityAt: iso(r.lastActivityAt ? new Date(r.lastActivityAt) : null) }
}

export function applicationJson(
  a: Row & {
    appliedOn: Date | string | null
    lastEventAt: Date | string
    outcome: string
    rejectionStage?: unknown
    feedbackRequestedOn?: Date | null
  },
) {
  const rejected = a.outcome === 'REJECTED'
  return {
    ...pick(Application, a),
    appliedOn: isoDay(a.appliedOn),
    lastEventAt: new Date(a.lastEventAt).toISOString(),
    rejection: rejected
      ? {
          stage: a.rejectionStage ?? null,
          endedBy: a.endedBy ?? null,
          reason: a.rejectionReason ?? null,
          feedbackText: a.feedbackText ?? null,
          feedbackRequestedOn: isoDay(a.feedbackRequestedOn ?? null),
          feedbackReceived: a.feedbackReceived === true,
        }
      : null,
  }
}

export function stageEventJson(e: Row & { occurredAt: Date }) {
  return { ...pick(StageEvent, e), occurredAt: iso(e.occurredAt) }
}

export function taskJson(
  task: Row & { dueOn: Date | null; completedAt: Date | null; createdAt: Date; overdue: boolean },
) {
  return {
    ...pick(Task, task),
    dueOn: isoDay(task.dueOn),
    completedAt: iso(task.completedAt),
    createdAt: iso(task.createdAt),
    overdue: task.overdue,
  }
}

export function checkInJson(c: Row & { weekOf: Date; createdAt: Date }) {
  return { ...pick(CheckIn, c), weekOf: isoDay(c.weekOf), createdAt: iso(c.createdAt) }
}

export function noteJson(n: Row & { createdAt: Date }) {
  return { ...pick(Note, n), createdAt: iso(n.createdAt) }
}

export function insightJson(i: Row & { computedAt: Date; evidence: unknown }) {
  const evidence = i.evidence && typeof i.evidence === 'object' && !Array.isArray(i.evidence) ? i.evidence : {}
  return { ...pick(Insight, i), evidence, computedAt: iso(i.computedAt) }
}
