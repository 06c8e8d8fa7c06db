import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type MetaFunction } from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { redeemAccessLink } from '~/auth/client-session.server'
import { describeRetryAfter, getClientIp, tooManyRequestsHeaders } from '~/auth/rate-limit.server'
import { AuthCard } from '~/ui/auth-card'
import { SubmitButton } from '~/ui/form'
import { pathParam, queryOf } from '~/lib/request-input'
import { safeRedirect } from '~/auth/safe-redirect'
import { retryAfterHeaders } from '~/lib/retry-after'

// The link a coach sends. Opening it (GET) only shows a welcome page and never looks the token up:
// link scanners in mail clients fetch URLs, and must not use up a sign-in link. "Continue" POSTs.

export const meta: MetaFunction = () => [{ title: 'Welcome · Rebound' }, { name: 'robots', content: 'noindex' }]

// The token is in the URL: keep it out of Referer headers and caches.
export const headers: HeadersFunction = (args) => ({
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  ...Object.fromEntries(new Headers(retryAfterHeaders(args))),
})

/** Where a link asked to land (the data page of a data email): a portal page, else the pipeline. */
function portalPath(request: Request) {
  const to = safeRedirect(queryOf(request).to, '/me')
  return to === '/me' || to.startsWith('/me/') ? to : '/me'
}

export function loader() {
  return null
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const result = await redeemAccessLink(pathParam(params, 'token'), { ip: getClientIp(request, context) })
  if (result.ok) return redirect(portalPath(request), { headers: { 'Set-Cookie': result.cookie } })
  if (result.reason === 'rate-limited') {
    const wait = describeRetryAfter(result.retryAfterSeconds)
    return data(
      { problem: 'rate-limited' as const, wait },
      { status: 429, headers: tooManyRequestsHeaders(result.retryAfterSeconds) },
    )
  }
  return data({ problem: 'invalid' as const, wait: null }, { status: 400 })
}

export default function InvitePage() {
  const actionData = useActionData<typeof action>()
  if (actionData?.problem === 'invalid') {
    return (
      <AuthCard title="This link has stopped working">
        <p className="text-slate-700">This link has expired or been replaced. Ask your coach for a new one.</p>
        <p className="mt-3 text-slate-700">Nothing is lost: everything you have recorded is still there.</p>
      </AuthCard>
    )
  }
  return (
    <AuthCard
      title="Welcome to Rebound"
      intro="Your coach uses Rebound to follow your job search with you. Keep your applications up to date here, from your phone or anywhere."
    >
      {actionData?.problem === 'rate-limited' ? (
        <p role="alert" className="mb-4 rounded-md border border-amber-200 bg-amber-50 p-3 text-amber-900">
          Too many tries from here. Try again {actionData.wait}.
        </p>
      ) : null}
      <Form method="post">
        <SubmitButton className="min-h-11 w-full text-base" pendingText="Opening…">
          Continue
        </SubmitButton>
      </Form>
      <p className="mt-4 text-sm text-slate-600">No password needed. This keeps you signed in on this device.</p>
    </AuthCard>
  )
}
