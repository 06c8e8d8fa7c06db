import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { ClientInput } from '~/domain/clients/client-input'
import { findClient, updateClient } from '~/domain/clients/clients.server'
import { listClientFormChoices } from '~/domain/clients/client-form-choices.server'
import { cohortIdsOfClient } from '~/domain/cohorts/cohorts.server'
import { valuesOf } from '~/domain/client-fields/client-field-input'
import { saveForm } from '~/lib/form-action.server'
import { notFound } from '~/lib/responses.server'
import { redirectWithToast } from '~/lib/toast.server'
import { requirePermission, requireTenant } from '~/auth/require-tenant.server'
import { requireTenantRecord } from '~/auth/tenant-record.server'
import { useActionResult } from '~/ui/action-form'
import { ClientForm } from '~/ui/client-form'
import { ClientSubPage } from '~/ui/sub-page'
import { pathParam, readForm } from '~/lib/request-input'
import { orgPath } from '~/lib/org-path'

export const meta: MetaFunction = () => [{ title: 'Edit client · Rebound' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { t, record: client } = await requireTenantRecord(request, params, 'clients:write', 'clientId', findClient)
  const [choices, cohortIds] = await Promise.all([listClientFormChoices(t), cohortIdsOfClient(t, client.id)])
  return { client, choices, cohortIds, customValues: valuesOf(client.customFields), slug: t.org.slug }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'clients:write')
  return saveForm(await readForm(request), ClientInput, async (input) => {
    const client = await updateClient(t, pathParam(params, 'clientId'), input)
    if (!client) throw notFound()
    return redirectWithToast(orgPath(t.org.slug, 'clients', client.id), { title: 'Client saved' })
  })
}

export default function EditClient() {
  const { client, choices, cohortIds, customValues, slug } = useLoaderData<typeof loader>()
  const lastResult = useActionResult()
  return (
    <ClientSubPage
      slug={slug}
      client={client}
      title={`Edit ${client.name}`}
      className="mx-auto max-w-3xl p-4 sm:p-6"
      titleClassName="mt-2 mb-6 text-2xl font-bold"
    >
      <ClientForm
        schema={ClientInput}
        lastResult={lastResult}
        defaultValue={{
          name: client.name,
          email: client.email,
          coachId: client.coachId ?? '',
          targetRole: client.targetRole ?? '',
          seniority: client.seniority ?? '',
          industries: client.industries.join(', '),
          weeklyGoal: String(client.weeklyGoal),
          timezone: client.timezone,
          digestOptIn: client.digestOptIn ? 'on' : undefined,
        }}
        {...choices}
        cohortIds={cohortIds}
        customValues={customValues}
        submitLabel="Save client"
      />
    </ClientSubPage>
  )
}
