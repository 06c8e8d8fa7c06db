import type { AppLoadContext } from '@remix-run/node'
import { describe, expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import * as patternsRoute from '~/routes/orgs.$org.patterns/route'
import { createApplicationWithHistory, createCohort } from '~/../tests/factories'
import { createApp, daysBeforeToday, insightPractice } from '~/../tests/insight-fixtures'
import { cookieFor, request } from '~/../tests/route-calls'
import { getPatternsPage, patternsSnapshotName, readPatternsView } from './patterns-page.server'
import { funnelSplits } from './patterns.server'

const view = (query: string) => readPatternsView(new URLSearchParams(query))

/** The patterns page's loader, called as the member's browser would with a query. */
async function patternsPageAs(userId: string, slug: string) {
  const cookie = await cookieFor(userId)
  return (query: string) =>
    patternsRoute.loader({
      request: request(cookie, `/orgs/${slug}/patterns?${query}`),
      params: { org: slug },
      context: {} as AppLoadContext,
    })
}

test('the patterns page’s caseload funnel adds up the applications of the window, each counted at every stage it reached', async () => {
  const { org, t, client } = await insightPractice()
  const c = await client()
  await createApp(org.id, c.id, { applied: daysBeforeToday(10), screen: daysBeforeToday(8), tailored: true })
  await createApp(org.id, c.id, {
    applied: daysBeforeToday(12),
    screen: daysBeforeToday(10),
    interview: daysBeforeToday(6),
  })
  await createApp(org.id, c.id, { applied: daysBeforeToday(20) })
  await createApp(org.id, c.id, { applied: daysBeforeToday(60), screen: daysBeforeToday(50) })
  const page = await getPatternsPage(t, 30)
  expect(page.funnel).toEqual({ APPLIED: 3, SCREEN: 2, INTERVIEW: 1, FINAL: 0, OFFER: 0 })
  expect((await getPatternsPage(t, 90)).funnel.APPLIED).toBe(4)
})

describe('the window', () => {
  test('comes from the URL: the last 30, 90 or 180 days, all time, or a range of dates', () => {
    expect(view('days=180').view).toEqual({ kind: 'days', days: 180 })
    expect(view('').view).toEqual({ kind: 'days', days: 30 })
    expect(view('days=45')).toEqual({ view: { kind: 'days', days: 30 }, error: null })
    expect(view('days=all').view).toEqual({ kind: 'all' })
    expect(view('from=2023-01-01&to=2023-12-31')).toEqual({
      view: { kind: 'range', from: '2023-01-01', to: '2023-12-31' },
      error: null,
    })
  })

  test('a range that cannot be read falls back to 30 days with a message that says why', () => {
    expect(view('from=2024-06-30&to=2024-01-01')).toEqual({
      view: { kind: 'days', days: 30 },
      error: 'The start date is after the end date. Showing the last 30 days instead.',
    })
    expect(view('from=2024-02-30&to=2024-03-01').error).toMatch(/^That date does not exist/)
    expect(view('from=%3Cscript%3E&to=2024-03-01').error).toMatch(/^Dates are written as YYYY-MM-DD/)
    expect(view('from=2024-01-01').error).toMatch(/^Choose both a start and an end date/)
    expect(view('from=0001-01-01&to=2024-03-01').error).toMatch(/^Choose a date from 1990 on/)
  })

  test('the page answers a bad range with a kind message, never an error', async () => {
    const { org, owner } = await insightPractice()
    const load = await patternsPageAs(owner.id, org.slug)
    const data = await load('from=2024-13-01&to=nope')
    expect(data.error).toMatch(/Showing the last 30 days instead/)
    expect(data.view).toEqual({ kind: 'days', days: 30 })
  })

  test('a group of clients comes from the URL with the window; what cannot be read is left off', () => {
    expect(view('days=90&group=cohort:abc').view).toEqual({ kind: 'days', days: 90, group: { cohortId: 'abc' } })
    expect(view('group=field:f1:Data:Science').view).toEqual({
      kind: 'days',
      days: 30,
      group: { fieldId: 'f1', value: 'Data:Science' },
    })
    expect(view('group=cohort:').view).toEqual({ kind: 'days', days: 30 })
    expect(view(`group=cohort:${'x'.repeat(400)}`).view).toEqual({ kind: 'days', days: 30 })
    expect(patternsSnapshotName(view('days=all&group=cohort:abc').view)).toBe('patterns:all:group:cohort:abc')
  })

  test('the page shows one cohort’s clients; another practice’s cohort shows everyone with a kind message', async () => {
    const { org, owner, t, clients } = await insightPractice()
    const [inCohort, outside] = await clients(2)
    await createApp(org.id, inCohort.id, { applied: daysBeforeToday(10), screen: daysBeforeToday(8) })
    for (const days of [5, 6, 7]) await createApp(org.id, outside.id, { applied: daysBeforeToday(days) })
    const cohort = await createCohort(prisma, org.id, 'Spring intake', ['2026-01-05', '2027-06-30'])
    await prisma.clientCohort.create({ data: { organizationId: org.id, cohortId: cohort.id, clientId: inCohort.id } })
    const other = await insightPractice()
    const theirs = await createCohort(prisma, other.org.id, 'Theirs', ['2026-01-05', '2027-06-30'])
    const load = await patternsPageAs(owner.id, org.slug)
    const mine = await load(`group=cohort:${cohort.id}`)
    expect(mine.groups).toEqual([{ value: `cohort:${cohort.id}`, label: 'Cohort: Spring intake' }])
    expect(mine.group).toBe(`cohort:${cohort.id}`)
    expect(mine.funnel).toEqual({ APPLIED: 1, SCREEN: 1, INTERVIEW: 0, FINAL: 0, OFFER: 0 })
    const everyone = await load(`group=cohort:${theirs.id}`)
    expect(everyone.error).toMatch(/not one of the practice’s cohorts or field choices/)
    expect(everyone.group).toBe('')
    expect(everyone.funnel.APPLIED).toBe(4)
    // The same figures through the domain, by a single-choice field.
    const track = await prisma.clientField.create({
      data: { organizationId: org.id, name: 'Track', kind: 'CHOICE', choices: ['Data', 'Design'] },
    })
    await prisma.client.update({ where: { id: outside.id }, data: { customFields: { [track.id]: 'Design' } } })
    const design = await getPatternsPage(t, { kind: 'days', days: 30, group: { fieldId: track.id, value: 'Design' } })
    expect(design.funnel.APPLIED).toBe(3)
    expect(design.heatMap.total).toBe(0)
  })

  test('the page shows the clients holding one choice of a multiple-choice field; hostile groups show everyone kindly', async () => {
    const { org, owner, clients } = await insightPractice()
    const [ana, bea, caio] = await clients(3)
    // Ana: 2 applications, one screened; Bea: 3, none; Caio: 1, screened then interviewed.
    await createApp(org.id, ana.id, { applied: daysBeforeToday(10), screen: daysBeforeToday(8) })
    await createApp(org.id, ana.id, { applied: daysBeforeToday(9) })
    for (const days of [5, 6, 7]) await createApp(org.id, bea.id, { applied: daysBeforeToday(days) })
    await createApp(org.id, caio.id, {
      applied: daysBeforeToday(12),
      screen: daysBeforeToday(10),
      interview: daysBeforeToday(6),
    })
    const skills = await prisma.clientField.create({
      data: { organizationId: org.id, name: 'Skills', kind: 'MULTI_CHOICE', choices: ['SQL', 'Python', 'Figma'] },
    })
    await prisma.client.update({ where: { id: ana.id }, data: { customFields: { [skills.id]: ['SQL', 'Python'] } } })
    await prisma.client.update({ where: { id: bea.id }, data: { customFields: { [skills.id]: ['Python'] } } })
    const other = await insightPractice()
    const theirs = await prisma.clientField.create({
      data: { organizationId: other.org.id, name: 'Theirs', kind: 'MULTI_CHOICE', choices: ['SQL', 'Go'] },
    })
    const load = await patternsPageAs(owner.id, org.slug)

    const sql = await load(`group=${encodeURIComponent(`field:${skills.id}:SQL`)}`)
    expect(sql.groups.map((g) => g.label)).toEqual(['Skills: SQL', 'Skills: Python', 'Skills: Figma'])
    expect(sql.group).toBe(`field:${skills.id}:SQL`)
    expect(sql.error).toBeNull()
    expect(sql.funnel).toEqual({ APPLIED: 2, SCREEN: 1, INTERVIEW: 0, FINAL: 0, OFFER: 0 })
    const python = await load(`group=${encodeURIComponent(`field:${skills.id}:Python`)}`)
    expect(python.funnel).toEqual({ APPLIED: 5, SCREEN: 1, INTERVIEW: 0, FINAL: 0, OFFER: 0 })
    const figma = await load(`group=${encodeURIComponent(`field:${skills.id}:Figma`)}`)
    expect(figma.funnel.APPLIED).toBe(0)
    // The split beside the others: Python counts Ana and Bea, SQL Ana alone (Ana counts in both).
    const split = python.groupSplits.find((s) => s.title === 'By Skills')!
    expect(split.rows.map((r) => [r.label, r.clients, r.APPLIED, r.SCREEN])).toEqual([
      ['Python', 2, 5, 1],
      ['SQL', 1, 2, 1],
    ])

    for (const group of [
      `field:${skills.id}:Go`,
      `field:${skills.id}:`,
      `field:${skills.id}`,
      `field::SQL`,
      `field:${theirs.id}:SQL`,
      `field:${skills.id}:sql`,
      `field:${skills.id}:${'x'.repeat(400)}`,
      `cohort:'; DROP TABLE "Client"; --`,
      'nonsense',
    ]) {
      const page = await load(`group=${encodeURIComponent(group)}`)
      expect([group, page.error, page.group, page.funnel.APPLIED]).toEqual([
        group,
        'That group is not one of the practice’s cohorts or field choices. Showing every client.',
        '',
        6,
      ])
    }
  })

  test('all time and a past range find a search from earlier years that no rolling window shows', async () => {
    const { org, t, client } = await insightPractice()
    const c = await client()
    const old = (at: string) =>
      createApplicationWithHistory(prisma, org.id, c.id, {
        appliedOn: new Date(`${at}T00:00:00Z`),
        path: [
          { stage: 'APPLIED', at: new Date(`${at}T12:00:00Z`) },
          { stage: 'SCREEN', at: new Date(new Date(`${at}T12:00:00Z`).getTime() + 5 * 86_400_000) },
        ],
      })
    await old('2023-03-10')
    await old('2023-11-20')
    await createApp(org.id, c.id, { applied: daysBeforeToday(5) })
    expect((await getPatternsPage(t, 180)).funnel.APPLIED).toBe(1)
    expect((await getPatternsPage(t, { kind: 'all' })).funnel).toMatchObject({ APPLIED: 3, SCREEN: 2 })
    const range = await getPatternsPage(t, { kind: 'range', from: '2023-01-01', to: '2023-06-30' })
    expect(range.funnel).toMatchObject({ APPLIED: 1, SCREEN: 1 })
    expect(range.label).toBe('Jan 1, 2023 to Jun 30, 2023')
  })

  test('each window keeps its own stored figures', async () => {
    expect(patternsSnapshotName(30)).toBe('patterns:30')
    expect(patternsSnapshotName({ kind: 'all' })).toBe('patterns:all')
    expect(patternsSnapshotName({ kind: 'range', from: '2023-01-01', to: '2023-06-30' })).toBe(
      'patterns:range:2023-01-01:2023-06-30',
    )
    const { org, t, client } = await insightPractice()
    const c = await client()
    await createApp(org.id, c.id, { applied: daysBeforeToday(400) })
    expect((await getPatternsPage(t, 30)).funnel.APPLIED).toBe(0)
    // Not the 30-day figures just stored.
    expect((await getPatternsPage(t, { kind: 'all' })).funnel.APPLIED).toBe(1)
  })
})

describe('the splits', () => {
  test('read in human words, seniority in its order, each row with its clients and small samples marked', async () => {
    const { org, t, client } = await insightPractice()
    const clients = await Promise.all(Array.from({ length: 5 }, () => client()))
    for (const c of clients) await createApp(org.id, c.id, { applied: daysBeforeToday(3), seniority: 'MID' })
    await createApp(org.id, clients[0]!.id, { applied: daysBeforeToday(4), seniority: 'EXECUTIVE' })
    await createApp(org.id, clients[1]!.id, { applied: daysBeforeToday(4), seniority: 'INTERN' })
    await createApp(org.id, clients[2]!.id, { applied: daysBeforeToday(4), seniority: 'SENIOR' })
    await createApp(org.id, clients[2]!.id, { applied: daysBeforeToday(4) })
    await createApplicationWithHistory(prisma, org.id, clients[3]!.id, {
      source: 'JOB_BOARD',
      path: [{ stage: 'APPLIED', at: new Date(Date.now() - 2 * 86_400_000) }],
    })
    const splits = await funnelSplits(t, { days: 30 })
    const seniority = splits.filter((s) => s.dimension === 'seniority')
    expect(seniority.map((s) => [s.label, s.APPLIED, s.clients, s.isSmallSample])).toEqual([
      ['Intern', 1, 1, true],
      ['Mid-level', 5, 5, false],
      ['Senior', 1, 1, true],
      ['Executive', 1, 1, true],
      ['Not given', 2, 2, true],
    ])
    const sources = splits.filter((s) => s.dimension === 'source')
    expect(sources.map((s) => s.label)).toEqual(['Other', 'Job board'])
    expect(splits.every((s) => !/^[A-Z_]+$/.test(s.label))).toBe(true)
  })
})
