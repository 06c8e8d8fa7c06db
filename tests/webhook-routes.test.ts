import { describe, expect, test } from 'vitest'
import { createWebhookEndpoint } from '~/domain/webhooks/endpoints.server'
import { prisma } from '~/lib/db.server'
import * as endpointRoute from '~/routes/orgs.$org.settings_.webhooks.$endpointId'
import * as listRoute from '~/routes/orgs.$org.settings_.webhooks._index'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import { createPracticeWithOwner } from './factories'
import { call, cookieFor, request, signedInMember } from './route-calls'

// The webhook settings pages as members reach them: owners and admins manage endpoints, coaches may not,
// and another practice's endpoint is not there at all.

async function practiceWithEndpoint() {
  const { org, owner } = await createPracticeWithOwner(prisma)
  const t = createTenantContext(prisma, { user: owner, org, role: 'OWNER' })
  const { endpoint } = await createWebhookEndpoint(t, {
    url: 'https://hooks.example.com/rebound',
    description: 'CRM',
    events: ['client.created'],
  })
  return { org, owner, endpoint, cookie: await cookieFor(owner.id) }
}

describe('webhook settings', () => {
  test('an admin adds an endpoint and sees its secret once; the list never shows it again', async () => {
    const { org } = await practiceWithEndpoint()
    const admin = await signedInMember(org.id, 'ADMIN')
    const path = `/orgs/${org.slug}/settings/webhooks`
    const made = await call(
      listRoute.action,
      request(admin.cookie, path, { url: 'https://crm.example.com/in', events: 'task.assigned' }),
      { org: org.slug },
    )
    expect(made.status).toBe(200)
    const secret = (made.data as { secret: { value: string } }).secret.value
    expect(secret).toMatch(/^whsec_/)
    const page = await call(listRoute.loader, request(admin.cookie, path), { org: org.slug })
    expect(JSON.stringify(page.data)).not.toContain(secret)
    expect(JSON.stringify(page.data)).toContain('https://crm.example.com/in')
  })

  test('an address that is not http(s), or no events, is answered inline with 400 and nothing is saved', async () => {
    const { org, cookie } = await practiceWithEndpoint()
    const path = `/orgs/${org.slug}/settings/webhooks`
    for (const form of <Record<string, string>[]>[
      { url: 'ftp://example.com/x', events: 'client.created' },
      { url: 'https://example.com/x' },
      { url: 'https://example.com/x', events: 'client.deleted' },
      { url: 'x'.repeat(3000), events: 'client.created' },
    ]) {
      const answer = await call(listRoute.action, request(cookie, path, form), { org: org.slug })
      expect(answer.status, JSON.stringify(form).slice(0, 80)).toBe(400)
    }
    expect(await prisma.webhookEndpoint.count({ where: { organizationId: org.id } })).toBe(1)
  })

  test('a coach can neither see nor change webhooks', async () => {
    const { org, endpoint } = await practiceWithEndpoint()
    const coach = await signedInMember(org.id, 'COACH')
    const list = `/orgs/${org.slug}/settings/webhooks`
    const one = `${list}/${endpoint.id}`
    expect((await call(listRoute.loader, request(coach.cookie, list), { org: org.slug })).status).toBe(403)
    expect(
      (
        await call(
          listRoute.action,
          request(coach.cookie, list, { url: 'https://a.example.com', events: 'client.created' }),
          { org: org.slug },
        )
      ).status,
    ).toBe(403)
    const params = { org: org.slug, endpointId: endpoint.id }
    expect((await call(endpointRoute.loader, request(coach.cookie, one), params)).status).toBe(403)
    expect((await call(endpointRoute.action, request(coach.cookie, one, { intent: 'rotate' }), params)).status).toBe(
      403,
    )
  })

  test('another practice’s endpoint is a 404 for every intent', async () => {
    const mine = await practiceWithEndpoint()
    const theirs = await practiceWithEndpoint()
    const params = { org: mine.org.slug, endpointId: theirs.endpoint.id }
    const path = `/orgs/${mine.org.slug}/settings/webhooks/${theirs.endpoint.id}`
    expect((await call(endpointRoute.loader, request(mine.cookie, path), params)).status).toBe(404)
    for (const form of <Record<string, string>[]>[
      { intent: 'test' },
      { intent: 'enable' },
      { intent: 'disable' },
      { intent: 'rotate' },
      { intent: 'delete' },
      { intent: 'events', events: 'client.created' },
    ]) {
      expect((await call(endpointRoute.action, request(mine.cookie, path, form), params)).status, form.intent).toBe(404)
    }
    const untouched = await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: theirs.endpoint.id } })
    expect(untouched).toMatchObject({ enabled: true, previousSecret: null })
  })

  test('rotating shows the new secret once and keeps the old one signing', async () => {
    const { org, endpoint, cookie } = await practiceWithEndpoint()
    const path = `/orgs/${org.slug}/settings/webhooks/${endpoint.id}`
    const before = await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })
    const answer = await call(endpointRoute.action, request(cookie, path, { intent: 'rotate' }), {
      org: org.slug,
      endpointId: endpoint.id,
    })
    const secret = (answer.data as { secret: string }).secret
    const after = await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })
    expect(after.secret).toBe(secret)
    expect(after.previousSecret).toBe(before.secret)
    expect(after.previousSecretUntil!.getTime() - Date.now()).toBeGreaterThan(23 * 3600_000)
  })
})
