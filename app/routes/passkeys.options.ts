import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { PasskeyOptionsInput } from '~/domain/practices/account-schemas'
import { startPasskeyAuthentication, startPasskeyRegistration } from '~/auth/passkeys.server'
import {
  describeRetryAfter,
  getClientIp,
  limitPasskeyChallenge,
  limitPasskeySignIn,
  tooManyRequestsHeaders,
} from '~/auth/rate-limit.server'
import { getAnySession } from '~/auth/session.server'
import { readForm } from '~/lib/request-input'

// The challenge a browser signs for a passkey ceremony, as JSON for @simplewebauthn/browser:
// registering a passkey (signed in), the second step of a sign-in (password checked), or a
// password-less sign-in (anyone; limited by address).

const signedOut = 'Your sign-in has ended. Sign in again.'

export function loader() {
  return redirect('/login')
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: PasskeyOptionsInput })
  if (submission.status !== 'success') return Response.json({ error: 'Unknown passkey request.' }, { status: 400 })
  const { purpose } = submission.value
  const session = await getAnySession(request)
  const limit =
    purpose === 'sign-in'
      ? await limitPasskeySignIn({ ip: getClientIp(request, context) })
      : session
        ? await limitPasskeyChallenge({ userId: session.user.id })
        : null
  if (!limit) return Response.json({ error: signedOut }, { status: 401 })
  if (!limit.allowed) {
    const error = `Too many passkey attempts. Try again ${describeRetryAfter(limit.retryAfterSeconds)}.`
    return Response.json({ error }, { status: 429, headers: tooManyRequestsHeaders(limit.retryAfterSeconds) })
  }
  if (purpose === 'sign-in') return Response.json({ options: await startPasskeyAuthentication(null) })
  // Registering needs a full sign-in; the second step needs the password step, not yet the factor.
  if (purpose === 'register' && session && !session.twoFactorPending)
    return Response.json({ options: await startPasskeyRegistration(session.user) })
  if (purpose === 'second-factor' && session?.twoFactorPending)
    return Response.json({ options: await startPasskeyAuthentication(session.user.id) })
  return Response.json({ error: signedOut }, { status: 401 })
}
