import { useEffect, useState } from 'react'
import type { Toast } from '~/lib/toast.server'

const tones = {
  success: 'border-emerald-300 bg-emerald-50 text-emerald-900',
  error: 'border-red-300 bg-red-50 text-red-900',
  info: 'border-sky-300 bg-sky-50 text-sky-900',
}

export function Toaster({ toast }: { toast: Toast | null }) {
  const [visible, setVisible] = useState<Toast | null>(toast)
  useEffect(() => {
    setVisible(toast)
    if (!toast) return
    const timer = setTimeout(() => setVisible(null), 6_000)
    return () => clearTimeout(timer)
  }, [toast])
  if (!visible) return null
  return (
    <div role="status" aria-live="polite" className="fixed right-4 bottom-4 z-50 max-w-sm">
      <div className={`rounded-lg border p-4 shadow-lg ${tones[visible.type]}`}>
        <p className="font-medium">{visible.title}</p>
        {visible.description ? <p className="mt-1 text-sm">{visible.description}</p> : null}
        <button type="button" onClick={() => setVisible(null)} className="mt-2 text-sm underline">
          Dismiss
        </button>
      </div>
    </div>
  )
}
