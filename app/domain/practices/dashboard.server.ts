import { requestInsightsRefresh } from '~/jobs/queue.server'
import { weekSoFar } from '~/lib/weeks'
import { analyticsContext } from '~/tenancy/read-replica.server'
import { isOwnClientsOnly, type TenantContext } from '~/tenancy/scoped-client.server'
import { listOpenInsights } from '../insights/store.server'
import { cachedFigures, snapshotMaxAgeMs } from '../patterns/caseload-snapshots.server'
import { caseloadFunnel, mediansServedStaleMs } from '../patterns/patterns.server'
import { weekComparison } from '../patterns/patterns-activity.server'
import { countOverdueTasks, listTasks } from '../tasks/tasks.server'

// The coach's home, read in one go: this week against last and the caseload funnel of the last 30 days
// (caseload figures, from the snapshot the insights refresh writes), clients at risk (stored insights, most
// severe first) and overdue tasks (read afresh). Every part runs in parallel.

export const dashboardSnapshotName = 'dashboard:30'

type DashboardFigures = {
  week: Awaited<ReturnType<typeof weekComparison>>
  funnel: Awaited<ReturnType<typeof caseloadFunnel>>
  /** The practice's timezone the week was cut in. */
  timeZone: string
  /** When the figures were computed (the snapshot's time). */
  computedAt: string
}

/**
 * This week against last and the 30-day funnel read the caseload's events (a few hundred milliseconds on a
 * 250,000-application practice, and they queued up behind each other under 50 connections), so they are a
 * caseload snapshot (docs/decisions/0009), written by the insights refresh after every change. Past its 10
 * minutes the home page still shows it while a refresh is asked for, as the client page does with its medians;
 * a request computes them only when none is stored, it is older than 2 hours (no job runner), or it belongs to
 * another week (or timezone) than today's. A coach limited to their own clients has snapshots of their own,
 * which the practice's refresh does not write: theirs are computed past 10 minutes, as before.
 */
export function dashboardFigures(
  t: TenantContext,
  options: { now?: Date; refresh?: boolean } = {},
): Promise<DashboardFigures> {
  const now = options.now ?? new Date()
  const timeZone = t.org.timezone
  const weekStart = weekSoFar(now, timeZone).firstDay
  return cachedFigures(
    t,
    dashboardSnapshotName,
    async () => {
      const source = await analyticsContext(t)
      const [week, funnel] = await Promise.all([weekComparison(source, now), caseloadFunnel(source, { days: 30 }, now)])
      return { week, funnel, timeZone, computedAt: now.toISOString() }
    },
    {
      now,
      refresh: options.refresh,
      serveStaleMs: isOwnClientsOnly(t) ? undefined : mediansServedStaleMs,
      onStale: () => requestInsightsRefresh(t.org.id),
      usable: (data) => {
        const figures = data as Partial<DashboardFigures> | null
        return figures?.timeZone === timeZone && figures.week?.weekStart === weekStart && !!figures.funnel
      },
    },
  )
}

export async function getDashboard(t: TenantContext, now = new Date()) {
  const [figures, insights, overdueTasks, overdueCount, clients] = await Promise.all([
    dashboardFigures(t, { now }),
    listOpenInsights(t, { take: 12 }),
    listTasks(t, { overdue: true, take: 10 }, now),
    countOverdueTasks(t, now),
    t.db.client.count({ where: { status: { not: 'ARCHIVED' } } }),
  ])
  const { week, funnel, computedAt } = figures
  // Older than the refresh's interval: the page says when the figures are from.
  const figuresAsOf = now.getTime() - Date.parse(computedAt) >= snapshotMaxAgeMs ? computedAt : null
  return { week, insights, overdueTasks, overdueCount, funnel, clients, figuresAsOf }
}
