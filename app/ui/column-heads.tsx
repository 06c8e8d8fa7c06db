import type { ReactNode } from 'react'

// The column headings of a small table (not the DataTable of a list page): a `<th scope="col">` a label,
// with the classes the table's heading cells share.

export function ColumnHeads({ labels, className }: { labels: readonly ReactNode[]; className: string }) {
  return (
    <>
      {labels.map((label, index) => (
        <th key={index} scope="col" className={className}>
          {label}
        </th>
      ))}
    </>
  )
}
