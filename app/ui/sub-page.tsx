import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { orgPath } from '~/lib/org-path'

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

/** A page below a client's own page (edit, placement, erase): the way back is to the client. */
export function ClientSubPage({
  slug,
  client,
  ...page
}: { slug: string; client: { id: string; name: string } } & Omit<
  Parameters<typeof SubPage>[0],
  'backTo' | 'backLabel'
>) {
  return <SubPage backTo={orgPath(slug, 'clients', client.id)} backLabel={client.name} {...page} />
}
