import { createCookieSessionStorage, redirect } from '@remix-run/node'
import { z } from 'zod'

// A one-shot message shown after a redirect ("Task assigned").

const ToastSchema = z.object({
  title: z.string(),
  description: z.string().optional(),
  type: z.enum(['success', 'error', 'info']).default('success'),
})
export type Toast = z.infer<typeof ToastSchema>

const storage = createCookieSessionStorage({
  cookie: {
    name: 'rb_toast',
    sameSite: 'lax',
    path: '/',
    httpOnly: true,
    secrets: [process.env.SESSION_SECRET ?? 'unset-secret'],
    secure: process.env.NODE_ENV === 'production' && (process.env.APP_URL ?? '').startsWith('https:'),
  },
})

export async function redirectWithToast(url: string, toast: z.input<typeof ToastSchema>, init: ResponseInit = {}) {
  const session = await storage.getSession()
  session.flash('toast', ToastSchema.parse(toast))
  const headers = new Headers(init.headers)
  headers.append('Set-Cookie', await storage.commitSession(session))
  return redirect(url, { ...init, headers })
}

/** Reads and clears the toast; the caller must send `headers` with its response. */
export async function getToast(request: Request) {
  const session = await storage.getSession(request.headers.get('Cookie'))
  const parsed = ToastSchema.safeParse(session.get('toast'))
  return {
    toast: parsed.success ? parsed.data : null,
    headers: parsed.success ? { 'Set-Cookie': await storage.destroySession(session) } : undefined,
  }
}
