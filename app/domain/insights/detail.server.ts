import { addDays, todayIn } from '~/lib/dates'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import { listTasks, taskPrefill } from '../tasks/tasks.server'
import { suggestionFor } from './kinds'
import { evidenceOf, findInsight, listInsightApplications, listInsightClients } from './store.server'

// One insight's page, read in one go: the insight, the applications and clients behind it, the
// task it suggests pre-filled from the practice's template (due a week out), and the tasks it led to.

export async function getInsightDetail(t: TenantContext, id: string, now = new Date()) {
  const insight = await findInsight(t, id)
  if (!insight) return null
  const evidence = evidenceOf(insight)
  const suggestion = suggestionFor(insight.kind, evidence)
  const type = insight.suggestedTaskType ?? suggestion.type
  const [applications, namedClients, prefill, tasks] = await Promise.all([
    listInsightApplications(t, insight),
    insight.clientId ? Promise.resolve([]) : listInsightClients(t, insight),
    taskPrefill(t, type, suggestion),
    listTasks(t, { insightId: insight.id, take: 200 }, now),
  ])
  const clients = insight.client ? [insight.client] : namedClients
  return {
    insight,
    evidence,
    applications,
    clients,
    activeClients: clients.filter((client) => client.status === 'ACTIVE').length,
    suggestedTask: { type, ...prefill, dueOn: addDays(todayIn(t.org.timezone, now), 7) },
    tasks,
    today: todayIn(t.org.timezone, now),
  }
}
