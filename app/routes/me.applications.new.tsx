import { useForm } from '@conform-to/react'

import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import type { z } from 'zod'
import { requireClient } from '~/auth/client-session.server'
import { addApplication, ApplicationInput } from '~/domain/applications/applications.server'
import { options, stageLabels, stages } from '~/domain/applications/pipeline'
import { todayIn } from '~/lib/dates'
import { redirectWithToast } from '~/lib/toast.server'
import { ApplicationFields } from '~/ui/application-fields'
import { SelectField, SubmitButton, ConformForm } from '~/ui/form'
import { PageTitle } from '~/ui/portal'

import { saveForm } from '~/lib/form-action.server'
import { readForm } from '~/lib/request-input'

export const meta: MetaFunction = () => [{ title: 'Add an application · Rebound' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const c = await requireClient(request)
  return { today: todayIn(c.client.timezone) }
}

export async function action({ request }: ActionFunctionArgs) {
  const c = await requireClient(request)
  return saveForm(await readForm(request), ApplicationInput, async (value) => {
    const application = await addApplication(c.pipeline, value)
    return redirectWithToast(`/me/applications/${application.id}`, {
      title: 'Application added',
      description: 'One more step in your search. Move it along as you hear back.',
    })
  })
}

export default function NewApplicationPage() {
  const { today } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [form, fields] = useForm<z.input<typeof ApplicationInput>>({
    id: 'new-application',
    lastResult: actionData?.result,
    defaultValue: { stage: 'APPLIED' },
  })
  return (
    <>
      <PageTitle intro="A few words are enough. You can add details later.">Add an application</PageTitle>
      <ConformForm form={form} className="space-y-4">
        <SelectField label="Stage" field={fields.stage} options={options(stages, stageLabels)} />
        <ApplicationFields fields={fields} today={today} />
        <SubmitButton className="min-h-11 w-full text-base" pendingText="Adding…">
          Add application
        </SubmitButton>
      </ConformForm>
    </>
  )
}
