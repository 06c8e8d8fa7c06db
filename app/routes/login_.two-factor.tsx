import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { TwoFactorSignInInput } from '~/domain/practices/account-schemas'
import { describeRetryAfter, getClientIp, limitTwoFactor, tooManyRequestsHeaders } from '~/auth/rate-limit.server'
import { safeRedirect } from '~/auth/safe-redirect'
import { completeTwoFactorSession, getAnySession, sessionCookieHeader } from '~/auth/session.server'
import { redeemRecoveryCode, verifyTotpCode } from '~/auth/two-factor.server'
import { redirectWithToast } from '~/lib/toast.server'
import { AuthCard } from '~/ui/auth-card'
import { Field, FormErrors, SubmitButton } from '~/ui/form'
import { readForm, searchParamsOf } from '~/lib/request-input'
import { retryAfterHeaders } from '~/lib/retry-after'

// The second step of signing in for a member with two-factor sign-in: a code from their
// authenticator app, or one of their recovery codes.

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
  return { redirectTo: redirectTo ? safeRedirect(redirectTo, '') : '', email: session.user.email }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request)
  const session = await requirePendingSession(request, form.get('redirectTo')?.toString())
  const submission = parseWithZod(form, { schema: TwoFactorSignInInput })
  const hideFields = ['code', 'recoveryCode']
  if (submission.status !== 'success') return data({ result: submission.reply({ hideFields }) }, { status: 400 })
  const ip = getClientIp(request, context)
  const limit = await limitTwoFactor({ userId: session.user.id, ip })
  if (!limit.allowed) {
    const formErrors = [`Too many codes tried. Try again ${describeRetryAfter(limit.retryAfterSeconds)}.`]
    const headers = tooManyRequestsHeaders(limit.retryAfterSeconds)
    return data({ result: submission.reply({ formErrors, hideFields }) }, { status: 429, headers })
  }
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

export default function TwoFactorSignInPage() {
  const { redirectTo, email } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const lastIntent = actionData?.result.initialValue?.intent
  const [totpForm, totpFields] = useForm({
    id: 'totp',
    lastResult: lastIntent !== 'recovery' ? actionData?.result : undefined,
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TwoFactorSignInInput }),
  })
  const [recoveryForm, recoveryFields] = useForm({
    id: 'recovery',
    lastResult: lastIntent === 'recovery' ? actionData?.result : undefined,
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TwoFactorSignInInput }),
  })
  return (
    <AuthCard
      title="Enter your sign-in code"
      intro={
        <p>
          Open the authenticator app you set up for <strong>{email}</strong> and enter the 6-digit code it shows.
        </p>
      }
      footer={
        <Form method="post" action="/logout">
          <button type="submit" className="font-medium text-brand-700 underline underline-offset-2">
            Cancel and sign out
          </button>
        </Form>
      }
    >
      <Form method="post" {...getFormProps(totpForm)} className="space-y-4">
        <FormErrors id={totpForm.errorId} errors={totpForm.errors} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field label="Code from your app" field={totpFields.code} autoComplete="one-time-code" />
        <SubmitButton intent="totp" className="w-full" pendingText="Checking…">
          Continue
        </SubmitButton>
      </Form>
      <details className="mt-6 border-t border-slate-200 pt-4" open={lastIntent === 'recovery'}>
        <summary className="cursor-pointer text-sm font-medium text-brand-700">
          No access to your app? Use a recovery code
        </summary>
        <Form method="post" {...getFormProps(recoveryForm)} className="mt-4 space-y-4">
          <FormErrors id={recoveryForm.errorId} errors={recoveryForm.errors} />
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <Field
            label="Recovery code"
            field={recoveryFields.recoveryCode}
            autoComplete="off"
            hint="One of the ten codes you saved when you set up two-factor sign-in, such as ABCDE-23456."
          />
          <SubmitButton intent="recovery" variant="secondary" className="w-full" pendingText="Checking…">
            Sign in with a recovery code
          </SubmitButton>
        </Form>
      </details>
    </AuthCard>
  )
}
