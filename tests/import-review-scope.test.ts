import { describe, expect, test } from 'vitest'
import { createImport } from '~/domain/imports/batches.server'
import { prisma } from '~/lib/db.server'
import * as importsPage from '~/routes/orgs.$org.imports._index'
import * as review from '~/routes/orgs.$org.imports.$importId/route'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import { createClient, createPracticeWithOwner } from './factories'
import { call, cookieFor, type Handler, request, signedInMember } from './route-calls'

// A coach limited to their own clients never sees another member's practice-wide import, which
// lists other coaches' clients' emails.

async function practice(coachesSeeOwnClientsOnly: boolean) {
  const { org, owner } = await createPracticeWithOwner(prisma, { org: { coachesSeeOwnClientsOnly } })
  const coach = await signedInMember(org.id, 'COACH', 'Cole Coach')
  const theirs = await createClient(prisma, org.id, { email: 'secret-client@example.test', coachId: owner.id })
  const ownerT = createTenantContext(prisma, { user: owner, org, role: 'OWNER' })
  const csv = `Company,Date Applied,Client Email\nAcme,2026-01-05,${theirs.email}\n`
  const batch = await createImport(ownerT, { name: 'everyone.csv', bytes: new TextEncoder().encode(csv) })
  return { org, owner, coach, batch }
}

describe('a practice-wide import', () => {
  test('is 404 and not listed for a coach limited to their own clients', async () => {
    const { org, coach, batch } = await practice(true)
    const path = `/orgs/${org.slug}/imports/${batch.id}`
    const params = { org: org.slug, importId: batch.id }
    const page = await call(review.loader as Handler, request(coach.cookie, path), params)
    expect(page.status).toBe(404)
    expect(JSON.stringify(page.data ?? '')).not.toContain('secret-client')
    const confirm = await call(review.action as Handler, request(coach.cookie, path, { intent: 'commit' }), params)
    expect(confirm.status).toBe(404)
    const list = await call(importsPage.loader as Handler, request(coach.cookie, `/orgs/${org.slug}/imports`), {
      org: org.slug,
    })
    expect(JSON.stringify(list.data)).not.toContain(batch.id)
  })

  test('stays open to its maker, and to every coach when the practice shares its clients', async () => {
    const limited = await practice(true)
    const ownerCookie = await cookieFor(limited.owner.id)
    const params = { org: limited.org.slug, importId: limited.batch.id }
    const path = `/orgs/${limited.org.slug}/imports/${limited.batch.id}`
    expect((await call(review.loader as Handler, request(ownerCookie, path), params)).status).toBe(200)

    const shared = await practice(false)
    const sharedPath = `/orgs/${shared.org.slug}/imports/${shared.batch.id}`
    const sharedParams = { org: shared.org.slug, importId: shared.batch.id }
    expect((await call(review.loader as Handler, request(shared.coach.cookie, sharedPath), sharedParams)).status).toBe(
      200,
    )
  })
})
