import type { TenantContext } from '~/tenancy/scoped-client.server'
import { listOpenInsights } from '../insights/store.server'
import { caseloadFunnel } from '../patterns/patterns.server'
import { weekComparison } from '../patterns/patterns-activity.server'
import { countOverdueTasks, listTasks } from '../tasks/tasks.server'

// The coach's home, read in one go: this week against last, clients at risk (stored insights,
// most severe first), overdue tasks and the caseload funnel of the last 30 days (the patterns page
// has longer windows). Every part runs in parallel.

export async function getDashboard(t: TenantContext, now = new Date()) {
  const [week, insights, overdueTasks, overdueCount, funnel, clients] = await Promise.all([
    weekComparison(t, now),
    listOpenInsights(t, { take: 12 }),
    listTasks(t, { overdue: true, take: 10 }, now),
    countOverdueTasks(t, now),
    caseloadFunnel(t, { days: 30 }, now),
    t.db.client.count({ where: { status: { not: 'ARCHIVED' } } }),
  ])
  return { week, insights, overdueTasks, overdueCount, funnel, clients }
}
