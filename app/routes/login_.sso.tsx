import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { getClientIp, limitSso } from '~/auth/rate-limit.server'
import { tooManyAttemptsReply } from '~/auth/too-many-attempts.server'
import { safeRedirect } from '~/auth/safe-redirect'
import { findSsoPractice, SsoUnavailableError, startSsoSignIn } from '~/auth/sso.server'
import { SsoSignInInput } from '~/domain/sso/sso-schema'
import { readForm, searchParamsOf } from '~/lib/request-input'
import { retryAfterHeaders } from '~/lib/retry-after'
import { AuthCard, TextLink } from '~/ui/auth-card'
import { SignInForm } from '~/ui/auth-form'
import { Field, SubmitButton } from '~/ui/form'
import { useActionForm } from '~/ui/action-form'

export const meta: MetaFunction = () => [{ title: 'Sign in with your organisation · Rebound' }]
export const headers = retryAfterHeaders

export async function loader({ request }: LoaderFunctionArgs) {
  const params = searchParamsOf(request)
  const redirectTo = params.get('redirectTo')
  return {
    redirectTo: redirectTo ? safeRedirect(redirectTo, '') : '',
    practice: params.get('practice')?.slice(0, 60) ?? '',
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: SsoSignInInput })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const { identifier, redirectTo } = submission.value
  const limit = await limitSso({ ip: getClientIp(request, context), identifier })
  if (!limit.allowed) return tooManyAttemptsReply(submission, limit, 'Too many sign-in attempts')
  const practice = await findSsoPractice(identifier)
  if (!practice) {
    const formErrors = [
      'We couldn’t find single sign-on for that. Check the email, or ask your practice for its Rebound address (the part after /orgs/).',
    ]
    return data({ result: submission.reply({ formErrors }) }, { status: 400 })
  }
  try {
    const start = await startSsoSignIn({
      organizationId: practice.organizationId,
      loginHint: identifier,
      redirectTo: safeRedirect(redirectTo, ''),
    })
    return redirect(start.url, { headers: { 'Set-Cookie': start.cookie } })
  } catch (error) {
    if (!(error instanceof SsoUnavailableError)) throw error
    const formErrors = [
      `${practice.name}’s sign-in service isn’t answering. Try again in a minute; if it keeps happening, tell your practice’s owner.`,
    ]
    return data({ result: submission.reply({ formErrors }) }, { status: 503 })
  }
}

export default function SsoSignInPage() {
  const { redirectTo, practice } = useLoaderData<typeof loader>()
  const [form, fields] = useActionForm(SsoSignInInput, {
    id: 'sso-sign-in',
    defaultValue: { identifier: practice },
    shouldValidate: 'onSubmit',
  })
  return (
    <AuthCard
      title="Sign in with your organisation"
      intro={
        practice ? (
          <p>This practice signs in through your organisation’s account. Press continue to go there.</p>
        ) : (
          <p>
            If your practice uses your university’s or company’s sign-in, enter your work email and we’ll take you
            there.
          </p>
        )
      }
      footer={
        <p>
          <TextLink to={redirectTo ? `/login?redirectTo=${encodeURIComponent(redirectTo)}` : '/login'}>
            Sign in with a password instead
          </TextLink>
        </p>
      }
    >
      {/* Submitted by the router, which follows the redirect to the provider by setting the location: the
          page's CSP (form-action 'self') stops a plain form submission from being redirected to another site. */}
      <SignInForm form={form} redirectTo={redirectTo}>
        <Field
          label="Work email or practice address"
          field={fields.identifier}
          autoComplete="email"
          hint="For example jo@example.edu, or the practice address such as northstar-careers."
        />
        <SubmitButton className="w-full" pendingText="Taking you there…">
          Continue
        </SubmitButton>
      </SignInForm>
    </AuthCard>
  )
}
