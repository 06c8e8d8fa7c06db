import { beforeAll, describe, expect, test } from 'vitest'
import { cookieHeaderFor, createSession } from '~/auth/session.server'
import { prisma } from '~/lib/db.server'
import { routeAccess } from '~/route-access'
import { TENANT_MODELS, type TenantModel } from '~/tenancy/scoped-client.server'
import { createMember } from './factories'
import { call as callRoute, type Handler } from './route-calls'
import { fullPath, manifest, routeFile } from './route-manifest'
import { createPracticeWithEveryRow, type TenantRows } from './tenant-rows'

// Every route is classified, and every coach or admin route with an id in its path answers 404
// to a member of another practice, leaving the data as it was.

const idRoutes = Object.keys(manifest)
  .filter((id) => routeAccess[id] === 'coach' || routeAccess[id] === 'admin')
  .map((id) => ({ id, params: [...fullPath(id).matchAll(/:(\w+)/g)].map((m) => m[1]!) }))
  .filter(({ params }) => params.some((p) => p !== 'org'))

// Which tenant model a path parameter names. A new parameter needs a line here.
const paramModels: Record<string, TenantModel> = {
  clientId: 'Client',
  cohortId: 'Cohort',
  applicationId: 'JobApplication',
  taskId: 'Task',
  noteId: 'Note',
  insightId: 'Insight',
  templateId: 'TaskTemplate',
  importId: 'ImportBatch',
  batchId: 'ImportBatch',
  inviteId: 'MemberInvite',
  memberId: 'Membership',
  membershipId: 'Membership',
  checkInId: 'CheckIn',
  deliveryId: 'DigestDelivery',
  eventId: 'AuditEvent',
  endpointId: 'WebhookEndpoint',
}

test('every route of the app is classified in app/route-access.ts', () => {
  const missing = Object.keys(manifest).filter((id) => !(id in routeAccess))
  expect(
    missing,
    `Add these routes to the map in app/route-access.ts as 'public', 'coach', 'client' or 'admin': ${missing.join(', ')}`,
  ).toEqual([])
  const stale = Object.keys(routeAccess).filter((id) => !(id in manifest))
  expect(stale, `app/route-access.ts names routes that no longer exist; remove them: ${stale.join(', ')}`).toEqual([])
})

test('every path parameter of a coach or admin route names a known tenant model', () => {
  const unknown = idRoutes.flatMap(({ id, params }) =>
    params.filter((p) => p !== 'org' && !paramModels[p]).map((p) => `${id} (:${p})`),
  )
  expect(unknown, `Add these parameters to paramModels in tests/route-classification.test.ts: ${unknown}`).toEqual([])
})

let a: TenantRows
let b: TenantRows
let cookie: string

async function snapshotOf(orgId: string) {
  const out: Record<string, unknown> = { org: await prisma.organization.findUnique({ where: { id: orgId } }) }
  for (const model of TENANT_MODELS) {
    const delegate = (prisma as unknown as Record<string, { findMany(a: unknown): Promise<unknown> }>)[
      model.charAt(0).toLowerCase() + model.slice(1)
    ]!
    out[model] = await delegate.findMany({ where: { organizationId: orgId }, orderBy: { id: 'asc' } })
  }
  return out
}

async function call(fn: Handler | undefined, request: Request, params: Record<string, string>) {
  return fn ? (await callRoute(fn, request, params)).status : null
}

beforeAll(async () => {
  a = await createPracticeWithEveryRow(prisma)
  b = await createPracticeWithEveryRow(prisma)
  // An admin of practice B, so admin routes get past requirePermission in their own practice.
  const outsider = await createMember(prisma, b.org.id, { name: 'Adam Outsider' }, 'ADMIN')
  cookie = cookieHeaderFor((await createSession(outsider.id)).token)
})

describe.each(idRoutes)('$id, for a member of another practice', ({ id, params }) => {
  test('answers 404 by its own slug and by the member’s slug, and changes nothing', async () => {
    const module = (await import(/* @vite-ignore */ routeFile(id))) as { loader?: Handler; action?: Handler }
    const before = await snapshotOf(a.org.id)
    for (const slug of [a.org.slug, b.org.slug]) {
      const values: Record<string, string> = { org: slug }
      for (const p of params) if (p !== 'org') values[p] = a.rows[paramModels[p]!].id
      const url = `http://localhost:4100/${fullPath(id).replace(/:(\w+)/g, (_, p: string) => values[p]!)}`
      const get = new Request(url, { headers: { Cookie: cookie } })
      const post = () =>
        new Request(url, {
          method: 'POST',
          headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ intent: 'delete', confirm: 'yes' }),
        })
      if (module.loader) expect(await call(module.loader, get, values), `loader of ${url}`).toBe(404)
      if (module.action) {
        const status = await call(module.action, post(), values)
        // By the practice's own slug the action may refuse the form before looking the record up.
        if (slug === a.org.slug) expect(status, `action of ${url}`).toBe(404)
        else expect([400, 404], `action of ${url}`).toContain(status)
      }
    }
    expect(await snapshotOf(a.org.id)).toEqual(before)
  })
})
