import { describe, expect, test } from 'vitest'
import { cookieHeaderFor, createSession } from '~/auth/session.server'
import { prisma } from '~/lib/db.server'
import { weekSoFar } from '~/lib/weeks'
import * as home from '~/routes/orgs.$org._index/route'
import { createApplicationWithHistory, createClient, createPracticeWithOwner } from './factories'
import { call, request, signedInMember, type Handler } from './route-calls'

// The practice home, loaded the way Remix loads it: its week against last and its 30-day funnel are read from
// the caseload snapshot the insights refresh writes, and computed on the request only when none fits.

type Loaded = Awaited<ReturnType<typeof home.loader>>

async function loadHome(cookie: string, slug: string) {
  const answer = await call(home.loader as unknown as Handler, request(cookie, `/orgs/${slug}`), { org: slug })
  expect(answer.status).toBe(200)
  return answer.data as Loaded
}

/** Figures unlike anything the practice's data would give, stored as the refresh would store them. */
function plantedFigures(
  org: { timezone: string },
  computedAt: Date,
  weekStart = weekSoFar(new Date(), org.timezone).firstDay,
) {
  const counts = (applications: number) => ({
    applications,
    screens: 11,
    interviews: 7,
    finals: 3,
    offers: 2,
    rejections: 5,
    rejectionsByStage: { SAVED: 0, APPLIED: 1, SCREEN: 2, INTERVIEW: 1, FINAL: 1, OFFER: 0 },
    ghosted: 4,
  })
  return {
    week: {
      weekStart,
      lastWeekStart: '2000-01-03',
      compared: 'Mon–Wed so far, against the same days last week',
      thisWeek: counts(77),
      lastWeek: counts(66),
    },
    funnel: { days: 30, funnel: { APPLIED: 123, SCREEN: 45, INTERVIEW: 12, FINAL: 6, OFFER: 2 } },
    timeZone: org.timezone,
    computedAt: computedAt.toISOString(),
  }
}

async function practiceWithOneApplication(options: { ownClientsOnly?: boolean } = {}) {
  const { org, owner } = await createPracticeWithOwner(prisma, {
    org: { coachesSeeOwnClientsOnly: options.ownClientsOnly ?? false },
  })
  const { token } = await createSession(owner.id)
  const client = await createClient(prisma, org.id, { name: 'Robin Hale' })
  // Sent a second ago: this week's, and inside the 30-day funnel.
  await createApplicationWithHistory(prisma, org.id, client.id, {
    path: [{ stage: 'APPLIED', at: new Date(Date.now() - 1000) }],
  })
  return { org, owner, client, cookie: cookieHeaderFor(token) }
}

const snapshotOf = (organizationId: string, key = 'dashboard:30') =>
  prisma.caseloadSnapshot.findFirst({ where: { organizationId, key } })

describe('the practice home', () => {
  test('shows the week and the funnel from the stored snapshot, even past its ten minutes, with its time', async () => {
    const { org, cookie } = await practiceWithOneApplication()
    const computedAt = new Date(Date.now() - 30 * 60 * 1000)
    await prisma.caseloadSnapshot.create({
      data: { organizationId: org.id, key: 'dashboard:30', computedAt, data: plantedFigures(org, computedAt) },
    })
    const page = await loadHome(cookie, org.slug)
    expect(page.week.thisWeek.applications).toBe(77)
    expect(page.week.lastWeek.applications).toBe(66)
    expect(page.funnel).toEqual({ days: 30, funnel: { APPLIED: 123, SCREEN: 45, INTERVIEW: 12, FINAL: 6, OFFER: 2 } })
    expect(page.figuresAsOf).toBe(computedAt.toISOString())
    // Served, not recomputed.
    expect((await snapshotOf(org.id))?.computedAt).toEqual(computedAt)
  })

  test('computes and stores the figures when none are stored, when they are over two hours old, or of another week', async () => {
    const { org, cookie } = await practiceWithOneApplication()
    const fresh = await loadHome(cookie, org.slug)
    expect(fresh.week.thisWeek.applications).toBe(1)
    expect(fresh.funnel.funnel.APPLIED).toBe(1)
    expect(fresh.figuresAsOf).toBeNull()
    const stored = await snapshotOf(org.id)
    expect(stored?.data).toMatchObject({ funnel: { funnel: { APPLIED: 1 } }, timeZone: org.timezone })

    // Stored within ten minutes: read as it is (planted values show).
    const recent = new Date(Date.now() - 60 * 1000)
    await prisma.caseloadSnapshot.update({
      where: { id: stored!.id },
      data: { computedAt: recent, data: plantedFigures(org, recent) },
    })
    const served = await loadHome(cookie, org.slug)
    expect(served.week.thisWeek.applications).toBe(77)
    expect(served.figuresAsOf).toBeNull()

    // Three hours old (no job runner): computed again from the data.
    const old = new Date(Date.now() - 3 * 60 * 60 * 1000)
    await prisma.caseloadSnapshot.update({
      where: { id: stored!.id },
      data: { computedAt: old, data: plantedFigures(org, old) },
    })
    const recomputed = await loadHome(cookie, org.slug)
    expect(recomputed.week.thisWeek.applications).toBe(1)
    expect(recomputed.funnel.funnel.APPLIED).toBe(1)
    expect((await snapshotOf(org.id))!.computedAt.getTime()).toBeGreaterThan(old.getTime())

    // Recent, but cut for last week: not this week's figures, so computed again.
    const lastWeek = new Date(Date.now() - 60 * 1000)
    await prisma.caseloadSnapshot.update({
      where: { id: stored!.id },
      data: { computedAt: lastWeek, data: plantedFigures(org, lastWeek, '2000-01-03') },
    })
    expect((await loadHome(cookie, org.slug)).week.thisWeek.applications).toBe(1)
  })

  test('a coach limited to their own clients reads snapshots of their own, never the practice’s', async () => {
    const { org } = await practiceWithOneApplication({ ownClientsOnly: true })
    const computedAt = new Date(Date.now() - 60 * 1000)
    await prisma.caseloadSnapshot.create({
      data: { organizationId: org.id, key: 'dashboard:30', computedAt, data: plantedFigures(org, computedAt) },
    })
    const coach = await signedInMember(org.id, 'COACH')
    const page = await loadHome(coach.cookie, org.slug)
    // The practice's application is not their client's.
    expect(page.week.thisWeek.applications).toBe(0)
    expect(page.funnel.funnel.APPLIED).toBe(0)
    expect(await snapshotOf(org.id, `dashboard:30:coach:${coach.user.id}`)).not.toBeNull()
  })
})
