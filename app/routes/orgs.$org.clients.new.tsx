import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { ClientInput } from '~/domain/clients/client-input'
import { createClient } from '~/domain/clients/clients.server'
import { listClientFormChoices } from '~/domain/clients/client-form-choices.server'
import { redirectWithToast } from '~/lib/toast.server'
import { requirePermission, requireTenant } from '~/auth/require-tenant.server'
import { useActionResult } from '~/ui/action-form'
import { ClientForm } from '~/ui/client-form'
import { SubPage } from '~/ui/sub-page'
import { saveForm } from '~/lib/form-action.server'
import { readForm } from '~/lib/request-input'
import { orgPath } from '~/lib/org-path'

export const meta: MetaFunction = () => [{ title: 'Add a client · Rebound' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'clients:write')
  return { choices: await listClientFormChoices(t), org: t.org, me: t.user.id }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'clients:write')
  return saveForm(await readForm(request), ClientInput, async (input) => {
    const client = await createClient(t, input)
    return redirectWithToast(orgPath(t.org.slug, 'clients', client.id), {
      title: `${client.name} added`,
      description: 'Next: send them their invite link.',
    })
  })
}

export default function NewClient() {
  const { choices, org, me } = useLoaderData<typeof loader>()
  const lastResult = useActionResult()
  return (
    <SubPage
      backTo={orgPath(org.slug, 'clients')}
      backLabel="Clients"
      title="Add a client"
      className="mx-auto max-w-3xl p-4 sm:p-6"
      titleClassName="mt-2 mb-6 text-2xl font-bold"
    >
      <ClientForm
        schema={ClientInput}
        lastResult={lastResult}
        defaultValue={{ weeklyGoal: '10', timezone: org.timezone, digestOptIn: 'on', coachId: me }}
        {...choices}
        submitLabel="Add client"
        preferBrowserTimeZone={org.timezone === 'UTC'}
      />
    </SubPage>
  )
}
