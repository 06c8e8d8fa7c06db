import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { requireClient } from '~/auth/client-session.server'
import { recordFromPortal } from '~/auth/portal-form.server'
import { PlacementInput } from '~/domain/outcomes/placement-input'
import { findPlacement, listOfferApplications, recordPlacement } from '~/domain/outcomes/placements.server'
import { todayIn } from '~/lib/dates'
import { PlacementForm, placementDefaults } from '~/ui/placement-form'
import { PageTitle } from '~/ui/portal'

export const meta: MetaFunction = () => [{ title: 'Your new job · Rebound' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const c = await requireClient(request)
  const [placement, offers] = await Promise.all([findPlacement(c.pipeline), listOfferApplications(c.pipeline)])
  return { placement, offers, defaults: placementDefaults(placement, offers, todayIn(c.client.timezone)) }
}

export function action({ request }: ActionFunctionArgs) {
  return recordFromPortal(request, PlacementInput, (c, value) => recordPlacement(c.pipeline, value), {
    title: 'Congratulations on the new job',
    description: 'Your coach can see it now.',
  })
}

export default function PortalPlacement() {
  const { placement, offers, defaults } = useLoaderData<typeof loader>()
  return (
    <>
      <PageTitle intro="Tell your coach about the job you accepted. Every stage you reached got you here.">
        {placement ? 'Your new job' : 'You accepted an offer'}
      </PageTitle>
      <PlacementForm audience="client" recorded={Boolean(placement)} defaultValue={defaults} offers={offers} />
    </>
  )
}
