import { severityLabels } from '~/domain/insights/describe'
import { severityBand } from '~/domain/insights/kinds'
import { formatCount } from '~/lib/numbers'

// Small pieces of the dashboard, the insight page and the client page. Plain HTML and CSS: every
// figure is written out, so nothing depends on colour alone.

export function StatCard({
  label,
  value,
  previous,
  higherIsBetter = true,
  neutral = false,
}: {
  label: string
  value: number
  previous: number
  higherIsBetter?: boolean
  neutral?: boolean
}) {
  const change = value - previous
  const good = neutral || change === 0 ? null : change > 0 === higherIsBetter
  const tone = good === null ? 'text-slate-700' : good ? 'text-green-800' : 'text-red-800'
  const arrow = change > 0 ? '▲' : change < 0 ? '▼' : '•'
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
      <dt className="text-sm text-slate-700">{label}</dt>
      <dd className="text-2xl font-bold tabular-nums">{formatCount(value)}</dd>
      <dd className={`text-sm ${tone}`}>
        <span aria-hidden="true">{arrow} </span>
        {change === 0
          ? 'same as last week'
          : `${change > 0 ? '+' : '−'}${formatCount(Math.abs(change))} from last week (${formatCount(previous)})`}
      </dd>
    </div>
  )
}

const severityTones = {
  high: 'bg-red-100 text-red-900 border-red-300',
  medium: 'bg-amber-100 text-amber-900 border-amber-300',
  low: 'bg-slate-100 text-slate-800 border-slate-300',
} as const

export function SeverityBadge({ severity }: { severity: number }) {
  const band = severityBand(severity)
  return (
    <span className={`inline-block rounded border px-2 py-0.5 text-xs font-semibold ${severityTones[band]}`}>
      {severityLabels[band]} priority
    </span>
  )
}

/** Horizontal bars with the number and the share of `total` written beside each. */
export function FunnelBars({ rows, total }: { rows: { label: string; value: number }[]; total: number }) {
  return (
    <ol className="mt-2 space-y-1.5">
      {rows.map((row) => {
        const share = total > 0 ? row.value / total : 0
        return (
          <li key={row.label} className="grid grid-cols-[6.5rem_1fr] items-center gap-2 text-sm">
            <span className="text-slate-800">{row.label}</span>
            <span className="flex items-center gap-2">
              <span className="h-4 flex-1 overflow-hidden rounded bg-slate-100">
                <span
                  className="block h-full bg-brand-700"
                  style={{ width: `${Math.max(share * 100, row.value ? 1 : 0)}%` }}
                />
              </span>
              <span className="w-24 text-right text-slate-900 tabular-nums">
                {formatCount(row.value)}
                {total > 0 ? ` (${Math.round(share * 100)}%)` : ''}
              </span>
            </span>
          </li>
        )
      })}
    </ol>
  )
}

export const percent = (share: number | null | undefined, digits = 0) =>
  share === null || share === undefined ? '—' : `${(share * 100).toFixed(digits)}%`
