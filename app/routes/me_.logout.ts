import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { clearClientCookieHeader, getPortal, invalidateClientSession } from '~/auth/client-session.server'

// Signing out changes state, so only a POST does it; a GET (a prefetch, a link) goes to the portal.

export function loader() {
  return redirect('/me')
}

export async function action({ request }: ActionFunctionArgs) {
  const portal = await getPortal(request)
  if (portal) await invalidateClientSession(portal.sessionId)
  return redirect('/me/signed-out?bye=1', { headers: { 'Set-Cookie': clearClientCookieHeader() } })
}
