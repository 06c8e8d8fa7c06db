import { z } from 'zod'
import { openCursor, sealCursor } from '~/domain/api/cursor.server'
import { PageQuery, apiPageSize, listStageEventsPage } from '~/domain/api/pages.server'
import {
  ApplicationInput,
  OutcomeInput,
  RejectionInput,
  findClientApplication,
  moveApplicationStage,
  recordRejection,
  setApplicationOutcome,
  updateApplicationDetails,
  addApplication,
  type PipelineContext,
} from '~/domain/applications/applications.server'
import {
  ApplicationsQuery,
  applicationsPageSize,
  decodeCursor,
  listApplications,
} from '~/domain/applications/caseload-applications.server'
import { stages } from '~/domain/applications/pipeline'
import { findClient } from '~/domain/clients/clients.server'
import { problem } from '~/lib/problem'
import * as S from './schemas'
import {
  type Operation,
  type Ctx,
  notFound,
  apiPipeline,
  definedOnly,
  fieldFilters,
  head,
  strictQuery,
  unknownCursor,
  zodProblem,
} from './operation-kit.server'

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

const ApplicationsApiQuery = strictQuery(
  ApplicationsQuery.omit({ after: true, before: true, at: true }).extend({
    cursor: z.string().max(1000).optional().describe('The `nextCursor` of the previous page, as it came.'),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(apiPageSize.max)
      .default(applicationsPageSize)
      .describe('Applications a page holds (1–200).'),
  }),
)
const NewApplication = z.intersection(z.object({ clientId: z.string().min(1).max(64) }), ApplicationInput)
const MoveInput = z.object({ stage: z.enum(stages, { error: 'Choose one of the stages' }) })
const OutcomeBody = z.object({ outcome: OutcomeInput })

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

/** Applications, their stages, outcomes and events. */
export const applicationOperations: Operation[] = [
  {
    method: 'GET',
    path: '/applications',
    id: 'listApplications',
    summary: 'List applications, filtered and sorted as the web applications table',
    tag: 'Applications',
    scope: 'applications:read',
    query: ApplicationsApiQuery,
    fieldFilters: true,
    response: S.pageOf(S.Application, 'Application'),
    async run(ctx) {
      const q = ctx.query as z.infer<typeof ApplicationsApiQuery>
      const list = `applications:${q.sort}`
      const [after] = q.cursor ? (openCursor(list, q.cursor) ?? []) : []
      if (q.cursor && (typeof after !== 'string' || !decodeCursor(q.sort, after))) throw unknownCursor()
      const result = await listApplications(
        ctx.t,
        { ...q, after: after as string | undefined, before: undefined, at: 1 },
        { conditions: await fieldFilters(ctx), pageSize: q.limit },
      )
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
    query: PageQuery,
    response: S.pageOf(S.StageEvent, 'StageEvent'),
    async run(ctx) {
      const { current } = await applicationAndPipeline(ctx)
      const page = await listStageEventsPage(ctx.t, current.id, ctx.query as z.infer<typeof PageQuery>)
      if (!page) throw unknownCursor()
      return { data: page.items.map(S.stageEventJson), nextCursor: page.nextCursor }
    },
  },
]
