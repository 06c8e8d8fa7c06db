import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { clearSessionCookieHeader, getAnySession, invalidateSession } from '~/auth/session.server'
import { redirectWithToast } from '~/lib/toast.server'

// Signing out changes state, so only a POST does it; a GET (a prefetch, a link) goes home.

export function loader() {
  return redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await getAnySession(request)
  if (session) await invalidateSession(session.sessionId)
  const headers = { 'Set-Cookie': clearSessionCookieHeader() }
  return redirectWithToast('/', { title: 'You’re signed out', type: 'info' }, { headers })
}
