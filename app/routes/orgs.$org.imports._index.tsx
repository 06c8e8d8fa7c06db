import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { createImport, listImportClients, listImports } from '~/domain/imports/batches.server'
import { importFormatLabels } from '~/domain/imports/fields'
import { importLimits } from '~/domain/imports/limits'
import { sizeLimitMessage } from '~/domain/imports/preview.server'
import { InputError } from '~/lib/input-error'
import { formatDateTime } from '~/lib/dates'
import { requirePermission, requireTenant } from '~/auth/require-tenant.server'
import { readForm } from '~/lib/request-input'
import { FormErrors, inputClass, SubmitButton } from '~/ui/form'
import { orgPath } from '~/lib/org-path'
import { ClientSelect } from '~/ui/client-select'
import { formatCount } from '~/lib/numbers'

export const meta: MetaFunction = () => [{ title: 'Import applications · Rebound' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'imports:run')
  const [clients, imports] = await Promise.all([listImportClients(t), listImports(t)])
  return { org: { slug: t.org.slug, timezone: t.org.timezone }, clients, imports }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'imports:run')
  try {
    // The server refuses a body over the import limit before it is read (server/security.ts).
    const form = checkedUploadForm(await readForm(request))
    const file = form.get('file')
    if (!(file instanceof File) || !file.size) return data({ error: 'Choose a CSV or TSV file.' }, { status: 400 })
    if (file.size > importLimits.maxBytes) return data({ error: sizeLimitMessage() }, { status: 400 })
    const clientId = String(form.get('clientId') ?? '') || null
    const bytes = new Uint8Array(await file.arrayBuffer())
    const batch = await createImport(t, { name: file.name, bytes }, { clientId })
    return redirect(orgPath(t.org.slug, 'imports', batch.id))
  } catch (error) {
    if (error instanceof InputError) return data({ error: error.message }, { status: 400 })
    throw error
  }
}

/** The form has a file and a client: more parts, a second file or a long field is refused. */
export const uploadFormLimits = { parts: 10, fieldBytes: 1000 }

function checkedUploadForm(form: FormData) {
  const entries = [...form.entries()]
  if (entries.length > uploadFormLimits.parts)
    throw new InputError(null, 'The upload has more parts than this form sends. Choose one file and try again.')
  if (entries.filter(([, value]) => typeof value !== 'string').length > 1)
    throw new InputError(null, 'Upload one file at a time.')
  if (entries.some(([, value]) => typeof value === 'string' && value.length > uploadFormLimits.fieldBytes))
    throw new InputError(null, 'A field of the upload form is too long.')
  return form
}

const statusLabels: Record<string, string> = {
  PREVIEW: 'Waiting for review',
  QUEUED: 'Queued',
  RUNNING: 'Importing',
  COMMITTED: 'Imported',
  FAILED: 'Failed',
}

export default function Imports() {
  const { org, clients, imports } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <main className="mx-auto max-w-4xl p-4 sm:p-6">
      <h1 className="mb-2 text-2xl font-bold">Import applications</h1>
      <p className="mb-6 text-slate-700">
        Upload a CSV or TSV file: LinkedIn’s “Job Applications.csv”, an export from Simplify, Huntr or Teal, a Google
        Sheets job tracker or your own spreadsheet (company, title, applied date, status…). You will see a preview
        before anything is saved. Up to {importLimits.maxBytes / 1024 / 1024} MB, {formatCount(importLimits.maxRows)}{' '}
        rows and {importLimits.maxColumns} columns.
      </p>
      <Form method="post" encType="multipart/form-data" className="space-y-4 rounded-lg border border-slate-200 p-4">
        <FormErrors id="upload-errors" errors={actionData?.error ? [actionData.error] : null} />
        <div>
          <label htmlFor="file" className="block text-sm font-medium text-slate-900">
            File
          </label>
          <input
            id="file"
            name="file"
            type="file"
            required
            accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values"
            className={inputClass}
            aria-describedby={actionData?.error ? 'upload-errors' : undefined}
            onChange={(event) => {
              // Said before the upload: a file far over the limit is refused by the server unread.
              const chosen = event.currentTarget.files?.[0]
              const tooLarge = chosen && chosen.size > importLimits.maxBytes
              event.currentTarget.setCustomValidity(
                tooLarge
                  ? `The file is larger than ${importLimits.maxBytes / 1024 / 1024} MB. Split it into smaller files.`
                  : '',
              )
              if (tooLarge) event.currentTarget.reportValidity()
            }}
          />
        </div>
        <ClientSelect
          clients={clients}
          first={<option value="">Several clients: the file has a client email column</option>}
        />
        <SubmitButton pendingText="Reading the file…">Upload and preview</SubmitButton>
      </Form>

      <h2 className="mt-10 mb-3 text-lg font-semibold">Past imports</h2>
      {imports.length === 0 ? (
        <p className="text-slate-600">No imports yet.</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200">
          {imports.map((i) => (
            <li key={i.id} className="flex flex-wrap items-baseline justify-between gap-2 p-3">
              <div>
                <Link to={i.id} className="font-medium text-brand-700 underline">
                  {i.fileName}
                </Link>
                <p className="text-sm text-slate-600">
                  {importFormatLabels[i.format] ?? i.format} · {i.client?.name ?? 'Several clients'} ·{' '}
                  {formatDateTime(i.createdAt, org.timezone)}
                </p>
              </div>
              <p className="text-sm text-slate-700">
                {statusLabels[i.status]}
                {i.status === 'COMMITTED' &&
                  ` · ${i.importedCount} of ${i.rowCount} rows, ${i.duplicateCount} duplicates skipped`}
              </p>
            </li>
          ))}
        </ul>
      )}
    </main>
  )
}
