import type { listClientApplications } from '~/domain/applications/applications.server'
import { Link } from '@remix-run/react'
import { formatDate } from '~/lib/dates'
import { outcomeLabels, reasonLabels, stageLabels, stages } from '~/domain/applications/pipeline'

// The client's pipeline two ways: a board by stage, and a table of every application.

type Application = Pick<
  Awaited<ReturnType<typeof listClientApplications>>[number],
  | 'id'
  | 'company'
  | 'roleTitle'
  | 'stage'
  | 'outcome'
  | 'appliedOn'
  | 'rejectionStage'
  | 'rejectionReason'
  | 'resumeTailored'
>

export function PipelineBoard({ applications, base }: { applications: Application[]; base: string }) {
  const active = applications.filter((a) => a.outcome === 'ACTIVE')
  const closed = applications.filter((a) => a.outcome !== 'ACTIVE')
  return (
    <div>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        {stages.map((stage) => {
          const items = active.filter((a) => a.stage === stage)
          return (
            <section
              key={stage}
              aria-label={`${stageLabels[stage]}: ${items.length}`}
              className="rounded-lg bg-slate-100 p-2"
            >
              <h4 className="mb-2 flex justify-between text-sm font-semibold text-slate-800">
                {stageLabels[stage]} <span className="text-slate-700">{items.length}</span>
              </h4>
              <ul className="space-y-2">
                {items.map((a) => (
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
            </section>
          )
        })}
      </div>
      {closed.length ? (
        <details className="mt-3">
          <summary className="cursor-pointer text-sm font-medium text-slate-800">Closed ({closed.length})</summary>
          <ul className="mt-2 grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
            {closed.map((a) => (
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
        </details>
      ) : null}
    </div>
  )
}

export function PipelineTable({ applications, base }: { applications: Application[]; base: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Applications</caption>
        <thead className="bg-slate-50 text-left">
          <tr>
            {['Company', 'Role', 'Applied', 'Stage', 'Outcome', 'Tailored'].map((h) => (
              <th key={h} scope="col" className="px-3 py-2 font-semibold text-slate-700">
                {h}
              </th>
            ))}
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
