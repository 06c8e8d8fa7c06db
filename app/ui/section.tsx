import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'

// A part of a page named by its heading (`aria-labelledby`), as the practice's pages lay them out: a white
// card (the client page's columns, the dashboard's panels), or plain on the page. What sits beside the
// heading (a link, a count, a button) goes in `aside`.

const alignments = { center: 'items-center', baseline: 'items-baseline' }

export function Section({
  headingId,
  title,
  id,
  card = false,
  className,
  headingLevel: Heading = 'h2',
  aside,
  align = 'center',
  children,
}: {
  /** The heading's id, which names the section. */
  headingId: string
  title: ReactNode
  /** The section's own id, for a link to it (`#timeline`). */
  id?: string
  /** A white card with a border and a shadow. */
  card?: boolean
  /** Added to the section's classes: its margin, its width in a grid. */
  className?: string
  headingLevel?: 'h2' | 'h3'
  aside?: ReactNode
  /** How the heading and `aside` line up. */
  align?: keyof typeof alignments
  children: ReactNode
}) {
  const classes = [card ? 'rounded-lg border border-slate-200 bg-white p-4 shadow-sm' : '', className ?? '']
  const heading = (
    <Heading id={headingId} className="text-lg font-semibold">
      {title}
    </Heading>
  )
  return (
    <section id={id} aria-labelledby={headingId} className={classes.join(' ').trim() || undefined}>
      {aside ? (
        <div className={`flex flex-wrap ${alignments[align]} justify-between gap-2`}>
          {heading}
          {aside}
        </div>
      ) : (
        heading
      )}
      {children}
    </section>
  )
}

/** A link on a line of its own under a section's content ("All tasks"); `strong` in the heavier type of a panel. */
export function SectionLink({ to, strong = false, children }: { to: string; strong?: boolean; children: ReactNode }) {
  return (
    <p className="mt-2 text-sm">
      <Link to={to} className={strong ? 'font-medium text-brand-700 underline' : 'text-brand-700 underline'}>
        {children}
      </Link>
    </p>
  )
}
