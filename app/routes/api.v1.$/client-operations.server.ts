import { z } from 'zod'
import { instantOf, isId, openCursor, sealCursor } from '~/domain/api/cursor.server'
import { PageQuery, apiPageSize, listNotesPage } from '~/domain/api/pages.server'
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
import { NoteInput, addNote } from '~/domain/clients/notes.server'
import { cohortIdsOfClient } from '~/domain/cohorts/cohorts.server'
import * as S from './schemas'
import {
  type Operation,
  type Ctx,
  notFound,
  definedOnly,
  fieldFilters,
  strictQuery,
  unknownCursor,
  zodProblem,
} from './operation-kit.server'

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

const ClientsQuery = strictQuery(
  RosterQuery.omit({ page: true }).extend({
    cursor: PageQuery.shape.cursor,
    limit: z.coerce.number().int().min(1).max(apiPageSize.max).default(rosterPageSize),
  }),
)
// The client form's schema without the form's own marker; custom fields are set by field id.
const ApiClientInput = ClientInput.omit({ customFieldsSent: true }).extend({
  field: ClientInput.shape.field.describe(
    'Custom field values by field id: text, a number, a day (YYYY-MM-DD), a choice, or a list of choices; an empty string clears one. Fields left out keep their values.',
  ),
})
const ClientPatch = ApiClientInput.partial().extend({ status: z.enum(clientStatuses).optional() })

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

/** Clients and their notes. */
export const clientOperations: Operation[] = [
  {
    method: 'GET',
    path: '/clients',
    id: 'listClients',
    summary: 'List clients (the roster), filtered and sorted as the web roster',
    tag: 'Clients',
    scope: 'clients:read',
    query: ClientsQuery,
    fieldFilters: true,
    response: S.pageOf(S.RosterRow, 'RosterRow'),
    async run(ctx) {
      const q = ctx.query as z.infer<typeof ClientsQuery>
      const list = `clients:${q.sort}:${q.dir}`
      const after = q.cursor ? rosterKeyFromCursor(q.sort, openCursor(list, q.cursor)) : undefined
      const conditions = await fieldFilters(ctx)
      const result = await listRoster(ctx.t, { ...q, page: 1, after, limit: q.limit + 1 }, new Date(), { conditions })
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
    summary: 'A client’s private notes, newest first',
    tag: 'Clients',
    scope: 'clients:read',
    query: PageQuery,
    response: S.pageOf(S.Note, 'Note'),
    async run(ctx) {
      const client = await requireClient(ctx, ctx.params.id!)
      const page = await listNotesPage(ctx.t, client.id, ctx.query as z.infer<typeof PageQuery>)
      if (!page) throw unknownCursor()
      return { data: page.items.map(S.noteJson), nextCursor: page.nextCursor }
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
]
