import { useNavigation, useSubmit } from '@remix-run/react'
import { useState } from 'react'
import { runPasskeyCeremony, type PasskeyPurpose } from '~/ui/passkey'
import { Button, FormErrors } from '~/ui/form'

/**
 * A button that signs in with a passkey: the browser's passkey prompt, then the signed answer posted
 * to this page's action as `intent=passkey` with `fields`. A closed prompt or an error shows its
 * message beside the button; the server's answer (a refusal) comes back as the page's action data.
 */
export function PasskeyButton({
  purpose,
  children,
  fields = {},
  serverError,
  variant = 'secondary',
}: {
  purpose: Exclude<PasskeyPurpose, 'register'>
  children: string
  fields?: Record<string, string>
  serverError?: string | null
  variant?: 'primary' | 'secondary'
}) {
  const submit = useSubmit()
  const navigation = useNavigation()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const submitting = navigation.state !== 'idle' && navigation.formData?.get('intent') === 'passkey'
  async function start() {
    setBusy(true)
    setError(null)
    const outcome = await runPasskeyCeremony(purpose)
    setBusy(false)
    if (!outcome.ok) return setError(outcome.message)
    submit({ ...fields, intent: 'passkey', response: outcome.response }, { method: 'post' })
  }
  const shown = error ?? (submitting || busy ? null : serverError)
  return (
    <div className="space-y-3">
      <FormErrors errors={shown ? [shown] : null} />
      <Button type="button" variant={variant} className="w-full" onClick={start} disabled={busy || submitting}>
        {busy || submitting ? 'Waiting for your passkey…' : children}
      </Button>
    </div>
  )
}
