import { clientCookieHeaderFor, createClientSession, requireClient } from '~/auth/client-session.server'
import { prisma } from '~/lib/db.server'
import type { Organization, Prisma, User } from '~/generated/prisma/client'
import { createClient, createPracticeWithOwner } from './factories'

// A signed-in client of a new practice, for portal tests: the cookie a browser would send,
// and the portal context requireClient builds from it.

export const origin = 'http://localhost:3000'

export async function createPortalClient(
  data: {
    org?: Partial<Prisma.OrganizationUncheckedCreateInput>
    client?: Partial<Prisma.ClientUncheckedCreateInput>
  } = {},
  practice?: { org: Organization; owner: User },
) {
  const { org, owner } = practice ?? (await createPracticeWithOwner(prisma, { org: data.org }))
  const client = await createClient(prisma, org.id, data.client)
  const { token } = await createClientSession(client)
  const cookie = clientCookieHeaderFor(token)
  const c = await requireClient(portalRequest(cookie, '/me'))
  return { org, owner, client, token, cookie, c, p: c.pipeline }
}

export function portalRequest(cookie: string | null, path: string, form?: Record<string, string>) {
  const headers = new Headers()
  if (cookie) headers.set('Cookie', cookie)
  if (!form) return new Request(`${origin}${path}`, { headers })
  return new Request(`${origin}${path}`, { method: 'POST', headers, body: new URLSearchParams(form) })
}
