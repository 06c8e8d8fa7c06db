import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { ClientInput } from '~/domain/clients/client-input'
import { findClient, listCoaches, updateClient } from '~/domain/clients/clients.server'
import { cohortIdsOfClient, listCohortChoices } from '~/domain/cohorts/cohorts.server'
import { listActiveClientFields } from '~/domain/client-fields/client-fields.server'
import { valuesOf } from '~/domain/client-fields/client-field-input'
import { timeZoneList } from '~/lib/dates'
import { submitForm } from '~/lib/form-action.server'
import { notFound } from '~/lib/responses.server'
import { redirectWithToast } from '~/lib/toast.server'
import { requirePermission, requireTenant } from '~/auth/require-tenant.server'
import { ClientForm } from '~/ui/client-form'
import { pathParam, readForm } from '~/lib/request-input'
import { orgPath } from '~/lib/org-path'

export const meta: MetaFunction = () => [{ title: 'Edit client · Rebound' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'clients:write')
  const client = await findClient(t, pathParam(params, 'clientId'))
  if (!client) throw notFound()
  const [coaches, cohorts, cohortIds, customFields] = await Promise.all([
    listCoaches(t),
    listCohortChoices(t),
    cohortIdsOfClient(t, client.id),
    listActiveClientFields(t),
  ])
  const customValues = valuesOf(client.customFields)
  return {
    client,
    coaches,
    cohorts,
    cohortIds,
    customFields,
    customValues,
    timezones: timeZoneList(),
    slug: t.org.slug,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'clients:write')
  return submitForm(await readForm(request), ClientInput, async (input) => {
    const client = await updateClient(t, pathParam(params, 'clientId'), input)
    if (!client) throw notFound()
    return redirectWithToast(orgPath(t.org.slug, 'clients', client.id), { title: 'Client saved' })
  })
}

export default function EditClient() {
  const { client, coaches, cohorts, cohortIds, customFields, customValues, timezones, slug } =
    useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <main className="mx-auto max-w-3xl p-4 sm:p-6">
      <Link to={orgPath(slug, 'clients', client.id)} className="text-sm text-brand-700 underline">
        ← {client.name}
      </Link>
      <h1 className="mt-2 mb-6 text-2xl font-bold">Edit {client.name}</h1>
      <ClientForm
        schema={ClientInput}
        lastResult={actionData?.result}
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
        coaches={coaches}
        cohorts={cohorts}
        cohortIds={cohortIds}
        customFields={customFields}
        customValues={customValues}
        timezones={timezones}
        submitLabel="Save client"
      />
    </main>
  )
}
