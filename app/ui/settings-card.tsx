import type { ReactNode } from 'react'

// A card of the account's settings pages (the account page and two-factor sign-in): a section named by
// its heading, whatever it holds below.

export function SettingsCard({
  id,
  title,
  className = 'mt-6',
  borderClass = 'border-slate-200',
  children,
}: {
  /** Gives the heading its id, `<id>-heading`, which names the section. */
  id: string
  title: string
  className?: string
  borderClass?: string
  children: ReactNode
}) {
  return (
    <section
      aria-labelledby={`${id}-heading`}
      className={`${className} rounded-lg border ${borderClass} bg-white p-6 shadow-sm`}
    >
      <h2 id={`${id}-heading`} className="text-lg font-semibold text-slate-900">
        {title}
      </h2>
      {children}
    </section>
  )
}
