import { Link } from '@remix-run/react'
import { describeEvidence, severityLabels } from '~/domain/insights/describe'
import { insightKindLabels, severityBand } from '~/domain/insights/kinds'
import { funnelStages } from '~/domain/patterns/patterns'
import { stageLabels } from '~/domain/applications/pipeline'
import { taskTypeLabels } from '~/domain/tasks/tasks'
import { formatDate } from '~/lib/dates'
import { FunnelBars, SeverityBadge } from '~/ui/insights'

import type { Home } from './route'
import { Section, SectionLink } from '~/ui/section'
import { EmptyNote } from '~/ui/empty-note'
import { ItemList } from '~/ui/item-list'

// Who needs the coach now: clients at risk (open insights), overdue tasks, and the caseload funnel.

export function ClientsAtRisk({
  insights,
  clients,
  base,
}: {
  insights: Home['insights']
  clients: number
  base: string
}) {
  return (
    <Section headingId="risk-heading" title="Clients at risk" className="lg:col-span-2">
      {insights.length === 0 ? (
        <EmptyNote className="mt-2">
          No open insights.{' '}
          {clients === 0
            ? 'They appear once your clients log applications.'
            : 'Insights are recomputed every hour and after changes; press “Recompute now” to see them at once.'}
        </EmptyNote>
      ) : (
        <ul className="mt-2 space-y-3">
          {insights.map((insight) => {
            const evidence = describeEvidence(insight.kind, insight.evidence as Record<string, unknown>)
            return (
              <li key={insight.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <SeverityBadge severity={insight.severity} />
                  <h3 className="font-semibold">
                    <Link to={`${base}/insights/${insight.id}`} className="text-brand-700 underline underline-offset-2">
                      {insightKindLabels[insight.kind]}
                      {insight.client ? `: ${insight.client.name}` : ': whole caseload'}
                    </Link>
                  </h3>
                </div>
                <p className="mt-1 text-sm text-slate-800">{evidence.summary}</p>
                <p className="mt-1 text-xs text-slate-600">
                  Severity {insight.severity} ({severityLabels[severityBand(insight.severity)].toLowerCase()})
                  {insight.suggestedTaskType ? ` · suggests: ${taskTypeLabels[insight.suggestedTaskType]}` : ''}
                </p>
              </li>
            )
          })}
        </ul>
      )}
    </Section>
  )
}

export function OverdueTasks({ tasks, count, base }: { tasks: Home['overdueTasks']; count: number; base: string }) {
  return (
    <Section headingId="overdue-heading" title={<>Overdue tasks ({count})</>}>
      <ItemList
        items={tasks}
        empty="Nothing overdue."
        className="space-y-2 text-sm"
        itemClassName="rounded-md border-l-4 border-red-700 bg-white p-2"
      >
        {(task) => (
          <>
            <p className="font-medium">{task.title}</p>
            <p className="text-slate-700">
              <Link to={`${base}/clients/${task.client.id}`} className="text-brand-700 underline">
                {task.client.name}
              </Link>{' '}
              · <span className="font-medium text-red-800">Overdue</span> since {formatDate(task.dueOn)}
            </p>
          </>
        )}
      </ItemList>
      <SectionLink to={`${base}/tasks`} strong>
        All tasks
      </SectionLink>
    </Section>
  )
}

export function CaseloadFunnel({ funnel, base }: { funnel: Home['funnel']; base: string }) {
  return (
    <Section headingId="funnel-heading" title="Caseload funnel">
      <p className="text-sm text-slate-700">
        Applications sent in the last {funnel.days} days, by the furthest stage reached.
      </p>
      <FunnelBars
        rows={funnelStages.map((stage) => ({ label: stageLabels[stage], value: funnel.funnel[stage] }))}
        total={funnel.funnel.APPLIED}
      />
      <SectionLink to={`${base}/patterns`} strong>
        See the patterns
      </SectionLink>
    </Section>
  )
}
