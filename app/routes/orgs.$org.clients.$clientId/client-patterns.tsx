import { Link } from '@remix-run/react'
import type { InsightKind } from '~/domain/insights/kinds'
import type { ClientFunnelComparison } from '~/domain/patterns/patterns.server'
import { describeEvidence } from '~/domain/insights/describe'
import { insightKindLabels } from '~/domain/insights/kinds'
import { encouragingReference } from '~/domain/patterns/patterns'
import { stageLabels } from '~/domain/applications/pipeline'
import { percent, SeverityBadge } from '~/ui/insights'
import { orgPath } from '~/lib/org-path'
import { formatDateTime } from '~/lib/dates'
import { Section } from '~/ui/section'
import { ColumnHeads } from '~/ui/column-heads'

// The client page's patterns: the client's funnel against the caseload median, the encouraging
// reference when their numbers look bad, and their open insights with a way to act on each.

export function FunnelVsCaseload({
  funnel,
  firstName,
  timezone,
}: {
  funnel: ClientFunnelComparison
  firstName: string
  timezone: string
}) {
  const applied = funnel.stages[0]?.client.count ?? 0
  return (
    <Section headingId="funnel-heading" title="Funnel vs caseload" card className="min-w-0">
      <p className="text-sm text-slate-700">
        Applications sent in the last {funnel.days} days and the share that reached each stage, against the median of{' '}
        {funnel.caseloadClients} active clients with 5 or more applications
        {funnel.cohort ? (
          <>
            {' '}
            and, for the cohort {funnel.cohort.name}, of its {funnel.cohort.clients}{' '}
            {funnel.cohort.clients === 1 ? 'such client' : 'such clients'}
          </>
        ) : null}
        . Medians as of {formatDateTime(funnel.computedAt, timezone)}.
      </p>
      {applied === 0 ? (
        <p className="mt-2 text-slate-700">No applications sent in the last {funnel.days} days.</p>
      ) : (
        <div className="mt-2 overflow-x-auto">
          <table className="w-full min-w-[28rem] text-sm">
            <caption className="sr-only">{firstName}’s funnel against the caseload median</caption>
            <thead>
              <tr className="border-b border-slate-200 text-left">
                <ColumnHeads labels={['Stage']} className="p-2 font-medium" />
                <ColumnHeads
                  labels={[firstName, 'Caseload median', ...(funnel.cohort ? ['Cohort median'] : [])]}
                  className="p-2 text-right font-medium"
                />
                <th scope="col" className="w-1/3 p-2 font-medium">
                  <span className="sr-only">Comparison</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {funnel.stages.map((row) => {
                const behind =
                  row.client.rate !== null &&
                  row.caseloadMedianRate !== null &&
                  row.client.rate < row.caseloadMedianRate
                return (
                  <tr key={row.stage} className="border-b border-slate-100">
                    <th scope="row" className="p-2 text-left font-normal">
                      {stageLabels[row.stage]}
                    </th>
                    <td className="p-2 text-right tabular-nums">
                      {row.client.count} ({percent(row.client.rate)})
                      {behind ? <span className="block text-xs text-amber-900">below the median</span> : null}
                    </td>
                    <td className="p-2 text-right tabular-nums">{percent(row.caseloadMedianRate)}</td>
                    {funnel.cohort ? (
                      <td className="p-2 text-right tabular-nums">{percent(row.cohortMedianRate)}</td>
                    ) : null}
                    <td className="p-2" aria-hidden="true">
                      <span className="relative block h-3 rounded bg-slate-100">
                        <span
                          className="absolute inset-y-0 left-0 rounded bg-brand-700"
                          style={{ width: `${Math.min(100, (row.client.rate ?? 0) * 100)}%` }}
                        />
                        {row.caseloadMedianRate !== null ? (
                          <span
                            className="absolute -inset-y-1 w-0.5 bg-slate-900"
                            style={{ left: `${Math.min(100, row.caseloadMedianRate * 100)}%` }}
                          />
                        ) : null}
                      </span>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
          <p className="mt-1 text-xs text-slate-700">
            Bars: {firstName}’s share; the dark line marks the caseload median.
          </p>
        </div>
      )}
      {funnel.isBelowMedian ? (
        <p className="mt-3 rounded-md border border-brand-100 bg-brand-50 p-3 text-sm text-slate-900">
          {/* Worded for the coach: the client's own pages speak to the client. */}
          <span className="font-semibold">{firstName} is below the caseload median. </span>
          Perspective worth sharing: only about {Math.round(encouragingReference.interviewRate * 100)}% of applicants to
          a posting reach an interview (about {encouragingReference.interviewed} of {encouragingReference.applicants}),
          so every screen reached is progress.
        </p>
      ) : null}
    </Section>
  )
}

type OpenInsight = {
  id: string
  kind: InsightKind
  severity: number
  evidence: unknown
}

export function ClientInsights({
  insights,
  slug,
  clientId,
  canAssign,
}: {
  insights: OpenInsight[]
  slug: string
  clientId: string
  canAssign: boolean
}) {
  return (
    <Section
      headingId="insights-heading"
      title="Open insights"
      card
      aside={
        <>
          {canAssign ? (
            <Link
              to={`${orgPath(slug, 'tasks')}?client=${clientId}#assign-heading`}
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100"
            >
              Assign task
            </Link>
          ) : null}
        </>
      }
    >
      {insights.length === 0 ? (
        <p className="mt-2 text-slate-700">Nothing stands out right now.</p>
      ) : (
        <ul className="mt-2 space-y-2">
          {insights.map((insight) => (
            <li key={insight.id} className="text-sm">
              <div className="flex flex-wrap items-center gap-2">
                <SeverityBadge severity={insight.severity} />
                <Link to={orgPath(slug, 'insights', insight.id)} className="font-medium text-brand-700 underline">
                  {insightKindLabels[insight.kind]}
                </Link>
              </div>
              <p className="mt-0.5 text-slate-800">
                {describeEvidence(insight.kind, (insight.evidence ?? {}) as Record<string, unknown>).summary}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Section>
  )
}
