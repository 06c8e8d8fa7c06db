import type { ReactNode } from 'react'

// The top of a practice page with tools beside its title: the heading and a line about what the page shows
// on one side, its actions (export, add, choose a window) on the other, wrapping under on a phone.

export function PageHeader({
  title,
  intro,
  smallIntro = false,
  align = 'end',
  children,
}: {
  title: ReactNode
  intro: ReactNode
  /** The intro in the smaller type of a page whose intro is a detail (dates, a count). */
  smallIntro?: boolean
  /** How the title and the actions line up. */
  align?: 'end' | 'center'
  /** The actions. */
  children?: ReactNode
}) {
  return (
    <div className={`flex flex-wrap ${align === 'end' ? 'items-end' : 'items-center'} justify-between gap-3`}>
      <div>
        <h1 className="text-2xl font-bold">{title}</h1>
        <p className={smallIntro ? 'text-sm text-slate-700' : 'text-slate-700'}>{intro}</p>
      </div>
      {children}
    </div>
  )
}
