import { Link } from '@remix-run/react'
import type { ClientPipeline, PipelineCard } from '~/domain/clients/client-pipeline.server'
import { formatDate } from '~/lib/dates'
import { outcomeLabels, reasonLabels, stageLabels } from '~/domain/applications/pipeline'
import { Section } from '~/ui/section'
import { ColumnHeads } from '~/ui/column-heads'
import { formatCount } from '~/lib/numbers'
import { EmptyNote } from '~/ui/empty-note'

// The client's pipeline two ways: a board by stage, and a table of the newest applications. Each shows at most
// a capped number (see client-pipeline.server.ts); the rest are one link away in the applications table,
// filtered to this client (and to the column's stage).

type Card = PipelineCard
type Board = NonNullable<ClientPipeline['board']>

/** "and 1,950 more — see all in the table", or nothing when the list is whole. */
function MoreLink({ shown, total, to }: { shown: number; total: number; to: string }) {
  if (total <= shown) return null
  return (
    <p className="mt-2 text-sm">
      and {formatCount(total - shown)} more —{' '}
      <Link to={to} className="text-brand-700 underline">
        see all in the table
      </Link>
    </p>
  )
}

export function PipelineSection({
  pipeline,
  view,
  applicationsPath,
  clientId,
  firstName,
}: {
  pipeline: Pick<ClientPipeline, 'total' | 'board' | 'table'>
  view: 'board' | 'table'
  applicationsPath: string
  clientId: string
  firstName: string
}) {
  const filtered = (extra = '') => `${applicationsPath}?client=${encodeURIComponent(clientId)}${extra}`
  return (
    <Section
      headingId="pipeline-heading"
      title={<>Pipeline ({formatCount(pipeline.total)})</>}
      aside={
        <nav aria-label="Pipeline view" className="flex gap-1 text-sm">
          {(['board', 'table'] as const).map((option) => (
            <Link
              key={option}
              to={`?view=${option}`}
              aria-current={view === option ? 'page' : undefined}
              className={`rounded-md px-3 py-1 ${view === option ? 'bg-brand-700 text-white' : 'border border-slate-300 bg-white'}`}
              preventScrollReset
            >
              {option === 'board' ? 'Board' : 'Table'}
            </Link>
          ))}
        </nav>
      }
    >
      <div className="mt-3">
        {pipeline.total === 0 ? (
          <EmptyNote roomy>
            No applications yet. Once {firstName} opens their invite link, what they add shows up here.
          </EmptyNote>
        ) : pipeline.table ? (
          <>
            <PipelineTable applications={pipeline.table} base={applicationsPath} />
            <MoreLink shown={pipeline.table.length} total={pipeline.total} to={filtered()} />
          </>
        ) : pipeline.board ? (
          <PipelineBoard board={pipeline.board} base={applicationsPath} filtered={filtered} />
        ) : null}
      </div>
    </Section>
  )
}

function PipelineBoard({
  board,
  base,
  filtered,
}: {
  board: Board
  base: string
  filtered: (extra?: string) => string
}) {
  const { closed } = board
  return (
    <div>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        {board.columns.map(({ stage, total, cards }) => (
          <section key={stage} aria-label={`${stageLabels[stage]}: ${total}`} className="rounded-lg bg-slate-100 p-2">
            <h4 className="mb-2 flex justify-between text-sm font-semibold text-slate-800">
              {stageLabels[stage]} <span className="text-slate-700">{formatCount(total)}</span>
            </h4>
            <ul className="space-y-2">
              {cards.map((a) => (
                <li
                  key={a.id}
                  className="relative rounded-md border border-slate-200 bg-white p-2 text-sm shadow-sm focus-within:ring-2 focus-within:ring-brand-600 hover:border-brand-600"
                >
                  <p className="font-medium break-words">
                    {/* The whole card opens the application; the link's box covers it. */}
                    <Link
                      to={`${base}/${a.id}`}
                      className="text-brand-800 after:absolute after:inset-0 hover:underline"
                    >
                      {a.company}
                    </Link>
                  </p>
                  <p className="text-slate-700">{a.roleTitle}</p>
                  <p className="text-xs text-slate-600">Applied {formatDate(a.appliedOn)}</p>
                </li>
              ))}
            </ul>
            <MoreLink shown={cards.length} total={total} to={filtered(`&stage=${stage}&outcome=ACTIVE`)} />
          </section>
        ))}
      </div>
      {closed.total ? (
        <details className="mt-3">
          <summary className="cursor-pointer text-sm font-medium text-slate-800">
            Closed ({formatCount(closed.total)})
          </summary>
          <ul className="mt-2 grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
            {closed.cards.map((a) => (
              <li key={a.id} className="rounded-md border border-slate-200 bg-white p-2 text-sm">
                <p className="font-medium">
                  <Link to={`${base}/${a.id}`} className="text-brand-800 underline">
                    {a.company} · {a.roleTitle}
                  </Link>
                </p>
                <p className="text-slate-700">
                  {outcomeLabels[a.outcome]}
                  {a.outcome === 'REJECTED' && a.rejectionStage
                    ? ` at ${stageLabels[a.rejectionStage].toLowerCase()}`
                    : ''}
                  {a.rejectionReason ? ` · ${reasonLabels[a.rejectionReason]}` : ''}
                </p>
              </li>
            ))}
          </ul>
          <MoreLink shown={closed.cards.length} total={closed.total} to={filtered()} />
        </details>
      ) : null}
    </div>
  )
}

function PipelineTable({ applications, base }: { applications: Card[]; base: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Applications</caption>
        <thead className="bg-slate-50 text-left">
          <tr>
            <ColumnHeads
              labels={['Company', 'Role', 'Applied', 'Stage', 'Outcome', 'Tailored']}
              className="px-3 py-2 font-semibold text-slate-700"
            />
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {applications.map((a) => (
            <tr key={a.id}>
              <td className="px-3 py-2 font-medium">
                <Link to={`${base}/${a.id}`} className="text-brand-700 underline">
                  {a.company}
                </Link>
              </td>
              <td className="px-3 py-2">{a.roleTitle}</td>
              <td className="px-3 py-2 whitespace-nowrap">{formatDate(a.appliedOn)}</td>
              <td className="px-3 py-2">{stageLabels[a.stage]}</td>
              <td className="px-3 py-2">
                {outcomeLabels[a.outcome]}
                {a.rejectionReason ? ` (${reasonLabels[a.rejectionReason]})` : ''}
              </td>
              <td className="px-3 py-2">{a.resumeTailored ? 'Yes' : 'No'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
