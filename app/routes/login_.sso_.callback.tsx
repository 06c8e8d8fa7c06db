import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { getClientIp, limitSso, tooManyRequestsHeaders } from '~/auth/rate-limit.server'
import { safeRedirect } from '~/auth/safe-redirect'
import { sessionCookieHeader } from '~/auth/session.server'
import { clearFlowCookieHeader, completeSsoSignIn, type SsoRefusal } from '~/auth/sso.server'
import { orgPath } from '~/lib/org-path'
import { searchParamsOf } from '~/lib/request-input'
import { retryAfterHeaders } from '~/lib/retry-after'
import { redirectWithToast } from '~/lib/toast.server'
import { AuthCard, TextLink } from '~/ui/auth-card'

// Where the practice's identity provider sends the browser back (docs/decisions/0025-single-sign-on.md).

export const meta: MetaFunction = () => [{ title: 'Signing in · Rebound' }]
export const headers = retryAfterHeaders

const statusOf: Record<SsoRefusal, number> = {
  expired: 400,
  unavailable: 503,
  cancelled: 400,
  provider: 400,
  'email-unverified': 403,
  'wrong-domain': 403,
  'not-invited': 403,
  'linked-elsewhere': 403,
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const limit = await limitSso({ ip: getClientIp(request, context) })
  if (!limit.allowed) {
    const headers = { ...tooManyRequestsHeaders(limit.retryAfterSeconds), 'Set-Cookie': clearFlowCookieHeader() }
    return data({ reason: 'too-many' as const, practice: null, email: null }, { status: 429, headers })
  }
  const result = await completeSsoSignIn({
    search: searchParamsOf(request),
    cookieHeader: request.headers.get('Cookie'),
    ip: getClientIp(request, context),
  })
  const headers = new Headers({ 'Set-Cookie': clearFlowCookieHeader() })
  if (!result.ok) {
    const body = { reason: result.reason, practice: result.practice?.name ?? null, email: result.email ?? null }
    return data(body, { status: statusOf[result.reason], headers })
  }
  headers.append('Set-Cookie', sessionCookieHeader(result.token))
  const home = orgPath(result.practice.slug)
  const next = result.redirectTo ? safeRedirect(result.redirectTo, home) : home
  if (result.twoFactorPending) throw redirect(`/login/two-factor?redirectTo=${encodeURIComponent(next)}`, { headers })
  throw await redirectWithToast(next, { title: `Welcome back, ${result.user.name}` }, { headers })
}

function messageFor(reason: SsoRefusal | 'too-many', practice: string, email: string) {
  switch (reason) {
    case 'too-many':
      return 'Too many sign-in attempts from here. Wait a minute, then start again.'
    case 'expired':
      return 'This sign-in took too long, or was already used. Start again and it will only take a moment.'
    case 'unavailable':
      return `${practice}’s sign-in service isn’t answering. Try again in a minute; if it keeps happening, tell your practice’s owner.`
    case 'cancelled':
      return 'The sign-in was cancelled at your organisation’s page. Start again whenever you’re ready.'
    case 'provider':
      return 'Your organisation’s answer didn’t check out (it had expired, or was changed on the way), so we didn’t sign you in. Start again; if it keeps happening, tell your practice’s owner.'
    case 'email-unverified':
      return 'Your organisation didn’t confirm an email address for your account, so we can’t tell who you are. Ask your IT team to share a verified email with Rebound.'
    case 'wrong-domain':
      return `${email} isn’t an address ${practice} accepts for sign-in. Sign in with your ${practice} work account instead.`
    case 'not-invited':
      return `You signed in as ${email}, but you aren’t a member of ${practice} on Rebound yet. Ask the practice’s owner to invite ${email}, then sign in again.`
    case 'linked-elsewhere':
      return `Your Rebound account in ${practice} is already linked to another account at your organisation. Sign in with that one, or ask the practice’s owner for help.`
  }
}

export default function SsoCallbackPage() {
  const { reason, practice, email } = useLoaderData<typeof loader>()
  return (
    <AuthCard title="We couldn’t sign you in">
      <p role="alert" className="text-slate-800">
        {messageFor(reason, practice ?? 'Your practice', email ?? 'That address')}
      </p>
      <p className="mt-6 text-sm">
        <TextLink to="/login/sso">Start again</TextLink> · <TextLink to="/login">Sign in with a password</TextLink>
      </p>
    </AuthCard>
  )
}
