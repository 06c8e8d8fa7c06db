import { z } from 'zod'
import type { ClientStatus } from '~/generated/prisma/enums'
import type { Client, Prisma } from '~/generated/prisma/client'
import { describeWeekSpan, weekSoFar } from '~/lib/weeks'
import {
  emptySql,
  joinSql,
  limitSql,
  ownClientsCondition,
  queryTenantSql,
  sql,
  tenantList,
  type Sql,
} from '~/tenancy/sql.server'
import { isOwnClientsOnly, type TenantContext } from '~/tenancy/scoped-client.server'
import type { ClientInput } from './client-input'
import { clientStatuses } from './client-status'
import { changesOf, recordTenantEvent } from '../practices/audit.server'
import { unlessTaken } from '../unique-input.server'
import { setClientCohorts } from '../cohorts/cohorts.server'
import { applyFieldChanges, fieldChangesOfForm } from '../client-fields/client-field-values.server'
import { withWebhookEvents, type EmitWebhookEvent } from '../webhooks/emit.server'
import { clientPayload } from '../webhooks/payloads'
import { queueSurveyOnStatusChange } from '../outcomes/surveys.server'
import { startReadingAsCoach } from '../conversations/unread.server'

// Clients of the practice: the coach's roster and the client record.

const duplicateEmailMessage = 'A client with this email is already in your practice'

async function assertCoachIsMember(t: TenantContext, coachId: string | null) {
  if (!coachId) return
  const member = await t.db.membership.findFirst({ where: { userId: coachId } })
  if (!member) throw new Response('That coach is not a member of this practice', { status: 400 })
}

export async function createClient(t: TenantContext, { cohortIds, field, customFieldsSent, ...input }: ClientInput) {
  await assertCoachIsMember(t, input.coachId)
  const custom = await fieldChangesOfForm(t, { field, customFieldsSent })
  return unlessTaken('email', duplicateEmailMessage, async () => {
    return await withWebhookEvents(source(t), async (tx, emit) => {
      const client = await tx.client.create({
        data: { organizationId: t.org.id, ...input, seniority: input.seniority ?? null },
      })
      if (cohortIds?.length) await setClientCohorts({ ...t, db: tx }, client, cohortIds)
      if (custom) await applyFieldChanges({ ...t, db: tx }, client, custom.fields, custom.changes)
      await recordTenantEvent(
        { ...t, db: tx },
        'client.added',
        { type: 'Client', id: client.id },
        {
          name: client.name,
          email: client.email,
          status: client.status,
          coachId: client.coachId,
        },
      )
      await emit('client.created', clientPayload(client))
      return client
    })
  })
}

export async function updateClient(
  t: TenantContext,
  clientId: string,
  { cohortIds, field, customFieldsSent, ...input }: ClientInput,
) {
  await assertCoachIsMember(t, input.coachId)
  const existing = await findClient(t, clientId)
  if (!existing) return null
  const custom = await fieldChangesOfForm(t, { field, customFieldsSent })
  return unlessTaken('email', duplicateEmailMessage, async () => {
    const data = { ...input, seniority: input.seniority ?? null }
    const updated = await withWebhookEvents(source(t), async (tx, emit) => {
      // Before the update: a coach who hands the client to someone else no longer sees them after it.
      if (custom) await applyFieldChanges({ ...t, db: tx }, existing, custom.fields, custom.changes)
      const client = await tx.client.update({ where: { id: existing.id }, data })
      await recordClientChanges({ ...t, db: tx }, existing, data)
      if (cohortIds) await setClientCohorts({ ...t, db: tx }, client, cohortIds)
      await emitStatusEvent(emit, existing.status, client)
      return client
    })
    await queueSurveyOnStatusChange(t.org.id, existing.status, updated)
    if (updated.coachId && updated.coachId !== existing.coachId)
      await startReadingAsCoach(t, [updated.id], updated.coachId)
    return updated
  })
}

export async function setClientStatus(t: TenantContext, clientId: string, status: ClientStatus) {
  const existing = await findClient(t, clientId)
  if (!existing) return null
  const client = await withWebhookEvents(source(t), async (tx, emit) => {
    const client = await tx.client.update({ where: { id: existing.id }, data: { status } })
    await recordClientChanges({ ...t, db: tx }, existing, { status })
    await emitStatusEvent(emit, existing.status, client)
    return client
  })
  await queueSurveyOnStatusChange(t.org.id, existing.status, client)
  return client
}

const source = (t: TenantContext) => ({ db: t.db, organizationId: t.org.id })

/** client.placed and client.archived, when the status changes to one of them. */
async function emitStatusEvent(
  emit: EmitWebhookEvent,
  before: ClientStatus,
  client: { status: ClientStatus } & Record<string, unknown>,
) {
  if (before === client.status) return
  const type = client.status === 'PLACED' ? 'client.placed' : client.status === 'ARCHIVED' ? 'client.archived' : null
  if (type) await emit(type, clientPayload(client))
}

/** client.edited with what changed, or client.archived when the change archives the client. */
async function recordClientChanges(
  t: Parameters<typeof recordTenantEvent>[0],
  before: Record<string, unknown> & { id: string; name: string },
  after: Record<string, unknown>,
) {
  const changes = changesOf(before, after, Object.keys(after))
  if (Object.keys(changes).length === 0) return
  const archived = changes.status?.to === 'ARCHIVED'
  await recordTenantEvent(
    t,
    archived ? 'client.archived' : 'client.edited',
    { type: 'Client', id: before.id },
    {
      name: before.name,
      changes,
    },
  )
}

/** The client, or null when it is not in this practice (or not this coach's, where coaches see their own). */
export async function findClient(t: TenantContext, clientId: string) {
  const [client] = await queryTenantSql<Client & { coach: { id: string; name: string; email: string } | null }>(
    t,
    (organizationId) => sql`
      SELECT c.*, CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id, 'name', u.name, 'email', u.email) END AS coach
      FROM "Client" c LEFT JOIN "User" u ON u.id = c."coachId"
      WHERE c."organizationId" = ${organizationId} AND c.id = ${clientId} AND ${ownClientsCondition(t)}`,
  )
  return client ?? null
}

type Coach = { id: string; name: string; email: string }

/** Members who can coach: every member of the practice (as they joined; coachesByName orders them for pickers). */
export const coachChoices = tenantList<Coach>(
  (organizationId) => sql`
    SELECT u.id, u.name, u.email FROM "Membership" m JOIN "User" u ON u.id = m."userId"
    WHERE m."organizationId" = ${organizationId}
    ORDER BY m."createdAt" ASC`,
)

/** The coach pickers' order: by name as people read it. */
export const coachesByName = (members: Coach[]) => members.sort((a, b) => a.name.localeCompare(b.name))

/** Members who can coach: every member of the practice, for the coach pickers. */
export async function listCoaches(t: TenantContext) {
  return coachesByName(await queryTenantSql<Coach>(t, coachChoices))
}

// ---------------------------------------------------------------------------------------------
// The roster: one row per client with this week's numbers, sorted, filtered and paged in SQL.

export const rosterSorts = [
  'name',
  'coach',
  'status',
  'appsThisWeek',
  'activeApplications',
  'interviewsInProgress',
  'rejections30d',
  'lastActivityAt',
  'openTasks',
  'latestMood',
] as const
export type RosterSort = (typeof rosterSorts)[number]

export const RosterQuery = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  coach: z.string().max(64).optional().catch(undefined),
  cohort: z.string().max(64).optional().catch(undefined),
  status: z
    .enum([...clientStatuses, 'ALL'])
    .optional()
    .catch(undefined),
  sort: z.enum(rosterSorts).default('name').catch('name'),
  dir: z.enum(['asc', 'desc']).default('asc').catch('asc'),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
})
export type RosterQuery = z.infer<typeof RosterQuery>

export type RosterRow = {
  id: string
  name: string
  email: string
  status: ClientStatus
  weeklyGoal: number
  coachId: string | null
  coachName: string | null
  appsThisWeek: number
  activeApplications: number
  interviewsInProgress: number
  rejections30d: number
  lastActivityAt: Date | null
  openTasks: number
  latestMood: number | null
  customFields: Prisma.JsonValue
}

const sortSql: Record<RosterSort, Sql> = {
  name: sql`lower(c.name)`,
  coach: sql`lower(u.name)`,
  status: sql`c.status`,
  appsThisWeek: sql`"appsThisWeek"`,
  activeApplications: sql`"activeApplications"`,
  interviewsInProgress: sql`"interviewsInProgress"`,
  rejections30d: sql`"rejections30d"`,
  lastActivityAt: sql`c."lastActivityAt"`,
  openTasks: sql`"openTasks"`,
  latestMood: sql`"latestMood"`,
}

export const rosterPageSize = 25
const pageFirstSorts = new Set<RosterSort>(['name', 'coach', 'status', 'lastActivityAt'])

/** Each sort as a condition may name it (the counts are columns of the lateral joins below), cast to its type. */
const keysetSql: Record<RosterSort, { expr: Sql; cast: Sql }> = {
  name: { expr: sql`lower(c.name)`, cast: sql`text` },
  coach: { expr: sql`lower(u.name)`, cast: sql`text` },
  status: { expr: sql`c.status`, cast: sql`"ClientStatus"` },
  appsThisWeek: { expr: sql`a."appsThisWeek"`, cast: sql`int` },
  activeApplications: { expr: sql`a."activeApplications"`, cast: sql`int` },
  interviewsInProgress: { expr: sql`a."interviewsInProgress"`, cast: sql`int` },
  rejections30d: { expr: sql`a."rejections30d"`, cast: sql`int` },
  lastActivityAt: { expr: sql`c."lastActivityAt"`, cast: sql`timestamp(3)` },
  openTasks: { expr: sql`k."openTasks"`, cast: sql`int` },
  latestMood: { expr: sql`m.mood`, cast: sql`int` },
}

/** A roster row's position in its order: the sort's value, then the name and id that break ties. */
export type RosterKey = { value: string | number | Date | null; name: string; id: string }

export function rosterKeyOf(sort: RosterSort, row: RosterRow): RosterKey {
  const value = sort === 'name' ? row.name : sort === 'coach' ? row.coachName : row[sort]
  return { value, name: row.name, id: row.id }
}

/**
 * The rows after `key` in the roster's order (the sort's value, NULLs last either way; then the
 * lower-cased name and the id, ascending): keyset paging for the JSON API.
 */
function rosterKeysetCondition(sort: RosterSort, dir: 'asc' | 'desc', key: RosterKey) {
  const e = keysetSql[sort].expr
  const tie = sql`(lower(c.name), c.id) > (lower(${key.name}::text), ${key.id}::text)`
  if (key.value === null) return sql`(${e} IS NULL AND ${tie})`
  const v =
    sort === 'name' || sort === 'coach' ? sql`lower(${key.value}::text)` : sql`${key.value}::${keysetSql[sort].cast}`
  const beyond = dir === 'desc' ? sql`${e} < ${v}` : sql`${e} > ${v}`
  return sql`(${beyond} OR ${e} IS NULL OR (${e} = ${v} AND ${tie}))`
}

/**
 * For a sort by a count: that count alone, per client, under the name the sort and the keyset condition use (a
 * lateral join beside the client). Each is the roster's own FILTER as a WHERE, so the figures are the same, and each
 * reads the narrowest range of an index: the client's rejected applications (JobApplication_roster_counts_idx on
 * organizationId, clientId, outcome) rather than every application the client has.
 */
function sortCountSql(sort: RosterSort, org: string, week: { firstDay: string; lastDay: string }, since30: Date) {
  const apps = (condition: Sql, name: Sql) =>
    sql`CROSS JOIN LATERAL (SELECT count(*)::int AS ${name} FROM "JobApplication" ja
        WHERE ja."organizationId" = ${org} AND ja."clientId" = c.id AND ${condition}) a`
  switch (sort) {
    case 'appsThisWeek':
      return apps(
        sql`ja."appliedOn" BETWEEN ${week.firstDay}::date AND ${week.lastDay}::date AND ja.stage <> 'SAVED'`,
        sql`"appsThisWeek"`,
      )
    case 'activeApplications':
      return apps(sql`ja.outcome = 'ACTIVE' AND ja.stage <> 'SAVED'`, sql`"activeApplications"`)
    case 'interviewsInProgress':
      return apps(sql`ja.outcome = 'ACTIVE' AND ja.stage IN ('INTERVIEW', 'FINAL')`, sql`"interviewsInProgress"`)
    case 'rejections30d':
      // Every client's count from one range, the practice's rejections of the last 30 days (the recent outcomes
      // index, in order), rather than a range per client: a few thousand index entries instead of a descent into
      // the index for each of the practice's clients. A client with none counts 0, as the figure shows.
      return sql`LEFT JOIN (SELECT ja."clientId", count(*)::int AS n FROM "JobApplication" ja
          WHERE ja."organizationId" = ${org} AND ja.outcome = 'REJECTED' AND ja."lastEventAt" >= ${since30}
          GROUP BY ja."clientId") recent ON recent."clientId" = c.id
        CROSS JOIN LATERAL (SELECT coalesce(recent.n, 0) AS "rejections30d") a`
    case 'openTasks':
      return sql`CROSS JOIN LATERAL (
        SELECT count(*)::int AS "openTasks" FROM "Task" tk
        WHERE tk."organizationId" = ${org} AND tk."clientId" = c.id AND tk.status = 'TODO'
      ) k`
    case 'latestMood':
      return sql`LEFT JOIN LATERAL (
        SELECT ci.mood, ci.mood AS "latestMood" FROM "CheckIn" ci
        WHERE ci."organizationId" = ${org} AND ci."clientId" = c.id
        ORDER BY ci."weekOf" DESC LIMIT 1
      ) m ON true`
    default:
      return emptySql
  }
}

export type RosterPage = { after?: RosterKey; limit?: number }

/** Custom-field conditions and sort (../client-fields), which the URL carries beside RosterQuery. */
export type RosterCustom = { conditions?: Sql[]; sort?: Sql | null }

export async function listRoster(
  t: TenantContext,
  query: RosterQuery & RosterPage,
  now = new Date(),
  custom: RosterCustom = {},
) {
  const week = weekSoFar(now, t.org.timezone)
  const since30 = new Date(now.getTime() - 30 * 24 * 60 * 60 * 1000)
  const status = query.status ?? 'ACTIVE'
  const conditions: Sql[] = []
  if (status !== 'ALL') conditions.push(sql`c.status = ${status}::"ClientStatus"`)
  else conditions.push(sql`c.status <> 'ARCHIVED'`)
  if (query.coach === 'none') conditions.push(sql`c."coachId" IS NULL`)
  else if (query.coach) conditions.push(sql`c."coachId" = ${query.coach}`)
  if (isOwnClientsOnly(t)) conditions.push(ownClientsCondition(t))
  // On the membership's unique index (organizationId, cohortId, clientId).
  if (query.cohort)
    conditions.push(sql`EXISTS (SELECT 1 FROM "ClientCohort" m WHERE m."organizationId" = ${t.org.id}
      AND m."cohortId" = ${query.cohort} AND m."clientId" = c.id)`)
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`
    conditions.push(sql`(c.name ILIKE ${like} OR c.email ILIKE ${like})`)
  }
  conditions.push(...(custom.conditions ?? []))
  const where = joinSql(conditions, ' AND ')
  const direction = query.dir === 'desc' ? sql`DESC NULLS LAST` : sql`ASC NULLS LAST`
  const offset = query.after ? 0 : (query.page - 1) * rosterPageSize
  const keyset = query.after ? rosterKeysetCondition(query.sort, query.dir, query.after) : sql`TRUE`

  const order = sql`ORDER BY ${custom.sort ?? sortSql[query.sort]} ${direction}, lower(c.name) ASC, c.id ASC`
  const limit = sql`${limitSql(query.limit ?? rosterPageSize)} OFFSET ${offset}`
  // Sorted by a column of the client itself, the page is chosen first and only its 25 clients are
  // counted; sorted by a count, that count alone is read for every client in the filter to choose the page.
  const pageFirst = Boolean(custom.sort) || pageFirstSorts.has(query.sort)
  const [rows, [count]] = await Promise.all([
    queryTenantSql<RosterRow>(t, (org) => {
      // The page's clients first: by a column of theirs, or by the one count the sort names (read for every client
      // of the filter, on the narrowest index range that gives it); then every figure of those 25 clients only.
      const candidates = sql`(SELECT c.* FROM "Client" c LEFT JOIN "User" u ON u.id = c."coachId"
               ${pageFirst ? emptySql : sortCountSql(query.sort, org, week, since30)}
               WHERE c."organizationId" = ${org} AND ${where} AND ${keyset} ${order} ${limit})`
      return sql`
      SELECT c.id, c.name, c.email, c.status, c."weeklyGoal", c."coachId", u.name AS "coachName", c."lastActivityAt",
             c."customFields",
             w."appsThisWeek", a."activeApplications", a."interviewsInProgress", r."rejections30d",
             k."openTasks", m.mood AS "latestMood"
      FROM ${candidates} c
      LEFT JOIN "User" u ON u.id = c."coachId"
      -- Each count on its own narrow range (JobApplication_roster_counts_idx and the appliedOn index) rather than one
      -- pass over every application of the client: the active ones, the rejections of 30 days, the week's.
      CROSS JOIN LATERAL (
        SELECT count(*) FILTER (WHERE ja.stage <> 'SAVED')::int AS "activeApplications",
               count(*) FILTER (WHERE ja.stage IN ('INTERVIEW', 'FINAL'))::int AS "interviewsInProgress"
        FROM "JobApplication" ja
        WHERE ja."organizationId" = ${org} AND ja."clientId" = c.id AND ja.outcome = 'ACTIVE'
      ) a
      CROSS JOIN LATERAL (
        SELECT count(*)::int AS "rejections30d" FROM "JobApplication" ja
        WHERE ja."organizationId" = ${org} AND ja."clientId" = c.id AND ja.outcome = 'REJECTED'
          AND ja."lastEventAt" >= ${since30}
      ) r
      CROSS JOIN LATERAL (
        SELECT count(*)::int AS "appsThisWeek" FROM "JobApplication" ja
        WHERE ja."organizationId" = ${org} AND ja."clientId" = c.id
          AND ja."appliedOn" BETWEEN ${week.firstDay}::date AND ${week.lastDay}::date AND ja.stage <> 'SAVED'
      ) w
      CROSS JOIN LATERAL (
        SELECT count(*)::int AS "openTasks" FROM "Task" tk
        WHERE tk."organizationId" = ${org} AND tk."clientId" = c.id AND tk.status = 'TODO'
      ) k
      LEFT JOIN LATERAL (
        SELECT ci.mood FROM "CheckIn" ci
        WHERE ci."organizationId" = ${org} AND ci."clientId" = c.id
        ORDER BY ci."weekOf" DESC LIMIT 1
      ) m ON true
      ${order}`
    }),
    queryTenantSql<{ total: number }>(
      t,
      (org) => sql`
      SELECT count(*)::int AS total FROM "Client" c WHERE c."organizationId" = ${org} AND ${where}`,
    ),
  ])
  return {
    rows,
    total: count?.total ?? 0,
    page: query.page,
    pageSize: rosterPageSize,
    weekStart: week.firstDay,
    /** "Mon–Tue so far" */
    weekSpan: describeWeekSpan(week),
  }
}
