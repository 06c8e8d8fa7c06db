import type { ReactNode } from 'react'
import { inputClass } from './form'

// The choice of one client for an import, by name and email: the upload's (optional: a file may name its
// clients) and the review's (required when the file does not).

export function ClientSelect({
  clients,
  first,
  required,
  className,
}: {
  clients: { id: string; name: string; email: string }[]
  /** The option with the empty value, which says what choosing no client means. */
  first: ReactNode
  required?: boolean
  className?: string
}) {
  return (
    <div className={className}>
      <label htmlFor="clientId" className="block text-sm font-medium text-slate-900">
        Client
      </label>
      <select id="clientId" name="clientId" required={required} className={inputClass} defaultValue="">
        {first}
        {clients.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name} ({c.email})
          </option>
        ))}
      </select>
    </div>
  )
}
