import { browserSupportsWebAuthn, startAuthentication, startRegistration } from '@simplewebauthn/browser'

// The browser's half of a passkey ceremony: ask the server for a challenge, let the browser (and
// the person) sign it with a passkey, and hand back the answer as JSON for the page's form.

export type PasskeyPurpose = 'register' | 'second-factor' | 'sign-in'
export type PasskeyOutcome = { ok: true; response: string } | { ok: false; message: string }

const messages = {
  unsupported: 'This browser can’t use passkeys. Sign in another way, or try a different browser.',
  cancelled: 'The passkey request was closed or timed out. Try again when you’re ready.',
  exists: 'This device already holds a passkey for your account: it is in the list below.',
  failed: 'Your passkey didn’t answer. Try again.',
}

export async function runPasskeyCeremony(purpose: PasskeyPurpose): Promise<PasskeyOutcome> {
  if (!browserSupportsWebAuthn()) return { ok: false, message: messages.unsupported }
  let answer: Response
  try {
    answer = await fetch('/passkeys/options', { method: 'POST', body: new URLSearchParams({ purpose }) })
  } catch {
    return { ok: false, message: 'Rebound could not be reached. Check your connection and try again.' }
  }
  const body = (await answer.json().catch(() => null)) as { options?: unknown; error?: string } | null
  if (!answer.ok || !body?.options) return { ok: false, message: body?.error ?? messages.failed }
  try {
    const response =
      purpose === 'register'
        ? await startRegistration({
            optionsJSON: body.options as Parameters<typeof startRegistration>[0]['optionsJSON'],
          })
        : await startAuthentication({
            optionsJSON: body.options as Parameters<typeof startAuthentication>[0]['optionsJSON'],
          })
    return { ok: true, response: JSON.stringify(response) }
  } catch (error) {
    const name = error instanceof Error ? error.name : ''
    if (name === 'InvalidStateError') return { ok: false, message: messages.exists }
    if (name === 'NotAllowedError' || name === 'AbortError') return { ok: false, message: messages.cancelled }
    return { ok: false, message: messages.failed }
  }
}
