import { describe, expect, test } from 'vitest'
import { createApiKey, hashApiKey } from '~/domain/api-keys/api-keys.server'
import { prisma } from '~/lib/db.server'
import * as keysRoute from '~/routes/orgs.$org.settings_.api-keys'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import { createPracticeWithOwner } from './factories'
import { call, cookieFor, request, signedInMember } from './route-calls'

// The API keys page as members reach it: owners and admins make and revoke keys, the key is shown once
// and only its hash kept, coaches may not, and another practice's key is not there at all.

async function practice() {
  const { org, owner } = await createPracticeWithOwner(prisma)
  return { org, owner, cookie: await cookieFor(owner.id), path: `/orgs/${org.slug}/settings/api-keys` }
}

describe('API keys settings', () => {
  test('an admin makes a key: shown once in the answer, never in the list, stored as its hash, audited', async () => {
    const { org, path } = await practice()
    const admin = await signedInMember(org.id, 'ADMIN')
    const made = await call(
      keysRoute.action,
      request(admin.cookie, path, { intent: 'create', name: 'CRM sync', scopes: 'clients:read' }),
      { org: org.slug },
    )
    expect(made.status).toBe(200)
    const secret = (made.data as { secret: { value: string } }).secret.value
    expect(secret).toMatch(/^rb_live_/)
    const stored = await prisma.apiKey.findFirstOrThrow({ where: { organizationId: org.id } })
    expect(stored).toMatchObject({ keyHash: hashApiKey(secret), role: 'ADMIN', scopes: ['clients:read'] })
    expect(JSON.stringify(stored)).not.toContain(secret)
    const page = await call(keysRoute.loader, request(admin.cookie, path), { org: org.slug })
    expect(JSON.stringify(page.data)).not.toContain(secret)
    expect(JSON.stringify(page.data)).toContain(stored.prefix)
    const audit = await prisma.auditEvent.findMany({ where: { organizationId: org.id, targetId: stored.id } })
    expect(audit.map((e) => [e.action, e.actorUserId])).toEqual([['api_key.created', admin.user.id]])
  })

  test('a key without a name or scope, or with a past or impossible last day, is refused with 400', async () => {
    const { org, cookie, path } = await practice()
    for (const form of <Record<string, string>[]>[
      { intent: 'create', name: '', scopes: 'clients:read' },
      { intent: 'create', name: 'x' },
      { intent: 'create', name: 'x', scopes: 'clients:delete' },
      { intent: 'create', name: 'x', scopes: 'clients:read', expiresOn: '2020-01-01' },
      { intent: 'create', name: 'x', scopes: 'clients:read', expiresOn: '2027-02-30' },
      { intent: 'create', name: 'x'.repeat(81), scopes: 'clients:read' },
    ]) {
      const answer = await call(keysRoute.action, request(cookie, path, form), { org: org.slug })
      expect(answer.status, JSON.stringify(form)).toBe(400)
    }
    expect(await prisma.apiKey.count({ where: { organizationId: org.id } })).toBe(0)
  })

  test('a coach can neither see, make nor revoke keys', async () => {
    const { org, owner, path } = await practice()
    const t = createTenantContext(prisma, { user: owner, org, role: 'OWNER' })
    const { key } = await createApiKey(t, { name: 'Owner key', scopes: ['tasks:read'] })
    const coach = await signedInMember(org.id, 'COACH')
    expect((await call(keysRoute.loader, request(coach.cookie, path), { org: org.slug })).status).toBe(403)
    for (const form of <Record<string, string>[]>[
      { intent: 'create', name: 'Mine', scopes: 'clients:write' },
      { intent: 'revoke', keyId: key.id },
    ]) {
      const answer = await call(keysRoute.action, request(coach.cookie, path, form), { org: org.slug })
      expect(answer.status, form.intent).toBe(403)
    }
    expect(await prisma.apiKey.findMany({ where: { organizationId: org.id } })).toMatchObject([
      { id: key.id, revokedAt: null },
    ])
  })

  test('revoking is audited; another practice’s key is a 404 and stays live', async () => {
    const mine = await practice()
    const theirs = await practice()
    const keyOf = (p: Awaited<ReturnType<typeof practice>>) =>
      createApiKey(createTenantContext(prisma, { user: p.owner, org: p.org, role: 'OWNER' }), {
        name: 'Sync',
        scopes: ['clients:read'],
      })
    const revoke = (keyId: string) =>
      call(keysRoute.action, request(mine.cookie, mine.path, { intent: 'revoke', keyId }), { org: mine.org.slug })
    const theirKey = await keyOf(theirs)
    expect((await revoke(theirKey.key.id)).status).toBe(404)
    expect(await prisma.apiKey.findUniqueOrThrow({ where: { id: theirKey.key.id } })).toMatchObject({ revokedAt: null })

    const myKey = await keyOf(mine)
    expect((await revoke(myKey.key.id)).status).toBe(302)
    expect((await prisma.apiKey.findUniqueOrThrow({ where: { id: myKey.key.id } })).revokedAt).not.toBeNull()
    const audit = await prisma.auditEvent.findMany({ where: { organizationId: mine.org.id, targetId: myKey.key.id } })
    expect(audit.map((e) => e.action).sort()).toEqual(['api_key.created', 'api_key.revoked'])
  })
})
