import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, NavLink, Outlet, useLoaderData } from '@remix-run/react'
import { requireClient } from '~/auth/client-session.server'
import { clientSpeaker } from '~/domain/conversations/messages.server'
import { unreadForClient } from '~/domain/conversations/unread.server'
import { UnreadBadge } from '~/ui/conversation'
import { GeneralErrorBoundary } from '~/ui/error-boundary'

// The client portal's frame: who is signed in, with which practice, and the four places to go.
// Each child route calls requireClient itself: loaders run in parallel, this one protects nothing below.

export const meta: MetaFunction = () => [{ title: 'Your job search · Rebound' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const c = await requireClient(request)
  const unread = await unreadForClient(clientSpeaker(c.pipeline))
  return {
    firstName: c.client.name.trim().split(/\s+/)[0] ?? c.client.name,
    practiceName: c.org.name,
    unread: unread.total,
  }
}

const nav = [
  { to: '/me', label: 'Pipeline', end: true },
  { to: '/me/messages', label: 'Messages', end: false },
  { to: '/me/tasks', label: 'Tasks', end: false },
  { to: '/me/check-in', label: 'Check-in', end: false },
  { to: '/me/preferences', label: 'Preferences', end: false },
]

export default function PortalLayout() {
  const { firstName, practiceName, unread } = useLoaderData<typeof loader>()
  return (
    <div className="min-h-full">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-2xl items-center justify-between gap-3 px-4 py-3">
          <div className="min-w-0">
            <p className="truncate font-semibold text-slate-900">Hi, {firstName}</p>
            <p className="truncate text-sm text-slate-600">with {practiceName}</p>
          </div>
          <Form method="post" action="/me/logout" reloadDocument>
            <button
              type="submit"
              className="min-h-11 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-900 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none"
            >
              Sign out
            </button>
          </Form>
        </div>
        <nav aria-label="Portal" className="mx-auto max-w-2xl px-2">
          <ul className="grid grid-cols-5">
            {nav.map((item) => (
              <li key={item.to}>
                <NavLink
                  to={item.to}
                  end={item.end}
                  prefetch="intent"
                  className={({ isActive }) =>
                    `flex min-h-11 items-center justify-center border-b-2 px-0.5 text-center text-xs font-medium sm:text-sm ${
                      isActive
                        ? 'border-brand-700 text-brand-700'
                        : 'border-transparent text-slate-700 hover:text-slate-900'
                    }`
                  }
                >
                  {item.label}
                  {item.to === '/me/messages' ? <UnreadBadge count={unread} label="unread" /> : null}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main className="mx-auto max-w-2xl px-4 py-6">
        <Outlet />
      </main>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
