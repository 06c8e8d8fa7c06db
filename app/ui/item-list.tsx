import type { ReactNode } from 'react'

// A part of a page that lists things (messages, tasks, check-ins), or says in a line that there are none yet.

export function ItemList<Item extends { id: string }>({
  items,
  empty,
  className,
  itemClassName,
  children,
}: {
  items: readonly Item[]
  /** The line shown while there are no items. */
  empty: ReactNode
  /** Added to the list's classes: its spacing and type size. */
  className: string
  itemClassName?: string
  /** What an item's `<li>` holds. */
  children: (item: Item) => ReactNode
}) {
  if (items.length === 0) return <p className="mt-2 text-slate-700">{empty}</p>
  return (
    <ul className={`mt-2 ${className}`}>
      {items.map((item) => (
        <li key={item.id} className={itemClassName}>
          {children(item)}
        </li>
      ))}
    </ul>
  )
}
