import { PDFParse } from 'pdf-parse'
import { describe, expect, test } from 'vitest'
import { runSurveyJob } from '~/jobs/surveys.server'
import { prisma } from '~/lib/db.server'
import * as outcomes from '~/routes/orgs.$org.outcomes._index/route'
import * as sponsorPage from '~/routes/sponsor.$token'
import * as sponsorPdf from '~/routes/sponsor.$token_.pdf'
import * as surveyPage from '~/routes/survey.$token'
import * as preferences from '~/routes/me.preferences'
import { setClientStatus } from '~/domain/clients/clients.server'
import { recordPlacement } from '~/domain/outcomes/placements.server'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import { createClient, createCohort, createMember, createPracticeWithOwner } from './factories'
import { queuedJobs, withIdleJobQueue } from './idle-job-queue'
import { downloadOutcomeReport } from './outcome-report-downloads'
import { createPortalClient, portalRequest } from './portal-helpers'
import { call, cookieFor, request, type Answer, type Handler } from './route-calls'

// The sponsor's link, the PDFs and the satisfaction survey, called the way Remix calls them.
// Revoked, expired and unknown links are 404; hostile input is a 4xx with a kind word; a survey is
// answered once.

const h = (fn: unknown) => fn as Handler

async function practice() {
  const { org, owner } = await createPracticeWithOwner(prisma, { org: { name: 'Harbour Coaching' } })
  const coach = await createMember(prisma, org.id, { name: 'Cole Coach' })
  const cohort = await createCohort(prisma, org.id, 'Spring intake', ['2026-01-05', '2026-12-18'], {
    sponsorName: 'Northwind Ltd',
  })
  const clients = []
  for (const [i, name] of ['Zoe Quist', 'Yann Roth', 'Xia Sol', 'Wim Tarr', 'Vera Ulm', 'Uma Vok'].entries()) {
    const c = await createClient(prisma, org.id, {
      name,
      coachId: i < 2 ? coach.id : owner.id,
      createdAt: new Date('2026-01-10T12:00:00Z'),
    })
    await prisma.clientCohort.create({ data: { organizationId: org.id, cohortId: cohort.id, clientId: c.id } })
    clients.push(c)
  }
  return {
    org,
    owner,
    coach,
    cohort,
    clients,
    ownerCookie: await cookieFor(owner.id),
    coachCookie: await cookieFor(coach.id),
  }
}

async function pdfText(answer: Answer) {
  expect(answer.headers.get('Content-Type')).toBe('application/pdf')
  const bytes = new Uint8Array(await answer.response!.arrayBuffer())
  expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-')
  return (await new PDFParse({ data: bytes }).getText()).text
}

async function createLink(slug: string, cookie: string, cohortId: string, days = '90') {
  return call(
    h(outcomes.action),
    request(cookie, `/orgs/${slug}/outcomes?cohort=${cohortId}`, { intent: 'create-sponsor-link', cohortId, days }),
    { org: slug },
  )
}
const tokenOf = (answer: Answer) => (answer.data as { url: string }).url.split('/sponsor/')[1]!

describe('a sponsor link', () => {
  test('the owner makes one; signed out, it opens the cohort’s aggregates and its PDF, without a name', async () => {
    const { org, cohort, ownerCookie } = await practice()
    const made = await createLink(org.slug, ownerCookie, cohort.id)
    expect(made.status).toBe(200)
    const token = tokenOf(made)
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const stored = await prisma.sponsorLink.findFirstOrThrow({ where: { cohortId: cohort.id } })
    expect(stored.tokenHash).not.toContain(token)
    expect(await prisma.auditEvent.count({ where: { organizationId: org.id, action: 'sponsor_link.created' } })).toBe(1)

    const page = await call(h(sponsorPage.loader), request(null, `/sponsor/${token}`), { token })
    expect(page.status).toBe(200)
    const shown = JSON.stringify(page.data)
    expect(shown).toContain('Clients served')
    expect(shown).toContain('Spring intake')
    // Coach split: the coach has 2, the owner 4: the 2 would show, so no split at all.
    expect(shown).toContain('The split by coach is not shown')
    expect(shown).not.toMatch(/Zoe|Yann|Xia|Wim|Vera|Uma|Cole|Owner/)
    expect((await prisma.sponsorLink.findUniqueOrThrow({ where: { id: stored.id } })).lastOpenedAt).not.toBeNull()

    const pdf = await pdfText(await call(h(sponsorPdf.loader), request(null, `/sponsor/${token}/pdf`), { token }))
    expect(pdf).toContain('Outcome report · Harbour Coaching')
    expect(pdf).toContain('Spring intake · sponsored by Northwind Ltd')
    expect(pdf).toContain('Clients served')
    expect(pdf).toContain('Funnel')
    expect(pdf).not.toMatch(/Zoe|Yann|Cole/)
  })

  test('revoked, expired and unknown links are 404, page and PDF alike', async () => {
    const { org, cohort, ownerCookie } = await practice()
    const revoked = tokenOf(await createLink(org.slug, ownerCookie, cohort.id))
    const link = await prisma.sponsorLink.findFirstOrThrow({ where: { cohortId: cohort.id } })
    const revoke = await call(
      h(outcomes.action),
      request(ownerCookie, `/orgs/${org.slug}/outcomes?cohort=${cohort.id}`, {
        intent: 'revoke-sponsor-link',
        linkId: link.id,
      }),
      { org: org.slug },
    )
    expect(revoke.status).toBe(200)
    expect(await prisma.auditEvent.count({ where: { organizationId: org.id, action: 'sponsor_link.revoked' } })).toBe(1)
    const expired = tokenOf(await createLink(org.slug, ownerCookie, cohort.id, '30'))
    await prisma.sponsorLink.updateMany({
      where: { cohortId: cohort.id, revokedAt: null },
      data: { expiresAt: new Date(Date.now() - 1000) },
    })
    for (const token of [revoked, expired, 'x'.repeat(43), '../../etc', '%00', 'a'.repeat(500)]) {
      expect((await call(h(sponsorPage.loader), request(null, '/sponsor/x'), { token })).status).toBe(404)
      expect((await call(h(sponsorPdf.loader), request(null, '/sponsor/x/pdf'), { token })).status).toBe(404)
    }
  })

  test('only the owner shares; hostile forms get a 4xx, another practice’s cohort or link a 404', async () => {
    const { org, cohort, coachCookie, ownerCookie } = await practice()
    const other = await practice()
    expect((await createLink(org.slug, coachCookie, cohort.id)).status).toBe(403)
    expect((await createLink(org.slug, ownerCookie, cohort.id, '7')).status).toBe(400)
    expect((await createLink(org.slug, ownerCookie, cohort.id, 'lots')).status).toBe(400)
    expect((await createLink(org.slug, ownerCookie, other.cohort.id)).status).toBe(404)
    const theirs = await createLink(other.org.slug, other.ownerCookie, other.cohort.id)
    expect(theirs.status).toBe(200)
    const theirLink = await prisma.sponsorLink.findFirstOrThrow({ where: { cohortId: other.cohort.id } })
    const path = `/orgs/${org.slug}/outcomes?cohort=${cohort.id}`
    const revoke = await call(
      h(outcomes.action),
      request(ownerCookie, path, { intent: 'revoke-sponsor-link', linkId: theirLink.id }),
      { org: org.slug },
    )
    expect(revoke.status).toBe(404)
    expect((await prisma.sponsorLink.findUniqueOrThrow({ where: { id: theirLink.id } })).revokedAt).toBeNull()
    const nonsense = await call(h(outcomes.action), request(ownerCookie, path, { intent: 'drop-tables' }), {
      org: org.slug,
    })
    expect(nonsense.status).toBe(400)
    expect(await prisma.sponsorLink.count({ where: { organizationId: org.id } })).toBe(0)
  })
})

describe('the outcome report’s PDF', () => {
  test('carries the figures, the funnel and the coaches for the practice', async () => {
    const answer = await downloadOutcomeReport('pdf', await practice())
    expect(answer.status).toBe(200)
    const text = await pdfText(answer)
    expect(text).toContain('Clients served')
    expect(text).toMatch(/Clients served\s*6/)
    expect(text).toContain('Funnel')
    expect(text).toContain('Cole Coach')
    expect(text).toContain('Does it work')
    expect(answer.headers.get('Content-Disposition')).toMatch(/attachment; filename="outcomes-.*\.pdf"/)
  })
})

describe('the satisfaction survey', () => {
  test('is emailed once when a client is placed, and answered once', async () => {
    const { org, clients } = await practice()
    const client = clients[0]!
    await prisma.client.update({ where: { id: client.id }, data: { status: 'PLACED' } })
    const sent = await runSurveyJob({ organizationId: org.id, clientId: client.id })
    expect(sent).not.toBeNull()
    // A second job for the same client sends nothing.
    expect(await runSurveyJob({ organizationId: org.id, clientId: client.id })).toBeNull()
    const emails = await prisma.outboundEmail.findMany({
      where: { organizationId: org.id, kind: 'satisfaction-survey' },
    })
    expect(emails).toHaveLength(1)
    const token = /\/survey\/([A-Za-z0-9_-]+)/.exec(emails[0]!.text)![1]!
    expect(sent!.surveyUrl).toContain(token)

    const path = `/survey/${token}`
    const opened = await call(h(surveyPage.loader), request(null, path), { token })
    expect(opened.data).toMatchObject({ answered: false, practiceName: 'Harbour Coaching' })
    for (const score of ['0', '6', '3.5', 'five', '']) {
      const bad = await call(h(surveyPage.action), request(null, path, { score }), { token })
      expect(bad.status).toBe(400)
      expect(bad.data).toMatchObject({ error: 'Choose a number from 1 to 5, then send it.' })
    }
    expect((await call(h(surveyPage.action), request(null, path, { score: '4' }), { token })).data).toMatchObject({
      saved: true,
    })
    const again = await call(h(surveyPage.action), request(null, path, { score: '1' }), { token })
    expect(again.status).toBe(409)
    expect(await prisma.satisfactionSurvey.findUniqueOrThrow({ where: { clientId: client.id } })).toMatchObject({
      score: 4,
    })
    const unknown = 'y'.repeat(43)
    expect((await call(h(surveyPage.loader), request(null, '/survey/x'), { token: unknown })).status).toBe(404)
    expect(
      (await call(h(surveyPage.action), request(null, '/survey/x', { score: '5' }), { token: unknown })).status,
    ).toBe(404)
  })

  test('is not sent to a client who is still looking', async () => {
    const { org, clients } = await practice()
    expect(await runSurveyJob({ organizationId: org.id, clientId: clients[1]!.id })).toBeNull()
    expect(await prisma.satisfactionSurvey.count({ where: { organizationId: org.id } })).toBe(0)
  })
})

describe('the portal', () => {
  test('tells a client in a sponsored cohort who the sponsor is, and nobody else', async () => {
    const { org, client, cookie } = await createPortalClient()
    const sponsored = await createCohort(prisma, org.id, 'Layoff group', ['2026-01-05', '2026-12-18'], {
      sponsorName: 'Contoso HR',
    })
    const plain = await createCohort(prisma, org.id, 'Evening class', ['2026-01-05', '2026-12-18'])
    const load = async () =>
      ((await call(h(preferences.loader), portalRequest(cookie, '/me/preferences'))).data as { sponsors: unknown[] })
        .sponsors
    expect(await load()).toEqual([])
    await prisma.clientCohort.create({ data: { organizationId: org.id, cohortId: plain.id, clientId: client.id } })
    expect(await load()).toEqual([])
    await prisma.clientCohort.create({ data: { organizationId: org.id, cohortId: sponsored.id, clientId: client.id } })
    expect(await load()).toEqual([{ id: sponsored.id, name: 'Layoff group', sponsorName: 'Contoso HR' }])
  })
})

describe('the survey is queued when a client is placed or archived', () => {
  withIdleJobQueue()
  const queued = (clientId: string) => queuedJobs('send-satisfaction-survey', 'clientId', clientId)

  test('by a placement and by archiving, after the change, and not by other changes of status', async () => {
    const { org, owner, clients } = await practice()
    const t = createTenantContext(prisma, { user: owner, org, role: 'OWNER' })
    const [placed, archived, paused] = clients
    await recordPlacement(
      {
        db: t.db,
        organizationId: org.id,
        clientId: placed!.id,
        timezone: 'UTC',
        actor: { type: 'COACH', userId: owner.id },
      },
      {
        applicationId: null,
        employer: 'Northwind',
        roleTitle: 'Analyst',
        acceptedOn: '2026-04-15',
        startsOn: '2026-05-01',
        salary: null,
        inTargetField: 'yes',
      },
    )
    await setClientStatus(t, archived!.id, 'ARCHIVED')
    await setClientStatus(t, paused!.id, 'PAUSED')
    expect(await queued(placed!.id)).toHaveLength(1)
    expect(await queued(archived!.id)).toHaveLength(1)
    expect(await queued(paused!.id)).toHaveLength(0)
  })
})
