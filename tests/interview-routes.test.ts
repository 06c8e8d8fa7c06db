import { describe, expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import * as portalApplication from '~/routes/me.applications.$id/route'
import * as portalHome from '~/routes/me._index'
import * as applicationPage from '~/routes/orgs.$org.applications.$applicationId/route'
import * as home from '~/routes/orgs.$org._index/route'
import {
  createApplication,
  createClient,
  createDefaultTaskTemplates,
  createMember,
  createPracticeWithOwner,
} from './factories'
import { createPortalClient, portalRequest } from './portal-helpers'
import { call, cookieFor, request, type Handler } from './route-calls'

// Interview dates on the coach's application page, in the portal and on the coach's home, called the way
// Remix calls them. Another practice's ids, another client's ids and a coach limited to their own clients
// get 404 and change nothing.

const coachAction = applicationPage.action as unknown as Handler
const coachLoader = applicationPage.loader as unknown as Handler
const clientAction = portalApplication.action as unknown as Handler
const homeAction = home.action as unknown as Handler
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10)
const form = (extra: Record<string, string> = {}) => ({
  intent: 'add-interview',
  kind: 'INTERVIEW',
  date: inDays(1),
  time: '10:30',
  timezone: 'Europe/Berlin',
  note: 'Second floor',
  ...extra,
})
const path = (slug: string, id: string) => `/orgs/${slug}/applications/${id}`

async function practice(options: { ownClientsOnly?: boolean } = {}) {
  const { org, owner } = await createPracticeWithOwner(prisma, {
    org: { coachesSeeOwnClientsOnly: options.ownClientsOnly ?? false },
  })
  const client = await createClient(prisma, org.id, { name: 'Sofia Martinez', timezone: 'Europe/Berlin' })
  const application = await createApplication(prisma, org.id, client.id, { company: 'Northwind' })
  return { org, owner, client, application, cookie: await cookieFor(owner.id) }
}
const interviewsOf = (applicationId: string) =>
  prisma.interviewEvent.findMany({ where: { applicationId }, orderBy: { id: 'asc' } })

describe('interview dates on the coach’s application page', () => {
  test('a coach adds, changes and removes one; the page lists it with the client’s timezone as default', async () => {
    const { org, application, cookie } = await practice()
    const params = { org: org.slug, applicationId: application.id }
    const added = await call(coachAction, request(cookie, path(org.slug, application.id), form()), params)
    expect(added.status).toBe(302)
    const [row] = await interviewsOf(application.id)
    expect(row).toMatchObject({ kind: 'INTERVIEW', localTime: '10:30', timezone: 'Europe/Berlin', actorType: 'COACH' })

    const page = await call(coachLoader, request(cookie, path(org.slug, application.id)), params)
    const data = page.data as Awaited<ReturnType<typeof applicationPage.loader>>
    expect(data.interviews.map((e) => e.id)).toEqual([row!.id])

    const edit = form({ intent: 'edit-interview', interviewId: row!.id, time: '11:00' })
    expect((await call(coachAction, request(cookie, path(org.slug, application.id), edit), params)).status).toBe(302)
    expect((await interviewsOf(application.id))[0]!.localTime).toBe('11:00')
    const remove = { intent: 'remove-interview', interviewId: row!.id }
    expect((await call(coachAction, request(cookie, path(org.slug, application.id), remove), params)).status).toBe(302)
    expect(await interviewsOf(application.id)).toEqual([])
  })

  test('a bad time or a past day answers 400 beside the field, and nothing is written', async () => {
    const { org, application, cookie } = await practice()
    const params = { org: org.slug, applicationId: application.id }
    for (const bad of [
      { time: '7pm' },
      { date: '2020-01-01' },
      { timezone: 'Nowhere/Else' },
      { kind: 'PARTY' },
    ] as Record<string, string>[]) {
      const answer = await call(coachAction, request(cookie, path(org.slug, application.id), form(bad)), params)
      expect(answer.status).toBe(400)
      expect((answer.data as { intent: string }).intent).toBe('add-interview')
    }
    expect(await interviewsOf(application.id)).toEqual([])
  })

  test('a coach of another practice gets 404 for every interview form, and nothing changes', async () => {
    const { org, client, application } = await practice()
    const existing = await prisma.interviewEvent.create({
      data: {
        organizationId: org.id,
        clientId: client.id,
        applicationId: application.id,
        kind: 'SCREEN',
        localDate: inDays(2),
        localTime: '09:00',
        timezone: 'UTC',
        startsAt: new Date(`${inDays(2)}T09:00:00Z`),
        actorType: 'CLIENT',
      },
    })
    const other = await createPracticeWithOwner(prisma)
    const stranger = await cookieFor(other.owner.id)
    for (const slug of [other.org.slug, org.slug]) {
      const params = { org: slug, applicationId: application.id }
      for (const body of [
        form(),
        form({ intent: 'edit-interview', interviewId: existing.id }),
        { intent: 'remove-interview', interviewId: existing.id },
      ]) {
        expect((await call(coachAction, request(stranger, path(slug, application.id), body), params)).status).toBe(404)
      }
    }
    expect(await interviewsOf(application.id)).toEqual([existing])
  })

  test('another client’s interview id through this application gets 404, and it is unchanged', async () => {
    const { org, application, cookie } = await practice()
    const other = await createClient(prisma, org.id)
    const otherApp = await createApplication(prisma, org.id, other.id)
    const params = { org: org.slug, applicationId: application.id }
    await call(coachAction, request(cookie, path(org.slug, otherApp.id), form()), {
      ...params,
      applicationId: otherApp.id,
    })
    const [theirs] = await interviewsOf(otherApp.id)
    const edit = form({ intent: 'edit-interview', interviewId: theirs!.id, time: '23:00' })
    expect((await call(coachAction, request(cookie, path(org.slug, application.id), edit), params)).status).toBe(404)
    const remove = { intent: 'remove-interview', interviewId: theirs!.id }
    expect((await call(coachAction, request(cookie, path(org.slug, application.id), remove), params)).status).toBe(404)
    expect(await interviewsOf(otherApp.id)).toEqual([theirs])
  })

  test('a coach limited to their own clients gets 404 for another coach’s client', async () => {
    const { org, application } = await practice({ ownClientsOnly: true })
    const coach = await createMember(prisma, org.id)
    const params = { org: org.slug, applicationId: application.id }
    const answer = await call(
      coachAction,
      request(await cookieFor(coach.id), path(org.slug, application.id), form()),
      params,
    )
    expect(answer.status).toBe(404)
    expect(await interviewsOf(application.id)).toEqual([])
  })
})

describe('interview dates in the portal', () => {
  test('a client adds one on their application and sees it coming up on their home page', async () => {
    const { org, client, cookie } = await createPortalClient({ client: { timezone: 'Europe/Berlin' } })
    const app = await createApplication(prisma, org.id, client.id, { company: 'Acme' })
    const answer = await call(clientAction, portalRequest(cookie, `/me/applications/${app.id}`, form()), { id: app.id })
    expect(answer.status).toBe(302)
    const homePage = await call(portalHome.loader as unknown as Handler, portalRequest(cookie, '/me'))
    const data = homePage.data as Awaited<ReturnType<typeof portalHome.loader>>
    expect(data.comingUp.map((e) => [e.application.company, e.localTime])).toEqual([['Acme', '10:30']])
  })

  test('another client’s application or interview gets 404 in the portal, and nothing changes', async () => {
    const mine = await createPortalClient()
    const other = await createClient(prisma, mine.org.id)
    const otherApp = await createApplication(prisma, mine.org.id, other.id)
    const myApp = await createApplication(prisma, mine.org.id, mine.client.id)
    const theirs = await prisma.interviewEvent.create({
      data: {
        organizationId: mine.org.id,
        clientId: other.id,
        applicationId: otherApp.id,
        kind: 'FINAL',
        localDate: inDays(3),
        localTime: '15:00',
        timezone: 'UTC',
        startsAt: new Date(`${inDays(3)}T15:00:00Z`),
        actorType: 'CLIENT',
      },
    })
    const add = portalRequest(mine.cookie, `/me/applications/${otherApp.id}`, form())
    expect((await call(clientAction, add, { id: otherApp.id })).status).toBe(404)
    for (const body of [
      form({ intent: 'edit-interview', interviewId: theirs.id }),
      { intent: 'remove-interview', interviewId: theirs.id },
    ]) {
      const answer = await call(clientAction, portalRequest(mine.cookie, `/me/applications/${myApp.id}`, body), {
        id: myApp.id,
      })
      expect(answer.status).toBe(404)
    }
    expect(await interviewsOf(otherApp.id)).toEqual([theirs])
    expect(await interviewsOf(myApp.id)).toEqual([])
  })
})

describe('the nudge to prepare on the coach’s home', () => {
  test('assigns the mock-interview template about the application; another practice’s interview gets 404', async () => {
    const { org, client, application, cookie } = await practice()
    await createDefaultTaskTemplates(prisma, org.id)
    await call(coachAction, request(cookie, path(org.slug, application.id), form()), {
      org: org.slug,
      applicationId: application.id,
    })
    const [interview] = await interviewsOf(application.id)
    const homePage = await call(home.loader as unknown as Handler, request(cookie, `/orgs/${org.slug}`), {
      org: org.slug,
    })
    const week = (homePage.data as Awaited<ReturnType<typeof home.loader>>).interviews
    expect(week.interviews.find((e) => e.id === interview!.id)?.needsPreparation).toBe(true)

    const other = await createPracticeWithOwner(prisma)
    const stranger = await cookieFor(other.owner.id)
    const foreign = request(stranger, `/orgs/${other.org.slug}`, { intent: 'prepare', interviewId: interview!.id })
    expect((await call(homeAction, foreign, { org: other.org.slug })).status).toBe(404)
    expect(await prisma.task.count({ where: { clientId: client.id } })).toBe(0)

    const prepare = request(cookie, `/orgs/${org.slug}`, { intent: 'prepare', interviewId: interview!.id })
    expect((await call(homeAction, prepare, { org: org.slug })).status).toBe(302)
    const tasks = await prisma.task.findMany({ where: { clientId: client.id } })
    expect(tasks).toMatchObject([{ type: 'MOCK_INTERVIEW', applicationId: application.id }])
  })

  test('a coach limited to their own clients gets 404 preparing another coach’s client', async () => {
    const { org, client, application, cookie } = await practice({ ownClientsOnly: true })
    await call(coachAction, request(cookie, path(org.slug, application.id), form()), {
      org: org.slug,
      applicationId: application.id,
    })
    const [interview] = await interviewsOf(application.id)
    const coach = await createMember(prisma, org.id)
    const prepare = request(await cookieFor(coach.id), `/orgs/${org.slug}`, {
      intent: 'prepare',
      interviewId: interview!.id,
    })
    expect((await call(homeAction, prepare, { org: org.slug })).status).toBe(404)
    expect(await prisma.task.count({ where: { clientId: client.id } })).toBe(0)
  })
})

describe('assigning a task from the application page', () => {
  test('ties the task to the application and leaves the message in its thread', async () => {
    const { org, client, application, cookie } = await practice()
    const params = { org: org.slug, applicationId: application.id }
    const body = {
      intent: 'assign-task',
      type: 'MOCK_INTERVIEW',
      title: 'Mock interview for Northwind',
      instructions: 'Thirty minutes, STAR answers.',
      dueOn: inDays(2),
      message: 'Let us practise on Thursday.',
    }
    expect((await call(coachAction, request(cookie, path(org.slug, application.id), body), params)).status).toBe(302)
    expect(await prisma.task.findMany({ where: { clientId: client.id } })).toMatchObject([
      { applicationId: application.id, type: 'MOCK_INTERVIEW', title: 'Mock interview for Northwind' },
    ])
    expect(await prisma.message.findMany({ where: { clientId: client.id } })).toMatchObject([
      { applicationId: application.id, body: 'Let us practise on Thursday.', authorType: 'COACH' },
    ])
  })

  test('a past due date answers 400; another practice and a limited coach get 404; nothing is written', async () => {
    const { org, client, application, cookie } = await practice({ ownClientsOnly: true })
    const params = { org: org.slug, applicationId: application.id }
    const body = { intent: 'assign-task', type: 'FOLLOW_UP', title: 'Follow up', dueOn: '2020-01-01' }
    expect((await call(coachAction, request(cookie, path(org.slug, application.id), body), params)).status).toBe(400)
    const ok = { ...body, dueOn: inDays(2) }
    const other = await createPracticeWithOwner(prisma)
    const stranger = await cookieFor(other.owner.id)
    expect((await call(coachAction, request(stranger, path(org.slug, application.id), ok), params)).status).toBe(404)
    const coach = await createMember(prisma, org.id)
    const limited = await cookieFor(coach.id)
    expect((await call(coachAction, request(limited, path(org.slug, application.id), ok), params)).status).toBe(404)
    expect(await prisma.task.count({ where: { clientId: client.id } })).toBe(0)
  })
})
