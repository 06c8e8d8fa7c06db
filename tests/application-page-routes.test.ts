import { renderToStaticMarkup } from 'react-dom/server'
import { createElement } from 'react'
import { describe, expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import { getToast } from '~/lib/toast.server'
import * as portalApplication from '~/routes/me.applications.$id/route'
import * as applicationPage from '~/routes/orgs.$org.applications.$applicationId/route'
import { JobLink } from '~/routes/orgs.$org.applications.$applicationId/application-summary'
import * as applicationsTable from '~/routes/orgs.$org.applications._index/route'
import { createApplication, createClient, createMember, createNote, createPracticeWithOwner } from './factories'
import { createPortalClient, portalRequest } from './portal-helpers'
import { call, cookieFor, request, type Handler } from './route-calls'

// The coach's application page and the undo of stage moves, called the way Remix calls them. Another
// practice's ids, another client's ids and a coach limited to their own clients get 404 and change nothing.

const loader = applicationPage.loader as unknown as Handler
const action = applicationPage.action as unknown as Handler

async function practiceWithApplication(options: { ownClientsOnly?: boolean } = {}) {
  const { org, owner } = await createPracticeWithOwner(prisma, {
    org: { coachesSeeOwnClientsOnly: options.ownClientsOnly ?? false },
  })
  const client = await createClient(prisma, org.id, { name: 'Sofia Martinez' })
  const application = await createApplication(prisma, org.id, client.id, {
    company: 'Northwind',
    stage: 'INTERVIEW',
    outcome: 'REJECTED',
    rejectionStage: 'INTERVIEW',
    endedBy: 'EMPLOYER',
    rejectionReason: 'EXPERIENCE_LEVEL',
    feedbackText: 'Strong on SQL, wanted more stakeholder work.',
    feedbackReceived: true,
    notes: 'The hiring manager ran late.',
    jobUrl: 'https://careers.northwind.test/jobs/42',
  })
  return { org, owner, client, application, cookie: await cookieFor(owner.id) }
}

const path = (slug: string, id: string) => `/orgs/${slug}/applications/${id}`
const snapshot = async (id: string) => ({
  application: await prisma.jobApplication.findUniqueOrThrow({ where: { id } }),
  events: await prisma.stageEvent.count({ where: { applicationId: id } }),
})

describe('the coach’s application page', () => {
  test('shows the rejection with reason, feedback and the client’s note, and the timeline', async () => {
    const { org, application, cookie } = await practiceWithApplication()
    const params = { org: org.slug, applicationId: application.id }
    const answer = await call(loader, request(cookie, path(org.slug, application.id)), params)
    expect(answer.status).toBe(200)
    const data = answer.data as Awaited<ReturnType<typeof applicationPage.loader>>
    expect(data.application).toMatchObject({
      rejectionReason: 'EXPERIENCE_LEVEL',
      feedbackText: 'Strong on SQL, wanted more stakeholder work.',
      feedbackReceived: true,
      notes: 'The hiring manager ran late.',
    })
    expect(data.events).toHaveLength(1)
  })

  test('a coach from another practice gets 404 for the page and its actions, and nothing changes', async () => {
    const { org, application } = await practiceWithApplication()
    const other = await createPracticeWithOwner(prisma)
    const stranger = await cookieFor(other.owner.id)
    const before = await snapshot(application.id)
    // Their own practice's slug with this practice's application id, and this practice's slug.
    for (const slug of [other.org.slug, org.slug]) {
      const params = { org: slug, applicationId: application.id }
      expect((await call(loader, request(stranger, path(slug, application.id)), params)).status).toBe(404)
      const move = request(stranger, path(slug, application.id), { intent: 'move', stage: 'FINAL' })
      expect((await call(action, move, params)).status).toBe(404)
      const details = request(stranger, path(slug, application.id), {
        intent: 'details',
        company: 'Hijacked',
        roleTitle: 'x',
      })
      expect((await call(action, details, params)).status).toBe(404)
    }
    expect(await snapshot(application.id)).toEqual(before)
  })

  test('a coach limited to their own clients gets 404 for a colleague’s client, and nothing changes', async () => {
    const { org, owner, client, application } = await practiceWithApplication({ ownClientsOnly: true })
    await prisma.client.update({ where: { id: client.id }, data: { coachId: owner.id } })
    const coach = await createMember(prisma, org.id, { name: 'Chris Coach' })
    const cookie = await cookieFor(coach.id)
    const params = { org: org.slug, applicationId: application.id }
    const before = await snapshot(application.id)
    expect((await call(loader, request(cookie, path(org.slug, application.id)), params)).status).toBe(404)
    const reject = request(cookie, path(org.slug, application.id), { intent: 'feedback', feedbackText: 'changed' })
    expect((await call(action, reject, params)).status).toBe(404)
    expect(await snapshot(application.id)).toEqual(before)
  })

  test('a coach’s stage move is a COACH event naming them, with an undo in the toast that removes it', async () => {
    const { org, client, owner, cookie } = await practiceWithApplication()
    const application = await createApplication(prisma, org.id, client.id, { stage: 'APPLIED' })
    const params = { org: org.slug, applicationId: application.id }
    const here = path(org.slug, application.id)
    const moved = await call(action, request(cookie, here, { intent: 'move', stage: 'SCREEN' }), params)
    expect(moved.status).toBe(302)
    const event = await prisma.stageEvent.findFirstOrThrow({
      where: { applicationId: application.id, toStage: 'SCREEN' },
    })
    expect(event).toMatchObject({ actorType: 'COACH', actorUserId: owner.id, fromStage: 'APPLIED' })
    const { toast } = await getToast(new Request('http://x', { headers: { Cookie: moved.headers.get('Set-Cookie')! } }))
    expect(toast?.undo).toEqual({ action: here, fields: { intent: 'undo', eventId: event.id }, seconds: 10 })
    const undone = await call(action, request(cookie, here, toast!.undo!.fields), params)
    expect(undone.status).toBe(302)
    expect((await snapshot(application.id)).events).toBe(1)
    expect((await prisma.jobApplication.findUniqueOrThrow({ where: { id: application.id } })).stage).toBe('APPLIED')
  })

  test('moving backwards asks first, and moves only once confirmed', async () => {
    const { org, client, cookie } = await practiceWithApplication()
    const application = await createApplication(prisma, org.id, client.id, { stage: 'FINAL' })
    const params = { org: org.slug, applicationId: application.id }
    const here = path(org.slug, application.id)
    const asked = await call(action, request(cookie, here, { intent: 'move', stage: 'APPLIED' }), params)
    expect(asked.status).toBe(200)
    expect(asked.data).toMatchObject({ confirmBack: { from: 'FINAL', to: 'APPLIED' } })
    expect((await prisma.jobApplication.findUniqueOrThrow({ where: { id: application.id } })).stage).toBe('FINAL')
    const form = { intent: 'move', stage: 'APPLIED', confirmBack: 'yes' }
    expect((await call(action, request(cookie, here, form), params)).status).toBe(302)
    expect((await prisma.jobApplication.findUniqueOrThrow({ where: { id: application.id } })).stage).toBe('APPLIED')
  })

  test('an undo of an unknown or foreign event is a kind 400, and nothing changes', async () => {
    const { org, application, cookie } = await practiceWithApplication()
    const params = { org: org.slug, applicationId: application.id }
    const before = await snapshot(application.id)
    const answer = await call(
      action,
      request(cookie, path(org.slug, application.id), { intent: 'undo', eventId: 'nope' }),
      params,
    )
    expect(answer.status).toBe(400)
    expect(JSON.stringify(answer.data)).toContain('too late to undo')
    expect(await snapshot(application.id)).toEqual(before)
  })

  test('only http and https job links are ever rendered as links', () => {
    const html = (value: string) => renderToStaticMarkup(createElement(JobLink, { value }))
    expect(html('https://careers.example.test/1')).toContain('href="https://careers.example.test/1"')
    expect(html('http://careers.example.test/1')).toContain('<a ')
    for (const hostile of [
      'javascript:alert(1)',
      'data:text/html,<b>x</b>',
      'JaVaScRiPt:alert(1)',
      'vbscript:x',
      '//evil.test',
    ]) {
      const markup = html(hostile)
      expect(markup).not.toContain('<a ')
      expect(markup).not.toContain('href')
    }
  })
})

describe('the applications table', () => {
  test('filters by rejection reason and by feedback received, server-side', async () => {
    const { org, client, cookie } = await practiceWithApplication()
    await createApplication(prisma, org.id, client.id, {
      company: 'Globex',
      outcome: 'REJECTED',
      rejectionReason: 'SKILLS_GAP',
      feedbackReceived: false,
    })
    await createApplication(prisma, org.id, client.id, { company: 'Initech' })
    const list = async (query: string) => {
      const answer = await call(
        applicationsTable.loader as unknown as Handler,
        request(cookie, `/orgs/${org.slug}/applications?${query}`),
        { org: org.slug },
      )
      const data = answer.data as { page: { rows: { company: string }[] } }
      return data.page.rows.map((r) => r.company).sort()
    }
    expect(await list('reason=EXPERIENCE_LEVEL')).toEqual(['Northwind'])
    expect(await list('feedback=yes')).toEqual(['Northwind'])
    expect(await list('feedback=no')).toEqual(['Globex'])
    expect(await list('feedback=maybe&reason=<script>')).toEqual(['Globex', 'Initech', 'Northwind'])
  })
})

describe('stage moves in the portal', () => {
  test('a client cannot move or undo another client’s application, and never reads coach notes', async () => {
    const a = await createPortalClient({ client: { name: 'Alex Able' } })
    const b = await createPortalClient({ client: { name: 'Blake Baker' } }, a)
    const theirs = await createApplication(prisma, a.org.id, b.client.id, { stage: 'SCREEN' })
    const before = await snapshot(theirs.id)
    const params = { id: theirs.id }
    const portalAction = portalApplication.action as unknown as Handler
    const move = portalRequest(a.cookie, `/me/applications/${theirs.id}`, { intent: 'move', stage: 'OFFER' })
    expect((await call(portalAction, move, params)).status).toBe(404)
    const undo = portalRequest(a.cookie, `/me/applications/${theirs.id}`, { intent: 'undo', eventId: 'x' })
    expect((await call(portalAction, undo, params)).status).toBe(404)
    expect(await snapshot(theirs.id)).toEqual(before)

    const mine = await createApplication(prisma, a.org.id, a.client.id, { stage: 'SCREEN' })
    await createNote(prisma, a.org.id, a.client.id, { body: 'COACH-ONLY note about Alex' })
    const page = await call(
      portalApplication.loader as unknown as Handler,
      portalRequest(a.cookie, `/me/applications/${mine.id}`),
      { id: mine.id },
    )
    expect(page.status).toBe(200)
    expect(JSON.stringify(page.data)).not.toContain('COACH-ONLY')
  })

  test('a client’s move can be undone from its toast; a backward move asks first', async () => {
    const a = await createPortalClient()
    const mine = await createApplication(prisma, a.org.id, a.client.id, { stage: 'SCREEN' })
    const here = `/me/applications/${mine.id}`
    const portalAction = portalApplication.action as unknown as Handler
    const asked = await call(portalAction, portalRequest(a.cookie, here, { intent: 'move', stage: 'APPLIED' }), {
      id: mine.id,
    })
    expect(asked.data).toMatchObject({ confirmBack: { from: 'SCREEN', to: 'APPLIED' } })
    const moved = await call(portalAction, portalRequest(a.cookie, here, { intent: 'move', stage: 'INTERVIEW' }), {
      id: mine.id,
    })
    const { toast } = await getToast(new Request('http://x', { headers: { Cookie: moved.headers.get('Set-Cookie')! } }))
    expect(toast?.undo?.fields.intent).toBe('undo')
    await call(portalAction, portalRequest(a.cookie, here, toast!.undo!.fields), { id: mine.id })
    expect(await snapshot(mine.id)).toMatchObject({ events: 1, application: { stage: 'SCREEN' } })
  })
})

describe('the application’s conversation on the coach’s page', () => {
  test('a coach writes about the application; it is in that thread, read for them, and not on another client', async () => {
    const { org, client, application, cookie } = await practiceWithApplication()
    const params = { org: org.slug, applicationId: application.id }
    const here = path(org.slug, application.id)
    const sent = await call(
      action,
      request(cookie, here, { intent: 'send-message', body: 'Ask them for the panel notes.' }),
      params,
    )
    expect(sent.status).toBe(302)
    expect(sent.location).toBe(`${here}#conversation`)
    const message = await prisma.message.findFirstOrThrow({ where: { clientId: client.id } })
    expect(message).toMatchObject({
      applicationId: application.id,
      authorType: 'COACH',
      body: 'Ask them for the panel notes.',
    })
    const page = (await call(loader, request(cookie, here), params)).data as Awaited<
      ReturnType<typeof applicationPage.loader>
    >
    expect(page.messages.map((m) => m.body)).toEqual(['Ask them for the panel notes.'])

    // An empty message is refused with a reason; nothing is written.
    const empty = await call(action, request(cookie, here, { intent: 'send-message', body: '   ' }), params)
    expect(empty.status).toBe(400)
    expect(await prisma.message.count({ where: { clientId: client.id } })).toBe(1)
  })

  test('a coach of another practice cannot write in the thread', async () => {
    const { org, client, application } = await practiceWithApplication()
    const other = await createPracticeWithOwner(prisma)
    const stranger = await cookieFor(other.owner.id)
    for (const slug of [other.org.slug, org.slug]) {
      const answer = await call(
        action,
        request(stranger, path(slug, application.id), { intent: 'send-message', body: 'Hello' }),
        { org: slug, applicationId: application.id },
      )
      expect(answer.status).toBe(404)
    }
    expect(await prisma.message.count({ where: { clientId: client.id } })).toBe(0)
  })
})
