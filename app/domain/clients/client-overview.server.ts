import { z } from 'zod'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import { describeWeekComparison, sameSpanLastWeek, weekSoFar } from '~/lib/weeks'
import { formatDate } from '~/lib/dates'
import { findLatestInvite } from './access-links.server'
import { listStageEvents, type PipelineContext } from '../applications/applications.server'
import { findClient } from './clients.server'
import { listOpenInsights } from '../insights/store.server'
import { listNotes } from './notes.server'
import { clientFunnelVsCaseload } from '../patterns/patterns.server'
import { getClientPipeline } from './client-pipeline.server'
import { formatFieldValue, valuesOf } from '../client-fields/client-field-input'
import { listActiveClientFields } from '../client-fields/client-fields.server'

// Everything the coach's client page shows, read in one go.

export function coachPipeline(t: TenantContext, client: { id: string; timezone: string }): PipelineContext {
  return {
    db: t.db,
    organizationId: t.org.id,
    clientId: client.id,
    timezone: client.timezone,
    actor: { type: 'COACH', userId: t.user.id },
  }
}

/** A page of the timeline: a busy client's history is read a page at a time, newest first. */
export const TIMELINE_PAGE_SIZE = 15

export const ClientPageQuery = z.object({
  timeline: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
  view: z.enum(['board', 'table']).default('board').catch('board'),
})

export async function getClientOverview(
  t: TenantContext,
  clientId: string,
  now = new Date(),
  timelinePage = 1,
  view: 'board' | 'table' = 'board',
) {
  const client = await findClient(t, clientId)
  if (!client) return null
  const p = coachPipeline(t, client)
  // The coach reads the practice's week, as on the roster and the home page.
  const week = weekSoFar(now, t.org.timezone)
  const lastWeek = sameSpanLastWeek(week)
  const [pipeline, events, eventCount, tasks, checkIns, notes, invite, funnel, insights, fieldDefs] = await Promise.all(
    [
      getClientPipeline(t, client.id, view, { thisWeek: week, lastWeek }),
      listStageEvents(p, { take: TIMELINE_PAGE_SIZE, skip: (timelinePage - 1) * TIMELINE_PAGE_SIZE }),
      t.db.stageEvent.count({ where: { clientId } }),
      t.db.task.findMany({
        where: { clientId },
        orderBy: [{ status: 'asc' }, { dueOn: { sort: 'asc', nulls: 'last' } }],
        take: 50,
      }),
      t.db.checkIn.findMany({ where: { clientId }, orderBy: { weekOf: 'desc' }, take: 8 }),
      listNotes(t, clientId),
      findLatestInvite(t, clientId),
      clientFunnelVsCaseload(t, clientId, {}, now),
      listOpenInsights(t, { clientId, take: 20 }),
      listActiveClientFields(t),
    ],
  )
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
    events,
    timeline: {
      page: timelinePage,
      pageCount: Math.max(1, Math.ceil(eventCount / TIMELINE_PAGE_SIZE)),
      total: eventCount,
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
