import { z } from 'zod'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import { describeWeekComparison, sameSpanLastWeek, weekSoFar } from '~/lib/weeks'
import { formatDate } from '~/lib/dates'
import { findLatestInvite } from './access-links.server'
import type { CheckIn, StageEvent, Task } from '~/generated/prisma/client'
import { queryTenantSql, sql } from '~/tenancy/sql.server'
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
          ORDER BY "occurredAt" DESC, id DESC LIMIT ${TIMELINE_PAGE_SIZE} OFFSET ${(page - 1) * TIMELINE_PAGE_SIZE}
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

/** The client's newest private notes, with their author's name (null when the author's account is gone). */
async function clientNotes(t: TenantContext, clientId: string) {
  const rows = await queryTenantSql<{ id: string; body: string; createdAt: Date; authorName: string | null }>(
    t,
    (org) => sql`
      SELECT n.id, n.body, n."createdAt", u.name AS "authorName"
      FROM "Note" n LEFT JOIN "User" u ON u.id = n."authorId"
      WHERE n."organizationId" = ${org} AND n."clientId" = ${clientId}
      ORDER BY n."createdAt" DESC LIMIT 50`,
  )
  return rows.map(({ authorName, ...note }) => ({ ...note, author: authorName === null ? null : { name: authorName } }))
}

/** The client's tasks, open ones first, each group by due day (undated last). */
function clientTasks(t: TenantContext, clientId: string) {
  return queryTenantSql<Task>(
    t,
    (org) => sql`
      SELECT * FROM "Task" WHERE "organizationId" = ${org} AND "clientId" = ${clientId}
      ORDER BY status ASC, "dueOn" ASC NULLS LAST LIMIT 50`,
  )
}

/** The client's last eight weekly check-ins, newest first. */
function recentCheckIns(t: TenantContext, clientId: string) {
  return queryTenantSql<CheckIn>(
    t,
    (org) => sql`
      SELECT * FROM "CheckIn" WHERE "organizationId" = ${org} AND "clientId" = ${clientId}
      ORDER BY "weekOf" DESC LIMIT 8`,
  )
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
  const [pipeline, timeline, tasks, checkIns, notes, invite, funnel, insights, fieldDefs] = await Promise.all([
    getClientPipeline(t, client.id, view, { thisWeek: week, lastWeek }),
    readTimelinePage(t, client.id, timelinePage),
    clientTasks(t, client.id),
    recentCheckIns(t, client.id),
    clientNotes(t, client.id),
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
