import { createCookieSessionStorage, redirect } from '@remix-run/node'
import { z } from 'zod'
import { envValue, isSecureOrigin } from './env.server'

// A one-shot message shown after a redirect ("Task assigned").

const ToastSchema = z.object({
  title: z.string(),
  description: z.string().optional(),
  type: z.enum(['success', 'error', 'info']).default('success'),
  /** A change that can be taken back from the toast: a form posted to `action` with `fields`, for `seconds`. */
  undo: z
    .object({ action: z.string(), fields: z.record(z.string(), z.string()), seconds: z.number().int().positive() })
    .optional(),
})
export type Toast = z.infer<typeof ToastSchema>

// Made on first use, from the environment's secret (never a fallback one).
const makeStorage = () =>
  createCookieSessionStorage<Record<string, never>, { toast: Toast }>({
    cookie: {
      name: 'rb_toast',
      sameSite: 'lax',
      path: '/',
      httpOnly: true,
      secrets: [envValue('SESSION_SECRET')],
      secure: isSecureOrigin(),
    },
  })
let made: ReturnType<typeof makeStorage> | undefined
function toastStorage() {
  made ??= makeStorage()
  return made
}

export async function redirectWithToast(url: string, toast: z.input<typeof ToastSchema>, init: ResponseInit = {}) {
  const session = await toastStorage().getSession()
  session.flash('toast', ToastSchema.parse(toast))
  const headers = new Headers(init.headers)
  headers.append('Set-Cookie', await toastStorage().commitSession(session))
  return redirect(url, { ...init, headers })
}

/** Reads and clears the toast; the caller must send `headers` with its response. */
export async function getToast(request: Request) {
  const session = await toastStorage().getSession(request.headers.get('Cookie'))
  const parsed = ToastSchema.safeParse(session.get('toast'))
  return {
    toast: parsed.success ? parsed.data : null,
    headers: parsed.success ? { 'Set-Cookie': await toastStorage().destroySession(session) } : undefined,
  }
}
