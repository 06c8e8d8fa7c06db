import { Form } from '@remix-run/react'
import { useEffect, useState } from 'react'
import type { Toast } from '~/lib/toast.server'

const tones = {
  success: 'border-emerald-300 bg-emerald-50 text-emerald-900',
  error: 'border-red-300 bg-red-50 text-red-900',
  info: 'border-sky-300 bg-sky-50 text-sky-900',
}

export function Toaster({ toast }: { toast: Toast | null }) {
  const [visible, setVisible] = useState<Toast | null>(toast)
  const [left, setLeft] = useState(toast?.undo?.seconds ?? 0)
  useEffect(() => {
    setVisible(toast)
    if (!toast) return
    // A toast that offers an undo stays exactly as long as the undo is allowed.
    const seconds = toast.undo?.seconds
    setLeft(seconds ?? 0)
    const timer = setTimeout(() => setVisible(null), seconds ? seconds * 1000 : 6_000)
    const tick = seconds ? setInterval(() => setLeft((s) => Math.max(0, s - 1)), 1000) : undefined
    return () => {
      clearTimeout(timer)
      if (tick) clearInterval(tick)
    }
  }, [toast])
  if (!visible) return null
  return (
    <div role="status" aria-live="polite" className="fixed right-4 bottom-4 left-4 z-50 sm:left-auto sm:max-w-sm">
      <div className={`rounded-lg border p-4 shadow-lg ${tones[visible.type]}`}>
        <p className="font-medium">{visible.title}</p>
        {visible.description ? <p className="mt-1 text-sm">{visible.description}</p> : null}
        <div className="mt-2 flex items-center gap-4">
          {visible.undo ? (
            <Form method="post" action={visible.undo.action} onSubmit={() => setVisible(null)}>
              {Object.entries(visible.undo.fields).map(([name, value]) => (
                <input key={name} type="hidden" name={name} value={value} />
              ))}
              <button
                type="submit"
                className="min-h-11 rounded-md border border-current px-3 py-1 text-sm font-semibold"
              >
                Undo <span aria-hidden="true">({left} s)</span>
              </button>
            </Form>
          ) : null}
          <button type="button" onClick={() => setVisible(null)} className="min-h-11 text-sm underline">
            Dismiss
          </button>
        </div>
      </div>
    </div>
  )
}
