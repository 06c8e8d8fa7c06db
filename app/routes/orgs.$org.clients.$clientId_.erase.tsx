import { getFormProps, useForm } from '@conform-to/react'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import type { z } from 'zod'
import { requirePermission, requireTenant } from '~/auth/require-tenant.server'
import { requireTenantRecord } from '~/auth/tenant-record.server'
import { EraseClientInput, eraseClient, erasurePreview } from '~/domain/clients/erasure.server'
import { plural } from '~/lib/plural'
import { orgPath } from '~/lib/org-path'
import { pathParam, readForm } from '~/lib/request-input'
import { saveForm } from '~/lib/form-action.server'
import { notFound } from '~/lib/responses.server'
import { redirectWithToast } from '~/lib/toast.server'
import { useActionResult } from '~/ui/action-form'
import { Field, FormErrors, SubmitButton } from '~/ui/form'
import { ClientSubPage } from '~/ui/sub-page'

export const meta: MetaFunction = () => [{ title: 'Erase client · Rebound' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { t, record: preview } = await requireTenantRecord(request, params, 'clients:erase', 'clientId', erasurePreview)
  return { preview, slug: t.org.slug }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'clients:erase')
  return saveForm(await readForm(request), EraseClientInput, async (input) => {
    if (!(await eraseClient(t, pathParam(params, 'clientId'), input))) throw notFound()
    return redirectWithToast(orgPath(t.org.slug, 'clients'), {
      title: 'Client erased',
      description: 'Their records are gone; their applications still count, anonymously, in the practice’s figures.',
    })
  })
}

export default function EraseClientPage() {
  const { preview, slug } = useLoaderData<typeof loader>()
  const [form, fields] = useForm<z.input<typeof EraseClientInput>>({
    id: 'erase-client',
    lastResult: useActionResult(),
    shouldValidate: 'onBlur',
  })
  const { client, removed, anonymised } = preview
  const goes = [
    `${client.name}’s name, email, preferences, sign-in links and sessions`,
    plural(removed.messages, 'message'),
    plural(removed.tasks, 'task'),
    plural(removed.checkIns, 'check-in'),
    plural(removed.notes, 'private note'),
    plural(removed.digestNotes, 'digest note'),
    plural(removed.emails, 'email sent to them', 'emails sent to them'),
    plural(removed.imports, 'import of their files', 'imports of their files'),
    'their name, email and id wherever else the practice recorded them: emails to coaches, the audit log, insights, webhooks',
  ]
  return (
    <ClientSubPage
      slug={slug}
      client={client}
      title={`Erase ${client.name}`}
      className="mx-auto max-w-2xl space-y-5 p-4 sm:p-6"
    >
      <p className="text-slate-700">
        Erasing cannot be undone. If they may want their records, send them their data first from their page.
      </p>
      <section aria-labelledby="goes" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="goes" className="font-semibold">
          What goes
        </h2>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-slate-800">
          {goes.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <h2 className="mt-4 font-semibold">What stays, anonymously</h2>
        <p className="mt-1 text-slate-800">
          {plural(anonymised.applications, 'application')} and {plural(anonymised.stageEvents, 'stage change')} keep
          counting in the practice’s figures, with no company, title, note or link, under “Erased client”. The audit log
          records that a client was erased, without their name.
        </p>
      </section>
      <Form method="post" {...getFormProps(form)} className="space-y-4 rounded-lg border border-red-200 bg-red-50 p-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label={`Type “${client.name}” to confirm`} field={fields.confirmName} autoComplete="off" />
        <SubmitButton variant="danger" pendingText="Erasing…">
          Erase {client.name} for good
        </SubmitButton>
      </Form>
    </ClientSubPage>
  )
}
