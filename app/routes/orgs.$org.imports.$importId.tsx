import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useRevalidator } from '@remix-run/react'
import { useEffect } from 'react'
import { chooseImportMapping, findImport, previewImportBatch } from '~/domain/imports/batches.server'
import { commitImport, ImportStateError } from '~/domain/imports/commit.server'
import { importFieldLabels, importFields, importFormatLabels, type ImportField } from '~/domain/imports/fields'
import { ImportFileError, importLimits } from '~/domain/imports/preview.server'
import type { RowError } from '~/domain/imports/rows'
import { stageLabels, outcomeLabels } from '~/domain/applications/pipeline'
import { redirectWithToast } from '~/lib/toast.server'
import { requirePermission, requireTenant } from '~/tenancy/scoped-client.server'
import { FormErrors, inputClass, SubmitButton } from '~/ui/form'

export const meta: MetaFunction = () => [{ title: 'Review an import · Rebound' }]

const shownRejections = 500

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'imports:run')
  const batch = await findImport(t, params.importId!)
  if (!batch) throw new Response('Not found', { status: 404 })
  const review = batch.status === 'PREVIEW' ? await previewImportBatch(t, batch.id).catch(fileProblem) : null
  const preview = review && 'preview' in review ? review.preview : null
  const rejected = preview?.rejected ?? (batch.rejectedRows as RowError[]) ?? []
  return {
    org: { slug: t.org.slug },
    batch,
    problem: review && 'problem' in review ? review.problem : null,
    preview: preview && {
      ...preview,
      valid: undefined,
      validCount: preview.valid.length,
      sample: preview.valid.slice(0, importLimits.sampleRows),
    },
    rejected: rejected.slice(0, shownRejections),
    rejectedTotal: rejected.length,
  }
}

function fileProblem(error: unknown) {
  if (error instanceof ImportFileError) return { problem: error.message }
  throw error
}

export async function action({ request, params }: ActionFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'imports:run')
  const form = await request.formData()
  const id = params.importId!
  try {
    if (form.get('intent') === 'mapping') {
      const mapping = importFieldsFrom(form)
      if (!(await chooseImportMapping(t, id, mapping))) throw new Response('Not found', { status: 404 })
      return redirect(`/orgs/${t.org.slug}/imports/${id}`)
    }
    const result = await commitImport(t, id)
    if (!result) throw new Response('Not found', { status: 404 })
    if (result.status !== 'COMMITTED') return redirect(`/orgs/${t.org.slug}/imports/${id}`)
    return redirectWithToast(`/orgs/${t.org.slug}/imports/${id}`, { title: `${result.imported} applications imported` })
  } catch (error) {
    if (error instanceof ImportFileError || error instanceof ImportStateError)
      return data({ error: error.message }, { status: 400 })
    throw error
  }
}

function importFieldsFrom(form: FormData) {
  const columns = Number(form.get('columns'))
  return Array.from({ length: Number.isInteger(columns) ? Math.min(columns, 500) : 0 }, (_, i) => {
    const value = String(form.get(`column-${i}`) ?? '')
    return (importFields as readonly string[]).includes(value) ? (value as ImportField) : null
  })
}

export default function ReviewImport() {
  const { org, batch, problem, preview, rejected, rejectedTotal } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const running = batch.status === 'QUEUED' || batch.status === 'RUNNING'
  const revalidator = useRevalidator()
  useEffect(() => {
    if (!running) return
    const timer = setInterval(() => revalidator.state === 'idle' && revalidator.revalidate(), 1500)
    return () => clearInterval(timer)
  }, [running, revalidator])
  const applicationsLink = `/orgs/${org.slug}/applications${batch.clientId ? `?client=${batch.clientId}` : ''}`

  return (
    <main className="mx-auto max-w-6xl p-4 sm:p-6">
      <Link to={`/orgs/${org.slug}/imports`} className="text-sm text-brand-700 underline">
        ← Imports
      </Link>
      <h1 className="mt-2 text-2xl font-bold break-words">{batch.fileName}</h1>
      <p className="mb-6 text-slate-700">
        {importFormatLabels[batch.format] ?? batch.format} ·{' '}
        {batch.client ? `for ${batch.client.name}` : 'several clients'} · {batch.rowCount} rows
      </p>
      <FormErrors id="import-errors" errors={actionData?.error ? [actionData.error] : problem ? [problem] : null} />

      {running && <Progress processed={batch.processedRows} total={batch.rowCount} />}
      {batch.status === 'COMMITTED' && (
        <section aria-labelledby="done" className="mb-6 rounded-lg border border-green-200 bg-green-50 p-4">
          <h2 id="done" className="font-semibold text-green-900">
            {batch.importedCount} applications imported
          </h2>
          <p className="text-sm text-green-900">
            {batch.duplicateCount} duplicates and {rejectedTotal} rejected rows were skipped.{' '}
            <Link to={applicationsLink} className="font-medium underline">
              See the applications
            </Link>
          </p>
        </section>
      )}
      {batch.status === 'FAILED' && (
        <p role="alert" className="mb-6 rounded-md border border-red-200 bg-red-50 p-3 text-red-800">
          {batch.error ?? 'The import failed; nothing was imported.'}
        </p>
      )}

      {preview && (
        <>
          <MappingForm headers={preview.headers} mapping={preview.mapping} remembered={preview.remembered} />
          {preview.problems.length > 0 ? (
            <FormErrors errors={preview.problems} />
          ) : (
            <section aria-labelledby="preview" className="mt-8">
              <h2 id="preview" className="text-lg font-semibold">
                Preview
              </h2>
              <p className="mb-3 text-slate-700">
                {preview.validCount} rows ready · {preview.rejectedRowCount} rejected · {preview.duplicateCount}{' '}
                duplicates (same client, company, title and date) skipped
              </p>
              <SampleTable rows={preview.sample} />
              <Form method="post" className="mt-4 flex flex-wrap items-center gap-3">
                <SubmitButton intent="commit" pendingText="Importing…" disabled={!preview.validCount}>
                  Import {preview.validCount} rows
                </SubmitButton>
                {preview.rejectedRowCount + preview.duplicateCount > 0 && (
                  <p className="text-sm text-slate-700">
                    The {preview.rejectedRowCount} rejected rows and {preview.duplicateCount} duplicates will be
                    skipped.
                  </p>
                )}
              </Form>
            </section>
          )}
        </>
      )}
      {rejectedTotal > 0 && <Rejections rows={rejected} total={rejectedTotal} />}
    </main>
  )
}

function Progress({ processed, total }: { processed: number; total: number }) {
  const percent = total ? Math.min(100, Math.round((processed / total) * 100)) : 0
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
        aria-label="Rows checked"
        className="mt-2 h-3 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className="h-full bg-brand-700" style={{ width: `${percent}%` }} />
      </div>
      <p className="mt-1 text-sm text-slate-700" aria-live="polite">
        {processed < total ? `${processed} of ${total} rows checked` : `Writing ${total} rows…`}
      </p>
    </section>
  )
}

function MappingForm(props: { headers: string[]; mapping: (ImportField | null)[]; remembered: boolean }) {
  return (
    <Form method="post" aria-labelledby="columns" className="rounded-lg border border-slate-200 p-4">
      <h2 id="columns" className="text-lg font-semibold">
        Columns
      </h2>
      <p className="mb-3 text-sm text-slate-700">
        {props.remembered ? 'The columns you chose last time for this layout. ' : 'Our best guess. '}
        Change any that are wrong; “Leave out” skips a column.
      </p>
      <input type="hidden" name="columns" value={props.headers.length} />
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {props.headers.map((header, i) => (
          <div key={`${i}-${header}`}>
            <label htmlFor={`column-${i}`} className="block text-sm font-medium break-words text-slate-900">
              {header || `Column ${i + 1}`}
            </label>
            <select
              id={`column-${i}`}
              name={`column-${i}`}
              defaultValue={props.mapping[i] ?? ''}
              className={inputClass}
            >
              <option value="">Leave out</option>
              {importFields.map((field) => (
                <option key={field} value={field}>
                  {importFieldLabels[field]}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>
      <SubmitButton intent="mapping" variant="secondary" className="mt-4" pendingText="Checking…">
        Apply columns
      </SubmitButton>
    </Form>
  )
}

type SampleRow = {
  row: number
  company: string
  roleTitle: string
  appliedOn: string | null
  stage: keyof typeof stageLabels
  outcome: keyof typeof outcomeLabels
  clientEmail: string | null
}
function SampleTable({ rows }: { rows: SampleRow[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">The first rows as they will be imported</caption>
        <thead className="border-b border-slate-300 text-slate-700">
          <tr>
            {['Row', 'Company', 'Job title', 'Applied', 'Stage', 'Outcome', 'Client'].map((h) => (
              <th key={h} scope="col" className="p-2 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {rows.map((r) => (
            <tr key={r.row}>
              <td className="p-2 text-slate-600">{r.row}</td>
              <td className="p-2">{r.company}</td>
              <td className="p-2">{r.roleTitle}</td>
              <td className="p-2 whitespace-nowrap">{r.appliedOn ?? '—'}</td>
              <td className="p-2">{stageLabels[r.stage]}</td>
              <td className="p-2">{outcomeLabels[r.outcome]}</td>
              <td className="p-2">{r.clientEmail ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function Rejections({ rows, total }: { rows: RowError[]; total: number }) {
  return (
    <section aria-labelledby="rejected" className="mt-8">
      <h2 id="rejected" className="text-lg font-semibold">
        Rejected rows
      </h2>
      <p className="mb-2 text-sm text-slate-700">
        Row numbers are as in your spreadsheet (the header is row 1).
        {total > rows.length && ` The first ${rows.length} of ${total} problems are shown.`}
      </p>
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-300 text-slate-700">
          <tr>
            <th scope="col" className="p-2 font-medium">
              Row
            </th>
            <th scope="col" className="p-2 font-medium">
              Column
            </th>
            <th scope="col" className="p-2 font-medium">
              Reason
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {rows.map((r, i) => (
            <tr key={i}>
              <td className="p-2">{r.row}</td>
              <td className="p-2 break-words">{r.column}</td>
              <td className="p-2 break-words">{r.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
