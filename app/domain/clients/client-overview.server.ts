import type { TenantContext } from '~/tenancy/scoped-client.server'
import { addDays, dateOnly, mondayOf, todayIn } from '~/lib/dates'
import { findLatestInvite } from './access-links.server'
import { listClientApplications, listStageEvents, type PipelineContext } from '../applications/applications.server'
import { findClient } from './clients.server'
import { listOpenInsights } from '../insights/store.server'
import { listNotes } from './notes.server'
import { clientFunnelVsCaseload } from '../patterns/patterns.server'

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

export async function getClientOverview(t: TenantContext, clientId: string, now = new Date()) {
  const client = await findClient(t, clientId)
  if (!client) return null
  const p = coachPipeline(t, client)
  const weekStart = mondayOf(todayIn(client.timezone, now))
  const [applications, events, tasks, checkIns, notes, invite, funnel, insights] = await Promise.all([
    listClientApplications(p),
    listStageEvents(p, { take: 50 }),
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
  ])
  const weekStartDate = dateOnly(weekStart)
  const weekEnd = dateOnly(addDays(weekStart, 7))
  const appliedThisWeek = applications.filter(
    (a) => a.appliedOn && a.appliedOn >= weekStartDate && a.appliedOn < weekEnd,
  ).length
  return { client, applications, events, tasks, checkIns, notes, invite, appliedThisWeek, weekStart, funnel, insights }
}
