import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { AuthCard } from '~/ui/auth-card'
import { searchParamsOf } from '~/lib/request-input'

// Where a client lands without a session (never opened a link, signed out, or the session ran out).
// Outside the portal layout (me_): that layout needs a session.

export const meta: MetaFunction = () => [{ title: 'Signed out · Rebound' }]

export function loader({ request }: LoaderFunctionArgs) {
  return { signedOut: searchParamsOf(request).has('bye') }
}

export default function SignedOutPage() {
  const { signedOut } = useLoaderData<typeof loader>()
  return (
    <AuthCard title={signedOut ? 'You’re signed out' : 'Your link has run out'}>
      <p className="text-slate-700">
        {signedOut
          ? 'To come back, open the link your coach sent you again.'
          : 'For your privacy, links and sessions stop working after a while.'}
      </p>
      <p className="mt-3 text-slate-700">
        If your link no longer works, ask your coach for a new one. Everything you have recorded is still there.
      </p>
    </AuthCard>
  )
}
