import { getFormProps, useForm } from '@conform-to/react'

import { Form, useNavigation, useSubmit } from '@remix-run/react'
import { useState } from 'react'
import { AddPasskeyName } from '~/domain/practices/account-schemas'
import { formatDate } from '~/lib/dates'
import { Button, Field, FormErrors, ItemActionForm } from '~/ui/form'
import { useZodForm } from '~/ui/zod-form'
import { runPasskeyCeremony } from '~/ui/passkey'
import { notRecent } from './not-recent'
import type { ActionData } from './route'
import { SettingsCard } from '~/ui/settings-card'

// The account's passkeys: the list, adding one through the browser's ceremony, and removing one.

type Passkey = { id: string; name: string; createdAt: string | Date; lastUsedAt: string | Date | null }

export function Passkeys({
  passkeys,
  recent,
  actionData,
}: {
  passkeys: Passkey[]
  recent: boolean
  actionData: ActionData
}) {
  const submit = useSubmit()
  const navigation = useNavigation()
  const [busy, setBusy] = useState(false)
  const [ceremonyError, setCeremonyError] = useState<string | null>(null)
  const intent = actionData?.result.initialValue?.intent
  const [form, fields] = useZodForm(AddPasskeyName, {
    id: 'add-passkey',
    lastResult: intent === 'add-passkey' ? actionData?.result : undefined,
    defaultValue: { name: passkeys.length === 0 ? 'My passkey' : '' },
    shouldValidate: 'onSubmit',
    async onSubmit(event, { formData, submission }) {
      event.preventDefault()
      if (submission?.status !== 'success') return
      setBusy(true)
      setCeremonyError(null)
      const outcome = await runPasskeyCeremony('register')
      setBusy(false)
      if (!outcome.ok) return setCeremonyError(outcome.message)
      submit(
        { intent: 'add-passkey', name: String(formData.get('name')), response: outcome.response },
        { method: 'post' },
      )
    },
  })
  const [removeForm] = useForm({
    id: 'remove-passkey',
    lastResult: intent === 'remove-passkey' ? actionData?.result : undefined,
  })
  const adding = busy || (navigation.state !== 'idle' && navigation.formData?.get('intent') === 'add-passkey')
  return (
    <SettingsCard id="passkeys" title="Passkeys" className="mt-8">
      <p className="mt-1 text-sm text-slate-700">
        A passkey lives on your phone, computer or security key and is unlocked with your fingerprint, face or PIN. It
        works as your second step after your password, or on its own: choose “Sign in with a passkey”.
      </p>
      <FormErrors id={removeForm.errorId} errors={removeForm.errors} />
      {passkeys.length === 0 ? (
        <p className="mt-4 rounded-md bg-slate-50 p-3 text-sm text-slate-700">No passkeys yet.</p>
      ) : (
        <ul aria-label="Your passkeys" className="mt-4 divide-y divide-slate-200 rounded-md border border-slate-200">
          {passkeys.map((passkey) => (
            <li key={passkey.id} className="flex flex-wrap items-center justify-between gap-3 p-3">
              <div className="min-w-0">
                <p className="font-medium break-words text-slate-900">{passkey.name}</p>
                <p className="text-sm text-slate-600">
                  Added {formatDate(passkey.createdAt)} ·{' '}
                  {passkey.lastUsedAt ? `last used ${formatDate(passkey.lastUsedAt)}` : 'not used yet'}
                </p>
              </div>
              <ItemActionForm
                idName="passkeyId"
                id={passkey.id}
                intent="remove-passkey"
                label={`Remove passkey ${passkey.name}`}
              >
                Remove
              </ItemActionForm>
            </li>
          ))}
        </ul>
      )}
      {passkeys.length > 0 && !recent ? <p className="mt-2 text-sm text-slate-600">{notRecent}</p> : null}
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4">
        <FormErrors id={form.errorId} errors={ceremonyError ? [ceremonyError] : form.errors} />
        <Field
          label="Name for the new passkey"
          field={fields.name}
          autoComplete="off"
          hint="So you can tell your passkeys apart, such as “Work laptop” or “Phone”."
        />
        <Button type="submit" disabled={adding}>
          {adding ? 'Waiting for your device…' : 'Add a passkey'}
        </Button>
      </Form>
    </SettingsCard>
  )
}
