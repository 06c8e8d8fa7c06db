import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useRevalidator } from '@remix-run/react'
import { useEffect } from 'react'
import {
  chooseImportClient,
  chooseImportMapping,
  findImport,
  importedPeriod,
  listImportClients,
  previewImportBatch,
} from '~/domain/imports/batches.server'
import { canRetryImport, commitImport, retryImport } from '~/domain/imports/commit.server'
import { importFields, importFormatLabels, statusChoiceLabels, type ImportField } from '~/domain/imports/fields'
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
    preview: p && {
      ...p,
      valid: undefined,
      rejected: undefined,
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
      const chosen = { statuses: statusesFrom(form), keepOpen }
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

function importFieldsFrom(form: FormData) {
  const columns = Number(form.get('columns'))
  return Array.from({ length: Number.isInteger(columns) ? Math.min(columns, 500) : 0 }, (_, i) => {
    const value = String(form.get(`column-${i}`) ?? '')
    return (importFields as readonly string[]).includes(value) ? (value as ImportField) : null
  })
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
  const { org, batch, problem, preview, rejected, rejectedTotal, clients, period } = useLoaderData<typeof loader>()
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

      {running && !batch.canRetry && <Progress processed={batch.processedRows} total={batch.rowCount} />}
      {batch.canRetry && (
        <Form method="post" className="mb-6 rounded-md border border-amber-200 bg-amber-50 p-3 text-amber-900">
          <p className="mb-2">
            {batch.status === 'FAILED'
              ? (batch.error ?? 'The import failed; nothing was imported.')
              : 'This import stopped before it finished; nothing of it was written.'}{' '}
            Rows already in Rebound are skipped, so trying again never imports a row twice.
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
            {batch.duplicateCount} duplicates and {rejectedTotal} rejected rows were skipped.{' '}
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
          />
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
      {rejectedTotal > 0 && <RowList id="rejected" title="Rejected rows" rows={rejected} total={rejectedTotal} />}
    </main>
  )
}
