import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import type { z } from 'zod'
import { requireClient } from '~/auth/client-session.server'
import {
  DigestPreferencesInput,
  timeZoneOptions,
  updateDigestPreferences,
} from '~/domain/clients/client-preferences.server'
import { redirectWithToast } from '~/lib/toast.server'
import { FormErrors, SubmitButton } from '~/ui/form'
import { TimeZoneField } from '~/ui/time-zone-field'
import { CheckboxField, PageTitle } from '~/ui/portal'
import { inputErrorReply } from '~/lib/responses.server'
import { readForm } from '~/lib/request-input'

export const meta: MetaFunction = () => [{ title: 'Preferences · Rebound' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const c = await requireClient(request)
  return { digestOptIn: c.client.digestOptIn, timezone: c.client.timezone, timeZones: timeZoneOptions() }
}

export async function action({ request }: ActionFunctionArgs) {
  const c = await requireClient(request)
  const submission = parseWithZod(await readForm(request), { schema: DigestPreferencesInput })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  try {
    await updateDigestPreferences(c.pipeline, submission.value)
  } catch (error) {
    return inputErrorReply(submission, error)
  }
  return redirectWithToast('/me/preferences', { title: 'Preferences saved' })
}

export default function PreferencesPage() {
  const { digestOptIn, timezone, timeZones } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [form, fields] = useForm<z.input<typeof DigestPreferencesInput>>({
    id: 'preferences',
    lastResult: actionData?.result,
    defaultValue: { digestOptIn: digestOptIn ? 'on' : undefined, timezone },
  })
  return (
    <>
      <PageTitle intro="Once a week, a short email with your progress, your tasks and a note from your coach.">
        Preferences
      </PageTitle>
      <Form method="post" {...getFormProps(form)} className="space-y-5">
        <FormErrors id={form.errorId} errors={form.errors} />
        <CheckboxField label="Send me the weekly digest" field={fields.digestOptIn} />
        <TimeZoneField
          label="Your timezone (sets your week and the dates you see)"
          field={fields.timezone}
          zones={timeZones}
        />
        <SubmitButton className="min-h-11 w-full text-base">Save preferences</SubmitButton>
      </Form>
    </>
  )
}
