import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useRevalidator } from '@remix-run/react'
import { useEffect } from 'react'
import {
  readChoices,
  chooseImportClient,
  chooseImportMapping,
  findImport,
  importedPeriod,
  listImportClients,
  previewImportBatch,
} from '~/domain/imports/batches.server'
import { canRetryImport, commitImport, retryImport } from '~/domain/imports/commit.server'
import {
  fieldIdOf,
  importFields,
  importFormatLabels,
  statusChoiceLabels,
  type ColumnTarget,
} from '~/domain/imports/fields'
import { readClientSummary } from '~/domain/imports/client-values.server'
import { importLimits } from '~/domain/imports/preview.server'
import { InputError } from '~/lib/input-error'
import { notFound } from '~/lib/responses.server'
import type { RowError } from '~/domain/imports/rows'
import { formatDate } from '~/lib/dates'
import { redirectWithToast } from '~/lib/toast.server'
import { requirePermission, requireTenant } from '~/auth/require-tenant.server'
import { pathParam, readForm } from '~/lib/request-input'
import { FormErrors, SubmitButton } from '~/ui/form'
import { ClientPicker, MappingForm, Progress, RowList, SampleTable } from './parts'
import { ClientValueChoices, ClientValuesPreview, clientSummaryText } from './client-values'
import { orgPath } from '~/lib/org-path'

export const meta: MetaFunction = () => [{ title: 'Review an import · Rebound' }]

const shown = 500

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'imports:run')
  const batch = await findImport(t, pathParam(params, 'importId'))
  if (!batch) throw notFound()
  const review = batch.status === 'PREVIEW' ? await previewImportBatch(t, batch.id).catch(fileProblem) : null
  const p = review && 'preview' in review ? review.preview : null
  const rejected = p?.rejected ?? (batch.rejectedRows as RowError[]) ?? []
  const needsClient = Boolean(p && !batch.clientId && !p.mapping.includes('clientEmail'))
  return {
    org: { slug: t.org.slug },
    batch: { ...batch, canRetry: canRetryImport(batch) },
    problem: review && 'problem' in review ? review.problem : null,
    clients: needsClient ? await listImportClients(t) : [],
    period: batch.status === 'COMMITTED' ? await importedPeriod(t, batch.id) : null,
    clientSummary: batch.status === 'COMMITTED' ? readClientSummary(batch.clientChanges) : null,
    preview: p && {
      ...p,
      valid: undefined,
      rejected: undefined,
      clientChanges: undefined,
      clientValues: {
        ...p.clientValues,
        disagreements: p.clientValues.disagreements.slice(0, shown),
        disagreementsTotal: p.clientValues.disagreements.length,
        unknownValues: p.clientValues.unknownValues
          .slice(0, 50)
          .map((u) => ({ ...u, rows: u.rows.slice(0, 8), count: u.rows.length })),
        unknownCohorts: p.clientValues.unknownCohorts
          .slice(0, 50)
          .map((u) => ({ ...u, rows: u.rows.slice(0, 8), count: u.rows.length })),
      },
      valueChoices: readChoices(batch.mapping).values,
      validCount: p.valid.length,
      sample: p.valid.slice(0, importLimits.sampleRows),
      notes: p.notes.slice(0, shown),
      notesTotal: p.notes.length,
      duplicates: p.duplicates.slice(0, shown),
      unknownStatuses: p.unknownStatuses
        .slice(0, 50)
        .map((u) => ({ ...u, rows: u.rows.slice(0, 8), count: u.rows.length })),
    },
    rejected: rejected.slice(0, shown),
    rejectedTotal: rejected.length,
    // A row may be refused for several reasons: the counts on the page are of rows.
    rejectedRowTotal: p?.rejectedRowCount ?? new Set(rejected.map((r) => r.row)).size,
  }
}

function fileProblem(error: unknown) {
  if (error instanceof InputError) return { problem: error.message }
  throw error
}

export async function action({ request, params }: ActionFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'imports:run')
  const form = await readForm(request)
  const id = pathParam(params, 'importId')
  const here = orgPath(t.org.slug, 'imports', id)
  try {
    const intent = form.get('intent')
    if (intent === 'mapping') {
      const keepOpen = form.has('historyShown') ? form.get('closeHistory') !== 'on' : undefined
      const newCohorts = form.has('cohortsShown') ? form.getAll('newCohort').map(String).slice(0, 100) : undefined
      const chosen = { statuses: statusesFrom(form), keepOpen, values: valuesFrom(form), newCohorts }
      if (!(await chooseImportMapping(t, id, importFieldsFrom(form), chosen))) throw notFound()
      return redirect(here)
    }
    if (intent === 'client') {
      if (!(await chooseImportClient(t, id, String(form.get('clientId') ?? '')))) throw notFound()
      return redirect(here)
    }
    if (intent === 'retry') {
      if (!(await retryImport(t, id))) throw new InputError(null, 'This import is still running or already done.')
      return redirectWithToast(here, { title: 'Check the preview, then import again' })
    }
    const result = await commitImport(t, id)
    if (!result) throw notFound()
    if (result.status !== 'COMMITTED') return redirect(here)
    return redirectWithToast(here, { title: `${result.imported} applications imported` })
  } catch (error) {
    if (error instanceof InputError) return data({ error: error.message }, { status: 400 })
    throw error
  }
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

function importFieldsFrom(form: FormData) {
  const columns = Number(form.get('columns'))
  return Array.from({ length: Number.isInteger(columns) ? Math.min(columns, 500) : 0 }, (_, i) => {
    const value = String(form.get(`column-${i}`) ?? '')
    // A client field's id is checked against the practice's fields when the mapping is kept.
    return (importFields as readonly string[]).includes(value) || fieldIdOf(value as ColumnTarget)
      ? (value as ColumnTarget)
      : null
  })
}

/** Choice values mapped once: value:<fieldId>:<value key> to a choice ("" to take a mapping back). */
function valuesFrom(form: FormData) {
  const values: Record<string, string> = {}
  for (const [name, value] of form.entries()) {
    if (name.startsWith('value:') && typeof value === 'string' && name.length <= 300 && value.length <= 200)
      values[name.slice('value:'.length)] = value
  }
  return values
}

function statusesFrom(form: FormData) {
  const statuses: Record<string, string> = {}
  for (const [name, value] of form.entries()) {
    if (name.startsWith('status:') && typeof value === 'string' && value in statusChoiceLabels)
      statuses[name.slice('status:'.length)] = value
  }
  return statuses
}

export default function ReviewImport() {
  const { org, batch, problem, preview, rejected, rejectedTotal, rejectedRowTotal, clients, period, clientSummary } =
    useLoaderData<typeof loader>()
  const clientText = clientSummary ? clientSummaryText(clientSummary) : ''
  const actionData = useActionData<typeof action>()
  const running = batch.status === 'QUEUED' || batch.status === 'RUNNING'
  const revalidator = useRevalidator()
  useEffect(() => {
    if (!running) return
    const timer = setInterval(() => revalidator.state === 'idle' && revalidator.revalidate(), 1500)
    return () => clearInterval(timer)
  }, [running, revalidator])
  const applicationsLink = `${orgPath(org.slug, 'applications')}${batch.clientId ? `?client=${batch.clientId}` : ''}`

  return (
    <main className="mx-auto max-w-6xl p-4 sm:p-6">
      <Link to={orgPath(org.slug, 'imports')} className="text-sm text-brand-700 underline">
        ← Imports
      </Link>
      <h1 className="mt-2 text-2xl font-bold break-words">{batch.fileName}</h1>
      <p className="mb-6 text-slate-700">
        {importFormatLabels[batch.format] ?? batch.format} ·{' '}
        {batch.client ? `for ${batch.client.name}` : 'several clients'} · {batch.rowCount} rows
      </p>
      <FormErrors id="import-errors" errors={actionData?.error ? [actionData.error] : problem ? [problem] : null} />

      {running && !batch.canRetry && (
        <Progress
          processed={batch.processedRows}
          total={batch.rowCount}
          written={batch.writtenRows}
          toWrite={batch.rowsToWrite}
        />
      )}
      {batch.canRetry && (
        <Form method="post" className="mb-6 rounded-md border border-amber-200 bg-amber-50 p-3 text-amber-900">
          <p className="mb-2">
            {batch.status === 'FAILED'
              ? (batch.error ?? 'The import failed; nothing was imported.')
              : 'This import stopped before it finished.'}{' '}
            Trying again takes back anything it wrote and shows the preview again; rows already in Rebound are skipped,
            so no row is ever imported twice.
          </p>
          <SubmitButton intent="retry" variant="secondary" pendingText="Reopening…">
            Try again
          </SubmitButton>
        </Form>
      )}
      {batch.status === 'COMMITTED' && (
        <section aria-labelledby="done" className="mb-6 rounded-lg border border-green-200 bg-green-50 p-4">
          <h2 id="done" className="font-semibold text-green-900">
            {batch.importedCount} applications imported
          </h2>
          <p className="text-sm text-green-900">
            {period && `Applied ${formatDate(period.from)} to ${formatDate(period.to)}. `}
            {plural(batch.duplicateCount, 'duplicate row', 'duplicate rows')} and{' '}
            {plural(rejectedRowTotal, 'rejected row', 'rejected rows')} were skipped. {clientText && `${clientText}. `}
            <Link to={applicationsLink} className="font-medium underline">
              See the applications
            </Link>
            {period && (
              <>
                {' · '}
                <Link
                  to={`${orgPath(org.slug, 'patterns')}?from=${period.from}&to=${period.to}`}
                  className="font-medium underline"
                >
                  Patterns over this period
                </Link>
              </>
            )}
          </p>
        </section>
      )}

      {preview && clients.length > 0 && <ClientPicker clients={clients} />}
      {preview && (
        <>
          <MappingForm
            headers={preview.headers}
            mapping={preview.mapping}
            guesses={preview.guesses}
            remembered={preview.remembered}
            unknownStatuses={preview.unknownStatuses}
            statuses={preview.statuses}
            stale={preview.stale}
            clientFields={preview.clientFields}
          >
            <ClientValueChoices
              unknownValues={preview.clientValues.unknownValues}
              unknownCohorts={preview.clientValues.unknownCohorts}
              choices={preview.valueChoices}
              clientFields={preview.clientFields}
            />
          </MappingForm>
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
                {preview.period && ` · applied ${formatDate(preview.period.from)} to ${formatDate(preview.period.to)}`}
              </p>
              <SampleTable rows={preview.sample} />
              {(preview.mapping.includes('cohort') || preview.mapping.some((m) => fieldIdOf(m))) && (
                <ClientValuesPreview
                  summary={preview.clientValues.summary}
                  disagreements={preview.clientValues.disagreementsTotal}
                />
              )}
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
          {preview.duplicates.length > 0 && (
            <RowList id="duplicates" title="Duplicates" rows={preview.duplicates} total={preview.duplicateCount} />
          )}
          {preview.clientValues.disagreementsTotal > 0 && (
            <RowList
              id="disagree"
              title="Rows that disagree"
              intro="One client’s rows give a field different values: the row applied latest wins."
              rows={preview.clientValues.disagreements}
              total={preview.clientValues.disagreementsTotal}
            />
          )}
          {preview.notesTotal > 0 && (
            <RowList
              id="left-out"
              title="Values left out"
              intro="These rows are imported without the value named."
              rows={preview.notes}
              total={preview.notesTotal}
            />
          )}
        </>
      )}
      {rejectedTotal > 0 && (
        <RowList
          id="rejected"
          title={`Rejected rows (${rejectedRowTotal})`}
          intro={
            rejectedTotal > rejectedRowTotal ? `${rejectedTotal} reasons across ${rejectedRowTotal} rows.` : undefined
          }
          rows={rejected}
          total={rejectedTotal}
        />
      )}
    </main>
  )
}
