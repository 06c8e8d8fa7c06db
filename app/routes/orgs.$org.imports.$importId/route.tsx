import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useRevalidator } from '@remix-run/react'
import { useEffect } from 'react'
import {
  readChoices,
  chooseImportClient,
  chooseImportMapping,
  findImport,
  importedCounts,
  importedPeriod,
  listImportClients,
  previewImportBatch,
} from '~/domain/imports/batches.server'
import { canRetryImport, commitImport, retryImport } from '~/domain/imports/commit.server'
import { fieldIdOf, importFormatLabels } from '~/domain/imports/fields'
import { readClientSummary } from '~/domain/imports/client-values.server'
import { InputError } from '~/lib/input-error'
import { notFound } from '~/lib/responses.server'
import type { RowError } from '~/domain/imports/rows'
import { formatDate } from '~/lib/dates'
import { redirectWithToast } from '~/lib/toast.server'
import { requirePermission, requireTenant } from '~/auth/require-tenant.server'
import { pathParam, readForm } from '~/lib/request-input'
import { FormErrors, SubmitButton } from '~/ui/form'
import { ClientPicker, Progress, RowList, SampleTable } from './parts'
import { MappingForm } from './mapping-form'
import { ImportDone } from './done'
import { pagePreview, shownRows } from './page-preview'
import { dateOrderFrom, importFieldsFrom, statusesFrom, valuesFrom } from './choices-from-form'
import { ClientValueChoices, ClientValuesPreview, clientSummaryText } from './client-values'
import { orgPath } from '~/lib/org-path'
import { Section } from '~/ui/section'

export const meta: MetaFunction = () => [{ title: 'Review an import · Rebound' }]

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
    counts: batch.status === 'COMMITTED' ? await importedCounts(t, batch.id) : null,
    clientSummary: batch.status === 'COMMITTED' ? readClientSummary(batch.clientChanges) : null,
    preview: p && pagePreview(p, readChoices(batch.mapping).values),
    rejected: rejected.slice(0, shownRows),
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
      const dateOrder = form.has('dateOrder') ? dateOrderFrom(form) : undefined
      const chosen = { statuses: statusesFrom(form), keepOpen, values: valuesFrom(form), newCohorts, dateOrder }
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

export default function ReviewImport() {
  const {
    org,
    batch,
    problem,
    preview,
    rejected,
    rejectedTotal,
    rejectedRowTotal,
    clients,
    period,
    counts,
    clientSummary,
  } = useLoaderData<typeof loader>()
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
        <ImportDone
          imported={batch.importedCount}
          duplicates={batch.duplicateCount}
          rejected={rejectedRowTotal}
          period={period}
          counts={counts}
          clientText={clientText}
          applicationsLink={applicationsLink}
          patternsLink={period && `${orgPath(org.slug, 'patterns')}?from=${period.from}&to=${period.to}`}
        />
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
            dateNotes={preview.dateNotes}
            dateOrderAsked={preview.dateOrderAsked}
            dateOrder={preview.dateOrder}
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
            <Section headingId="preview" title="Preview" className="mt-8">
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
            </Section>
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
