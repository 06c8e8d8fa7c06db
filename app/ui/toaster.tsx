import { useEffect, useState } from 'react'
import type { Toast } from '~/lib/toast.server'

// One short line after a redirect. On a phone it sits at the bottom edge, one line high, and leaves
// the description (which the page usually says again) to wider screens. Escape or the × closes it.

const tones = {
  success: 'border-emerald-300 bg-emerald-50 text-emerald-900',
  error: 'border-red-300 bg-red-50 text-red-900',
  info: 'border-sky-300 bg-sky-50 text-sky-900',
}

/** How long a toast stays, in milliseconds. */
export const TOAST_MS = 4_000

export function Toaster({ toast }: { toast: Toast | null }) {
  const [visible, setVisible] = useState<Toast | null>(toast)
  useEffect(() => {
    setVisible(toast)
    if (!toast) return
    const timer = setTimeout(() => setVisible(null), TOAST_MS)
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setVisible(null)
    }
    window.addEventListener('keydown', onKey)
    return () => {
      clearTimeout(timer)
      window.removeEventListener('keydown', onKey)
    }
  }, [toast])
  if (!visible) return null
  return (
    <div
      role="status"
      aria-live="polite"
      className="pointer-events-none fixed inset-x-2 bottom-2 z-50 flex justify-center sm:inset-x-auto sm:right-4 sm:bottom-4 sm:block sm:max-w-sm"
    >
      <div
        data-testid="toast"
        className={`pointer-events-auto flex max-w-full items-start gap-2 rounded-lg border px-3 py-2 text-sm shadow-lg sm:p-4 sm:text-base ${tones[visible.type]}`}
      >
        <div className="min-w-0">
          <p className="font-medium break-words">{visible.title}</p>
          {visible.description ? (
            <p className="mt-1 hidden text-sm break-words sm:block">{visible.description}</p>
          ) : null}
        </div>
        <button
          type="button"
          onClick={() => setVisible(null)}
          aria-label="Dismiss notification"
          className="-my-1 -mr-1 shrink-0 rounded px-2 py-1 text-lg leading-none hover:bg-black/5 focus-visible:outline-2"
        >
          ×
        </button>
      </div>
    </div>
  )
}
