import { useEffect, useState, type ReactNode } from 'react'
import { Bar, BarChart, CartesianGrid, Cell, LabelList, Legend, XAxis, YAxis } from 'recharts'
import { percent } from '~/ui/insights'

// The patterns page's charts. Recharts is imported here and nowhere else, so only this route's
// bundle carries it. Every series is told apart by its fill pattern as well as its colour, and
// every bar carries its value; the numbers are also in a table under each chart.

export type Series = { key: string; label: string; pattern: 'solid' | 'stripes' | 'dots' }

const ink = { solid: '#194d9c', stripes: '#7a3e00', dots: '#0f5132' } as const

function Patterns() {
  return (
    <defs>
      <pattern id="fill-stripes" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" fill="#fde7c8" />
        <rect width="3" height="6" fill={ink.stripes} />
      </pattern>
      <pattern id="fill-dots" width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" fill="#d4efdf" />
        <circle cx="3" cy="3" r="1.6" fill={ink.dots} />
      </pattern>
    </defs>
  )
}

const fillOf = (pattern: Series['pattern']) => (pattern === 'solid' ? ink.solid : `url(#fill-${pattern})`)

/** Charts draw in the browser only: the server sends the figure's caption and its table. */
function useMounted() {
  const [mounted, setMounted] = useState(false)
  useEffect(() => setMounted(true), [])
  return mounted
}

export function ChartFigure({
  title,
  description,
  children,
  table,
}: {
  title: string
  description?: ReactNode
  children: ReactNode
  table: ReactNode
}) {
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <figcaption>
        <span className="font-semibold text-slate-900">{title}</span>
        {description ? <span className="block text-sm text-slate-700">{description}</span> : null}
      </figcaption>
      <div className="mt-3">{children}</div>
      <details className="mt-3">
        <summary className="cursor-pointer text-sm font-medium text-brand-700">The numbers as a table</summary>
        <div className="mt-2 overflow-x-auto">{table}</div>
      </details>
    </figure>
  )
}

/**
 * Shares (0 to 1) of labelled groups as bars, each row's `label` its category; a row with `small` set is a
 * small sample, drawn faint. With no rows, the line `empty` says why.
 */
export function ShareBars({
  data,
  series,
  label,
  empty,
}: {
  data: ({ label: string; small: number } & Record<string, string | number>)[]
  series: Series[]
  label: string
  empty: ReactNode
}) {
  if (data.length === 0) return <p className="text-sm text-slate-700">{empty}</p>
  return (
    <BarsChart
      data={data}
      category="label"
      series={series}
      format={(value) => percent(value)}
      mutedKey="small"
      label={label}
    />
  )
}

/**
 * Bars per category, one bar per series, each labelled with its formatted value. Horizontal
 * (categories down the side) so that long names stay readable on a phone.
 */
export function BarsChart({
  data,
  category,
  series,
  format,
  label,
  mutedKey,
}: {
  data: Record<string, string | number>[]
  category: string
  series: Series[]
  format: (value: number) => string
  label: string
  /**
   * Rows whose value under this key is truthy (a small sample) are drawn faint with a dashed
   * outline, and their category reads "… · small sample".
   */
  mutedKey?: string
}) {
  const mounted = useMounted()
  // Room for a category label of three lines.
  const rowHeight = Math.max(22 * series.length + 14, mutedKey ? 50 : 0)
  const height = Math.max(120, data.length * rowHeight + 60)
  const narrow = mounted && window.innerWidth < 640
  const labelled = mutedKey
    ? data.map((row) => (row[mutedKey] ? { ...row, [category]: `${row[category]} · small sample` } : row))
    : data
  if (!mounted) return <div style={{ height }} aria-hidden="true" />
  return (
    <div role="img" aria-label={label}>
      <BarChart
        layout="vertical"
        data={labelled}
        responsive
        style={{ width: '100%', height }}
        margin={{ top: 4, right: 48, bottom: 4, left: 4 }}
        accessibilityLayer={false}
      >
        <Patterns />
        <CartesianGrid horizontal={false} stroke="#e2e8f0" />
        <XAxis type="number" tickFormatter={format} tick={{ fill: '#334155', fontSize: 12 }} />
        <YAxis
          type="category"
          dataKey={category}
          width={narrow ? 112 : 150}
          tick={{ fill: '#1e293b', fontSize: 12 }}
          interval={0}
        />
        {series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12, color: '#1e293b' }} /> : null}
        {series.map((s) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.label}
            fill={fillOf(s.pattern)}
            stroke={ink[s.pattern]}
            isAnimationActive={false}
            barSize={18}
          >
            {mutedKey
              ? data.map((row, i) =>
                  row[mutedKey] ? (
                    <Cell key={i} fillOpacity={0.3} strokeOpacity={0.6} strokeDasharray="3 2" />
                  ) : (
                    <Cell key={i} />
                  ),
                )
              : null}
            <LabelList
              dataKey={s.key}
              position="right"
              formatter={(value: unknown) => (typeof value === 'number' ? format(value) : '')}
              style={{ fill: '#0f172a', fontSize: 12 }}
            />
          </Bar>
        ))}
      </BarChart>
    </div>
  )
}
