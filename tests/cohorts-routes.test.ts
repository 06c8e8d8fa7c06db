import { describe, expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import * as cohortsIndex from '~/routes/orgs.$org.cohorts._index'
import * as cohortPage from '~/routes/orgs.$org.cohorts.$cohortId'
import * as roster from '~/routes/orgs.$org.clients._index/route'
import * as applications from '~/routes/orgs.$org.applications._index/route'
import * as editClient from '~/routes/orgs.$org.clients.$clientId_.edit'
import * as placementPage from '~/routes/orgs.$org.clients.$clientId_.placement'
import * as portalPlacement from '~/routes/me.placement'
import * as outcomes from '~/routes/orgs.$org.outcomes._index/route'
import * as outcomesExport from '~/routes/orgs.$org.outcomes.export'
import { createApplication, createClient, createCohort, createPracticeWithOwner } from './factories'
import { downloadOutcomeReport } from './outcome-report-downloads'
import { ownClientsPractice } from './own-clients-practice'
import { createPortalClient, portalRequest } from './portal-helpers'
import { call, cookieFor, request, type Handler } from './route-calls'

// Cohorts, placements and the outcome report, called the way Remix calls them. Another practice's ids
// and a coach limited to their own clients get 404 and change nothing; hostile input gets a 4xx.

const h = (fn: unknown) => fn as Handler

async function practice() {
  const p = await ownClientsPractice()
  const cohort = await createCohort(prisma, p.org.id, 'Spring intake', ['2026-03-02', '2026-06-30'])
  await prisma.clientCohort.create({ data: { organizationId: p.org.id, cohortId: cohort.id, clientId: p.others.id } })
  return { ...p, cohort }
}

const snapshot = async (organizationId: string) => ({
  cohorts: await prisma.cohort.findMany({ where: { organizationId }, orderBy: { id: 'asc' } }),
  members: await prisma.clientCohort.findMany({ where: { organizationId }, orderBy: { id: 'asc' } }),
  placements: await prisma.placement.findMany({ where: { organizationId } }),
  clients: await prisma.client.findMany({ where: { organizationId }, orderBy: { id: 'asc' } }),
  audit: await prisma.auditEvent.count({ where: { organizationId } }),
})

const cohortForm = { intent: 'create', name: 'Autumn intake', startsOn: '2026-09-07', endsOn: '2026-12-18' }
const placementForm = {
  employer: 'Northwind',
  roleTitle: 'Data analyst',
  acceptedOn: '2026-04-15',
  startsOn: '2026-05-04',
  salary: '52,000',
  inTargetField: 'yes',
}

describe('cohorts', () => {
  test('an owner creates a cohort, edits it, and the audit log says so', async () => {
    const { org, ownerCookie } = await practice()
    const path = `/orgs/${org.slug}/cohorts`
    const created = await call(h(cohortsIndex.action), request(ownerCookie, path, cohortForm), { org: org.slug })
    expect(created.status).toBe(302)
    const cohort = await prisma.cohort.findFirstOrThrow({ where: { organizationId: org.id, name: 'Autumn intake' } })
    expect(created.location).toBe(`/orgs/${org.slug}/cohorts/${cohort.id}`)
    const params = { org: org.slug, cohortId: cohort.id }
    const saved = await call(
      h(cohortPage.action),
      request(ownerCookie, `${path}/${cohort.id}`, { ...cohortForm, intent: 'save', sponsorName: 'Northwind Ltd' }),
      params,
    )
    expect(saved.status).toBe(302)
    expect((await prisma.cohort.findUniqueOrThrow({ where: { id: cohort.id } })).sponsorName).toBe('Northwind Ltd')
    const actions = await prisma.auditEvent.findMany({ where: { organizationId: org.id }, select: { action: true } })
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['cohort.created', 'cohort.edited']))
  })

  test('hostile or impossible cohort input gets a 400 and writes nothing', async () => {
    const { org, ownerCookie } = await practice()
    const before = await snapshot(org.id)
    const path = `/orgs/${org.slug}/cohorts`
    for (const bad of [
      { ...cohortForm, endsOn: '2026-09-01' },
      { ...cohortForm, startsOn: '2026-02-30' },
      { ...cohortForm, name: '' },
      { ...cohortForm, name: 'x'.repeat(500) },
      { ...cohortForm, name: 'Spring intake' },
      { ...cohortForm, startsOn: "' OR 1=1 --" },
    ]) {
      const answer = await call(h(cohortsIndex.action), request(ownerCookie, path, bad), { org: org.slug })
      expect(answer.status).toBe(400)
    }
    expect(await snapshot(org.id)).toEqual(before)
  })

  test('a coach may not create, edit or delete cohorts (403)', async () => {
    const { org, cohort, coachCookie } = await practice()
    const before = await snapshot(org.id)
    const path = `/orgs/${org.slug}/cohorts`
    expect((await call(h(cohortsIndex.action), request(coachCookie, path, cohortForm), { org: org.slug })).status).toBe(
      403,
    )
    for (const intent of ['save', 'delete'])
      expect(
        (
          await call(h(cohortPage.action), request(coachCookie, `${path}/${cohort.id}`, { ...cohortForm, intent }), {
            org: org.slug,
            cohortId: cohort.id,
          })
        ).status,
      ).toBe(403)
    expect(await snapshot(org.id)).toEqual(before)
  })

  test('a member of another practice gets 404 for a cohort and its actions, and nothing changes', async () => {
    const { org, cohort, others } = await practice()
    const other = await createPracticeWithOwner(prisma)
    const stranger = await cookieFor(other.owner.id)
    const before = await snapshot(org.id)
    for (const slug of [other.org.slug, org.slug]) {
      const params = { org: slug, cohortId: cohort.id }
      const path = `/orgs/${slug}/cohorts/${cohort.id}`
      expect((await call(h(cohortPage.loader), request(stranger, path), params)).status).toBe(404)
      const forms: Record<string, string>[] = [
        { ...cohortForm, intent: 'save' },
        { intent: 'delete' },
        { intent: 'remove', clientId: others.id },
      ]
      for (const form of forms)
        expect((await call(h(cohortPage.action), request(stranger, path, form), params)).status).toBe(404)
      const report = `/orgs/${slug}/outcomes?cohort=${cohort.id}`
      expect((await call(h(outcomes.loader), request(stranger, report), { org: slug })).status).toBe(404)
      expect((await call(h(outcomesExport.loader), request(stranger, report), { org: slug })).status).toBe(404)
    }
    expect(await snapshot(org.id)).toEqual(before)
  })

  test('a coach limited to their own clients sees only their clients in a cohort and cannot take others out', async () => {
    const { org, cohort, others, coachCookie } = await practice()
    const params = { org: org.slug, cohortId: cohort.id }
    const path = `/orgs/${org.slug}/cohorts/${cohort.id}`
    const page = await call(h(cohortPage.loader), request(coachCookie, path), params)
    expect((page.data as { members: unknown[] }).members).toEqual([])
    const before = await snapshot(org.id)
    const removed = await call(
      h(cohortPage.action),
      request(coachCookie, path, { intent: 'remove', clientId: others.id }),
      params,
    )
    expect(removed.status).toBe(404)
    expect(await snapshot(org.id)).toEqual(before)
  })

  test('the roster adds clients to a cohort in bulk; clients not in view and other practices’ cohorts are refused', async () => {
    const { org, cohort, mine, others, coachCookie, ownerCookie } = await practice()
    const path = `/orgs/${org.slug}/clients`
    const coachAdds = await call(
      h(roster.action),
      request(coachCookie, path, { bulk: 'cohort', cohortId: cohort.id, clientIds: mine.id }),
      { org: org.slug },
    )
    expect(coachAdds.data).toMatchObject({ bulk: { done: 1, notFound: 0 } })
    // The coach's bulk action names another coach's client: counted as not found, never touched.
    const body = new URLSearchParams([
      ['bulk', 'cohort'],
      ['cohortId', cohort.id],
      ['clientIds', others.id],
    ])
    const req = new Request(`http://localhost:3000${path}`, {
      method: 'POST',
      headers: {
        Cookie: coachCookie,
        Origin: 'http://localhost:3000',
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body,
    })
    const before = await snapshot(org.id)
    expect((await call(h(roster.action), req, { org: org.slug })).data).toMatchObject({
      bulk: { done: 0, notFound: 1 },
    })
    const other = await createPracticeWithOwner(prisma)
    const foreign = await createCohort(prisma, other.org.id, 'Theirs', ['2026-01-05', '2026-02-05'])
    const refused = await call(
      h(roster.action),
      request(ownerCookie, path, { bulk: 'cohort', cohortId: foreign.id, clientIds: mine.id }),
      { org: org.slug },
    )
    expect(refused.status).toBe(400)
    expect(await snapshot(org.id)).toEqual(before)
    expect(await prisma.clientCohort.count({ where: { cohortId: foreign.id } })).toBe(0)
  })

  test('the roster and the applications table filter by cohort in the URL', async () => {
    const { org, cohort, mine, others, ownerCookie } = await practice()
    await createApplication(prisma, org.id, mine.id, { company: 'Mine Co' })
    await createApplication(prisma, org.id, others.id, { company: 'Others Co' })
    const list = await call(h(roster.loader), request(ownerCookie, `/orgs/${org.slug}/clients?cohort=${cohort.id}`), {
      org: org.slug,
    })
    expect((list.data as { roster: { rows: { name: string }[] } }).roster.rows.map((r) => r.name)).toEqual([
      'Omar Other',
    ])
    const apps = await call(
      h(applications.loader),
      request(ownerCookie, `/orgs/${org.slug}/applications?cohort=${cohort.id}`),
      { org: org.slug },
    )
    expect((apps.data as { page: { rows: { company: string }[] } }).page.rows.map((r) => r.company)).toEqual([
      'Others Co',
    ])
    const none = await call(h(roster.loader), request(ownerCookie, `/orgs/${org.slug}/clients?cohort=%00nope`), {
      org: org.slug,
    })
    expect(none.status).toBe(200)
  })

  test('the client form sets a client’s cohorts, and refuses another practice’s cohort', async () => {
    const { org, cohort, mine, ownerCookie } = await practice()
    const path = `/orgs/${org.slug}/clients/${mine.id}/edit`
    const params = { org: org.slug, clientId: mine.id }
    const form = { name: mine.name, email: mine.email, timezone: 'UTC', weeklyGoal: '10', cohortIds: cohort.id }
    expect((await call(h(editClient.action), request(ownerCookie, path, form), params)).status).toBe(302)
    expect(await prisma.clientCohort.count({ where: { clientId: mine.id } })).toBe(1)
    const other = await createPracticeWithOwner(prisma)
    const foreign = await createCohort(prisma, other.org.id, 'Theirs', ['2026-01-05', '2026-02-05'])
    const before = await snapshot(org.id)
    const refused = await call(
      h(editClient.action),
      request(ownerCookie, path, { ...form, cohortIds: foreign.id }),
      params,
    )
    expect(refused.status).toBe(400)
    expect(await snapshot(org.id)).toEqual(before)
    // The hidden blank alone: every box unticked takes the client out.
    expect(
      (await call(h(editClient.action), request(ownerCookie, path, { ...form, cohortIds: '' }), params)).status,
    ).toBe(302)
    expect(await prisma.clientCohort.count({ where: { clientId: mine.id } })).toBe(0)
  })
})

describe('placements', () => {
  test('a coach records a placement: the client becomes placed and the audit log says so', async () => {
    const { org, mine, coachCookie } = await practice()
    const offer = await createApplication(prisma, org.id, mine.id, { stage: 'OFFER', outcome: 'OFFER_ACCEPTED' })
    const params = { org: org.slug, clientId: mine.id }
    const path = `/orgs/${org.slug}/clients/${mine.id}/placement`
    const answer = await call(
      h(placementPage.action),
      request(coachCookie, path, { ...placementForm, applicationId: offer.id }),
      params,
    )
    expect(answer.status).toBe(302)
    expect(await prisma.client.findUniqueOrThrow({ where: { id: mine.id } })).toMatchObject({ status: 'PLACED' })
    expect(await prisma.placement.findFirstOrThrow({ where: { clientId: mine.id } })).toMatchObject({
      employer: 'Northwind',
      salary: 52000,
      inTargetField: true,
      applicationId: offer.id,
      recordedByType: 'COACH',
    })
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { organizationId: org.id, action: 'client.placed' },
    })
    expect(audit.targetId).toBe(mine.id)
  })

  test('another practice, or a coach limited to their own clients, gets 404 and nothing changes', async () => {
    const { org, others, coachCookie } = await practice()
    const other = await createPracticeWithOwner(prisma)
    const stranger = await cookieFor(other.owner.id)
    const before = await snapshot(org.id)
    for (const [cookie, slug] of [
      [stranger, other.org.slug],
      [stranger, org.slug],
      [coachCookie, org.slug],
    ] as const) {
      const params = { org: slug, clientId: others.id }
      const path = `/orgs/${slug}/clients/${others.id}/placement`
      expect((await call(h(placementPage.loader), request(cookie, path), params)).status).toBe(404)
      expect((await call(h(placementPage.action), request(cookie, path, placementForm), params)).status).toBe(404)
    }
    expect(await snapshot(org.id)).toEqual(before)
  })

  test('hostile or impossible placement input gets a 400 and writes nothing', async () => {
    const { org, mine, others, ownerCookie } = await practice()
    const foreignApp = await createApplication(prisma, org.id, others.id)
    const params = { org: org.slug, clientId: mine.id }
    const path = `/orgs/${org.slug}/clients/${mine.id}/placement`
    const before = await snapshot(org.id)
    for (const bad of [
      { ...placementForm, salary: '1e309' },
      { ...placementForm, salary: '-5' },
      { ...placementForm, acceptedOn: '2026-02-30' },
      { ...placementForm, acceptedOn: '2999-01-01' },
      { ...placementForm, employer: '' },
      { ...placementForm, inTargetField: 'maybe' },
      { ...placementForm, applicationId: foreignApp.id },
    ]) {
      const answer = await call(h(placementPage.action), request(ownerCookie, path, bad), params)
      expect(answer.status).toBe(400)
    }
    expect(await snapshot(org.id)).toEqual(before)
  })

  test('a client records their own placement in the portal, and cannot name another client’s application', async () => {
    const { org, client, cookie } = await createPortalClient()
    const stranger = await createClient(prisma, org.id, { name: 'Someone Else' })
    const theirs = await createApplication(prisma, org.id, stranger.id)
    const refused = await call(
      h(portalPlacement.action),
      portalRequest(cookie, '/me/placement', { ...placementForm, applicationId: theirs.id }),
    )
    expect(refused.status).toBe(400)
    expect(await prisma.placement.count({ where: { organizationId: org.id } })).toBe(0)
    const saved = await call(h(portalPlacement.action), portalRequest(cookie, '/me/placement', placementForm))
    expect(saved.status).toBe(302)
    expect(await prisma.client.findUniqueOrThrow({ where: { id: client.id } })).toMatchObject({ status: 'PLACED' })
    expect(await prisma.placement.findFirstOrThrow({ where: { clientId: client.id } })).toMatchObject({
      recordedByType: 'CLIENT',
    })
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { organizationId: org.id, action: 'client.placed' },
    })
    expect(audit.actorType).toBe('CLIENT')
  })
})

describe('the outcomes page', () => {
  test('answers a hostile URL with the default report, never a 500', async () => {
    const { org, ownerCookie } = await practice()
    for (const query of [
      'from=2026-02-30&to=x',
      'from=%00',
      'cohort=' + 'x'.repeat(500),
      'from=2030-01-01&to=1901-01-01',
    ]) {
      const answer = await call(h(outcomes.loader), request(ownerCookie, `/orgs/${org.slug}/outcomes?${query}`), {
        org: org.slug,
      })
      expect(answer.status).toBe(200)
    }
  })

  test('the CSV download carries the figures', async () => {
    const answer = await downloadOutcomeReport('export', await practice())
    expect(answer.status).toBe(200)
    expect(answer.headers.get('Content-Type')).toMatch(/text\/csv/)
  })
})
