import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { SignUpInput } from '~/domain/practices/account-schemas'
import { EmailTakenError, signUp } from '~/auth/accounts.server'
import { describeRetryAfter, getClientIp, limitSignup, tooManyRequestsHeaders } from '~/auth/rate-limit.server'
import { safeRedirect } from '~/auth/safe-redirect'
import { createSession, getUserSession, sessionCookieHeader } from '~/auth/session.server'
import { redirectWithToast } from '~/lib/toast.server'
import { AuthCard, TextLink } from '~/ui/auth-card'
import { Field, SubmitButton, ConformForm, PasswordField, newPasswordHint } from '~/ui/form'
import { useZodForm } from '~/ui/zod-form'
import { readForm, searchParamsOf } from '~/lib/request-input'
import { retryAfterHeaders } from '~/lib/retry-after'
import { BrowserTimeZoneInput } from '~/ui/time-zone-field'
import { orgPath } from '~/lib/org-path'

export const meta: MetaFunction = () => [{ title: 'Start a practice · Rebound' }]
export const headers = retryAfterHeaders

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUserSession(request)) throw redirect('/orgs')
  const redirectTo = searchParamsOf(request).get('redirectTo')
  return { redirectTo: redirectTo ? safeRedirect(redirectTo, '') : '' }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request)
  const submission = parseWithZod(formData, { schema: SignUpInput })
  if (submission.status !== 'success')
    return data({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
  const ip = getClientIp(request, context)
  const limit = await limitSignup({ ip })
  if (!limit.allowed) {
    const formErrors = [
      `Too many sign-ups from your network. Try again ${describeRetryAfter(limit.retryAfterSeconds)}.`,
    ]
    const headers = tooManyRequestsHeaders(limit.retryAfterSeconds)
    return data({ result: submission.reply({ formErrors, hideFields: ['password'] }) }, { status: 429, headers })
  }
  const created = await signUp(submission.value, { ip }).catch((error: unknown) => {
    if (error instanceof EmailTakenError) return null
    throw error
  })
  if (!created) {
    const fieldErrors = { email: ['An account already uses this email. Sign in, or reset your password.'] }
    return data({ result: submission.reply({ fieldErrors, hideFields: ['password'] }) }, { status: 400 })
  }
  const { token } = await createSession(created.user.id)
  const to = safeRedirect(formData.get('redirectTo'), orgPath(created.org.slug))
  const toast = { title: `Welcome to Rebound, ${created.user.name}`, description: `${created.org.name} is ready.` }
  return redirectWithToast(to, toast, { headers: { 'Set-Cookie': sessionCookieHeader(token) } })
}

export default function SignupPage() {
  const { redirectTo } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [form, fields] = useZodForm(SignUpInput, {
    id: 'signup',
    lastResult: actionData?.result,
  })
  const loginLink = redirectTo ? `/login?redirectTo=${encodeURIComponent(redirectTo)}` : '/login'
  return (
    <AuthCard
      title="Start your practice on Rebound"
      intro="You’ll be the owner of the practice, and can invite your coaches once you’re in."
      footer={
        <p>
          Already have an account? <TextLink to={loginLink}>Sign in</TextLink>
        </p>
      }
    >
      <ConformForm form={form} className="space-y-4">
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <BrowserTimeZoneInput name="timezone" />
        <Field label="Your name" field={fields.name} autoComplete="name" />
        <Field label="Email" field={fields.email} type="email" autoComplete="email" />
        <PasswordField field={fields.password} purpose="new" hint={newPasswordHint} />
        <Field label="Practice name" field={fields.practiceName} autoComplete="organization" />
        <SubmitButton className="w-full" pendingText="Creating your practice…">
          Create my practice
        </SubmitButton>
      </ConformForm>
    </AuthCard>
  )
}
