import { describe, expect, test } from 'vitest'
import { listUserPractices, requireTenant, tenantPractices } from '~/auth/require-tenant.server'
import { cookieHeaderFor, createSession, getAnySession, invalidateSession } from '~/auth/session.server'
import { prisma } from '~/lib/db.server'
import { runInRequestScope } from '~/lib/request-scope.server'
import { addMember, createPracticeWithOwner, createUser } from './factories'
import { origin } from './route-calls'

// One HTTP request's loaders share one lookup of the session and the membership, though Remix hands each loader
// its own copy of the Request; the next request looks both up again, so a revoked session or a removed member is
// refused at once.

const copyOf = (cookie: string, path: string, method = 'GET') =>
  new Request(`${origin}${path}`, { method, headers: { Cookie: cookie } })

async function refusal(promise: Promise<unknown>) {
  try {
    await promise
  } catch (thrown) {
    return thrown as Response
  }
  throw new Error('expected a refusal')
}

describe('lookups shared by one request', () => {
  test('the loaders of one request share the session and the membership; the next request reads them again', async () => {
    const { org } = await createPracticeWithOwner(prisma)
    const coach = await createUser(prisma)
    const member = await addMember(prisma, org.id, coach.id, 'COACH')
    const { token, sessionId } = await createSession(coach.id)
    const cookie = cookieHeaderFor(token)
    const params = { org: org.slug }

    await runInRequestScope(async () => {
      // The layout's loader and the page's, each with a Request of its own.
      const [layout, page] = await Promise.all([
        requireTenant(copyOf(cookie, `/orgs/${org.slug}`), params),
        requireTenant(copyOf(cookie, `/orgs/${org.slug}?index`), params),
      ])
      expect(page).toBe(layout)
      expect(layout.role).toBe('COACH')
      expect(await getAnySession(copyOf(cookie, '/a'))).toBe(await getAnySession(copyOf(cookie, '/b')))
      // Another practice named in the same request is its own lookup (and a stranger's 404).
      expect((await refusal(requireTenant(copyOf(cookie, '/orgs/elsewhere'), { org: 'elsewhere' }))).status).toBe(404)
    })

    // Outside a request scope (as tests call loaders): once per Request object, as before.
    const request = copyOf(cookie, `/orgs/${org.slug}`)
    expect(await requireTenant(request, params)).toBe(await requireTenant(request, params))

    // Removed from the practice: the next request is refused.
    await prisma.membership.delete({ where: { id: member.id } })
    await runInRequestScope(async () => {
      expect((await refusal(requireTenant(copyOf(cookie, `/orgs/${org.slug}`), params))).status).toBe(404)
    })

    // Back as a member, then signed out elsewhere: the next request goes to the login page.
    await addMember(prisma, org.id, coach.id, 'COACH')
    await runInRequestScope(async () => {
      expect((await requireTenant(copyOf(cookie, `/orgs/${org.slug}`), params)).role).toBe('COACH')
    })
    await invalidateSession(sessionId)
    await runInRequestScope(async () => {
      const answer = await refusal(requireTenant(copyOf(cookie, `/orgs/${org.slug}`), params))
      expect(answer.status).toBe(302)
      expect(answer.headers.get('Location')).toMatch(/^\/login\?/)
    })
  })

  test('an action and the loaders that follow it in the same request do not share', async () => {
    const { org, owner } = await createPracticeWithOwner(prisma)
    const { token } = await createSession(owner.id)
    const cookie = cookieHeaderFor(token)
    const params = { org: org.slug }
    await runInRequestScope(async () => {
      const action = await requireTenant(copyOf(cookie, `/orgs/${org.slug}`, 'POST'), params)
      // The action changes the practice; the loaders after it read the change.
      await prisma.organization.update({ where: { id: org.id }, data: { name: 'Renamed Practice' } })
      const loader = await requireTenant(copyOf(cookie, `/orgs/${org.slug}`), params)
      expect(loader).not.toBe(action)
      expect(loader.org.name).toBe('Renamed Practice')
    })
  })

  test('the practice and the membership read in one query are the rows Prisma reads', async () => {
    const { org, owner } = await createPracticeWithOwner(prisma, {
      org: { requireTwoFactor: false, timezone: 'Europe/Paris' },
    })
    const { token } = await createSession(owner.id)
    const t = await requireTenant(copyOf(cookieHeaderFor(token), `/orgs/${org.slug}`), { org: org.slug })
    expect(t.org).toEqual(await prisma.organization.findUniqueOrThrow({ where: { id: org.id } }))
    const membership = await prisma.membership.findFirstOrThrow({ where: { organizationId: org.id, userId: owner.id } })
    expect(t.membership).toEqual({ id: membership.id, role: 'OWNER', userId: owner.id, organizationId: org.id })
    expect(t.user).toEqual({ id: owner.id, email: owner.email, name: owner.name })
  })
})

describe('the practice switcher', () => {
  test('lists every practice of the user, by name, read with the membership, as listUserPractices reads it', async () => {
    const { org, owner } = await createPracticeWithOwner(prisma, { org: { name: 'Zebra Careers' } })
    const second = await createPracticeWithOwner(prisma, { org: { name: 'Aardvark Coaching' } })
    await addMember(prisma, second.org.id, owner.id, 'COACH')
    await createPracticeWithOwner(prisma, { org: { name: 'Not Theirs' } })
    const { token } = await createSession(owner.id)
    const t = await runInRequestScope(() =>
      requireTenant(copyOf(cookieHeaderFor(token), `/orgs/${org.slug}`), { org: org.slug }),
    )
    const practices = await tenantPractices(t)
    expect(practices).toEqual([
      { id: second.org.id, name: 'Aardvark Coaching', slug: second.org.slug, role: 'COACH' },
      { id: org.id, name: 'Zebra Careers', slug: org.slug, role: 'OWNER' },
    ])
    expect(practices).toEqual(await listUserPractices(owner.id))
  })
})
