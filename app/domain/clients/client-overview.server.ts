import { z } from 'zod'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import { describeWeekComparison, sameSpanLastWeek, weekSoFar } from '~/lib/weeks'
import { formatDate } from '~/lib/dates'
import { findLatestInvite } from './access-links.server'
import type { CheckIn, StageEvent, Task } from '~/generated/prisma/client'
import { limitSql, queryTenantSql, sql } from '~/tenancy/sql.server'
import { findClient } from './clients.server'
import { listClientOpenInsights } from '../insights/store.server'
import { clientFunnelVsCaseload } from '../patterns/patterns.server'
import { getClientPipeline } from './client-pipeline.server'
import { formatFieldValue, valuesOf } from '../client-fields/client-field-input'
import { listActiveClientFields } from '../client-fields/client-fields.server'

// Everything the coach's client page shows, read in one go.

/** The client's pipeline as this coach acts on it (the client page's name for it). */

/** A page of the timeline: a busy client's history is read a page at a time, newest first. */
export const TIMELINE_PAGE_SIZE = 15

export const ClientPageQuery = z.object({
  timeline: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
  view: z.enum(['board', 'table']).default('board').catch('board'),
})

type TimelineRow = Pick<
  StageEvent,
  'fromStage' | 'toStage' | 'fromOutcome' | 'toOutcome' | 'applicationId' | 'actorType' | 'occurredAt'
> & { total: number; id: string | null; company: string; roleTitle: string }

// The reads below are for a client already found through the tenancy door (findClient); each binds the practice.

/** A page of the client's timeline, newest first, with each event's application and the count of all events. */
async function readTimelinePage(t: TenantContext, clientId: string, page: number) {
  const rows = await queryTenantSql<TimelineRow>(
    t,
    (org) => sql`
      SELECT n.total, e.*
      FROM (SELECT count(*)::int AS total FROM "StageEvent" WHERE "organizationId" = ${org} AND "clientId" = ${clientId}) n
      LEFT JOIN LATERAL (
        SELECT e.id, e."fromStage", e."toStage", e."fromOutcome", e."toOutcome", e."applicationId", e."actorType",
               e."occurredAt", a.company, a."roleTitle"
        FROM (
          SELECT * FROM "StageEvent" WHERE "organizationId" = ${org} AND "clientId" = ${clientId}
          ORDER BY "occurredAt" DESC, id DESC ${limitSql(TIMELINE_PAGE_SIZE)} OFFSET ${(page - 1) * TIMELINE_PAGE_SIZE}
        ) e
        JOIN "JobApplication" a ON a."organizationId" = ${org} AND a.id = e."applicationId"
      ) e ON TRUE
      ORDER BY e."occurredAt" DESC, e.id DESC`,
  )
  const events = rows
    .filter((row) => row.id !== null)
    .map(({ total: _, company, roleTitle, id, ...event }) => ({
      ...event,
      id: id!,
      application: { company, roleTitle },
    }))
  return { events, total: rows[0]?.total ?? 0 }
}

// json_agg writes a timestamp column as "2026-01-05T09:00:00.123" (UTC, as the columns hold it) and a date column as
// "2026-01-05": back to the Dates a row read gives (a date is midnight UTC).
const utcDate = (value: string) => new Date(value.length === 10 ? `${value}T00:00:00Z` : `${value}Z`)
const utcDateOrNull = (value: string | null) => (value === null ? null : utcDate(value))

type Dated<T, K extends keyof T> = Omit<T, K> & { [P in K]: string | Extract<T[P], null> }
type NoteRow = { id: string; body: string; createdAt: string; authorName: string | null }

/**
 * The side column in one statement: the client's tasks (open ones first, each group by due day, undated last), their
 * last eight weekly check-ins and the newest private notes with their author's name (null when the account is gone).
 */
async function readCareColumn(t: TenantContext, clientId: string) {
  const [row] = await queryTenantSql<{
    tasks: Dated<Task, 'dueOn' | 'completedAt' | 'createdAt' | 'updatedAt'>[]
    checkIns: Dated<CheckIn, 'weekOf' | 'createdAt'>[]
    notes: NoteRow[]
  }>(
    t,
    (org) => sql`
      SELECT
        (SELECT coalesce(json_agg(k ORDER BY k.status, k."dueOn" NULLS LAST), '[]') FROM (
          SELECT * FROM "Task" WHERE "organizationId" = ${org} AND "clientId" = ${clientId}
          ORDER BY status, "dueOn" NULLS LAST LIMIT 50
        ) k) AS tasks,
        (SELECT coalesce(json_agg(c ORDER BY c."weekOf" DESC), '[]') FROM (
          SELECT * FROM "CheckIn" WHERE "organizationId" = ${org} AND "clientId" = ${clientId}
          ORDER BY "weekOf" DESC LIMIT 8
        ) c) AS "checkIns",
        (SELECT coalesce(json_agg(n ORDER BY n."createdAt" DESC), '[]') FROM (
          SELECT n.id, n.body, n."createdAt", u.name AS "authorName"
          FROM "Note" n LEFT JOIN "User" u ON u.id = n."authorId"
          WHERE n."organizationId" = ${org} AND n."clientId" = ${clientId}
          ORDER BY n."createdAt" DESC LIMIT 50
        ) n) AS notes`,
  )
  const { tasks, checkIns, notes } = row!
  return {
    tasks: tasks.map((task) => ({
      ...task,
      dueOn: utcDateOrNull(task.dueOn),
      completedAt: utcDateOrNull(task.completedAt),
      createdAt: utcDate(task.createdAt),
      updatedAt: utcDate(task.updatedAt),
    })),
    checkIns: checkIns.map((checkIn) => ({
      ...checkIn,
      weekOf: utcDate(checkIn.weekOf),
      createdAt: utcDate(checkIn.createdAt),
    })),
    notes: notes.map(({ authorName, createdAt, ...note }) => ({
      ...note,
      createdAt: utcDate(createdAt),
      author: authorName === null ? null : { name: authorName },
    })),
  }
}

export async function getClientOverview(
  t: TenantContext,
  clientId: string,
  now = new Date(),
  timelinePage = 1,
  view: 'board' | 'table' = 'board',
) {
  const client = await findClient(t, clientId)
  if (!client) return null
  // The coach reads the practice's week, as on the roster and the home page.
  const week = weekSoFar(now, t.org.timezone)
  const lastWeek = sameSpanLastWeek(week)
  const [pipeline, timeline, { tasks, checkIns, notes }, invite, funnel, insights, fieldDefs] = await Promise.all([
    getClientPipeline(t, client.id, view, { thisWeek: week, lastWeek }),
    readTimelinePage(t, client.id, timelinePage),
    readCareColumn(t, client.id),
    findLatestInvite(t, client.id),
    clientFunnelVsCaseload(t, client.id, {}, now),
    listClientOpenInsights(t, client.id, 20),
    listActiveClientFields(t),
  ])
  const values = valuesOf(client.customFields)
  // The practice's own fields that hold a value for this client, in the practice's order.
  const fields = fieldDefs
    .filter((f) => values[f.id] !== undefined && formatFieldValue(values[f.id]) !== '')
    .map((f) => ({
      id: f.id,
      name: f.name,
      value: f.kind === 'DATE' ? formatDate(String(values[f.id])) : formatFieldValue(values[f.id]),
    }))
  return {
    client,
    fields,
    pipeline,
    events: timeline.events,
    timeline: {
      page: timelinePage,
      pageCount: Math.max(1, Math.ceil(timeline.total / TIMELINE_PAGE_SIZE)),
      total: timeline.total,
      pageSize: TIMELINE_PAGE_SIZE,
    },
    tasks,
    checkIns,
    notes,
    invite,
    appliedThisWeek: pipeline.appliedThisWeek,
    appliedLastWeek: pipeline.appliedLastWeek,
    weekStart: week.firstDay,
    weekCompared: describeWeekComparison(week),
    funnel,
    insights,
  }
}
