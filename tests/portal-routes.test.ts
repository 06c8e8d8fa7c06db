import { describe, expect, test } from 'vitest'
import { clientCookieHeaderFor } from '~/auth/client-session.server'
import { issueInviteLink } from '~/domain/clients/access-links.server'
import { prisma } from '~/lib/db.server'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import * as invite from '~/routes/invite.$token'
import * as layout from '~/routes/me'
import * as home from '~/routes/me._index'
import * as applicationPage from '~/routes/me.applications.$id/route'
import * as newApplication from '~/routes/me.applications.new'
import * as checkIn from '~/routes/me.check-in'
import * as preferences from '~/routes/me.preferences'
import * as tasks from '~/routes/me.tasks'
import * as logout from '~/routes/me_.logout'
import * as roster from '~/routes/orgs.$org.clients._index/route'
import * as clientPage from '~/routes/orgs.$org.clients.$clientId/route'
import { createApplication, createCheckIn, createNote, createTask, unique } from './factories'
import { createPortalClient, portalRequest } from './portal-helpers'
import { call, cookieFor, request, type Handler } from './route-calls'

// The portal's routes, called the way Remix calls them. Client A's session must never reach
// client B's rows, and a client session must never open the coach's door.

async function twoClients() {
  const a = await createPortalClient({ client: { name: 'Alex Able' } })
  const b = await createPortalClient({ client: { name: 'Blake Baker' } }, a)
  const bApplication = await createApplication(prisma, a.org.id, b.client.id, {
    company: 'Globex Secret',
    stage: 'INTERVIEW',
  })
  const bTask = await createTask(prisma, a.org.id, b.client.id, { title: 'Blake’s task' })
  await createCheckIn(prisma, a.org.id, b.client.id, { mood: 1, note: 'Blake’s private note' })
  await createNote(prisma, a.org.id, a.client.id, { body: 'COACH-ONLY note about Alex' })
  return { a, b, bApplication, bTask }
}

async function snapshotOfClient(clientId: string) {
  return {
    client: await prisma.client.findUniqueOrThrow({ where: { id: clientId } }),
    applications: await prisma.jobApplication.findMany({ where: { clientId }, orderBy: { id: 'asc' } }),
    events: await prisma.stageEvent.findMany({ where: { clientId }, orderBy: { id: 'asc' } }),
    tasks: await prisma.task.findMany({ where: { clientId }, orderBy: { id: 'asc' } }),
    checkIns: await prisma.checkIn.findMany({ where: { clientId }, orderBy: { id: 'asc' } }),
  }
}

describe('client A against client B’s ids', () => {
  test('every /me route with B’s ids answers 404, or shows and changes only A’s own data', async () => {
    const { a, b, bApplication, bTask } = await twoClients()
    const before = await snapshotOfClient(b.client.id)
    const post = (path: string, form: Record<string, string>) => portalRequest(a.cookie, path, form)
    const appPath = `/me/applications/${bApplication.id}`
    const params = { id: bApplication.id }

    expect((await call(applicationPage.loader as Handler, portalRequest(a.cookie, appPath), params)).status).toBe(404)
    const intents: Record<string, string>[] = [
      { intent: 'details', company: 'Hijacked', roleTitle: 'x' },
      { intent: 'move', stage: 'OFFER' },
      { intent: 'reject', stage: 'INTERVIEW', reason: 'SKILLS_GAP' },
      { intent: 'outcome', outcome: 'WITHDRAWN' },
      { intent: 'feedback', feedbackText: 'x' },
      { intent: 'nonsense' },
    ]
    for (const form of intents) {
      expect((await call(applicationPage.action as Handler, post(appPath, form), params)).status, form.intent).toBe(404)
    }
    for (const intent of ['complete', 'reopen']) {
      expect(
        (await call(tasks.action as Handler, post('/me/tasks', { intent, taskId: bTask.id, note: 'mine' }))).status,
      ).toBe(404)
    }

    // Routes without ids: they only ever show and change the session's own client.
    const views = await Promise.all([
      call(layout.loader as Handler, portalRequest(a.cookie, '/me')),
      call(home.loader as Handler, portalRequest(a.cookie, '/me')),
      call(tasks.loader as Handler, portalRequest(a.cookie, '/me/tasks')),
      call(checkIn.loader as Handler, portalRequest(a.cookie, '/me/check-in')),
      call(preferences.loader as Handler, portalRequest(a.cookie, '/me/preferences')),
      call(newApplication.loader as Handler, portalRequest(a.cookie, '/me/applications/new')),
    ])
    const shown = JSON.stringify(views.map((v) => v.data))
    for (const secret of ['Globex Secret', 'Blake', b.client.id, 'COACH-ONLY', a.owner.email, a.owner.id]) {
      expect(shown, secret).not.toContain(secret)
    }
    await call(checkIn.action as Handler, post('/me/check-in', { mood: '5', energy: '5', confidence: '5' }))
    await call(preferences.action as Handler, post('/me/preferences', { timezone: 'Asia/Tokyo' }))
    await call(
      newApplication.action as Handler,
      post('/me/applications/new', { company: 'Initech', roleTitle: 'Analyst' }),
    )

    expect(await snapshotOfClient(b.client.id)).toEqual(before)
    expect(await prisma.jobApplication.count({ where: { clientId: a.client.id, company: 'Initech' } })).toBe(1)
  })

  test('an id that does not exist is a 404 too', async () => {
    const { cookie } = await createPortalClient()
    const result = await call(applicationPage.loader as Handler, portalRequest(cookie, '/me/applications/nope'), {
      id: 'nope',
    })
    expect(result.status).toBe(404)
  })
})

describe('signed out', () => {
  test('every portal loader and action sends a visitor without a session to the signed-out page', async () => {
    /** A page's loader and action, named as the failure message names them. */
    const page = (name: string, route: { loader: unknown; action: unknown }): [string, Handler][] => [
      [name, route.loader as Handler],
      [`${name} action`, route.action as Handler],
    ]
    const handlers: [string, Handler][] = [
      ['layout', layout.loader as Handler],
      ['home', home.loader as Handler],
      ...page('application', applicationPage),
      ...page('new', newApplication),
      ...page('tasks', tasks),
      ...page('check-in', checkIn),
      ...page('preferences', preferences),
    ]
    for (const [name, handler] of handlers) {
      const result = await call(handler, portalRequest(null, '/me', {}), { id: 'x' })
      expect([result.status, result.location], name).toEqual([302, '/me/signed-out'])
    }
  })
})

describe('a client session at the coach’s door', () => {
  test('a client session alone opens no /orgs page: the coach door ignores the client cookie', async () => {
    const { a } = await twoClients()
    const params = { org: a.org.slug, clientId: a.client.id }
    for (const fn of [roster.loader, clientPage.loader, clientPage.action]) {
      const result = await call(
        fn as Handler,
        portalRequest(a.cookie, `/orgs/${a.org.slug}/clients`, fn === clientPage.action ? {} : undefined),
        params,
      )
      expect(
        result.status === 404 || result.location?.startsWith('/login'),
        `${result.status} ${result.location}`,
      ).toBe(true)
    }
  })
})

describe('forms', () => {
  test('an empty company comes back inline with status 400 and what was typed kept', async () => {
    const { cookie, client } = await createPortalClient()
    const result = await call(
      newApplication.action as Handler,
      portalRequest(cookie, '/me/applications/new', {
        company: '',
        roleTitle: 'Data Analyst',
        notes: 'Found on a board',
      }),
    )
    expect(result.status).toBe(400)
    const reply = (result.data as { result: { error: Record<string, string[]>; initialValue: Record<string, string> } })
      .result
    expect(reply.error.company).toEqual(['Enter the company'])
    expect(reply.initialValue).toMatchObject({ roleTitle: 'Data Analyst', notes: 'Found on a board' })
    expect(await prisma.jobApplication.count({ where: { clientId: client.id } })).toBe(0)
  })

  test('an applied date in the future becomes an inline error on that field', async () => {
    const { cookie } = await createPortalClient()
    const result = await call(
      newApplication.action as Handler,
      portalRequest(cookie, '/me/applications/new', {
        company: 'Initech',
        roleTitle: 'Analyst',
        appliedOn: '2999-01-01',
      }),
    )
    expect(result.status).toBe(400)
    expect((result.data as { result: { error: Record<string, string[]> } }).result.error.appliedOn).toEqual([
      'That date is in the future',
    ])
  })

  test('a client moves an application to INTERVIEW, then FINAL, and records a rejection; the toast reframes it', async () => {
    const { cookie, org, client } = await createPortalClient()
    const application = await createApplication(prisma, org.id, client.id)
    const path = `/me/applications/${application.id}`
    const params = { id: application.id }
    for (const stage of ['INTERVIEW', 'FINAL']) {
      const moved = await call(
        applicationPage.action as Handler,
        portalRequest(cookie, path, { intent: 'move', stage }),
        params,
      )
      expect([moved.status, moved.location]).toEqual([302, path])
    }
    const bad = await call(
      applicationPage.action as Handler,
      portalRequest(cookie, path, { intent: 'move', stage: 'HIRED' }),
      params,
    )
    expect(bad.status).toBe(400)
    const rejected = await call(
      applicationPage.action as Handler,
      portalRequest(cookie, path, {
        intent: 'reject',
        reason: 'POSITION_FILLED',
        feedbackText: 'Strong, but another had more domain depth',
      }),
      params,
    )
    expect(rejected.status).toBe(302)
    expect(rejected.headers.get('Set-Cookie')).toContain('rb_toast')
    const row = await prisma.jobApplication.findUniqueOrThrow({ where: { id: application.id } })
    expect(row).toMatchObject({
      outcome: 'REJECTED',
      rejectionStage: 'FINAL',
      feedbackText: 'Strong, but another had more domain depth',
    })
    const events = await prisma.stageEvent.findMany({
      where: { applicationId: application.id },
      orderBy: { occurredAt: 'asc' },
    })
    expect(events.slice(1).map((e) => [e.toStage, e.toOutcome, e.actorType])).toEqual([
      ['INTERVIEW', 'ACTIVE', 'CLIENT'],
      ['FINAL', 'ACTIVE', 'CLIENT'],
      ['FINAL', 'REJECTED', 'CLIENT'],
    ])
    const page = await call(applicationPage.loader as Handler, portalRequest(cookie, path), params)
    expect(JSON.stringify(page.data)).not.toContain('organizationId')
  })

  test('a check-in with a mood out of range comes back inline with 400', async () => {
    const { cookie, client } = await createPortalClient()
    const result = await call(
      checkIn.action as Handler,
      portalRequest(cookie, '/me/check-in', { mood: '9', energy: '3', confidence: '3' }),
    )
    expect(result.status).toBe(400)
    expect(await prisma.checkIn.count({ where: { clientId: client.id } })).toBe(0)
  })

  test('an unknown timezone comes back inline on the timezone field', async () => {
    const { cookie } = await createPortalClient()
    const result = await call(
      preferences.action as Handler,
      portalRequest(cookie, '/me/preferences', { timezone: 'Mars/Base' }),
    )
    expect(result.status).toBe(400)
    expect((result.data as { result: { error: Record<string, string[]> } }).result.error.timezone).toBeDefined()
  })
})

describe('the invite page', () => {
  async function practiceLink() {
    const { org, owner, client } = await createPortalClient()
    const membership = await prisma.membership.findFirstOrThrow({ where: { userId: owner.id } })
    const t = createTenantContext(prisma, { user: owner, org, role: 'OWNER', membership })
    return { client, org, ...(await issueInviteLink(t, client.id)) }
  }
  const postInvite = (token: string, ip: string) =>
    call(invite.action as Handler, portalRequest(null, `/invite/${token}`, {}), { token }, { clientIp: ip })

  test('opening the link (GET) reads nothing and writes nothing; Continue (POST) signs in and lands on /me', async () => {
    const { token, link, client } = await practiceLink()
    expect((await call(invite.loader as Handler, portalRequest(null, `/invite/${token}`), { token })).data).toBeNull()
    expect(await prisma.clientAccessLink.findUniqueOrThrow({ where: { id: link.id } })).toMatchObject({
      lastUsedAt: null,
    })
    const result = await postInvite(token, unique('ip-'))
    expect([result.status, result.location]).toEqual([302, '/me'])
    const cookie = result.headers.get('Set-Cookie')!
    expect(cookie).toMatch(/^rb_client=.+HttpOnly; SameSite=Lax/)
    const sessionCookie = clientCookieHeaderFor(cookie.split(';')[0]!.split('=')[1]!)
    const home = await call(layout.loader as Handler, portalRequest(sessionCookie, '/me'))
    expect(home.data).toEqual({ firstName: 'Casey', unread: 0, practiceName: expect.any(String) })
    expect(client.name).toBe('Casey Client')
  })

  test('a revoked link shows the kind page with status 400 and names neither the practice nor the client', async () => {
    const { token, client, org } = await practiceLink()
    await prisma.clientAccessLink.updateMany({ where: { clientId: client.id }, data: { revokedAt: new Date() } })
    const result = await postInvite(token, unique('ip-'))
    expect(result.status).toBe(400)
    expect(result.data).toEqual({ problem: 'invalid', wait: null })
    expect(JSON.stringify(result.data)).not.toContain(org.name)
    expect(result.headers.get('Set-Cookie')).toBeNull()
  })

  for (const intent of ['revoke-link', 'issue-link', 'email-link']) {
    test(`the coach's ${intent} ends the portal sessions opened with the old link at once`, async () => {
      const { token, client, org } = await practiceLink()
      const opened = await postInvite(token, unique('ip-'))
      const sessionCookie = clientCookieHeaderFor(opened.headers.get('Set-Cookie')!.split(';')[0]!.split('=')[1]!)
      expect((await call(home.loader as Handler, portalRequest(sessionCookie, '/me'))).status).toBe(200)

      const owner = await prisma.membership.findFirstOrThrow({ where: { organizationId: org.id, role: 'OWNER' } })
      const coachCookie = await cookieFor(owner.userId)
      const path = `/orgs/${org.slug}/clients/${client.id}`
      const done = await call(clientPage.action as Handler, request(coachCookie, path, { intent }), {
        org: org.slug,
        clientId: client.id,
      })
      expect(done.status).toBeLessThan(400)

      const me = await call(home.loader as Handler, portalRequest(sessionCookie, '/me'))
      expect([me.status, me.location]).toEqual([302, '/me/signed-out'])
      const form = { company: 'Initech', role: 'Analyst', stage: 'APPLIED', appliedOn: '2026-01-05' }
      const posted = await call(
        newApplication.action as Handler,
        portalRequest(sessionCookie, '/me/applications/new', form),
      )
      expect(posted.status).toBe(302)
      expect(await prisma.jobApplication.count({ where: { clientId: client.id } })).toBe(0)
    })
  }

  test('too many tries from one address get 429 with Retry-After', async () => {
    const ip = unique('ip-')
    let result = await postInvite(unique('zz'), ip)
    for (let i = 0; i < 25 && result.status !== 429; i++) result = await postInvite(unique('zz'), ip)
    expect(result.status).toBe(429)
    expect(Number(result.headers.get('Retry-After'))).toBeGreaterThan(0)
  })
})

describe('signing out', () => {
  test('POST /me/logout deletes the session and clears the cookie', async () => {
    const { cookie, c } = await createPortalClient()
    const result = await call(logout.action as Handler, portalRequest(cookie, '/me/logout', {}))
    expect(result.status).toBe(302)
    expect(result.location).toBe('/me/signed-out?bye=1')
    expect(result.headers.get('Set-Cookie')).toMatch(/^rb_client=; .*Max-Age=0/)
    expect(await prisma.clientSession.count({ where: { id: c.sessionId } })).toBe(0)
    const after = await call(home.loader as Handler, portalRequest(cookie, '/me'))
    expect(after.location).toBe('/me/signed-out')
  })
})
