import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { LoginInput, PasskeySignInInput } from '~/domain/practices/account-schemas'
import { logIn, recordSignInLockOut, SsoRequiredError } from '~/auth/accounts.server'
import { knownDeviceCookieHeader, knownDeviceFor } from '~/auth/known-device.server'
import { getClientIp, limitLogin, limitPasskeySignIn } from '~/auth/rate-limit.server'
import { tooManyAttempts, tooManyAttemptsReply } from '~/auth/too-many-attempts.server'
import { safeRedirect } from '~/auth/safe-redirect'
import { createSession, getUserSession, sessionCookieHeader } from '~/auth/session.server'
import { parseCeremonyResponse, verifyPasskey } from '~/auth/passkeys.server'
import type { AuthenticationResponseJSON } from '@simplewebauthn/server'
import { redirectWithToast } from '~/lib/toast.server'
import { AuthCard, TextLink } from '~/ui/auth-card'
import { SignInForm } from '~/ui/auth-form'
import { Field, SubmitButton, PasswordField } from '~/ui/form'
import { useActionForm } from '~/ui/action-form'
import { PasskeyButton } from '~/ui/passkey-button'
import { readForm, searchParamsOf } from '~/lib/request-input'
import { retryAfterHeaders } from '~/lib/retry-after'

export const meta: MetaFunction = () => [{ title: 'Sign in · Rebound' }]
export const headers = retryAfterHeaders

export async function loader({ request }: LoaderFunctionArgs) {
  const redirectTo = searchParamsOf(request).get('redirectTo')
  if (await getUserSession(request)) throw redirect(safeRedirect(redirectTo))
  return { redirectTo: redirectTo ? safeRedirect(redirectTo, '') : '' }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request)
  if (form.get('intent') === 'passkey') return signInWithPasskey(request, form, getClientIp(request, context))
  const submission = parseWithZod(form, { schema: LoginInput })
  if (submission.status !== 'success')
    return data({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
  const { email, password, redirectTo } = submission.value
  const ip = getClientIp(request, context)
  const limit = await limitLogin({ email, ip, knownDevice: knownDeviceFor(request, email) })
  if (!limit.allowed) {
    recordSignInLockOut({ email, ip }, limit.retryAfterSeconds)
    return tooManyAttemptsReply(submission, limit, 'Too many sign-in attempts', { hideFields: ['password'] })
  }
  const session = await logIn({ email, password, ip }).catch((error: unknown) => {
    if (error instanceof SsoRequiredError) return error
    throw error
  })
  if (session instanceof SsoRequiredError) {
    const formErrors = [
      `${session.practice.name} signs in through your organisation. Use “Sign in with your organisation” below.`,
    ]
    return data(
      { result: submission.reply({ formErrors, hideFields: ['password'] }), sso: session.practice.slug },
      { status: 403 },
    )
  }
  if (!session) {
    const formErrors = ['That email and password don’t match an account. Check them and try again.']
    return data({ result: submission.reply({ formErrors, hideFields: ['password'] }) }, { status: 400 })
  }
  const headers = new Headers()
  headers.append('Set-Cookie', sessionCookieHeader(session.token))
  headers.append('Set-Cookie', knownDeviceCookieHeader(request, email))
  if (session.twoFactorPending) {
    const next = `/login/two-factor?redirectTo=${encodeURIComponent(safeRedirect(redirectTo))}`
    return redirect(next, { headers })
  }
  return redirectWithToast(safeRedirect(redirectTo), { title: `Welcome back, ${session.user.name}` }, { headers })
}

/** Password-less: a discoverable passkey that verified its owner opens a full session. */
async function signInWithPasskey(request: Request, form: FormData, ip: string) {
  const submission = parseWithZod(form, { schema: PasskeySignInInput })
  if (submission.status !== 'success')
    return data({ passkeyError: 'Your passkey didn’t answer. Try again.' }, { status: 400 })
  const limit = await limitPasskeySignIn({ ip })
  if (!limit.allowed) return tooManyAttempts(limit, 'Too many sign-in attempts', (passkeyError) => ({ passkeyError }))
  const response = parseCeremonyResponse<AuthenticationResponseJSON>(submission.value.response)
  const checked = response ? await verifyPasskey({ userId: null, response, ip }) : null
  if (!checked?.ok) {
    const passkeyError =
      checked?.reason === 'unknown'
        ? 'That passkey isn’t registered with Rebound (it may have been removed). Sign in with your password.'
        : 'That passkey didn’t work. Try again, or sign in with your password.'
    return data({ passkeyError }, { status: 400 })
  }
  const session = await createSession(checked.user.id, new Date(), { twoFactorVerified: true })
  const headers = { 'Set-Cookie': sessionCookieHeader(session.token) }
  const toast = { title: `Welcome back, ${checked.user.name}` }
  return redirectWithToast(safeRedirect(submission.value.redirectTo), toast, { headers })
}

export default function LoginPage() {
  const { redirectTo } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [form, fields] = useActionForm(LoginInput, {
    id: 'login',
    // Validate on submit only: revalidating on blur cleared the "don't match" message as the
    // button was pressed, the form moved up under the pointer and the press was lost.
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onSubmit',
  })
  const passkeyError = actionData && 'passkeyError' in actionData ? actionData.passkeyError : null
  const signupLink = redirectTo ? `/signup?redirectTo=${encodeURIComponent(redirectTo)}` : '/signup'
  const ssoParams = new URLSearchParams()
  if (actionData && 'sso' in actionData && typeof actionData.sso === 'string') ssoParams.set('practice', actionData.sso)
  if (redirectTo) ssoParams.set('redirectTo', redirectTo)
  const ssoLink = `/login/sso${ssoParams.size ? `?${ssoParams}` : ''}`
  return (
    <AuthCard
      title="Sign in to Rebound"
      footer={
        <p>
          New to Rebound? <TextLink to={signupLink}>Start a practice</TextLink>
        </p>
      }
    >
      <SignInForm form={form} redirectTo={redirectTo}>
        <Field label="Email" field={fields.email} type="email" autoComplete="email" />
        <PasswordField field={fields.password} purpose="current" />
        <p className="text-sm">
          <TextLink to="/forgot-password">Forgot your password?</TextLink>
        </p>
        <SubmitButton className="w-full" pendingText="Signing in…">
          Sign in
        </SubmitButton>
      </SignInForm>
      <div className="mt-6 border-t border-slate-200 pt-6">
        <PasskeyButton purpose="sign-in" fields={{ redirectTo }} serverError={passkeyError}>
          Sign in with a passkey
        </PasskeyButton>
        <Link
          to={ssoLink}
          className="mt-3 block w-full rounded-md border border-slate-300 bg-white px-4 py-2 text-center font-medium text-slate-900 hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none"
        >
          Sign in with your organisation
        </Link>
      </div>
    </AuthCard>
  )
}
