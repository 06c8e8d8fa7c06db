import { z } from 'zod'
import type { ApiCaller } from '~/auth/api-key.server'
import type { ApiScope } from '~/domain/api-keys/scopes'
import { instantOf, isId, openCursor, sealCursor } from '~/domain/api/cursor.server'
import {
  CheckInsQuery,
  PageQuery,
  apiPageSize,
  InsightsQuery,
  TasksQuery,
  listCheckInsPage,
  listInsightsPage,
  listTasksPage,
} from '~/domain/api/pages.server'
import {
  ApplicationInput,
  OutcomeInput,
  RejectionInput,
  findClientApplication,
  listStageEvents,
  moveApplicationStage,
  recordRejection,
  setApplicationOutcome,
  updateApplicationDetails,
  addApplication,
  type PipelineContext,
} from '~/domain/applications/applications.server'
import { ApplicationsQuery, decodeCursor, listApplications } from '~/domain/applications/caseload-applications.server'
import { stages } from '~/domain/applications/pipeline'
import { ClientInput } from '~/domain/clients/client-input'
import { valuesOf } from '~/domain/client-fields/client-field-input'
import { clientStatuses } from '~/domain/clients/client-status'
import {
  RosterQuery,
  createClient,
  findClient,
  listRoster,
  rosterKeyOf,
  rosterPageSize,
  type RosterKey,
  type RosterSort,
  setClientStatus,
  updateClient,
} from '~/domain/clients/clients.server'
import { NoteInput, addNote, listNotes } from '~/domain/clients/notes.server'
import { cohortIdsOfClient } from '~/domain/cohorts/cohorts.server'
import { findInsight } from '~/domain/insights/store.server'
import { caseloadFunnel } from '~/domain/patterns/patterns.server'
import { can, type Permission } from '~/domain/practices/permissions'
import { AssignTaskInput, TaskStatusInput, assignTask, updateTaskStatus } from '~/domain/tasks/tasks.server'
import { isOverdue } from '~/domain/tasks/tasks'
import { todayIn } from '~/lib/dates'
import { problem } from '~/lib/problem'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import * as S from './schemas'

// Every operation of /api/v1: its path, scope, permission, the zod schemas that read its input and
// describe its answer, and the domain call. The router (./route.ts) and the OpenAPI document
// (./openapi.server.ts) both read this one table.

export type Operation = {
  method: 'GET' | 'POST' | 'PATCH'
  path: string
  id: string
  summary: string
  tag: string
  scope: ApiScope
  permission?: Permission
  query?: z.ZodType
  body?: z.ZodType
  /** What the body may hold, for the document, when it differs from what `body` checks. */
  bodyDoc?: z.ZodType
  response: z.ZodType
  status?: number
  run: (ctx: Ctx) => Promise<unknown>
}

export type Ctx = {
  caller: ApiCaller
  t: TenantContext
  params: Record<string, string>
  query: unknown
  body: unknown
}

const notFound = (what: string) => problem(404, `No ${what} with this id in your practice.`)

function apiPipeline(ctx: Ctx, client: { id: string; timezone: string }): PipelineContext {
  return {
    db: ctx.t.db,
    organizationId: ctx.t.org.id,
    clientId: client.id,
    timezone: client.timezone,
    actor: { type: 'API_KEY', userId: ctx.t.user.id, apiKeyId: ctx.caller.key.id },
  }
}

/** The application and a pipeline for its client, or a 404 problem. */
async function applicationAndPipeline(ctx: Ctx) {
  const app = await ctx.t.db.jobApplication.findFirst({
    where: { id: ctx.params.id },
    select: { id: true, client: { select: { id: true, timezone: true } } },
  })
  if (!app) throw notFound('application')
  const p = apiPipeline(ctx, app.client)
  const current = await findClientApplication(p, app.id)
  if (!current) throw notFound('application')
  return { p, current }
}

/** The client as the API shows it, with the ids of its cohorts. */
async function clientWithCohorts(
  ctx: Ctx,
  client: Parameters<typeof S.clientJson>[0] & { id: string; customFields: unknown },
) {
  return S.clientJson({
    ...client,
    cohortIds: await cohortIdsOfClient(ctx.t, client.id),
    fields: valuesOf(client.customFields),
  })
}

async function requireClient(ctx: Ctx, id: string) {
  const client = await findClient(ctx.t, id)
  if (!client) throw notFound('client')
  return client
}

const countSorts = new Set<RosterSort>([
  'appsThisWeek',
  'activeApplications',
  'interviewsInProgress',
  'rejections30d',
  'openTasks',
  'latestMood',
])

/** The roster position a cursor holds, checked value by value for its sort; a 400 problem otherwise. */
function rosterKeyFromCursor(sort: RosterSort, key: unknown[] | null): RosterKey {
  const [value, name, id] = key ?? []
  const valueOk =
    value === null
      ? sort === 'coach' || sort === 'lastActivityAt' || sort === 'latestMood'
      : countSorts.has(sort)
        ? Number.isSafeInteger(value)
        : sort === 'lastActivityAt'
          ? instantOf(value) !== null
          : sort === 'status'
            ? (clientStatuses as readonly unknown[]).includes(value)
            : typeof value === 'string' && value.length <= 200
  if (!key || key.length !== 3 || !valueOk || typeof name !== 'string' || name.length > 200 || !isId(id))
    throw unknownCursor()
  return {
    value: sort === 'lastActivityAt' && value !== null ? instantOf(value) : (value as RosterKey['value']),
    name,
    id,
  }
}

const ClientsQuery = RosterQuery.omit({ page: true }).extend({
  cursor: PageQuery.shape.cursor,
  limit: z.coerce.number().int().min(1).max(apiPageSize.max).default(rosterPageSize),
})
const ApplicationsApiQuery = ApplicationsQuery.omit({ after: true, before: true, at: true }).extend({
  cursor: z.string().max(1000).optional().describe('The `nextCursor` of the previous page, as it came.'),
})
// The client form's schema without the form's own marker; custom fields are set by field id.
const ApiClientInput = ClientInput.omit({ customFieldsSent: true }).extend({
  field: ClientInput.shape.field.describe(
    'Custom field values by field id: text, a number, a day (YYYY-MM-DD), a choice, or a list of choices; an empty string clears one. Fields left out keep their values.',
  ),
})
const ClientPatch = ApiClientInput.partial().extend({ status: z.enum(clientStatuses).optional() })
const NewApplication = z.intersection(z.object({ clientId: z.string().min(1).max(64) }), ApplicationInput)
const MoveInput = z.object({ stage: z.enum(stages, { error: 'Choose one of the stages' }) })
const OutcomeBody = z.object({ outcome: OutcomeInput })

/** A stored client as the client form's input, so a partial update re-checks the whole record. */
function clientAsInput(c: Awaited<ReturnType<typeof findClient>> & object) {
  return {
    name: c.name,
    email: c.email,
    coachId: c.coachId ?? '',
    targetRole: c.targetRole ?? '',
    seniority: c.seniority ?? undefined,
    industries: c.industries.join(', '),
    weeklyGoal: c.weeklyGoal,
    timezone: c.timezone,
    digestOptIn: c.digestOptIn,
  }
}

function applicationAsInput(a: NonNullable<Awaited<ReturnType<typeof findClientApplication>>>) {
  return {
    company: a.company,
    roleTitle: a.roleTitle,
    seniority: a.seniority ?? undefined,
    industry: a.industry ?? '',
    location: a.location ?? '',
    workMode: a.workMode ?? undefined,
    source: a.source,
    jobUrl: a.jobUrl ?? undefined,
    appliedOn: a.appliedOn ? a.appliedOn.toISOString().slice(0, 10) : undefined,
    stage: a.stage,
    resumeTailored: a.resumeTailored,
    coverLetter: a.coverLetter,
    salaryMin: a.salaryMin ?? undefined,
    salaryMax: a.salaryMax ?? undefined,
    notes: a.notes ?? '',
  }
}

const definedOnly = (v: unknown) =>
  Object.fromEntries(Object.entries((v ?? {}) as Record<string, unknown>).filter(([, x]) => x !== undefined))

/** An operation's method and path, name, tag, scope and permission, on one line of the table. */
function head(
  route: `${Operation['method']} /${string}`,
  id: string,
  tag: string,
  scope: ApiScope,
  permission?: Permission,
) {
  const [method, path] = route.split(' ') as [Operation['method'], string]
  return { method, path, id, tag, scope, ...(permission ? { permission } : {}) }
}

type CursorPage<R> = { items: R[]; nextCursor: string | null } | null

/** A list that pages by cursor, read by a domain function that answers null to a cursor it never gave out. */
function pagedBy<Q, R>(
  item: z.ZodType,
  name: string,
  list: (t: TenantContext, q: Q) => Promise<CursorPage<R>>,
  json: (row: R) => unknown,
) {
  return {
    response: S.pageOf(item, name),
    async run(ctx: Ctx) {
      const page = await list(ctx.t, ctx.query as Q)
      if (!page) throw unknownCursor()
      return { data: page.items.map(json), nextCursor: page.nextCursor }
    },
  }
}

type ApplicationRow = Parameters<typeof S.applicationJson>[0]

/** A change to one application through its client's pipeline; the answer is the application as it stands after. */
function applicationChange<B>(change: (p: PipelineContext, id: string, body: B) => Promise<ApplicationRow | null>) {
  return {
    response: S.one(S.Application, 'Application'),
    async run(ctx: Ctx) {
      const { p, current } = await applicationAndPipeline(ctx)
      return { data: S.applicationJson((await change(p, current.id, ctx.body as B)) ?? current) }
    },
  }
}

export const operations: Operation[] = [
  // Clients
  {
    method: 'GET',
    path: '/clients',
    id: 'listClients',
    summary: 'List clients (the roster), filtered and sorted as the web roster',
    tag: 'Clients',
    scope: 'clients:read',
    query: ClientsQuery,
    response: S.pageOf(S.RosterRow, 'RosterRow'),
    async run(ctx) {
      const q = ctx.query as z.infer<typeof ClientsQuery>
      const list = `clients:${q.sort}:${q.dir}`
      const after = q.cursor ? rosterKeyFromCursor(q.sort, openCursor(list, q.cursor)) : undefined
      const result = await listRoster(ctx.t, { ...q, page: 1, after, limit: q.limit + 1 })
      const rows = result.rows.slice(0, q.limit)
      const last = rows.at(-1)
      const key = last && result.rows.length > q.limit ? rosterKeyOf(q.sort, last) : null
      return {
        data: rows.map(S.rosterJson),
        nextCursor: key
          ? sealCursor(list, [key.value instanceof Date ? key.value.toISOString() : key.value, key.name, key.id])
          : null,
      }
    },
  },
  {
    method: 'POST',
    path: '/clients',
    id: 'createClient',
    summary: 'Add a client',
    tag: 'Clients',
    scope: 'clients:write',
    permission: 'clients:write',
    body: ApiClientInput,
    response: S.one(S.Client, 'Client'),
    status: 201,
    async run(ctx) {
      const created = await createClient(ctx.t, ctx.body as ClientInput)
      // Read back: custom field values are written after the row.
      return { data: await clientWithCohorts(ctx, await requireClient(ctx, created.id)) }
    },
  },
  {
    method: 'GET',
    path: '/clients/{id}',
    id: 'getClient',
    summary: 'One client',
    tag: 'Clients',
    scope: 'clients:read',
    response: S.one(S.Client, 'Client'),
    async run(ctx) {
      return { data: await clientWithCohorts(ctx, await requireClient(ctx, ctx.params.id!)) }
    },
  },
  {
    method: 'PATCH',
    path: '/clients/{id}',
    id: 'updateClient',
    summary: 'Change a client: fields left out keep their value; `status` places, pauses or archives',
    tag: 'Clients',
    scope: 'clients:write',
    permission: 'clients:write',
    body: z.record(z.string(), z.unknown()),
    bodyDoc: ClientPatch,
    response: S.one(S.Client, 'Client'),
    async run(ctx) {
      const existing = await requireClient(ctx, ctx.params.id!)
      const { status: rawStatus, ...fields } = ctx.body as Record<string, unknown>
      const status = z
        .enum(clientStatuses, { error: 'Choose ACTIVE, PAUSED, PLACED or ARCHIVED' })
        .optional()
        .safeParse(rawStatus)
      if (!status.success) throw zodProblem(status.error, 'status')
      let client = existing
      if (Object.keys(fields).length > 0) {
        const input = ClientInput.safeParse({ ...clientAsInput(existing), ...definedOnly(fields) })
        if (!input.success) throw zodProblem(input.error)
        client = { ...existing, ...(await updateClient(ctx.t, existing.id, input.data))! }
      }
      if (status.data && status.data !== client.status)
        client = { ...client, ...(await setClientStatus(ctx.t, existing.id, status.data))! }
      return { data: await clientWithCohorts(ctx, client) }
    },
  },
  {
    method: 'GET',
    path: '/clients/{id}/notes',
    id: 'listNotes',
    summary: 'A client’s private notes, newest first (the latest 50)',
    tag: 'Clients',
    scope: 'clients:read',
    response: S.pageOf(S.Note, 'Note'),
    async run(ctx) {
      const client = await requireClient(ctx, ctx.params.id!)
      return { data: (await listNotes(ctx.t, client.id)).map(S.noteJson), nextCursor: null }
    },
  },
  {
    method: 'POST',
    path: '/clients/{id}/notes',
    id: 'addNote',
    summary: 'Add a private note on a client',
    tag: 'Clients',
    scope: 'clients:write',
    permission: 'notes:write',
    body: NoteInput,
    response: S.one(S.Note, 'Note'),
    status: 201,
    async run(ctx) {
      const note = await addNote(ctx.t, ctx.params.id!, ctx.body as z.infer<typeof NoteInput>)
      if (!note) throw notFound('client')
      return { data: S.noteJson(note) }
    },
  },
  // Applications
  {
    method: 'GET',
    path: '/applications',
    id: 'listApplications',
    summary: 'List applications, filtered and sorted as the web applications table',
    tag: 'Applications',
    scope: 'applications:read',
    query: ApplicationsApiQuery,
    response: S.pageOf(S.Application, 'Application'),
    async run(ctx) {
      const q = ctx.query as z.infer<typeof ApplicationsApiQuery>
      const list = `applications:${q.sort}`
      const [after] = q.cursor ? (openCursor(list, q.cursor) ?? []) : []
      if (q.cursor && (typeof after !== 'string' || !decodeCursor(q.sort, after))) throw unknownCursor()
      const result = await listApplications(ctx.t, {
        ...q,
        after: after as string | undefined,
        before: undefined,
        at: 1,
      })
      return { data: result.rows.map(S.applicationJson), nextCursor: result.next && sealCursor(list, [result.next]) }
    },
  },
  {
    method: 'POST',
    path: '/applications',
    id: 'createApplication',
    summary: 'Add an application to a client’s pipeline (writes its first stage event)',
    tag: 'Applications',
    scope: 'applications:write',
    permission: 'applications:write',
    body: NewApplication,
    response: S.one(S.Application, 'Application'),
    status: 201,
    async run(ctx) {
      const { clientId, ...input } = ctx.body as z.infer<typeof NewApplication>
      const client = await findClient(ctx.t, clientId)
      if (!client)
        throw problem(400, 'No client with this clientId in your practice.', {
          errors: [{ field: 'clientId', message: 'Choose a client of this practice' }],
        })
      const created = await addApplication(apiPipeline(ctx, client), input as ApplicationInput)
      return { data: S.applicationJson(created) }
    },
  },
  {
    method: 'GET',
    path: '/applications/{id}',
    id: 'getApplication',
    summary: 'One application, with its rejection when it was rejected',
    tag: 'Applications',
    scope: 'applications:read',
    response: S.one(S.Application, 'Application'),
    async run(ctx) {
      const { current } = await applicationAndPipeline(ctx)
      return { data: S.applicationJson(current) }
    },
  },
  {
    method: 'PATCH',
    path: '/applications/{id}',
    id: 'updateApplication',
    summary: 'Change an application’s details (fields left out keep their value); moves go through /stage',
    tag: 'Applications',
    scope: 'applications:write',
    permission: 'applications:write',
    body: z.record(z.string(), z.unknown()),
    bodyDoc: z.object(ApplicationInput.shape).partial(),
    response: S.one(S.Application, 'Application'),
    async run(ctx) {
      const { p, current } = await applicationAndPipeline(ctx)
      const input = ApplicationInput.safeParse({
        ...applicationAsInput(current),
        ...definedOnly(ctx.body),
        stage: current.stage,
      })
      if (!input.success) throw zodProblem(input.error)
      const updated = await updateApplicationDetails(p, current.id, input.data)
      return { data: S.applicationJson(updated ?? current) }
    },
  },
  {
    ...head(
      'POST /applications/{id}/stage',
      'moveApplication',
      'Applications',
      'applications:write',
      'applications:write',
    ),
    summary: 'Move an application to a stage (a stage event with this key as the actor)',
    body: MoveInput,
    ...applicationChange((p, id, body: z.infer<typeof MoveInput>) => moveApplicationStage(p, id, body.stage)),
  },
  {
    ...head(
      'POST /applications/{id}/outcome',
      'setApplicationOutcome',
      'Applications',
      'applications:write',
      'applications:write',
    ),
    summary: 'Ghosted, withdrawn, an offer accepted or declined, or back to in progress',
    body: OutcomeBody,
    ...applicationChange((p, id, body: z.infer<typeof OutcomeBody>) => setApplicationOutcome(p, id, body.outcome)),
  },
  {
    ...head(
      'POST /applications/{id}/rejection',
      'recordRejection',
      'Applications',
      'applications:write',
      'applications:write',
    ),
    summary: 'Record a rejection: the stage it ended at, who ended it, the reason and the feedback',
    body: RejectionInput,
    ...applicationChange((p, id, body: RejectionInput) => recordRejection(p, id, body)),
  },
  {
    method: 'GET',
    path: '/applications/{id}/events',
    id: 'listStageEvents',
    summary: 'Every change of stage or outcome of an application, newest first',
    tag: 'Applications',
    scope: 'applications:read',
    response: S.pageOf(S.StageEvent, 'StageEvent'),
    async run(ctx) {
      const { p, current } = await applicationAndPipeline(ctx)
      const events = await listStageEvents(p, { applicationId: current.id, take: 200 })
      return { data: events.map(S.stageEventJson), nextCursor: null }
    },
  },
  // Tasks
  {
    ...head('GET /tasks', 'listTasks', 'Tasks', 'tasks:read'),
    summary: 'List tasks, newest first, filtered as the tasks board',
    query: TasksQuery,
    ...pagedBy(S.Task, 'Task', listTasksPage, S.taskJson),
  },
  {
    method: 'POST',
    path: '/tasks',
    id: 'assignTask',
    summary: 'Assign a task to one client or several (one task each)',
    tag: 'Tasks',
    scope: 'tasks:write',
    permission: 'tasks:assign',
    body: AssignTaskInput,
    response: S.pageOf(S.Task, 'Task'),
    status: 201,
    async run(ctx) {
      const tasks = await assignTask(ctx.t, ctx.body as AssignTaskInput)
      const today = todayIn(ctx.t.org.timezone)
      return { data: tasks.map((task) => S.taskJson({ ...task, overdue: isOverdue(task, today) })), nextCursor: null }
    },
  },
  {
    ...head('GET /tasks/{id}', 'getTask', 'Tasks', 'tasks:read'),
    summary: 'One task',
    response: S.one(S.Task, 'Task'),
    async run(ctx) {
      const task = await ctx.t.db.task.findFirst({ where: { id: ctx.params.id } })
      if (!task) throw notFound('task')
      return { data: S.taskJson({ ...task, overdue: isOverdue(task, todayIn(ctx.t.org.timezone)) }) }
    },
  },
  {
    method: 'PATCH',
    path: '/tasks/{id}',
    id: 'updateTask',
    summary: 'Mark a task done, skipped or back to do',
    tag: 'Tasks',
    scope: 'tasks:write',
    permission: 'tasks:assign',
    body: TaskStatusInput,
    response: S.one(S.Task, 'Task'),
    async run(ctx) {
      const task = await updateTaskStatus(ctx.t, ctx.params.id!, (ctx.body as z.infer<typeof TaskStatusInput>).status)
      if (!task) throw notFound('task')
      return { data: S.taskJson({ ...task, overdue: isOverdue(task, todayIn(ctx.t.org.timezone)) }) }
    },
  },
  // Check-ins
  {
    ...head('GET /checkins', 'listCheckIns', 'Check-ins', 'checkins:read'),
    summary: 'Clients’ weekly check-ins, latest week first',
    query: CheckInsQuery,
    ...pagedBy(S.CheckIn, 'CheckIn', listCheckInsPage, S.checkInJson),
  },
  // Insights and figures
  {
    ...head('GET /insights', 'listInsights', 'Insights', 'insights:read'),
    summary: 'Open insights, most severe first',
    query: InsightsQuery,
    ...pagedBy(S.Insight, 'Insight', listInsightsPage, S.insightJson),
  },
  {
    ...head('GET /insights/{id}', 'getInsight', 'Insights', 'insights:read'),
    summary: 'One insight with its evidence',
    response: S.one(S.Insight, 'Insight'),
    async run(ctx) {
      const insight = await findInsight(ctx.t, ctx.params.id!)
      if (!insight) throw notFound('insight')
      return { data: S.insightJson(insight) }
    },
  },
  {
    method: 'GET',
    path: '/caseload',
    id: 'getCaseload',
    summary: 'The caseload funnel: how many applications reached each stage',
    tag: 'Insights',
    scope: 'insights:read',
    query: z.object({
      days: z.enum(['30', '90', '180']).default('90').describe('Applications sent in the last N days'),
    }),
    response: S.one(S.Caseload, 'Caseload'),
    async run(ctx) {
      const { days } = ctx.query as { days: string }
      const figures = await caseloadFunnel(ctx.t, { days: Number(days) })
      return { data: figures }
    },
  },
]

export function unknownCursor() {
  return problem(
    400,
    'The cursor is not one of this list’s rows: pass `nextCursor` from the previous page as it came.',
    {
      errors: [{ field: 'cursor', message: 'Unknown cursor' }],
    },
  )
}

export function zodProblem(error: z.ZodError, prefix?: string) {
  const errors = error.issues.map((i) => ({
    field: [prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(body)',
    message: i.message,
  }))
  return problem(400, `Check ${errors.map((e) => e.field).join(', ')}: ${errors[0]?.message ?? 'invalid input'}.`, {
    errors,
  })
}

export function isAllowed(t: TenantContext, op: Operation) {
  return !op.permission || can(t.role, op.permission)
}
