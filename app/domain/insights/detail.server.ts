import { z } from 'zod'
import { addDays, todayIn } from '~/lib/dates'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import { clientsWithOpenTask, kindOfTask, listTasks, taskPrefill } from '../tasks/tasks.server'
import { suggestionFor } from './kinds'
import {
  countInsightApplications,
  evidenceOf,
  findInsight,
  listInsightApplications,
  listInsightClients,
} from './store.server'

/** How many of the applications behind an insight its page shows at a time. */
export const EVIDENCE_PAGE_SIZE = 25

export const InsightDetailQuery = z.object({
  evidence: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
})

// One insight's page, read in one go: the insight, the applications and clients behind it, the
// task it suggests pre-filled from the practice's template (due a week out), the clients who already
// have such a task open (a one-click assignment skips them), and the tasks it led to.

export async function getInsightDetail(t: TenantContext, id: string, now = new Date(), evidencePage = 1) {
  const insight = await findInsight(t, id)
  if (!insight) return null
  const evidence = evidenceOf(insight)
  const suggestion = suggestionFor(insight.kind, evidence)
  const type = insight.suggestedTaskType ?? suggestion.type
  const [applications, applicationCount, namedClients, prefill, tasks] = await Promise.all([
    listInsightApplications(t, insight, { skip: (evidencePage - 1) * EVIDENCE_PAGE_SIZE, take: EVIDENCE_PAGE_SIZE }),
    countInsightApplications(t, insight),
    insight.clientId ? Promise.resolve([]) : listInsightClients(t, insight),
    taskPrefill(t, type, suggestion),
    listTasks(t, { insightId: insight.id, take: 200 }, now),
  ])
  const clients = insight.client ? [insight.client] : namedClients
  const active = clients.filter((client) => client.status === 'ACTIVE')
  const withOpenTask = await clientsWithOpenTask(
    t,
    active.map((client) => client.id),
    type,
    suggestion.title,
  )
  return {
    insight,
    evidence,
    applications,
    applicationPage: { page: evidencePage, total: applicationCount, pageSize: EVIDENCE_PAGE_SIZE },
    clients,
    activeClients: active.length,
    /** Active clients it names who already have an open task of the suggested type. */
    alreadyOpen: active.filter((client) => withOpenTask.has(client.id)),
    kindOfTask: kindOfTask(type, suggestion.title),
    suggestedTask: { type, ...prefill, dueOn: addDays(todayIn(t.org.timezone, now), 7) },
    tasks,
    today: todayIn(t.org.timezone, now),
  }
}
