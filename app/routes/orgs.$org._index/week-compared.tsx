import { stageLabels } from '~/domain/applications/pipeline'
import { formatDateTime } from '~/lib/dates'
import { StatCard } from '~/ui/insights'

import type { Home } from './route'
import { Section } from '~/ui/section'

// The week so far against the same days of the week before: the figures, and rejections by stage.

const weekStats = [
  { key: 'applications', label: 'Applications' },
  { key: 'screens', label: 'Screens' },
  { key: 'interviews', label: 'Interviews' },
  { key: 'offers', label: 'Offers' },
  { key: 'ghosted', label: 'Ghosted' },
] as const
const rejectionStages = ['APPLIED', 'SCREEN', 'INTERVIEW', 'FINAL', 'OFFER'] as const

export function WeekCompared({
  week,
  asOf,
  timezone,
}: {
  week: Home['week']
  /** When the figures are older than the refresh's interval: their time. */
  asOf: string | null
  timezone: string
}) {
  return (
    <Section headingId="week-heading" title="This week against last">
      <p className="text-sm text-slate-700">{week.compared}, in the practice’s timezone.</p>
      {asOf ? (
        <p className="text-sm text-slate-700">
          Figures as of {formatDateTime(asOf, timezone)}; fresher ones are on their way.
        </p>
      ) : null}
      <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        {weekStats.map((stat) => (
          <StatCard
            key={stat.key}
            label={stat.label}
            value={week.thisWeek[stat.key]}
            previous={week.lastWeek[stat.key]}
            // More ghosting is not good news.
            higherIsBetter={stat.key !== 'ghosted'}
          />
        ))}
        <StatCard label="Rejections" value={week.thisWeek.rejections} previous={week.lastWeek.rejections} neutral />
      </dl>
      <div className="mt-3 overflow-x-auto">
        <table className="w-full min-w-[28rem] border-collapse bg-white text-sm">
          <caption className="py-1 text-left text-sm font-medium text-slate-800">Rejections by stage</caption>
          <thead>
            <tr className="border-b border-slate-200 text-left text-slate-700">
              <th scope="col" className="p-2 font-medium">
                Week
              </th>
              {rejectionStages.map((stage) => (
                <th key={stage} scope="col" className="p-2 text-right font-medium">
                  {stageLabels[stage]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {(['thisWeek', 'lastWeek'] as const).map((key) => (
              <tr key={key} className="border-b border-slate-100">
                <th scope="row" className="p-2 text-left font-medium">
                  {key === 'thisWeek' ? 'This week so far' : 'Same days last week'}
                </th>
                {rejectionStages.map((stage) => (
                  <td key={stage} className="p-2 text-right tabular-nums">
                    {week[key].rejectionsByStage[stage]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  )
}
