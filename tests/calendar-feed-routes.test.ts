import ICAL from 'ical.js'
import { describe, expect, test } from 'vitest'
import { coachPipelineFor } from '~/domain/applications/application-page.server'
import { addInterview } from '~/domain/interviews/interviews.server'
import { prisma } from '~/lib/db.server'
import * as feedRoute from '~/routes/calendar.$token'
import * as coachCalendar from '~/routes/orgs.$org.settings_.calendar'
import * as preferences from '~/routes/me.preferences'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import { createApplication, createClient, createMember, createPracticeWithOwner, createTask } from './factories'
import { createPortalClient, portalRequest } from './portal-helpers'
import { call, cookieFor, request, type Handler } from './route-calls'

// The calendar subscription URLs, fetched the way a calendar app fetches them (no cookie), and read
// back with ical.js, a second iCalendar library: the events, their timezones and their instants.

const now = new Date()
const inDays = (n: number) => new Date(now.getTime() + n * 86_400_000).toISOString().slice(0, 10)

async function fetchFeed(url: string) {
  const path = new URL(url).pathname
  const token = path.split('/').pop()!
  let out: unknown
  try {
    out = await feedRoute.loader({ request: new Request(url), params: { token }, context: {} } as never)
  } catch (thrown) {
    out = thrown
  }
  return out as Response
}

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text))
  // Times with a TZID are read through the VTIMEZONE blocks the feed carries.
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone)
  return calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v))
}

async function clientWithInterview() {
  const portal = await createPortalClient({ client: { timezone: 'America/New_York', name: 'Dana Diaz' } })
  const app = await createApplication(prisma, portal.org.id, portal.client.id, {
    company: 'Northwind',
    roleTitle: 'Analyst',
  })
  const interview = await addInterview(portal.p, app.id, {
    kind: 'INTERVIEW',
    date: inDays(3),
    time: '14:30',
    timezone: 'America/New_York',
    note: 'Ask for Sam',
  })
  const task = await createTask(prisma, portal.org.id, portal.client.id, {
    title: 'Practise the STAR answers',
    dueOn: new Date(`${inDays(2)}T00:00:00Z`),
  })
  return { ...portal, app, interview: interview!, task }
}

async function issueFromPortal(cookie: string) {
  const answer = await call(
    preferences.action as unknown as Handler,
    portalRequest(cookie, '/me/preferences', { intent: 'issue-calendar' }),
  )
  return (answer.data as { calendarUrl: string }).calendarUrl
}

describe('a client’s calendar feed', () => {
  test('holds their interview with its timezone and instant, and their task as an all-day event, without a cookie', async () => {
    const { cookie, interview, task } = await clientWithInterview()
    const url = await issueFromPortal(cookie)
    expect(url).toMatch(/\/calendar\/[A-Za-z0-9_-]{43}\.ics$/)
    const response = await fetchFeed(url)
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8')
    const events = parse(await response.text())
    const meeting = events.find((e) => e.uid === `interview-${interview.id}@rebound`)!
    expect(meeting.summary).toBe('Interview: Northwind (Analyst)')
    expect(meeting.startDate.zone.tzid).toBe('America/New_York')
    expect(meeting.startDate.toString()).toBe(`${inDays(3)}T14:30:00`)
    expect(meeting.startDate.toJSDate().toISOString()).toBe(interview.startsAt.toISOString())
    expect(meeting.endDate.toJSDate().getTime() - interview.startsAt.getTime()).toBe(3600_000)
    expect(meeting.description).toContain('Ask for Sam')
    const due = events.find((e) => e.uid === `task-${task.id}@rebound`)!
    expect(due.summary).toBe('Task due: Practise the STAR answers')
    expect(due.startDate.isDate).toBe(true)
    expect(due.startDate.toString()).toBe(inDays(2))
  })

  test('a revoked token, a replaced token and an unknown token get 404', async () => {
    const { cookie } = await clientWithInterview()
    const first = await issueFromPortal(cookie)
    const second = await issueFromPortal(cookie)
    expect((await fetchFeed(first)).status).toBe(404)
    expect((await fetchFeed(second)).status).toBe(200)
    const revoke = await call(
      preferences.action as unknown as Handler,
      portalRequest(cookie, '/me/preferences', { intent: 'revoke-calendar' }),
    )
    expect(revoke.status).toBe(302)
    expect((await fetchFeed(second)).status).toBe(404)
    expect((await fetchFeed('http://localhost:3000/calendar/not-a-token.ics')).status).toBe(404)
    expect((await fetchFeed(`http://localhost:3000/calendar/${'a'.repeat(43)}.ics`)).status).toBe(404)
  })

  test('an archived client’s feed gets 404', async () => {
    const { cookie, client } = await clientWithInterview()
    const url = await issueFromPortal(cookie)
    await prisma.client.update({ where: { id: client.id }, data: { status: 'ARCHIVED' } })
    expect((await fetchFeed(url)).status).toBe(404)
  })

  test('another client’s interviews are never in the feed', async () => {
    const { cookie, org } = await clientWithInterview()
    const other = await createClient(prisma, org.id)
    const otherApp = await createApplication(prisma, org.id, other.id, { company: 'Secret Corp' })
    await prisma.interviewEvent.create({
      data: {
        organizationId: org.id,
        clientId: other.id,
        applicationId: otherApp.id,
        kind: 'FINAL',
        localDate: inDays(4),
        localTime: '10:00',
        timezone: 'UTC',
        startsAt: new Date(`${inDays(4)}T10:00:00Z`),
        actorType: 'CLIENT',
      },
    })
    const text = await (await fetchFeed(await issueFromPortal(cookie))).text()
    expect(text).not.toContain('Secret Corp')
  })
})

describe('a coach’s calendar feed', () => {
  test('holds the interviews and open tasks of the clients they coach, with TZID times, and nobody else’s', async () => {
    const { org, owner } = await createPracticeWithOwner(prisma, { org: { timezone: 'Europe/London' } })
    const coach = await createMember(prisma, org.id, { name: 'Chris Coach' })
    const t = createTenantContext(prisma, { user: owner, org, role: 'OWNER' })
    const mine = await createClient(prisma, org.id, { name: 'Dana Diaz', coachId: coach.id })
    const theirs = await createClient(prisma, org.id, { name: 'Eli Other', coachId: owner.id })
    const myApp = await createApplication(prisma, org.id, mine.id, { company: 'Acme' })
    const theirApp = await createApplication(prisma, org.id, theirs.id, { company: 'Globex' })
    const input = { kind: 'FINAL' as const, date: inDays(5), time: '09:15', timezone: 'Asia/Tokyo' }
    const myInterview = await addInterview(coachPipelineFor(t, mine), myApp.id, input)
    await addInterview(coachPipelineFor(t, theirs), theirApp.id, input)
    await createTask(prisma, org.id, mine.id, { title: 'Mock interview', dueOn: new Date(`${inDays(1)}T00:00:00Z`) })

    const cookie = await cookieFor(coach.id)
    const params = { org: org.slug }
    const issued = await call(
      coachCalendar.action as unknown as Handler,
      request(cookie, `/orgs/${org.slug}/settings/calendar`, { intent: 'issue-calendar' }),
      params,
    )
    const url = (issued.data as { url: string }).url
    const events = parse(await (await fetchFeed(url)).text())
    expect(events.map((e) => e.summary).sort()).toEqual([
      'Dana Diaz: Mock interview due',
      'Dana Diaz: final round at Acme',
    ])
    const meeting = events.find((e) => e.summary.includes('Acme'))!
    expect(meeting.startDate.zone.tzid).toBe('Asia/Tokyo')
    expect(meeting.startDate.toJSDate().toISOString()).toBe(myInterview!.startsAt.toISOString())

    // Turned off from the settings page: 404 at once.
    const revoked = await call(
      coachCalendar.action as unknown as Handler,
      request(cookie, `/orgs/${org.slug}/settings/calendar`, { intent: 'revoke-calendar' }),
      params,
    )
    expect(revoked.status).toBe(302)
    expect((await fetchFeed(url)).status).toBe(404)
  })

  test('a coach who left the practice has a dead feed, and a stranger gets 404 for the settings page', async () => {
    const { org } = await createPracticeWithOwner(prisma)
    const coach = await createMember(prisma, org.id)
    const params = { org: org.slug }
    const issued = await call(
      coachCalendar.action as unknown as Handler,
      request(await cookieFor(coach.id), `/orgs/${org.slug}/settings/calendar`, { intent: 'issue-calendar' }),
      params,
    )
    const url = (issued.data as { url: string }).url
    expect((await fetchFeed(url)).status).toBe(200)
    await prisma.membership.deleteMany({ where: { organizationId: org.id, userId: coach.id } })
    expect((await fetchFeed(url)).status).toBe(404)

    const stranger = await cookieFor((await createPracticeWithOwner(prisma)).owner.id)
    const before = await prisma.calendarFeed.count({ where: { organizationId: org.id } })
    expect(
      (
        await call(
          coachCalendar.loader as unknown as Handler,
          request(stranger, `/orgs/${org.slug}/settings/calendar`),
          params,
        )
      ).status,
    ).toBe(404)
    const post = request(stranger, `/orgs/${org.slug}/settings/calendar`, { intent: 'issue-calendar' })
    expect((await call(coachCalendar.action as unknown as Handler, post, params)).status).toBe(404)
    expect(await prisma.calendarFeed.count({ where: { organizationId: org.id } })).toBe(before)
  })
})
