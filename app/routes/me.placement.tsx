import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { requireClient } from '~/auth/client-session.server'
import { PlacementInput } from '~/domain/outcomes/placement-input'
import { findPlacement, listOfferApplications, recordPlacement } from '~/domain/outcomes/placements.server'
import { todayIn } from '~/lib/dates'

import { saveForm } from '~/lib/form-action.server'
import { readForm } from '~/lib/request-input'
import { redirectWithToast } from '~/lib/toast.server'
import { PlacementForm, placementDefaults } from '~/ui/placement-form'
import { PageTitle } from '~/ui/portal'

export const meta: MetaFunction = () => [{ title: 'Your new job · Rebound' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const c = await requireClient(request)
  const [placement, offers] = await Promise.all([findPlacement(c.pipeline), listOfferApplications(c.pipeline)])
  return { placement, offers, defaults: placementDefaults(placement, offers, todayIn(c.client.timezone)) }
}

export async function action({ request }: ActionFunctionArgs) {
  const c = await requireClient(request)
  return saveForm(await readForm(request), PlacementInput, async (value) => {
    await recordPlacement(c.pipeline, value)
    return redirectWithToast('/me', {
      title: 'Congratulations on the new job',
      description: 'Your coach can see it now.',
    })
  })
}

export default function PortalPlacement() {
  const { placement, offers, defaults } = useLoaderData<typeof loader>()
  return (
    <>
      <PageTitle intro="Tell your coach about the job you accepted. Every stage you reached got you here.">
        {placement ? 'Your new job' : 'You accepted an offer'}
      </PageTitle>
      <PlacementForm
        defaultValue={defaults}
        offers={offers}
        whose="your"
        submitLabel={placement ? 'Save' : 'Tell my coach'}
      />
    </>
  )
}
