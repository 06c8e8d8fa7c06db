import type { ReactNode } from 'react'
import type { ApplicationSource, RejectionReason, Stage } from '~/domain/applications/pipeline'
import { funnelStages, minimumSample, type FunnelCounts } from '~/domain/patterns/patterns'
import { reasonLabels, rejectionReasons, sourceLabels, stageLabels } from '~/domain/applications/pipeline'
import { taskTypeLabels } from '~/domain/tasks/tasks'
import { plural } from '~/lib/plural'
import { percent } from '~/ui/insights'
import { BarsChart, ChartFigure, ShareBars, type Series } from './charts'
import type { useLoaderData } from '@remix-run/react'
import type { loader } from './route'
import { formatCount } from '~/lib/numbers'
import { EmptyNote } from '~/ui/empty-note'

// The patterns page's sections: each figure as a table a screen reader can read, with its chart beside it.

/** What the page gives its sections. */
type Page = ReturnType<typeof useLoaderData<typeof loader>>

const dimensions = [
  { key: 'coach', label: 'By coach' },
  { key: 'industry', label: 'By industry' },
  { key: 'seniority', label: 'By seniority' },
  { key: 'source', label: 'By source' },
  { key: 'tailored', label: 'Tailored against untailored resumes' },
] as const

const th = 'p-2 text-left font-medium text-slate-800'
const td = 'p-2 text-right tabular-nums'
const count = (n: number) => formatCount(n)
const share = (part: number, whole: number) => (whole ? part / whole : null)

type Column<Row> = {
  label: string
  cell: (row: Row) => ReactNode
  /** Numbers align right in tabular figures (the default); text aligns left. */
  text?: boolean
}

/** The table beside a chart: a row header, then one cell per column. */
function FigureTable<Row>({
  caption,
  rowLabel,
  rows,
  rowKey,
  rowHeader,
  columns,
  minWidth = '',
}: {
  caption: string
  rowLabel: string
  rows: Row[]
  rowKey: (row: Row) => string
  rowHeader: (row: Row) => ReactNode
  columns: Column<Row>[]
  minWidth?: string
}) {
  return (
    <table className={minWidth ? `w-full ${minWidth} text-sm` : 'w-full text-sm'}>
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b border-slate-200">
          <th scope="col" className={th}>
            {rowLabel}
          </th>
          {columns.map((column) => (
            <th key={column.label} scope="col" className={column.text ? th : `${th} text-right`}>
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)} className="border-b border-slate-100">
            <th scope="row" className="p-2 text-left font-normal">
              {rowHeader(row)}
            </th>
            {columns.map((column) => (
              <td key={column.label} className={column.text ? 'p-2' : td}>
                {column.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

type FunnelRow = FunnelCounts & { label: string; clients?: number; isSmallSample?: boolean }
const funnelColumns: Column<FunnelRow>[] = funnelStages.map((stage) => ({
  label: stageLabels[stage],
  cell: (row) => (
    <>
      {count(row[stage])}
      {stage !== 'APPLIED' && row.APPLIED ? (
        <span className="text-slate-700"> ({percent(row[stage] / row.APPLIED)})</span>
      ) : null}
    </>
  ),
}))

const sampleColumn: Column<FunnelRow> = {
  label: 'Sample',
  text: true,
  cell: (row) => <SampleSize clients={row.clients ?? 0} isSmall={row.isSmallSample ?? false} />,
}

function FunnelTable({
  rows,
  caption,
  withSample = false,
}: {
  rows: FunnelRow[]
  caption: string
  withSample?: boolean
}) {
  return (
    <FigureTable
      caption={caption}
      rowLabel="Group"
      rows={rows}
      rowKey={(row) => row.label}
      rowHeader={(row) => row.label}
      columns={withSample ? [...funnelColumns, sampleColumn] : funnelColumns}
      minWidth="min-w-[40rem]"
    />
  )
}

/** "4 clients · small sample": every comparison says how many people it rests on. */
function SampleSize({ clients, isSmall }: { clients: number; isSmall: boolean }) {
  return (
    <span className={isSmall ? 'text-slate-600' : ''}>
      {plural(clients, 'client')}
      {isSmall ? (
        <span className="ml-1 rounded bg-slate-100 px-1 text-xs font-medium text-slate-700">small sample</span>
      ) : null}
    </span>
  )
}

/** The chart's row label: the group and its sample size (the bar itself says "small sample"). */
const sampleLabel = (label: string, clients: number) => `${label} (${plural(clients, 'client')})`

export function FunnelSection({ page }: { page: Page }) {
  const { funnel, splits } = page
  // The clients shown: a cohort or a field's choice when the page is narrowed to one, else everyone.
  const shown = page.groups.find((g) => g.value === page.group)?.label ?? 'The whole caseload'
  const overall = funnelStages.map((stage) => ({ stage: stageLabels[stage], applications: funnel[stage] }))
  return (
    <section aria-labelledby="funnel-heading" className="space-y-4">
      <h2 id="funnel-heading" className="text-xl font-semibold">
        The funnel by stage
      </h2>
      <ChartFigure
        title={shown}
        description="Applications that reached each stage (a rejection at the interview still counts as an interview)."
        table={<FunnelTable rows={[{ ...funnel, label: shown }]} caption="The caseload funnel" />}
      >
        <BarsChart
          data={overall}
          category="stage"
          series={[{ key: 'applications', label: 'Applications', pattern: 'solid' }]}
          format={count}
          label={`Caseload funnel: ${overall.map((row) => `${row.stage} ${row.applications}`).join(', ')}`}
        />
      </ChartFigure>
      <div className="grid gap-4 lg:grid-cols-2">
        {dimensions.map((dimension) => (
          <SplitChart
            key={dimension.key}
            title={dimension.label}
            rows={splits.filter((row) => row.dimension === dimension.key).slice(0, 12)}
          />
        ))}
        {(page.groupSplits ?? []).map((split) => (
          <SplitChart key={split.key} title={split.title} rows={split.rows.slice(0, 12)} />
        ))}
      </div>
    </section>
  )
}

type SplitRow = Page['splits'][number]

const splitSeries: Series[] = [
  { key: 'screen', label: 'Reached a screen', pattern: 'solid' },
  { key: 'interview', label: 'Reached an interview', pattern: 'stripes' },
]

/** One split of the funnel: the share of each group's applications that reached a screen and an interview. */
function SplitChart({ title, rows }: { title: string; rows: SplitRow[] }) {
  const data = rows.map((row) => ({
    label: sampleLabel(row.label, row.clients),
    small: row.isSmallSample ? 1 : 0,
    screen: share(row.SCREEN, row.APPLIED) ?? 0,
    interview: share(row.INTERVIEW, row.APPLIED) ?? 0,
  }))
  return (
    <ChartFigure
      title={title}
      description="Share of applications that reached a screen (solid) and an interview (striped). Groups of fewer than 5 clients are drawn faint."
      table={<FunnelTable rows={rows} caption={`The funnel ${title.toLowerCase()}`} withSample />}
    >
      <ShareBars
        data={data}
        series={splitSeries}
        label={`${title}: ${data.map((row) => `${row.label} screen ${percent(row.screen)}, interview ${percent(row.interview)}`).join('; ')}`}
        empty="No applications in this window."
      />
    </ChartFigure>
  )
}

const heatStages = ['APPLIED', 'SCREEN', 'INTERVIEW', 'FINAL', 'OFFER'] as const satisfies readonly Stage[]

export function HeatMapSection({ page }: { page: Page }) {
  const { heatMap } = page
  const value = (stage: Stage, reason: RejectionReason) =>
    heatMap.cells.find((cell) => cell.stage === stage && cell.reason === reason)?.count ?? 0
  const max = Math.max(1, ...heatMap.cells.map((cell) => cell.count))
  const reasons = rejectionReasons.filter((reason) => heatStages.some((stage) => value(stage, reason) > 0))
  return (
    <section aria-labelledby="heat-heading">
      <h2 id="heat-heading" className="text-xl font-semibold">
        Where rejections come, and why
      </h2>
      <p className="text-sm text-slate-700">
        {plural(heatMap.total, 'rejection')} in {page.label}, by the stage they came at and the reason given. Darker
        cells hold more; every cell shows its number.
      </p>
      {heatMap.total === 0 ? (
        <p className="mt-2 text-slate-700">No rejections in this window.</p>
      ) : (
        <div className="mt-2 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full min-w-[36rem] text-sm">
            <caption className="sr-only">Rejections by stage and reason</caption>
            <thead>
              <tr className="border-b border-slate-200">
                <th scope="col" className={th}>
                  Reason
                </th>
                {heatStages.map((stage) => (
                  <th key={stage} scope="col" className={`${th} text-center`}>
                    {stageLabels[stage]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {reasons.map((reason) => (
                <tr key={reason}>
                  <th scope="row" className="p-2 text-left font-normal">
                    {reasonLabels[reason]}
                  </th>
                  {heatStages.map((stage) => {
                    const n = value(stage, reason)
                    const level = n / max
                    return (
                      <td
                        key={stage}
                        className={`border border-white p-2 text-center tabular-nums ${level > 0.5 ? 'font-semibold text-white' : 'text-slate-900'}`}
                        style={{ backgroundColor: n ? `rgba(25, 77, 156, ${0.08 + level * 0.92})` : '#f8fafc' }}
                      >
                        {n}
                      </td>
                    )
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

const sourceName = (source: ApplicationSource | null) => (source ? sourceLabels[source] : 'Not given')
const daysText = (n: number | null) => (n === null ? '—' : `${n} days`)

export function ResponseSection({ page }: { page: Page }) {
  const { responseTimes } = page
  const rows = [
    { label: 'All sources', ...responseTimes.overall },
    ...responseTimes.bySource.map((row) => ({ label: sourceName(row.source), ...row })),
  ]
  const data = rows
    .filter((row) => row.medianDays !== null)
    .map((row) => ({ label: `${row.label} (${plural(row.responded, 'answer')})`, days: row.medianDays! }))
  return (
    <section aria-labelledby="response-heading">
      <h2 id="response-heading" className="text-xl font-semibold">
        Time to first response
      </h2>
      <ChartFigure
        title="Median days from applying to the first answer"
        description={`Over the ${count(responseTimes.overall.responded)} of ${plural(responseTimes.overall.applications, 'application')} that heard back.`}
        table={
          <FigureTable
            caption="Time to first response by source"
            rowLabel="Source"
            rows={rows}
            rowKey={(row) => row.label}
            rowHeader={(row) => row.label}
            columns={[
              { label: 'Applications', cell: (row) => count(row.applications) },
              { label: 'Heard back', cell: (row) => count(row.responded) },
              { label: 'Median', cell: (row) => daysText(row.medianDays) },
            ]}
          />
        }
      >
        {data.length === 0 ? (
          <p className="text-sm text-slate-700">No responses in this window yet.</p>
        ) : (
          <BarsChart
            data={data}
            category="label"
            series={[{ key: 'days', label: 'Median days', pattern: 'solid' }]}
            format={(n) => `${n} d`}
            label={`Median days to first response: ${data.map((row) => `${row.label} ${row.days}`).join(', ')}`}
          />
        )}
      </ChartFigure>
    </section>
  )
}

export function GhostingSection({ page }: { page: Page }) {
  const rows = page.ghosting.slice(0, 10)
  return (
    <section aria-labelledby="ghosting-heading">
      <h2 id="ghosting-heading" className="text-xl font-semibold">
        Ghosting by employer
      </h2>
      <ChartFigure
        title="Share of applications with no response"
        description="Employers with 3 or more applications from your caseload and at least one left unanswered, highest rate first. Fewer than 5 clients is a small sample, drawn faint."
        table={
          <FigureTable
            caption="Ghosting rate by employer"
            rowLabel="Employer"
            rows={page.ghosting}
            rowKey={(row) => row.employer}
            rowHeader={(row) => row.company}
            columns={[
              { label: 'Applications', cell: (row) => count(row.applications) },
              { label: 'Ghosted', cell: (row) => count(row.ghosted) },
              { label: 'Rate', cell: (row) => percent(row.rate) },
              {
                label: 'Sample',
                text: true,
                cell: (row) => <SampleSize clients={row.clients} isSmall={row.isSmallSample} />,
              },
            ]}
          />
        }
      >
        <ShareBars
          data={rows.map((row) => ({
            label: sampleLabel(row.company, row.clients),
            small: row.isSmallSample ? 1 : 0,
            rate: row.rate,
          }))}
          series={[{ key: 'rate', label: 'Ghosting rate', pattern: 'solid' }]}
          label={`Ghosting rate by employer: ${rows.map((row) => `${row.company} ${percent(row.rate)}`).join(', ')}`}
          empty="No employer with 3 or more applications left any unanswered in this window."
        />
      </ChartFigure>
    </section>
  )
}

const effectSeries: Series[] = [
  { key: 'before', label: 'Before', pattern: 'solid' },
  { key: 'after', label: 'After', pattern: 'stripes' },
]

export function EffectSection({ page }: { page: Page }) {
  const { effects } = page
  const data = effects
    .filter((row) => row.before.rate !== null || row.after.rate !== null)
    .map((row) => ({
      label: sampleLabel(taskTypeLabels[row.type], row.clients),
      small: row.isSampleTooSmall ? 1 : 0,
      before: row.before.rate ?? 0,
      after: row.after.rate ?? 0,
    }))
  return (
    <section aria-labelledby="effect-heading">
      <h2 id="effect-heading" className="text-xl font-semibold">
        Does it work?
      </h2>
      <p className="text-sm text-slate-700">
        For each type of task, the share of a client’s applications that reached a screen in the 4 weeks before they
        completed it against the 4 weeks after. Over all time, not only the window above; only completions with 4 full
        weeks after them count.
      </p>
      {effects.length === 0 ? (
        <EmptyNote className="mt-2">
          No completed task is old enough to judge yet. Assign tasks from your insights; once clients have completed
          them and 4 weeks have passed, the before and after show here.
        </EmptyNote>
      ) : (
        <div className="mt-3">
          <ChartFigure
            title="Screen rate before and after the task"
            description="Before is solid, after is striped. A small sample (under 5 clients or 20 applications a side) is drawn faint."
            table={
              <FigureTable
                caption="Conversion before and after each type of task"
                rowLabel="Task type"
                rows={effects}
                rowKey={(row) => row.type}
                rowHeader={(row) => taskTypeLabels[row.type]}
                minWidth="min-w-[40rem]"
                columns={[
                  {
                    label: 'Clients',
                    text: true,
                    cell: (row) => <SampleSize clients={row.clients} isSmall={row.isSampleTooSmall} />,
                  },
                  {
                    label: 'Before',
                    cell: (row) => (
                      <>
                        {percent(row.before.rate)}{' '}
                        <span className="text-slate-700">of {count(row.before.applications)}</span>
                      </>
                    ),
                  },
                  {
                    label: 'After',
                    cell: (row) => (
                      <>
                        {percent(row.after.rate)}{' '}
                        <span className="text-slate-700">of {count(row.after.applications)}</span>
                      </>
                    ),
                  },
                  {
                    label: 'Change',
                    cell: (row) =>
                      row.change === null ? '—' : `${row.change > 0 ? '+' : ''}${Math.round(row.change * 100)} points`,
                  },
                  {
                    label: 'Sample',
                    text: true,
                    cell: (row) => (row.isSampleTooSmall ? 'Too small to read much into' : 'Enough to compare'),
                  },
                ]}
              />
            }
          >
            <ShareBars
              data={data}
              series={effectSeries}
              label={`Screen rate before and after: ${data.map((row) => `${row.label} ${percent(row.before)} before, ${percent(row.after)} after`).join('; ')}`}
              empty="No applications around the completed tasks yet."
            />
          </ChartFigure>
          <ul className="mt-3 space-y-1 text-sm">
            {effects.map((row) => (
              <li key={row.type}>
                <span className="font-medium">{taskTypeLabels[row.type]}:</span>{' '}
                {row.isSampleTooSmall ? (
                  <span className="text-amber-900">
                    Small sample ({plural(row.clients, 'client')}, {plural(row.before.applications, 'application')}{' '}
                    before and {count(row.after.applications)} after; at least {minimumSample.clients} clients and{' '}
                    {minimumSample.applications} applications each side are needed). Read it as a hint, not a result.
                  </span>
                ) : (
                  <span>
                    {percent(row.before.rate)} before, {percent(row.after.rate)} after, over{' '}
                    {plural(row.clients, 'client')}
                    {row.change !== null
                      ? ` (${row.change >= 0 ? '+' : ''}${Math.round(row.change * 100)} points)`
                      : ''}
                    .
                  </span>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  )
}
