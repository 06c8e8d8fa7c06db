import { describe, expect, test } from 'vitest'
import type { Prisma } from '~/generated/prisma/client'
import { prisma } from '~/lib/db.server'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import { createClient, createMember, createPracticeWithOwner, newId } from '../../../tests/factories'
import {
  applicationSorts,
  ApplicationsQuery,
  exportApplicationsCsv,
  listApplications,
  type ApplicationsQuery as Query,
} from './caseload-applications.server'
import { parseDelimited } from '../imports/csv'

const companies = ['Acme', 'Globex', 'Initech']
const stagesCycle = ['SAVED', 'APPLIED', 'SCREEN', 'INTERVIEW'] as const

/** A practice of two coaches' clients with 130 applications full of ties (3 companies, 4 stages, shared dates). */
async function practice(options: { ownClientsOnly?: boolean } = {}) {
  const { org, owner } = await createPracticeWithOwner(prisma, {
    org: { coachesSeeOwnClientsOnly: options.ownClientsOnly ?? false },
  })
  const coach = await createMember(prisma, org.id, { name: 'Cora Coach' })
  const mine = await createClient(prisma, org.id, { name: 'Ada Lovelace', coachId: coach.id })
  const theirs = await createClient(prisma, org.id, { name: 'Ben Okafor', coachId: owner.id })
  const rows: Prisma.JobApplicationCreateManyInput[] = []
  for (let i = 0; i < 130; i++) {
    const stage = stagesCycle[i % 4]!
    rows.push({
      id: newId(),
      organizationId: org.id,
      clientId: i % 3 === 0 ? theirs.id : mine.id,
      company: companies[i % 3]!,
      roleTitle: i % 2 ? 'Data Analyst' : 'Product Manager',
      stage,
      outcome: i % 5 === 0 ? 'REJECTED' : 'ACTIVE',
      appliedOn: stage === 'SAVED' ? null : new Date(Date.UTC(2026, 0, 1 + (i % 7))),
      lastEventAt: new Date(Date.UTC(2026, 1, 1 + (i % 4))),
      source: i % 2 ? 'REFERRAL' : 'JOB_BOARD',
      industry: i % 2 ? 'Fintech' : 'Health',
    })
  }
  await prisma.jobApplication.createMany({ data: rows })
  const t = createTenantContext(prisma, { user: owner, org, role: 'OWNER' })
  const coachT = createTenantContext(prisma, { user: coach, org, role: 'COACH' })
  return { org, t, coachT, mine, theirs, coach, rows }
}

const q = (params: Record<string, string> = {}) => ApplicationsQuery.parse(params)

async function walk(t: Parameters<typeof listApplications>[0], base: Record<string, string>) {
  const pages: string[][] = []
  let page = await listApplications(t, q(base))
  pages.push(page.rows.map((r) => r.id))
  const forward = [page]
  while (page.next) {
    page = await listApplications(t, q({ ...base, after: page.next, at: String(page.position + page.rows.length) }))
    pages.push(page.rows.map((r) => r.id))
    forward.push(page)
  }
  return { pages, forward }
}

describe('the applications page query', () => {
  test('every sort, both ways: next pages never skip or repeat a row, even on ties, and previous pages come back the same', async () => {
    const { t, rows } = await practice()
    for (const sort of applicationSorts) {
      for (const dir of ['asc', 'desc']) {
        const base = { sort, dir }
        const { pages, forward } = await walk(t, base)
        const ids = pages.flat()
        expect(ids, `${sort} ${dir}`).toHaveLength(rows.length)
        expect(new Set(ids).size, `${sort} ${dir}`).toBe(rows.length)
        expect(pages.map((p) => p.length)).toEqual([50, 50, 30])
        expect(forward.map((p) => p.position)).toEqual([1, 51, 101])
        // Back from the last page with `before`: the same pages in reverse.
        let back = forward.at(-1)!
        for (let i = pages.length - 2; i >= 0; i--) {
          back = await listApplications(t, q({ ...base, before: back.previous!, at: String(back.position - 50) }))
          expect(
            back.rows.map((r) => r.id),
            `${sort} ${dir} back to page ${i + 1}`,
          ).toEqual(pages[i])
        }
        expect(back.previous).toBeNull()
      }
    }
  })

  test('rows come in the order asked, saved jobs (no applied date) last when oldest first', async () => {
    const { t } = await practice()
    const { forward } = await walk(t, { sort: 'appliedOn', dir: 'asc' })
    const dates = forward.flatMap((p) => p.rows.map((r) => r.appliedOn))
    const firstNull = dates.indexOf(null)
    expect(dates.slice(firstNull).every((d) => d === null)).toBe(true)
    const applied = dates.slice(0, firstNull) as string[]
    expect([...applied].sort()).toEqual(applied)
    const byCompany = (await listApplications(t, q({ sort: 'company', dir: 'desc' }))).rows.map((r) => r.company)
    expect(byCompany[0]).toBe('Initech')
  })

  test('filters narrow the rows and the count', async () => {
    const { t, mine, coach } = await practice()
    const interview = await listApplications(t, q({ stage: 'INTERVIEW' }))
    expect(interview.rows.every((r) => r.stage === 'INTERVIEW')).toBe(true)
    expect(interview.count).toEqual({ total: 32, kind: 'exact' })
    const rejectedGlobex = await listApplications(t, q({ outcome: 'REJECTED', company: 'glo' }))
    expect(rejectedGlobex.rows.length).toBeGreaterThan(0)
    expect(rejectedGlobex.rows.every((r) => r.outcome === 'REJECTED' && r.company === 'Globex')).toBe(true)
    const byClientName = await listApplications(t, q({ q: 'lovelace' }))
    expect(byClientName.rows.every((r) => r.clientId === mine.id)).toBe(true)
    expect(byClientName.count.total).toBe(86)
    const byTitle = await listApplications(t, q({ q: 'analyst', source: 'REFERRAL', industry: 'fintech' }))
    expect(byTitle.count.total).toBe(65)
    const dated = await listApplications(t, q({ from: '2026-01-02', to: '2026-01-03' }))
    expect(dated.rows.every((r) => r.appliedOn === '2026-01-02' || r.appliedOn === '2026-01-03')).toBe(true)
    const coached = await listApplications(t, q({ coach: coach.id }))
    expect(coached.rows.every((r) => r.clientId === mine.id && r.coachName === 'Cora Coach')).toBe(true)
    const nothing = await listApplications(t, q({ q: '100%_no_such' }))
    expect(nothing).toMatchObject({ rows: [], count: { total: 0, kind: 'exact' }, next: null, previous: null })
  })

  test('a coach who sees only their own clients sees only their applications', async () => {
    const { coachT, mine } = await practice({ ownClientsOnly: true })
    const { pages, forward } = await walk(coachT, {})
    expect(pages.flat()).toHaveLength(86)
    expect(forward.flatMap((p) => p.rows).every((r) => r.clientId === mine.id)).toBe(true)
    expect(forward[0]!.count.total).toBe(86)
    const csv = parseDelimited(await exportApplicationsCsv(coachT, q()))
    expect(csv.rows).toHaveLength(86)
  })

  test('another practice sees none of these applications', async () => {
    await practice()
    const other = await createPracticeWithOwner(prisma)
    const t = createTenantContext(prisma, { user: other.owner, org: other.org, role: 'OWNER' })
    expect((await listApplications(t, q())).rows).toEqual([])
  })

  test('bad URL parameters fall back to defaults instead of failing', async () => {
    const { t } = await practice()
    const query = ApplicationsQuery.parse({
      sort: 'password',
      dir: 'sideways',
      stage: 'HIRED',
      from: '2026-02-30',
      to: 'yesterday',
      at: '-4',
      after: 'not-a-cursor',
      q: '',
      seniority: '',
    })
    expect(query).toMatchObject({ sort: 'lastEventAt', dir: 'desc', at: 1 } satisfies Partial<Query>)
    expect(query.stage).toBeUndefined()
    expect(query.from).toBeUndefined()
    expect(query.to).toBeUndefined()
    expect(query.q).toBeUndefined()
    const page = await listApplications(t, query)
    expect(page.rows).toHaveLength(50)
    expect(page.previous).toBeNull()
    // A cursor made for another sort starts the page over rather than mixing orders.
    const first = await listApplications(t, q({ sort: 'company' }))
    const mixed = await listApplications(t, q({ sort: 'stage', after: first.next! }))
    expect(mixed.previous).toBeNull()
  })
})

describe('the CSV export', () => {
  test('holds every row matching the filters, not just the page, with the columns the importer reads', async () => {
    const { t } = await practice()
    const text = await exportApplicationsCsv(t, q({ outcome: 'ACTIVE', after: 'ignored' }))
    const table = parseDelimited(text)
    expect(table.headers.slice(0, 4)).toEqual(['Client Email', 'Company', 'Job Title', 'Status'])
    expect(table.rows).toHaveLength(104)
    const status = table.headers.indexOf('Outcome')
    expect(table.rows.every((r) => r.cells[status] === 'In progress')).toBe(true)
  })

  test('cells that a spreadsheet would run as formulas are neutralised', async () => {
    const { org, t, mine } = await practice()
    await prisma.jobApplication.createMany({
      data: ['=cmd|calc', '+1', '-2', '@x'].map((company) => ({
        organizationId: org.id,
        clientId: mine.id,
        company,
        roleTitle: '=HYPERLINK("http://evil.test")',
        notes: '@SUM(A1)',
      })),
    })
    const text = await exportApplicationsCsv(t, q({ q: 'HYPERLINK' }))
    const table = parseDelimited(text)
    expect(table.rows).toHaveLength(4)
    const cells = table.rows.flatMap((r) => r.cells)
    expect(cells).toEqual(
      expect.arrayContaining(["'=cmd|calc", "'+1", "'-2", "'@x", '\'=HYPERLINK("http://evil.test")', "'@SUM(A1)"]),
    )
    expect(cells.some((c) => /^[=+\-@]/.test(c))).toBe(false)
  })
})
