import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { PasskeySignInInput, TwoFactorSignInInput } from '~/domain/practices/account-schemas'
import { getClientIp, limitTwoFactor } from '~/auth/rate-limit.server'
import { tooManyAttempts, tooManyAttemptsReply } from '~/auth/too-many-attempts.server'
import { safeRedirect } from '~/auth/safe-redirect'
import { completeTwoFactorSession, getAnySession, sessionCookieHeader, type UserSession } from '~/auth/session.server'
import { parseCeremonyResponse, verifyPasskey } from '~/auth/passkeys.server'
import { redeemRecoveryCode, twoFactorStatus, verifyTotpCode } from '~/auth/two-factor.server'
import type { AuthenticationResponseJSON } from '@simplewebauthn/server'
import { redirectWithToast } from '~/lib/toast.server'
import { AuthCard } from '~/ui/auth-card'
import { SignInForm } from '~/ui/auth-form'
import { Field, SubmitButton } from '~/ui/form'
import { useZodForm } from '~/ui/zod-form'
import { PasskeyButton } from '~/ui/passkey-button'
import { readForm, searchParamsOf } from '~/lib/request-input'
import { retryAfterHeaders } from '~/lib/retry-after'

// The second step of signing in for a member with two-factor sign-in: one of their passkeys, a code
// from their authenticator app, or one of their recovery codes.

export const meta: MetaFunction = () => [{ title: 'Two-factor sign-in · Rebound' }]
export const headers = retryAfterHeaders

async function requirePendingSession(request: Request, redirectTo: string | null | undefined) {
  const session = await getAnySession(request)
  if (!session) throw redirect('/login')
  if (!session.twoFactorPending) throw redirect(safeRedirect(redirectTo))
  return session
}

export async function loader({ request }: LoaderFunctionArgs) {
  const redirectTo = searchParamsOf(request).get('redirectTo')
  const session = await requirePendingSession(request, redirectTo)
  const status = await twoFactorStatus(session.user.id)
  return {
    redirectTo: redirectTo ? safeRedirect(redirectTo, '') : '',
    email: session.user.email,
    hasTotp: status.enabledAt !== null,
    hasPasskeys: status.passkeys > 0,
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request)
  const session = await requirePendingSession(request, form.get('redirectTo')?.toString())
  if (form.get('intent') === 'passkey') return passkeyStep(request, form, session, getClientIp(request, context))
  const submission = parseWithZod(form, { schema: TwoFactorSignInInput })
  const hideFields = ['code', 'recoveryCode']
  if (submission.status !== 'success') return data({ result: submission.reply({ hideFields }) }, { status: 400 })
  const ip = getClientIp(request, context)
  const limit = await limitTwoFactor({ userId: session.user.id, ip })
  if (!limit.allowed) return tooManyAttemptsReply(submission, limit, 'Too many codes tried', { hideFields })
  const value = submission.value
  const userId = session.user.id
  const checked =
    value.intent === 'totp'
      ? await verifyTotpCode({ userId, code: value.code, ip })
      : await redeemRecoveryCode({ userId, code: value.recoveryCode, ip })
  if (!checked.ok) {
    const formErrors = [
      value.intent === 'totp'
        ? 'That code didn’t work. Enter the code your app shows now (each code works once).'
        : 'That recovery code didn’t work. Each code works once: try another from your list.',
    ]
    return data({ result: submission.reply({ formErrors, hideFields }) }, { status: 400 })
  }
  const next = await completeTwoFactorSession(session.sessionId, userId)
  const toast =
    'remaining' in checked && checked.remaining !== undefined
      ? {
          title: `Welcome back, ${session.user.name}`,
          description: `You used a recovery code: ${checked.remaining} left. Make new ones in your account settings.`,
        }
      : { title: `Welcome back, ${session.user.name}` }
  const headers = { 'Set-Cookie': sessionCookieHeader(next.token) }
  return redirectWithToast(safeRedirect(value.redirectTo), toast, { headers })
}

/** The second step with a passkey: one of this user's, signed over a challenge made for this step. */
async function passkeyStep(request: Request, form: FormData, session: UserSession, ip: string) {
  const submission = parseWithZod(form, { schema: PasskeySignInInput })
  if (submission.status !== 'success')
    return data({ passkeyError: 'Your passkey didn’t answer. Try again.' }, { status: 400 })
  const limit = await limitTwoFactor({ userId: session.user.id, ip })
  if (!limit.allowed) return tooManyAttempts(limit, 'Too many attempts', (passkeyError) => ({ passkeyError }))
  const response = parseCeremonyResponse<AuthenticationResponseJSON>(submission.value.response)
  const checked = response ? await verifyPasskey({ userId: session.user.id, response, ip }) : null
  if (!checked?.ok) {
    const passkeyError = 'That passkey didn’t work for this account. Try again, or use another way below.'
    return data({ passkeyError }, { status: 400 })
  }
  const next = await completeTwoFactorSession(session.sessionId, session.user.id)
  const headers = { 'Set-Cookie': sessionCookieHeader(next.token) }
  const toast = { title: `Welcome back, ${session.user.name}` }
  return redirectWithToast(safeRedirect(submission.value.redirectTo), toast, { headers })
}

export default function TwoFactorSignInPage() {
  const { redirectTo, email, hasTotp, hasPasskeys } = useLoaderData<typeof loader>()
  const loaded = useActionData<typeof action>()
  const passkeyError = loaded && 'passkeyError' in loaded ? loaded.passkeyError : null
  const actionData = loaded && 'result' in loaded ? loaded : undefined
  const lastIntent = actionData?.result.initialValue?.intent
  const [totpForm, totpFields] = useZodForm(TwoFactorSignInInput, {
    id: 'totp',
    lastResult: lastIntent !== 'recovery' ? actionData?.result : undefined,
    shouldValidate: 'onSubmit',
  })
  const [recoveryForm, recoveryFields] = useZodForm(TwoFactorSignInInput, {
    id: 'recovery',
    lastResult: lastIntent === 'recovery' ? actionData?.result : undefined,
    shouldValidate: 'onSubmit',
  })
  return (
    <AuthCard
      title={hasTotp ? 'Enter your sign-in code' : 'Confirm it’s you'}
      intro={
        hasTotp ? (
          <p>
            Open the authenticator app you set up for <strong>{email}</strong> and enter the 6-digit code it shows
            {hasPasskeys ? ', or use one of your passkeys' : ''}.
          </p>
        ) : (
          <p>
            Use the passkey you added to <strong>{email}</strong>: your device will ask for your fingerprint, face or
            PIN.
          </p>
        )
      }
      footer={
        <Form method="post" action="/logout">
          <button type="submit" className="font-medium text-brand-700 underline underline-offset-2">
            Cancel and sign out
          </button>
        </Form>
      }
    >
      {hasPasskeys ? (
        <div className={hasTotp ? 'mb-6 border-b border-slate-200 pb-6' : ''}>
          <PasskeyButton
            purpose="second-factor"
            fields={{ redirectTo }}
            serverError={passkeyError}
            variant={hasTotp ? 'secondary' : 'primary'}
          >
            Use a passkey
          </PasskeyButton>
        </div>
      ) : null}
      {hasTotp ? (
        <SignInForm form={totpForm} redirectTo={redirectTo}>
          <Field label="Code from your app" field={totpFields.code} autoComplete="one-time-code" />
          <SubmitButton intent="totp" className="w-full" pendingText="Checking…">
            Continue
          </SubmitButton>
        </SignInForm>
      ) : null}
      <details className="mt-6 border-t border-slate-200 pt-4" open={lastIntent === 'recovery'}>
        <summary className="cursor-pointer text-sm font-medium text-brand-700">
          {hasTotp ? 'No access to your app? Use a recovery code' : 'No access to your passkey? Use a recovery code'}
        </summary>
        <SignInForm form={recoveryForm} redirectTo={redirectTo} className="mt-4 space-y-4">
          <Field
            label="Recovery code"
            field={recoveryFields.recoveryCode}
            autoComplete="off"
            hint="One of the ten codes you saved when you set up two-factor sign-in, such as ABCDE-23456."
          />
          <SubmitButton intent="recovery" variant="secondary" className="w-full" pendingText="Checking…">
            Sign in with a recovery code
          </SubmitButton>
        </SignInForm>
      </details>
    </AuthCard>
  )
}
