import type { ReactNode } from 'react'

// What a list, a table or a report shows while it has nothing: a dashed box, so that it reads as a gap
// waiting to be filled, with what fills it.

const box = 'rounded-lg border border-dashed border-slate-300 bg-white'

/** A line (or two) saying that a list is empty, and what fills it. */
export function EmptyNote({
  roomy = false,
  className,
  children,
}: {
  /** More room around the text, for a list that has the page to itself. */
  roomy?: boolean
  /** Added to the box's classes: its margin. */
  className?: string
  children: ReactNode
}) {
  const classes = [className, box, roomy ? 'p-6' : 'p-4', 'text-slate-700']
  return <p className={classes.filter(Boolean).join(' ')}>{children}</p>
}

/** An empty table or report: a heading, a line and a way on, centred. */
export function EmptyPanel({ children }: { children: ReactNode }) {
  return <div className={`${box} p-8 text-center`}>{children}</div>
}
