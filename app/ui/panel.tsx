import type { ReactNode } from 'react'

// A white panel of a page, a section named by its heading.

export function Panel({
  id,
  title,
  className,
  headingClassName,
  children,
}: {
  /** The heading's id, which names the section. */
  id: string
  title: ReactNode
  /** Added to the section's classes: its margin. */
  className?: string
  /** Added to the heading's classes: its margin. */
  headingClassName?: string
  children: ReactNode
}) {
  return (
    <section
      aria-labelledby={id}
      className={`${className ?? ''} rounded-lg border border-slate-200 bg-white p-4`.trim()}
    >
      <h2 id={id} className={`${headingClassName ?? ''} text-lg font-semibold`.trim()}>
        {title}
      </h2>
      {children}
    </section>
  )
}
