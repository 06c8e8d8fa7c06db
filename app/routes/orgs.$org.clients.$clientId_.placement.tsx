import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { requireTenantRecord } from '~/auth/tenant-record.server'
import { coachPipelineFor } from '~/domain/applications/application-page.server'
import { findClient } from '~/domain/clients/clients.server'
import { PlacementInput } from '~/domain/outcomes/placement-input'
import { findPlacement, listOfferApplications, recordPlacement } from '~/domain/outcomes/placements.server'
import { todayIn } from '~/lib/dates'
import { orgPath } from '~/lib/org-path'
import { saveForm } from '~/lib/form-action.server'
import { notFound } from '~/lib/responses.server'
import { readForm } from '~/lib/request-input'
import { redirectWithToast } from '~/lib/toast.server'
import { PlacementForm, placementDefaults } from '~/ui/placement-form'
import { ClientSubPage } from '~/ui/sub-page'

export const meta: MetaFunction = () => [{ title: 'Placement · Rebound' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { t, record: client } = await requireTenantRecord(request, params, 'clients:write', 'clientId', findClient)
  const p = coachPipelineFor(t, client)
  const [placement, offers] = await Promise.all([findPlacement(p), listOfferApplications(p)])
  return {
    client: { id: client.id, name: client.name },
    placement,
    offers,
    defaults: placementDefaults(placement, offers, todayIn(client.timezone)),
    slug: t.org.slug,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { t, record: client } = await requireTenantRecord(request, params, 'clients:write', 'clientId', findClient)
  return saveForm(await readForm(request), PlacementInput, async (placement) => {
    if (!(await recordPlacement(coachPipelineFor(t, client), placement))) throw notFound()
    return redirectWithToast(orgPath(t.org.slug, 'clients', client.id), {
      title: `${client.name} is placed`,
      description: `${placement.roleTitle} at ${placement.employer}. Congratulations to them.`,
    })
  })
}

export default function PlacementPage() {
  const { client, placement, offers, defaults, slug } = useLoaderData<typeof loader>()
  return (
    <ClientSubPage
      slug={slug}
      client={client}
      title={placement ? 'Correct the placement' : `Record ${client.name}’s placement`}
      className="mx-auto max-w-3xl space-y-4"
    >
      <p className="text-slate-700">
        The job {client.name} accepted. Saving marks them as placed; the practice’s outcome report counts it.
      </p>
      <PlacementForm audience="coach" recorded={Boolean(placement)} defaultValue={defaults} offers={offers} />
    </ClientSubPage>
  )
}
