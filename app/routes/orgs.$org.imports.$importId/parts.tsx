import { Form } from '@remix-run/react'
import type { RowError } from '~/domain/imports/rows'
import { outcomeLabels, stageLabels } from '~/domain/applications/pipeline'
import { SubmitButton } from '~/ui/form'
import { ColumnHeads } from '~/ui/column-heads'
import { ClientSelect } from '~/ui/client-select'

// The pieces of the import review page: progress, the client picker, the sample, row lists.

/** The run's progress: rows checked, then rows written, batch by batch. */
export function Progress(props: { processed: number; total: number; written: number; toWrite: number }) {
  const writing = props.toWrite > 0
  const done = writing ? Math.min(props.written, props.toWrite) : props.processed
  const of = writing ? props.toWrite : props.total
  const percent = of ? Math.min(100, Math.round((done / of) * 100)) : 0
  return (
    <section aria-labelledby="progress" className="mb-6">
      <h2 id="progress" className="font-semibold">
        Importing…
      </h2>
      <div
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-label={writing ? 'Rows written' : 'Rows checked'}
        className="mt-2 h-3 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className="h-full bg-brand-700" style={{ width: `${percent}%` }} />
      </div>
      <p className="mt-1 text-sm text-slate-700" aria-live="polite">
        {writing ? `${done} of ${of} rows written.` : `${done} of ${of} rows checked.`} You can leave this page: the
        import carries on.
      </p>
    </section>
  )
}

export function ClientPicker({ clients }: { clients: { id: string; name: string; email: string }[] }) {
  return (
    <Form method="post" className="mb-6 rounded-lg border border-slate-200 p-4" aria-labelledby="client-picker">
      <h2 id="client-picker" className="text-lg font-semibold">
        Whose applications are these?
      </h2>
      <p className="mb-3 text-sm text-slate-700">The file has no client email column: choose the client it is for.</p>
      <div className="flex flex-wrap items-end gap-3">
        <ClientSelect
          clients={clients}
          required
          className="min-w-0 flex-1"
          first={
            <option value="" disabled>
              Choose a client
            </option>
          }
        />
        <SubmitButton intent="client" variant="secondary" pendingText="Saving…">
          Use this client
        </SubmitButton>
      </div>
    </Form>
  )
}

type SampleRow = {
  row: number
  company: string
  roleTitle: string
  appliedOn: string | null
  respondedOn: string | null
  stage: keyof typeof stageLabels
  outcome: keyof typeof outcomeLabels
  statusText: string
}
const previewColumns = [
  'Row',
  'Company',
  'Job title',
  'Applied',
  'First response',
  'Status as written',
  'Stage',
  'Outcome',
]

export function SampleTable({ rows }: { rows: SampleRow[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">The first rows as they will be imported</caption>
        <thead className="border-b border-slate-300 text-slate-700">
          <tr>
            <ColumnHeads labels={previewColumns} className="p-2 font-medium" />
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {rows.map((r) => (
            <tr key={r.row}>
              <td className="p-2 text-slate-600">{r.row}</td>
              <td className="p-2">{r.company}</td>
              <td className="p-2">{r.roleTitle}</td>
              <td className="p-2 whitespace-nowrap">{r.appliedOn ?? '—'}</td>
              <td className="p-2 whitespace-nowrap">{r.respondedOn ?? '—'}</td>
              <td className="p-2">{r.statusText || '—'}</td>
              <td className="p-2">{stageLabels[r.stage]}</td>
              <td className="p-2">{outcomeLabels[r.outcome]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export function RowList(props: { id: string; title: string; intro?: string; rows: RowError[]; total: number }) {
  return (
    <section aria-labelledby={props.id} className="mt-8">
      <h2 id={props.id} className="text-lg font-semibold">
        {props.title}
      </h2>
      <p className="mb-2 text-sm text-slate-700">
        {props.intro} Row numbers are as in your spreadsheet (the header is row 1).
        {props.total > props.rows.length && ` The first ${props.rows.length} of ${props.total} are shown.`}
      </p>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-300 text-slate-700">
            <tr>
              <ColumnHeads labels={['Row', 'Column', 'Reason']} className="p-2 font-medium" />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {props.rows.map((r, i) => (
              <tr key={i}>
                <td className="p-2">{r.row}</td>
                <td className="p-2 break-words">{r.column}</td>
                <td className="p-2 break-words">{r.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
