import { analyticsContext } from '~/tenancy/read-replica.server'
import { z } from 'zod'
import type { Prisma } from '~/generated/prisma/client'
import type { Outcome, RejectionReason, Stage } from '~/generated/prisma/enums'
import { isOwnClientsOnly, type TenantContext } from '~/tenancy/scoped-client.server'
import {
  emptySql,
  joinSql,
  limitSql,
  queryTenantSql,
  rawSql,
  sql,
  tenantList,
  type Sql,
  ownClientsCondition,
} from '~/tenancy/sql.server'
import { isCalendarDay } from '~/lib/dates'
import { cleanText } from '~/lib/request-input'
import { toCsv } from '../imports/csv'
import type { ClientFieldDef } from '../client-fields/client-field-display'
import { formatFieldValue, valuesOf } from '../client-fields/client-field-display'
import {
  decodeFieldCursor,
  encodeFieldCursor,
  fieldSortValue,
  fieldWalk,
  type FieldCursor,
} from './applications-field-sort.server'
import {
  outcomeLabels,
  outcomes,
  reasonLabels,
  rejectionReasons,
  seniorities,
  seniorityLabels,
  sourceLabels,
  sources,
  stageLabels,
  stages,
  workModeLabels,
  type JobDetails,
} from './pipeline'

// Every application of the practice in one table: filters, sorts and keyset pages, all in SQL on
// indexes that start with organizationId (docs/decisions/0005-applications-page-queries.md).

export const applicationSorts = [
  'appliedOn',
  'company',
  'roleTitle',
  'stage',
  'outcome',
  'client',
  'lastEventAt',
] as const
export type ApplicationSort = (typeof applicationSorts)[number]

const blankIsUnset = (v: string | undefined) => (v ? v : undefined)
const text = (max: number) => z.string().trim().max(max).optional().transform(blankIsUnset).catch(undefined)
const isoDay = z.string().refine(isCalendarDay).optional().catch(undefined)
const choice = <T extends string>(values: readonly [T, ...T[]]) =>
  z.preprocess((v) => (v === '' ? undefined : v), z.enum(values).optional()).catch(undefined)

/** The page's URL parameters. Anything unreadable falls back to its default: a bad URL never fails. */
export const ApplicationsQuery = z.object({
  q: text(100),
  stage: choice(stages),
  outcome: choice(outcomes),
  coach: text(64),
  cohort: text(64),
  client: text(64),
  company: text(100),
  seniority: choice(seniorities),
  industry: text(100),
  source: choice(sources),
  reason: choice(rejectionReasons),
  /** Rejections whose feedback came back (yes) or not (no). */
  feedback: choice(['yes', 'no']),
  from: isoDay,
  to: isoDay,
  sort: z.enum(applicationSorts).default('lastEventAt').catch('lastEventAt'),
  dir: z.enum(['asc', 'desc']).default('desc').catch('desc'),
  /** Keyset cursors: the page after this row, or before it (see encodeCursor). */
  after: text(600),
  before: text(600),
  /** The position of the page's first row, carried by the pager links, for "rows X–Y of Z". */
  at: z.coerce.number().int().min(1).max(100_000_000).default(1).catch(1),
})
export type ApplicationsQuery = z.infer<typeof ApplicationsQuery>

export type ApplicationListRow = {
  id: string
  clientId: string
  clientName: string
  clientEmail: string
  coachName: string | null
  company: string
  roleTitle: string
  /** YYYY-MM-DD, or null while the job is only saved. */
  appliedOn: string | null
  stage: Stage
  outcome: Outcome
  lastEventAt: Date
  resumeTailored: boolean
  coverLetter: boolean
  rejectionReason: RejectionReason | null
  feedbackReceived: boolean
  notes: string | null
  /** The client's custom field values (../client-fields). */
  customFields: Prisma.JsonValue
  /** Sorted by a custom field: the row's value of it as text, for the cursor (./applications-field-sort). */
  sortValue?: string | null
} & JobDetails

export const applicationsPageSize = 50
/** Counts stop here; past it the page shows the planner's estimate ("about 250,000"). */
export const exactCountLimit = 10_000
/** Views the planner expects to hold more rows than this are not counted: the estimate is shown. */
const estimateTrustedAbove = 2_000

// ---------------------------------------------------------------------------------------------
// Sorting and keyset cursors. Every order ends with ja.id, so it is total and pages never skip or
// repeat a row on ties. NULL (an application only saved, with no applied date) sorts as the
// greatest value: last in ascending order, first in descending order, as the indexes hold it.

type SortSpec = { exprs: Sql[]; casts: string[]; nullable: boolean }
const sortSpecs: Record<ApplicationSort, SortSpec> = {
  appliedOn: { exprs: [sql`ja."appliedOn"`], casts: ['date'], nullable: true },
  company: { exprs: [sql`ja.company`], casts: ['text'], nullable: false },
  roleTitle: { exprs: [sql`ja."roleTitle"`], casts: ['text'], nullable: false },
  stage: { exprs: [sql`ja.stage`], casts: ['"Stage"'], nullable: false },
  outcome: { exprs: [sql`ja.outcome`], casts: ['"Outcome"'], nullable: false },
  lastEventAt: { exprs: [sql`ja."lastEventAt"`], casts: ['timestamp(3)'], nullable: false },
  client: { exprs: [sql`c.name`, sql`ja."clientId"`], casts: ['text', 'text'], nullable: false },
}

type CursorValue = string | null
type Cursor = { sort: ApplicationSort; values: CursorValue[]; id: string }

function sortValues(sort: ApplicationSort, row: ApplicationListRow): CursorValue[] {
  switch (sort) {
    case 'appliedOn':
      return [row.appliedOn]
    case 'lastEventAt':
      return [new Date(row.lastEventAt).toISOString()]
    case 'client':
      return [row.clientName, row.clientId]
    default:
      return [row[sort]]
  }
}

/** The cursor of a row for a sort: base64url of [sort, ...values, id]. */
export function encodeCursor(sort: ApplicationSort, row: ApplicationListRow) {
  return Buffer.from(JSON.stringify([sort, ...sortValues(sort, row), row.id])).toString('base64url')
}

/** The cursor, or null when it is unreadable or made for another sort (the page then starts over). */
export function decodeCursor(sort: ApplicationSort, value: string | undefined): Cursor | null {
  if (!value) return null
  try {
    const parts = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown
    const spec = sortSpecs[sort]
    if (!Array.isArray(parts) || parts.length !== spec.exprs.length + 2 || parts[0] !== sort) return null
    const values = parts.slice(1, -1) as unknown[]
    const id = parts.at(-1)
    if (typeof id !== 'string' || !id) return null
    if (!values.every((v) => typeof v === 'string' || (v === null && spec.nullable))) return null
    if (sort === 'appliedOn' && values[0] !== null && !isoDay.safeParse(values[0]).data) return null
    // Values go to PostgreSQL as typed parameters: only text it can hold and timestamps it can read.
    if (![...values, id].every((v) => v === null || cleanText(v as string) === v)) return null
    if (sort === 'lastEventAt' && !isIsoTimestamp(values[0] as string)) return null
    if (sort === 'stage' && !(stages as readonly unknown[]).includes(values[0])) return null
    if (sort === 'outcome' && !(outcomes as readonly unknown[]).includes(values[0])) return null
    return { sort, values: values as CursorValue[], id }
  } catch {
    return null
  }
}

function isIsoTimestamp(value: string) {
  const date = new Date(value)
  return !Number.isNaN(date.getTime()) && date.toISOString() === value && isCalendarDay(value.slice(0, 10))
}

const tuple = (items: Sql[]) => sql`(${joinSql(items)})`
function cursorParams(spec: SortSpec, cursor: Cursor) {
  return cursor.values.map((v, i) => sql`${v}::${rawSql(spec.casts[i]!)}`)
}

/**
 * The keyset condition(s) for the rows after (`up`) or before the cursor in ascending order, NULL
 * greatest. A nullable sort can need two index ranges (the dates, then the NULLs); each is one
 * segment, read in turn until the page is full, so every segment is a plain range on an index.
 */
function keysetSegments(spec: SortSpec, cursor: Cursor | null, up: boolean): Sql[] {
  if (!cursor) return [emptySql]
  const left = tuple([...spec.exprs, sql`ja.id`])
  const right = tuple([...cursorParams(spec, cursor), sql`${cursor.id}`])
  const compare = up ? sql`${left} > ${right}` : sql`${left} < ${right}`
  if (!spec.nullable) return [compare]
  const e = spec.exprs[0]!
  if (cursor.values[0] === null) {
    const inNulls = up ? sql`${e} IS NULL AND ja.id > ${cursor.id}` : sql`${e} IS NULL AND ja.id < ${cursor.id}`
    return up ? [inNulls] : [inNulls, sql`${e} IS NOT NULL`]
  }
  return up ? [compare, sql`${e} IS NULL`] : [compare]
}

function orderBy(spec: SortSpec, up: boolean) {
  const dir = up ? sql`ASC NULLS LAST` : sql`DESC NULLS FIRST`
  return joinSql([...spec.exprs, sql`ja.id`].map((e) => sql`${e} ${dir}`))
}

// ---------------------------------------------------------------------------------------------
// Filters

const likeEscape = (value: string) => value.replace(/[\\%_]/g, (m) => `\\${m}`)

/** Conditions on the application (ja) and on its client (c). */
type Filters = { app: Sql[]; client: Sql[] }

/**
 * Custom-field conditions on the client (alias c), and the field to sort by (sort=field.<id>), which the
 * URL carries beside ApplicationsQuery. With a sort field, the query's `sort` is not used, only its `dir`.
 */
export type ApplicationsCustom = {
  conditions?: Sql[]
  sortField?: ClientFieldDef | null
  /** Rows a page holds; the web table's 50 unless the caller asks for another size (the API's `limit`). */
  pageSize?: number
}

async function buildFilters(
  t: TenantContext,
  query: ApplicationsQuery,
  custom: ApplicationsCustom = {},
): Promise<Filters> {
  const app: Sql[] = []
  const client: Sql[] = []
  if (query.stage) app.push(sql`ja.stage = ${query.stage}::"Stage"`)
  if (query.outcome) app.push(sql`ja.outcome = ${query.outcome}::"Outcome"`)
  if (query.seniority) app.push(sql`ja.seniority = ${query.seniority}::"Seniority"`)
  if (query.source) app.push(sql`ja.source = ${query.source}::"ApplicationSource"`)
  if (query.reason) app.push(sql`ja."rejectionReason" = ${query.reason}::"RejectionReason"`)
  // Feedback is a question about rejections only: "not received" never lists applications in progress.
  if (query.feedback)
    app.push(sql`ja.outcome = 'REJECTED'::"Outcome" AND ja."feedbackReceived" = ${query.feedback === 'yes'}`)
  if (query.client) app.push(sql`ja."clientId" = ${query.client}`)
  if (query.company) app.push(sql`ja.company ILIKE ${`${likeEscape(query.company)}%`}`)
  if (query.industry) app.push(sql`lower(ja.industry) = lower(${query.industry})`)
  if (query.from) app.push(sql`ja."appliedOn" >= ${query.from}::date`)
  if (query.to) app.push(sql`ja."appliedOn" <= ${query.to}::date`)
  if (query.coach === 'none') client.push(sql`c."coachId" IS NULL`)
  else if (query.coach) client.push(sql`c."coachId" = ${query.coach}`)
  if (isOwnClientsOnly(t)) client.push(ownClientsCondition(t))
  // Cohort and custom fields pick clients: their ids first (a few hundred at most, on the membership's
  // unique index and the custom fields' GIN index), so the applications are read on their
  // (organizationId, clientId, ...) indexes.
  const picks: Sql[] = [...(custom.conditions ?? [])]
  if (query.cohort)
    picks.push(sql`EXISTS (SELECT 1 FROM "ClientCohort" m WHERE m."organizationId" = c."organizationId"
      AND m."cohortId" = ${query.cohort} AND m."clientId" = c.id)`)
  if (picks.length) {
    const members = await queryTenantSql<{ id: string }>(
      t,
      (org) => sql`SELECT c.id FROM "Client" c WHERE c."organizationId" = ${org} AND ${and(picks)}`,
    )
    app.push(members.length ? sql`ja."clientId" = ANY(${members.map((m) => m.id)})` : sql`FALSE`)
  }
  if (query.q) {
    const like = `%${likeEscape(query.q)}%`
    // Client names are matched first (a few hundred rows), so the trigram index serves the rest.
    const named = await queryTenantSql<{ id: string }>(
      t,
      (org) => sql`SELECT id FROM "Client" WHERE "organizationId" = ${org} AND name ILIKE ${like}`,
    )
    const ids = named.map((r) => r.id)
    app.push(
      ids.length
        ? sql`(ja.company ILIKE ${like} OR ja."roleTitle" ILIKE ${like} OR ja."clientId" = ANY(${ids}))`
        : sql`(ja.company ILIKE ${like} OR ja."roleTitle" ILIKE ${like})`,
    )
  }
  return { app, client }
}

const rowColumns = sql`
  ja.id, ja."clientId", c.name AS "clientName", c.email AS "clientEmail", u.name AS "coachName", c."customFields",
  ja.company, ja."roleTitle", ja.seniority, ja.industry, ja.location, ja."workMode", ja.source, ja."jobUrl",
  to_char(ja."appliedOn", 'YYYY-MM-DD') AS "appliedOn", ja.stage, ja.outcome, ja."lastEventAt",
  ja."resumeTailored", ja."coverLetter", ja."rejectionReason", ja."feedbackReceived", ja.notes`

const isEmpty = (sql: Sql) => sql.strings.join('').trim() === ''
const and = (items: Sql[]) =>
  joinSql(
    items.filter((i) => !isEmpty(i)),
    ' AND ',
  )

function selectPage(
  t: TenantContext,
  filters: Filters,
  sort: ApplicationSort,
  up: boolean,
  keyset: Sql,
  limit: number,
) {
  const spec = sortSpecs[sort]
  return queryTenantSql<ApplicationListRow>(t, (org) => {
    const where = [sql`ja."organizationId" = ${org}`, ...filters.app, keyset]
    return sql`
      SELECT ${rowColumns}
      FROM "JobApplication" ja
      JOIN "Client" c ON c.id = ja."clientId" AND c."organizationId" = ${org}
      LEFT JOIN "User" u ON u.id = c."coachId"
      WHERE ${and([...where, ...filters.client])}
      ORDER BY ${orderBy(spec, up)}
      ${limitSql(limit)}`
  })
}

/**
 * Client order: the practice's clients in name order (a few hundred rows), and for each its
 * applications by id on (organizationId, clientId, id), until the page is full. A join sorted on
 * the client's name could not use an index and would sort every application of the practice.
 */
function selectPageByClient(t: TenantContext, filters: Filters, cursor: Cursor | null, up: boolean, limit: number) {
  const op = rawSql(up ? '>' : '<')
  const dir = rawSql(up ? 'ASC' : 'DESC')
  return queryTenantSql<ApplicationListRow>(t, (org) => {
    const clientWhere = [sql`c."organizationId" = ${org}`, ...filters.client]
    const appWhere = [sql`ja."organizationId" = ${org}`, sql`ja."clientId" = c.id`, ...filters.app]
    if (cursor) {
      const [name, clientId] = cursor.values
      clientWhere.push(sql`(c.name, c.id) ${op}= (${name}, ${clientId})`)
      appWhere.push(sql`(c.id <> ${clientId} OR ja.id ${op} ${cursor.id})`)
    }
    return sql`
      SELECT ${rowColumns}
      FROM (SELECT c.* FROM "Client" c WHERE ${and(clientWhere)} ORDER BY c.name ${dir}, c.id ${dir}) c
      CROSS JOIN LATERAL (
        SELECT ja.* FROM "JobApplication" ja WHERE ${and(appWhere)} ORDER BY ja.id ${dir} ${limitSql(limit)}
      ) ja
      LEFT JOIN "User" u ON u.id = c."coachId"
      ORDER BY c.name ${dir}, c.id ${dir}, ja.id ${dir}
      ${limitSql(limit)}`
  })
}

/**
 * Field order (./applications-field-sort): the practice's clients in the field's order, and for each its
 * applications by id on (organizationId, clientId, id), until the page is full.
 */
function selectPageByField(
  t: TenantContext,
  filters: Filters,
  field: ClientFieldDef,
  cursor: FieldCursor | null,
  up: boolean,
  forward: boolean,
  limit: number,
) {
  const walk = fieldWalk(field, cursor, up, forward)
  return queryTenantSql<ApplicationListRow>(t, (org) => {
    const clientWhere = [sql`c."organizationId" = ${org}`, ...filters.client, walk.clientAfter]
    const appWhere = [sql`ja."organizationId" = ${org}`, sql`ja."clientId" = c.id`, ...filters.app, walk.appAfter]
    return sql`
      SELECT ${rowColumns}, c."sortValue"
      FROM (
        SELECT c.*, ${walk.sortKey} AS "sortKey", ${fieldSortValue(field)} AS "sortValue"
        FROM "Client" c WHERE ${and(clientWhere)} ORDER BY ${walk.clientOrder}
      ) c
      CROSS JOIN LATERAL (
        SELECT ja.* FROM "JobApplication" ja WHERE ${and(appWhere)} ORDER BY ${walk.appOrder} ${limitSql(limit)}
      ) ja
      LEFT JOIN "User" u ON u.id = c."coachId"
      ORDER BY ${walk.outerOrder}
      ${limitSql(limit)}`
  })
}

type Order = Pick<ApplicationsQuery, 'sort' | 'dir'> & { field?: ClientFieldDef | null }

/** Rows in the current order after (or before) a cursor; null cursor: from the start. */
async function fetchSlice(
  t: TenantContext,
  filters: Filters,
  query: Order,
  cursor: Cursor | FieldCursor | null,
  direction: 'next' | 'previous',
  limit: number,
) {
  const spec = sortSpecs[query.sort]
  // Walking forward in an ascending view, or backward in a descending one, goes up the index.
  const up = (query.dir === 'asc') === (direction === 'next')
  let rows: ApplicationListRow[] = []
  if (query.field) {
    const fieldCursor = cursor && 'clientId' in cursor ? cursor : null
    rows = await selectPageByField(t, filters, query.field, fieldCursor, up, direction === 'next', limit)
  } else if (cursor && 'clientId' in cursor) {
    throw new Error('A field cursor without a field sort')
  } else if (query.sort === 'client') {
    rows = await selectPageByClient(t, filters, cursor, up, limit)
  } else {
    for (const segment of keysetSegments(spec, cursor, up)) {
      rows = rows.concat(await selectPage(t, filters, query.sort, up, segment, limit - rows.length))
      if (rows.length >= limit) break
    }
  }
  return direction === 'next' ? rows : rows.reverse()
}

export type ApplicationCount = { total: number; kind: 'exact' | 'about' | 'atLeast' }

/**
 * The planner's estimate first (no rows read): a large view shows "about N" without counting. A small one
 * is counted exactly, capped at exactCountLimit (a filter no index serves still reads the practice's rows once).
 */
async function countRows(t: TenantContext, filters: Filters): Promise<ApplicationCount> {
  const from = (org: string) =>
    sql`FROM "JobApplication" ja ${
      filters.client.length ? sql`JOIN "Client" c ON c.id = ja."clientId" AND c."organizationId" = ${org}` : emptySql
    } WHERE ${and([sql`ja."organizationId" = ${org}`, ...filters.app, ...filters.client])}`
  const [plan] = await queryTenantSql<{ 'QUERY PLAN': unknown }>(
    t,
    (org) => sql`EXPLAIN (FORMAT JSON) SELECT 1 ${from(org)}`,
  )
  const raw = plan?.['QUERY PLAN']
  const parsed = (typeof raw === 'string' ? JSON.parse(raw) : raw) as [{ Plan: { 'Plan Rows': number } }] | undefined
  const estimate = Math.round(parsed?.[0]?.Plan['Plan Rows'] ?? 0)
  if (estimate <= estimateTrustedAbove) {
    const [capped] = await queryTenantSql<{ n: number }>(
      t,
      (org) => sql`SELECT count(*)::int AS n FROM (SELECT 1 ${from(org)} ${limitSql(exactCountLimit + 1)}) x`,
    )
    const n = capped?.n ?? 0
    if (n <= exactCountLimit) return { total: n, kind: 'exact' }
    if (estimate <= exactCountLimit) return { total: exactCountLimit, kind: 'atLeast' }
  }
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(estimate)) - 1)
  return { total: Math.round(estimate / magnitude) * magnitude, kind: 'about' }
}

/** The cursor of a row in the order asked for (a custom field's, or one of applicationSorts). */
function cursorOf(order: Order, row: ApplicationListRow) {
  return order.field
    ? encodeFieldCursor(order.field, {
        value: row.sortValue ?? null,
        name: row.clientName,
        clientId: row.clientId,
        id: row.id,
      })
    : encodeCursor(order.sort, row)
}

function positionOf(order: Order, row: ApplicationListRow): Cursor | FieldCursor {
  return order.field
    ? { value: row.sortValue ?? null, name: row.clientName, clientId: row.clientId, id: row.id }
    : { sort: order.sort, values: sortValues(order.sort, row), id: row.id }
}

/** One page of 50 applications with the client and coach names, the total, and the cursors around it. */
export async function listApplications(t: TenantContext, query: ApplicationsQuery, custom: ApplicationsCustom = {}) {
  const filters = await buildFilters(t, query, custom)
  const size = custom.pageSize ?? applicationsPageSize
  const order: Order = { sort: query.sort, dir: query.dir, field: custom.sortField ?? null }
  const decode = (value: string | undefined) =>
    order.field ? decodeFieldCursor(order.field, value) : decodeCursor(query.sort, value)
  const before = decode(query.before)
  const cursor = before ?? decode(query.after)
  const direction = before ? 'previous' : 'next'
  const [slice, count] = await Promise.all([
    fetchSlice(t, filters, order, cursor, direction, size + 1),
    countRows(t, filters),
  ])
  // One row more than a page tells whether another page lies in the direction of travel.
  const more = slice.length > size
  const rows = direction === 'next' ? slice.slice(0, size) : slice.slice(-size)
  const hasNext = direction === 'next' ? more : Boolean(cursor)
  const hasPrevious = direction === 'previous' ? more : Boolean(cursor)
  const first = rows[0]
  const last = rows.at(-1)
  return {
    rows,
    count,
    pageSize: size,
    /** 1-based position of the first row, as the pager links carry it (1 on the first page). */
    position: hasPrevious ? Math.max(1, query.at) : 1,
    next: hasNext && last ? cursorOf(order, last) : null,
    previous: hasPrevious && first ? cursorOf(order, first) : null,
  }
}

/** Up to this many clients, the client filter lists them all; past it, the text search finds clients by name. */
export const clientChoiceLimit = 100

type ClientChoice = { id: string; name: string }

/** The clients the filter may offer (as the coach may see them), one past the limit to tell a large practice. */
export const clientFilterChoices = (t: TenantContext) =>
  tenantList<ClientChoice>(
    (org) => sql`
      SELECT c.id, c.name FROM "Client" c
      WHERE c."organizationId" = ${org} AND c.status <> 'ARCHIVED'
      AND ${ownClientsCondition(t)}
      ORDER BY c.name, c.id
      ${limitSql(clientChoiceLimit + 1)}`,
  )

/**
 * The clients the client filter offers, from the rows of clientFilterChoices: all of them in a small practice;
 * in a large one only the client already chosen, so the page doesn't carry hundreds of options.
 */
export async function applicationFilterChoicesOf(t: TenantContext, rows: ClientChoice[], selected?: string) {
  if (rows.length <= clientChoiceLimit) return { clients: rows, complete: true }
  const chosen = selected
    ? await t.db.client.findFirst({ where: { id: selected }, select: { id: true, name: true } })
    : null
  return { clients: chosen ? [chosen] : [], complete: false }
}

// ---------------------------------------------------------------------------------------------
// CSV export: every row matching the filters (not just the page), in the page's order, read in
// keyset batches so memory stays flat. Columns are those the importer recognises (app/domain/imports),
// then the client's custom fields, one column each, headed by the field's name.

export const exportHeaders = [
  'Client Email',
  'Company',
  'Job Title',
  'Status',
  'Seniority',
  'Industry',
  'Location',
  'Work Mode',
  'Source',
  'Job URL',
  'Applied Date',
  'Stage',
  'Outcome',
  'Resume Tailored',
  'Cover Letter',
  'Rejection Reason',
  'Notes',
]

/** One status phrase the importer reads back as the same stage and outcome ("Final round - Rejected"). */
export function statusPhrase(stage: Stage, outcome: Outcome) {
  if (outcome === 'ACTIVE') return stageLabels[stage]
  if (outcome === 'OFFER_ACCEPTED' || outcome === 'OFFER_DECLINED') return outcomeLabels[outcome]
  return `${stageLabels[stage]} - ${outcomeLabels[outcome]}`
}

function csvCells(row: ApplicationListRow) {
  return [
    row.clientEmail,
    row.company,
    row.roleTitle,
    statusPhrase(row.stage, row.outcome),
    row.seniority ? seniorityLabels[row.seniority] : '',
    row.industry ?? '',
    row.location ?? '',
    row.workMode ? workModeLabels[row.workMode] : '',
    sourceLabels[row.source],
    row.jobUrl ?? '',
    row.appliedOn ?? '',
    stageLabels[row.stage],
    outcomeLabels[row.outcome],
    row.resumeTailored ? 'yes' : 'no',
    row.coverLetter ? 'yes' : 'no',
    row.rejectionReason ? reasonLabels[row.rejectionReason] : '',
    row.notes ?? '',
  ]
}

/** A field's column header: its name, unless that is one of the importer's headers. */
export function fieldColumnHeader(field: ClientFieldDef) {
  const taken = exportHeaders.some((h) => h.toLowerCase() === field.name.trim().toLowerCase())
  return taken ? `${field.name} (client field)` : field.name
}

/** A value as the CSV writes it: numbers plain (12000, not 12,000), dates as days, choices joined. */
function fieldCell(value: ReturnType<typeof valuesOf>[string] | undefined) {
  return typeof value === 'number' ? String(value) : formatFieldValue(value)
}

const exportBatchSize = 2_000

/**
 * The CSV, chunk by chunk (header first), with a column for each of `fields` (the practice's active
 * fields). toCsv neutralises every cell against formula injection.
 */
export async function* streamApplicationsCsv(
  primary: TenantContext,
  query: ApplicationsQuery,
  custom: ApplicationsCustom = {},
  fields: ClientFieldDef[] = [],
) {
  // Exports read the replica when one is configured and current (the door's read path).
  const t = await analyticsContext(primary)
  const filters = await buildFilters(t, query, custom)
  const order: Order = { sort: query.sort, dir: query.dir, field: custom.sortField ?? null }
  yield toCsv([[...exportHeaders, ...fields.map(fieldColumnHeader)]])
  const cells = (row: ApplicationListRow) => {
    const values = valuesOf(row.customFields)
    return [...csvCells(row), ...fields.map((f) => fieldCell(values[f.id]))]
  }
  let cursor: Cursor | FieldCursor | null = null
  for (;;) {
    const rows = await fetchSlice(t, filters, order, cursor, 'next', exportBatchSize)
    if (rows.length) yield toCsv(rows.map(cells))
    if (rows.length < exportBatchSize) return
    cursor = positionOf(order, rows.at(-1)!)
  }
}

/** The whole CSV as one string (tests, small practices). The route streams streamApplicationsCsv. */
export async function exportApplicationsCsv(
  t: TenantContext,
  query: ApplicationsQuery,
  custom: ApplicationsCustom = {},
  fields: ClientFieldDef[] = [],
) {
  let out = ''
  for await (const chunk of streamApplicationsCsv(t, query, custom, fields)) out += chunk
  return out
}
