import type { LoaderFunctionArgs } from '@remix-run/node'
import { Form, NavLink, Outlet, useLoaderData, useLocation } from '@remix-run/react'
import { can, type Permission } from '~/domain/practices/permissions'
import { requireTenant, tenantPractices } from '~/auth/require-tenant.server'
import { GeneralErrorBoundary } from '~/ui/error-boundary'
import { orgPath } from '~/lib/org-path'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  const practices = await tenantPractices(t)
  return { org: { name: t.org.name, slug: t.org.slug }, role: t.role, user: t.user, practices }
}

const nav: { to: string; label: string; permission?: Permission }[] = [
  { to: '', label: 'Home' },
  { to: 'clients', label: 'Clients' },
  { to: 'applications', label: 'Applications' },
  { to: 'patterns', label: 'Patterns' },
  { to: 'tasks', label: 'Tasks' },
  { to: 'cohorts', label: 'Cohorts' },
  { to: 'outcomes', label: 'Outcomes' },
  { to: 'digests', label: 'Digests' },
  { to: 'outbox', label: 'Outbox' },
  { to: 'members', label: 'Members' },
  { to: 'audit', label: 'Audit', permission: 'audit:read' },
  { to: 'settings', label: 'Settings', permission: 'practice:settings' },
]

const menuClass =
  'cursor-pointer list-none rounded-md px-2 py-1 text-sm font-medium text-slate-800 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none'
const popoverClass = 'absolute right-0 z-10 mt-1 w-56 rounded-md border border-slate-200 bg-white p-1 shadow-lg'

export default function PracticeLayout() {
  const { org, role, user, practices } = useLoaderData<typeof loader>()
  const base = orgPath(org.slug)
  return (
    <div className="min-h-full">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-[90rem] flex-wrap items-center justify-between gap-2 px-4 py-3">
          <p className="text-lg font-bold text-slate-900">{org.name}</p>
          <div className="flex items-center gap-2">
            {practices.length > 1 ? (
              <details className="relative">
                <summary className={menuClass}>Switch practice</summary>
                <ul className={popoverClass}>
                  {practices.map((p) => (
                    <li key={p.id}>
                      <a
                        href={orgPath(p.slug)}
                        aria-current={p.slug === org.slug ? 'page' : undefined}
                        className="block rounded px-3 py-2 text-sm text-slate-800 hover:bg-slate-100 aria-[current=page]:font-semibold"
                      >
                        {p.name}
                      </a>
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
            <details className="relative">
              <summary className={menuClass}>{user.name}</summary>
              <div className={popoverClass}>
                <p className="px-3 py-2 text-xs text-slate-600">{user.email}</p>
                <a href="/settings" className="block rounded px-3 py-2 text-sm text-slate-800 hover:bg-slate-100">
                  Your settings
                </a>
                <Form method="post" action="/logout">
                  <button
                    type="submit"
                    className="block w-full rounded px-3 py-2 text-left text-sm text-slate-800 hover:bg-slate-100"
                  >
                    Log out
                  </button>
                </Form>
              </div>
            </details>
          </div>
        </div>
        <PracticeNav base={base} items={nav.filter((item) => !item.permission || can(role, item.permission))} />
      </header>
      <div className="mx-auto max-w-[90rem] px-4 py-6">
        <Outlet />
      </div>
    </div>
  )
}

type NavItem = (typeof nav)[number]

/** On phones the four pages used daily stay in view and the rest go under "More", so the menu is one row. */
const phoneItems = new Set(['Home', 'Clients', 'Applications', 'Tasks'])

function PracticeNav({ base, items }: { base: string; items: NavItem[] }) {
  const location = useLocation()
  const href = (item: NavItem) => (item.to ? `${base}/${item.to}` : base)
  const isCurrent = (item: NavItem) =>
    item.to
      ? location.pathname === href(item) || location.pathname.startsWith(`${href(item)}/`)
      : location.pathname === base
  const more = items.filter((item) => !phoneItems.has(item.label))
  const currentMore = more.find(isCurrent)
  const link = (item: NavItem, extra = '') => (
    <NavLink
      to={href(item)}
      end={!item.to}
      className={({ isActive }) =>
        `block rounded-md px-2 py-1.5 text-sm font-medium sm:px-3 ${isActive ? 'bg-brand-700 text-white' : 'text-slate-700 hover:bg-slate-100'} ${extra}`
      }
    >
      {item.label}
    </NavLink>
  )
  return (
    <nav aria-label="Practice" className="mx-auto max-w-[90rem] px-2 pb-2 sm:px-4">
      <ul className="flex flex-wrap gap-1">
        {items.map((item) => (
          <li key={item.label} className={phoneItems.has(item.label) ? undefined : 'hidden sm:block'}>
            {link(item)}
          </li>
        ))}
        {more.length > 0 ? (
          <li className="sm:hidden">
            <details className="relative" key={location.pathname}>
              <summary
                className={`cursor-pointer list-none rounded-md px-2 py-1.5 text-sm font-medium focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none ${currentMore ? 'bg-brand-700 text-white' : 'text-slate-700 hover:bg-slate-100'}`}
              >
                More{currentMore ? <span className="sr-only">: {currentMore.label}</span> : null}{' '}
                <span aria-hidden="true">▾</span>
              </summary>
              <ul className={popoverClass}>
                {more.map((item) => (
                  <li key={item.label}>{link(item, 'py-2')}</li>
                ))}
              </ul>
            </details>
          </li>
        ) : null}
      </ul>
    </nav>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
