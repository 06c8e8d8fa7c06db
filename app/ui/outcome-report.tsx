import type { Printable } from '~/domain/outcomes/report-text'
import { Panel } from './panel'

// The outcome report's sections, drawn from the same Printable as the PDF: the practice's page and
// the sponsor's page show exactly what their PDFs print.

export function ReportStats({ stats }: { stats: Printable['stats'] }) {
  return (
    <section aria-labelledby="summary">
      <h2 id="summary" className="sr-only">
        Summary
      </h2>
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
        {stats.map((s) => (
          <div key={s.label} className="rounded-lg border border-slate-200 bg-white p-4">
            <dt className="text-sm text-slate-700">{s.label}</dt>
            <dd className="mt-1 text-2xl font-bold">{s.value}</dd>
            {s.detail ? <dd className="text-sm text-slate-600">{s.detail}</dd> : null}
          </div>
        ))}
      </dl>
    </section>
  )
}

export function ReportFunnel({ funnel }: { funnel: Printable['funnel'] }) {
  const top = Math.max(1, ...funnel.map((f) => f.value))
  return (
    <Panel id="funnel" title="Funnel">
      <p className="text-sm text-slate-700">Applications sent in these dates, at every stage they reached.</p>
      <ol className="mt-3 space-y-2">
        {funnel.map((f) => (
          <li key={f.label} className="grid grid-cols-[6.5rem_1fr_3rem] items-center gap-2 text-sm">
            <span>{f.label}</span>
            <span className="h-4 rounded bg-slate-100" aria-hidden="true">
              <span className="block h-4 rounded bg-brand-700" style={{ width: `${(f.value / top) * 100}%` }} />
            </span>
            <span className="text-right font-medium">{f.value}</span>
          </li>
        ))}
      </ol>
    </Panel>
  )
}

export function ReportGroups({ groups }: { groups: NonNullable<Printable['groups']> }) {
  return (
    <Panel id="groups" title={groups.caption}>
      {groups.rows.length ? (
        <div className="mt-2 overflow-x-auto" tabIndex={0} role="region" aria-label={`Figures ${groups.caption}`}>
          <table className="w-full min-w-[40rem] text-left text-sm">
            <thead>
              <tr className="border-b border-slate-200 text-slate-700">
                {groups.head.map((h) => (
                  <th key={h} scope="col" className="py-2 pr-3 font-medium">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {groups.rows.map((row) => (
                <tr key={row[0]} className="border-b border-slate-100">
                  {row.map((cell, i) =>
                    i === 0 ? (
                      <th key={i} scope="row" className="py-2 pr-3 font-medium">
                        {cell}
                      </th>
                    ) : (
                      <td key={i} className="py-2 pr-3">
                        {cell}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {groups.note ? <p className="mt-2 text-sm text-slate-700">{groups.note}</p> : null}
    </Panel>
  )
}

export function ReportInterventions({ lines }: { lines: string[] }) {
  return (
    <Panel id="interventions" title="Does it work">
      <ul className="mt-2 space-y-1 text-sm">
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </Panel>
  )
}

export function ReportNotes({ notes }: { notes: string[] }) {
  return (
    <details className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700">
      <summary className="cursor-pointer font-medium text-slate-900">How these figures are counted</summary>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </details>
  )
}

/** Every section of a Printable but its title. */
export function ReportBody({ p }: { p: Printable }) {
  return (
    <>
      <ReportStats stats={p.stats} />
      {p.funnel.length ? <ReportFunnel funnel={p.funnel} /> : null}
      {p.groups ? <ReportGroups groups={p.groups} /> : null}
      {p.interventions.length ? <ReportInterventions lines={p.interventions} /> : null}
      <ReportNotes notes={p.notes} />
    </>
  )
}
