import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'

// A page one step below another (adding a client under the roster; a client's edit, placement and erase pages
// under the client's page): the link back up, the title, then the page.

export function SubPage({
  backTo,
  backLabel,
  title,
  className,
  titleClassName = 'text-2xl font-bold',
  children,
}: {
  backTo: string
  /** What the page above is called: the client's name, "Clients". */
  backLabel: string
  title: ReactNode
  /** The page's width and spacing. */
  className: string
  titleClassName?: string
  children: ReactNode
}) {
  return (
    <main className={className}>
      <Link to={backTo} className="text-sm text-brand-700 underline">
        ← {backLabel}
      </Link>
      <h1 className={titleClassName}>{title}</h1>
      {children}
    </main>
  )
}
