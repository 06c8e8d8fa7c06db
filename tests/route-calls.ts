import { data, type AppLoadContext } from '@remix-run/node'
import type { Role } from '~/generated/prisma/enums'
import { cookieHeaderFor, createSession } from '~/auth/session.server'
import { prisma } from '~/lib/db.server'
import { createMember, unique } from './factories'

// Calling a route's loader or action the way Remix does, and reading what it answered.

export const origin = 'http://localhost:3000'

type Args = { request: Request; params: Record<string, string>; context: AppLoadContext }
export type Handler = (args: Args) => unknown

/** What `data(value, init)` returns, found through the public `data` rather than Remix's internal class name. */
const DataWithInit = data(null).constructor

export type Answer = {
  status: number
  location: string | null
  headers: Headers
  data: unknown
  /** The Response itself when the route answered with one (its body can be read once). */
  response: Response | null
}

/** What a loader or action answered: its status, its data, and any redirect, thrown or returned. */
export async function call(
  fn: Handler,
  request: Request,
  params: Record<string, string> = {},
  context: Partial<AppLoadContext> = {},
) {
  let out: unknown
  let threw = false
  try {
    out = await fn({ request, params, context: { requestId: 'test', cspNonce: 'test', ...context } })
  } catch (thrown) {
    out = thrown
    threw = true
  }
  if (out instanceof Response) {
    return {
      status: out.status,
      location: out.headers.get('Location'),
      headers: out.headers,
      data: null,
      response: out,
    } as Answer
  }
  if (out instanceof DataWithInit) {
    const wrapped = out as { data?: unknown; init?: ResponseInit | null }
    const headers = new Headers(wrapped.init?.headers)
    return {
      status: wrapped.init?.status ?? 200,
      location: headers.get('Location'),
      headers,
      data: wrapped.data,
      response: null,
    }
  }
  // Anything else thrown is the error boundary's 500: the caller sees it thrown.
  if (threw || out instanceof Error) throw out
  return { status: 200, location: null, headers: new Headers(), data: out, response: null } as Answer
}

/** A GET, or a same-site form POST when `form` is given, with the cookie a browser would send. */
export function request(cookie: string | null, path: string, form?: Record<string, string>, headers = {}) {
  const h = new Headers(headers)
  if (cookie) h.set('Cookie', cookie)
  if (!form) return new Request(`${origin}${path}`, { headers: h })
  h.set('Origin', origin)
  h.set('Content-Type', 'application/x-www-form-urlencoded')
  return new Request(`${origin}${path}`, { method: 'POST', headers: h, body: new URLSearchParams(form) })
}

/** A new member of the practice with a signed-in session: their cookie. */
export async function signedInMember(organizationId: string, role: Role, name = `Test ${role.toLowerCase()}`) {
  const user = await createMember(prisma, organizationId, { name }, role)
  return { user, cookie: await cookieFor(user.id) }
}

export async function cookieFor(userId: string) {
  const { token } = await createSession(userId)
  return cookieHeaderFor(token)
}

/**
 * A same-site form POST from an address of its own under `network` (rate limits count by address, so tests
 * do not run into each other's), with the session cookie when given.
 */
export function postFromOwnAddress(network: string, path: string, fields: Record<string, string>, cookie?: string) {
  return request(cookie ?? null, path, fields, {
    'X-Forwarded-For': `${network}.${Math.floor(Math.random() * 250)}-${unique()}`,
  })
}
