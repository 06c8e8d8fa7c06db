import { describe, expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import { createClient, createPracticeWithOwner } from '../../../tests/factories'
import { mappingByHeader, previewFixture, truthOf } from '../../../tests/import-fixtures'
import { createImport, previewImportBatch } from './batches.server'
import { commitImport } from './commit.server'

// Files written the way people keep them and not used while the importer was built: a US tracker with
// m/d/yy dates, two Excel serial numbers, typos, a yes/no "Remote?" column and a "Heard back" date; a UK
// graduate's tracker with day-first slash dates (03/02/2026 is the 3rd of February there) and British
// words; a Notion export with emoji statuses and multi-select cells; Simplify's fuller export with
// timestamps and their offsets; a sheet with a stage column and an outcome column beside it, yes/no
// "Interview?" and "Rejected?" columns, and dates in the long format that opens with the weekday. Each is imported with no hand mapping and checked row by row against
// the .truth.json written by hand beside it, then committed and counted as a person would count it.

const now = new Date('2026-11-23T15:00:00Z')
const stages = ['SAVED', 'APPLIED', 'SCREEN', 'INTERVIEW', 'FINAL', 'OFFER']
const reached = (stage: string, at: string) => stages.indexOf(stage) >= stages.indexOf(at)
const preview = (name: string, timezone: string) => previewFixture(name, timezone, now)

/** Counted by hand from each file: what a coach would count reading it. */
const files = [
  {
    name: 'job-search-2025.csv',
    timezone: 'America/New_York',
    mapping: {
      'Date Applied': 'appliedOn',
      'Company Name': 'company',
      Position: 'roleTitle',
      Status: 'status',
      'Remote?': 'workMode',
      'Heard back': 'respondedOn',
      Salary: 'salary',
      'Job Link': 'jobUrl',
      Notes: 'notes',
    },
    counts: { applications: 21, rejections: 6, ghosted: 9, interviews: 8, offers: 2 },
  },
  {
    name: 'uk-grad-tracker.csv',
    timezone: 'Europe/London',
    mapping: {
      'Applied on': 'appliedOn',
      Employer: 'company',
      Role: 'roleTitle',
      Location: 'location',
      Progress: 'status',
      'Reply received': 'respondedOn',
      Salary: 'salary',
      Via: 'source',
    },
    counts: { applications: 12, rejections: 3, ghosted: 6, interviews: 5, offers: 1 },
  },
  {
    name: 'notion-job-board.csv',
    timezone: 'America/Los_Angeles',
    mapping: {
      Company: 'company',
      Status: 'status',
      Role: 'roleTitle',
      Applied: 'appliedOn',
      Type: 'workMode',
      'Created time': null,
      'Last edited time': 'statusDate',
    },
    counts: { applications: 12, rejections: 3, ghosted: 4, interviews: 5, offers: 2 },
  },
  {
    name: 'simplify-full-export.csv',
    timezone: 'America/Chicago',
    mapping: {
      Company: 'company',
      'Job Title': 'roleTitle',
      Remote: 'workMode',
      Status: 'status',
      'Applied Date': 'appliedOn',
      'Status Date': 'statusDate',
      'Job Type': null,
    },
    // One of the seventeen is saved, not yet applied for. The last six rows (a company name with a comma, a
    // note over two lines, a job saved twice, an offer never taken up) were added to make the file as awkward
    // as real exports: the counts were 12, 2, 5, 4 and 2 before them.
    counts: { applications: 17, rejections: 3, ghosted: 6, interviews: 6, offers: 3 },
  },
  {
    name: 'stage-and-result.csv',
    timezone: 'America/Denver',
    mapping: {
      Company: 'company',
      'Job Title': 'roleTitle',
      Date: 'appliedOn',
      Stage: 'status',
      Result: 'result',
      'Interview?': 'interviewed',
      'Rejected?': 'rejected',
    },
    counts: { applications: 10, rejections: 3, ghosted: 3, interviews: 4, offers: 1 },
  },
  {
    // A career changer's year of applying (US dates, ISO and "Jan 14 2025" mixed in one column), with
    // combined statuses ("Phone screen -> rejected", "Interview -> offer -> declined"), y/n/hybrid, salary
    // bands, a first-reply column, an offer flag, blank lines, a month heading and a closing note.
    name: 'career-switch-log.csv',
    timezone: 'America/Chicago',
    mapping: {
      When: 'appliedOn',
      Company: 'company',
      'Role I went for': 'roleTitle',
      'Location (city)': 'location',
      'Where I saw it': 'source',
      'Remote (y/n)': 'workMode',
      'Salary band': 'salary',
      'Where it ended up': 'status',
      '1st reply': 'respondedOn',
      'Offer?': 'offer',
      Notes: 'notes',
    },
    counts: { applications: 75, rejections: 35, ghosted: 33, interviews: 20, offers: 4 },
  },
]

describe.each(files)('$name, unseen while the importer was built', ({ name, timezone, mapping, counts }) => {
  test('maps with no help, reads every row as its author meant, and names each refused row', async () => {
    const { preview: p } = await preview(name, timezone)
    expect(p.problems).toEqual([])
    expect(mappingByHeader(p)).toMatchObject(mapping)
    for (const [i, field] of p.mapping.entries()) if (field) expect(p.guesses[i]!.why).not.toBe('')
    // The recruiter's contact column is cut from the file before it is kept, never offered as the client's email.
    expect(p.headers.filter((h) => /contact/i.test(h))).toEqual([])
    expect(p.mapping).not.toContain('clientEmail')

    const truth = truthOf(name)
    const expected = truth.filter((r) => r.stage)
    expect(
      p.valid.map((r) => ({
        row: r.row,
        company: r.company,
        appliedOn: r.appliedOn,
        respondedOn: r.respondedOn,
        stage: r.stage,
        outcome: r.outcome,
        workMode: r.workMode,
        reason: r.rejectionReason,
        closedByHistory: Boolean(r.closedAt),
      })),
    ).toEqual(
      expected.map((r) => ({
        row: r.row,
        company: r.company,
        appliedOn: r.appliedOn ?? null,
        respondedOn: r.respondedOn ?? null,
        stage: r.stage,
        outcome: r.outcome,
        workMode: r.workMode ?? null,
        reason: r.reason ?? null,
        closedByHistory: Boolean(r.closedByHistory),
      })),
    )
    const refused = truth.filter((r) => r.refused)
    expect([...new Set(p.rejected.map((r) => r.row))]).toEqual(refused.map((r) => r.row))
    for (const r of refused)
      expect(p.rejected.find((e) => e.row === r.row)?.reason, `row ${r.row}`).toContain(r.refused)
    expect(p.duplicates.map((d) => [d.row, d.reason])).toEqual(
      truth
        .filter((r) => r.duplicateOf)
        .map((r) => [r.row, `Same company, title and applied date as row ${r.duplicateOf}`]),
    )
    expect(p.stale.count).toBe(truth.filter((r) => r.closedByHistory).length)
  })

  test('committed, the applications, rejections, ghosted, interviews, offers and response times are the hand counts', async () => {
    const { t, client, batch } = await preview(name, timezone)
    const result = await commitImport(t, batch.id, { now })
    expect(result).toMatchObject({ status: 'COMMITTED', imported: counts.applications })
    const apps = await prisma.jobApplication.findMany({
      where: { clientId: client.id },
      include: { stageEvents: { orderBy: { occurredAt: 'asc' } } },
    })
    expect({
      applications: apps.length,
      rejections: apps.filter((a) => a.outcome === 'REJECTED').length,
      ghosted: apps.filter((a) => a.outcome === 'GHOSTED').length,
      interviews: apps.filter((a) => reached(a.stage, 'INTERVIEW')).length,
      offers: apps.filter((a) => a.stage === 'OFFER').length,
    }).toEqual(counts)
    // The employer's first answer is dated by the file's response column, in the client's timezone.
    for (const r of truthOf(name).filter((x) => x.respondedOn)) {
      const app = apps.find((a) => a.company === r.company)!
      const answer = app.stageEvents.find(
        (e) => (e.toStage !== 'APPLIED' && e.toOutcome === 'ACTIVE') || e.toOutcome === 'REJECTED',
      )
      if (!answer) continue
      const day = new Intl.DateTimeFormat('en-CA', { timeZone: timezone }).format(answer.occurredAt)
      expect(day, `row ${r.row}`).toBe(r.respondedOn)
    }
  })
})

test('a tracker’s “Email” column of recruiters’ addresses, in a file for one client, is left out rather than refusing every row', async () => {
  const csv = [
    'Company,Role,Date applied,Status,Email',
    'Acme,Analyst,2026-11-02,Applied,jobs@acme.test',
    'Globex,Analyst,2026-11-03,Rejected,',
  ].join('\n')
  const { org, owner } = await createPracticeWithOwner(prisma)
  const t = createTenantContext(prisma, { user: owner, org, role: 'OWNER' })
  const client = await createClient(prisma, org.id, { email: 'gia@example.test' })
  const batch = await createImport(
    t,
    { name: 'mine.csv', bytes: new TextEncoder().encode(csv) },
    { clientId: client.id },
  )
  const { preview: p } = (await previewImportBatch(t, batch.id, now))!
  expect(p.mapping[4]).toBeNull()
  expect(p.guesses[4]!.why).toMatch(/other people’s emails/)
  expect(p.valid.map((r) => r.company)).toEqual(['Acme', 'Globex'])
  // A "Client Email" column keeps its meaning: another client's row does not land with this one.
  const practiceWide = csv.replace(',Email', ',Client Email')
  const second = await createImport(
    t,
    { name: 'theirs.csv', bytes: new TextEncoder().encode(practiceWide) },
    { clientId: client.id },
  )
  const { preview: q } = (await previewImportBatch(t, second.id, now))!
  expect(q.mapping[4]).toBe('clientEmail')
  expect(q.rejected).toEqual([
    { row: 2, column: 'Client Email', reason: 'This row is for jobs@acme.test, not gia@example.test' },
  ])
})
