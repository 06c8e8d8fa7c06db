import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'

// A page of the signed-in person's own account (the account page, two-factor sign-in): the way back, the title and
// a line under it, then the page's cards (SettingsCard).

export function AccountPage({
  backTo,
  backLabel,
  title,
  intro,
  children,
}: {
  backTo: string
  backLabel: string
  title: string
  intro: ReactNode
  children: ReactNode
}) {
  return (
    <main className="mx-auto w-full max-w-2xl px-4 py-10">
      <Link
        to={backTo}
        className="text-sm font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800"
      >
        ← {backLabel}
      </Link>
      <h1 className="mt-4 text-3xl font-bold tracking-tight text-slate-900">{title}</h1>
      <p className="mt-1 text-slate-700">{intro}</p>
      {children}
    </main>
  )
}
