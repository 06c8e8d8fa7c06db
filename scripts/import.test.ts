import { spawn } from 'node:child_process'
import { describe, expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import { createClient, createCohort, createPracticeWithOwner } from '../tests/factories'

function runImport(args: string[]) {
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'scripts/import.ts', ...args], {
      env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL },
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, output }))
  })
}

/** `npm run import -- --org <slug> --client <email> tests/fixtures/imports/<name>` */
const importFixtureFor = (slug: string, email: string, name: string) =>
  runImport(['--org', slug, '--client', email, `tests/fixtures/imports/${name}`])

/** The run printed each line given and succeeded. */
function expectPrinted(run: { code: number | null; output: string }, lines: string[]) {
  for (const line of lines) expect(run.output).toContain(line)
  expect(run.code).toBe(0)
}

/** A new practice with these clients, for the command line to import into. */
async function practiceWith(...clients: { email: string; timezone?: string }[]) {
  const { org } = await createPracticeWithOwner(prisma)
  for (const client of clients) await createClient(prisma, org.id, client)
  return org
}

describe('npm run import', { timeout: 180_000 }, () => {
  test('imports a practice-wide file, prints the counts and every rejected row, then refuses it as duplicates', async () => {
    const org = await practiceWith({ email: 'ana@example.test' }, { email: 'ben@example.test' })

    const first = await runImport(['--org', org.slug, 'tests/fixtures/imports/coach-spreadsheet.csv'])
    expect(first.output).toContain('Imported: 7')
    expect(first.output).toContain('Duplicates skipped: 1')
    expect(first.output).toContain('Rejected rows: 5')
    expect(first.output).toContain('row 10, Company: The company is empty')
    expect(first.output).toContain('row 13, Client Email: stranger@example.test is not a client of this practice')
    expect(first.code).toBe(0)
    expect(await prisma.jobApplication.count({ where: { organizationId: org.id } })).toBe(7)

    const again = await runImport(['--org', org.slug, 'tests/fixtures/imports/coach-spreadsheet.csv'])
    expect(again.output).toContain('Imported: 0')
    expect(again.code).toBe(1)
  })

  // One client's file, imported for them by their email (in any case), printing each line given.
  test.each([
    [
      'imports one client’s LinkedIn export',
      {
        client: { email: 'cleo@example.test' },
        as: 'Cleo@example.test',
        file: 'linkedin-job-applications.csv',
        printed: ['Imported: 3'],
      },
    ],
    [
      'imports a career changer’s log it has never seen, with no mapping, to the hand counts',
      {
        client: { email: 'gus@example.test', timezone: 'America/Chicago' },
        as: 'gus@example.test',
        file: 'career-switch-log.csv',
        // Counted by hand in tests/fixtures/imports/career-switch-log.truth.json; every row is over a year old.
        printed: [
          'column “When” → appliedOn: 97% of its values are dates, the earliest in each row',
          'column “Where it ended up” → status: 99% of its values are status words',
          'column “1st reply” → respondedOn: Its header speaks of a response',
          'column “Remote (y/n)” → workMode',
          '12 rows still open in the file but silent for over 21 days: imported as ended',
          'Imported: 75\nDuplicates skipped: 1\nRejected rows: 3',
          'row 25, Company: A note in the spreadsheet (“MARCH - heads down on the SQL course”)',
          'row 48, Where it ended up: Unknown status “maybe?”',
          'row 85, Company: A note in the spreadsheet',
          'What went in: 35 rejected · 33 no response · 3 withdrawn · 0 still open · 20 reached an interview · 4 an offer',
        ],
      },
    ],
  ])('%s', async (_name, { client, as, file, printed }) => {
    const org = await practiceWith(client)
    expectPrinted(await importFixtureFor(org.slug, as, file), printed)
  })

  test('imports a European Excel tracker and a Google Sheets template with no mapping, naming each refused row', async () => {
    const org = await practiceWith({ email: 'dora@example.test', timezone: 'Europe/Berlin' })
    expectPrinted(await importFixtureFor(org.slug, 'dora@example.test', 'european-excel.csv'), [
      'Imported: 5',
      'Rejected rows: 2',
      'row 6, Applied: “31.02.2026” is not a date',
      'row 9, Company: A “Total” row of the spreadsheet’s own sums, not an application',
    ])
    expectPrinted(await importFixtureFor(org.slug, 'dora@example.test', 'google-sheets-tracker.csv'), ['Imported: 6'])
    const stored = await prisma.jobApplication.findMany({
      where: { organizationId: org.id },
      select: { company: true, appliedOn: true, stage: true, outcome: true },
      orderBy: { company: 'asc' },
    })
    // Stages and days as the files give them; which open rows history has closed depends on today.
    expect(stored.map((a) => `${a.company} ${a.appliedOn?.toISOString().slice(0, 10)} ${a.stage}`)).toEqual([
      'Adventure Works 2026-11-15 OFFER',
      'Contoso 2026-01-09 APPLIED',
      'Delivery Hero 2026-11-20 OFFER',
      'Fabrikam 2026-10-28 INTERVIEW',
      'Litware 2026-11-18 SAVED',
      'N26 2026-11-12 APPLIED',
      'Northwind 2026-01-06 APPLIED',
      'Siemens 2026-02-03 APPLIED',
      'Spotify 2026-10-01 SCREEN',
      'Tailspin 2026-11-02 SCREEN',
      'Zalando 2026-03-15 INTERVIEW',
    ])
    expect(stored.filter((a) => a.outcome === 'REJECTED').map((a) => a.company)).toEqual([
      'Contoso',
      'Siemens',
      'Zalando',
    ])
  })

  test('imports trackers it was not built on with no mapping: the hand counts, and each refused row by its number', async () => {
    const org = await practiceWith(
      { email: 'eli@example.test', timezone: 'America/New_York' },
      { email: 'fay@example.test', timezone: 'Europe/London' },
    )
    // Each refused row is printed with its number, its column and why.
    const refused = {
      24: 'Company Name: The company is empty',
      25: 'Date Applied: “sometime in march” is not a date',
      27: 'Status: Unknown status “ask Jenna”',
    }
    expectPrinted(await importFixtureFor(org.slug, 'eli@example.test', 'job-search-2025.csv'), [
      'Imported: 21\nDuplicates skipped: 1\nRejected rows: 3',
      ...Object.entries(refused).map(([row, reason]) => `row ${row}, ${reason}`),
    ])
    expectPrinted(await importFixtureFor(org.slug, 'fay@example.test', 'uk-grad-tracker.csv'), [
      'Imported: 12',
      'row 13, Applied on: “31/11/2026” is not a date',
    ])
    // Counted by hand. Which of the open rows history has closed as ghosted depends on today.
    const counts = async (email: string) => {
      const apps = await prisma.jobApplication.findMany({
        where: { organizationId: org.id, client: { email } },
        select: { stage: true, outcome: true, appliedOn: true, company: true },
      })
      return {
        applications: apps.length,
        rejections: apps.filter((a) => a.outcome === 'REJECTED').length,
        ghostedOrOpen: apps.filter((a) => a.outcome === 'GHOSTED' || a.outcome === 'ACTIVE').length,
        interviews: apps.filter((a) => ['INTERVIEW', 'FINAL', 'OFFER'].includes(a.stage)).length,
        offers: apps.filter((a) => a.stage === 'OFFER').length,
        firstDay: apps.map((a) => a.appliedOn!.toISOString().slice(0, 10)).sort()[0],
      }
    }
    expect(await counts('eli@example.test')).toEqual({
      applications: 21,
      rejections: 6,
      ghostedOrOpen: 12,
      interviews: 8,
      offers: 2,
      firstDay: '2025-01-06',
    })
    // 06/01/2026 in a day-first column is the 6th of January.
    expect(await counts('fay@example.test')).toEqual({
      applications: 12,
      rejections: 3,
      ghostedOrOpen: 7,
      interviews: 5,
      offers: 1,
      firstDay: '2026-01-06',
    })
  })

  test('an unknown client, a missing file and a missing --org fail with a message', async () => {
    const { org } = await createPracticeWithOwner(prisma)
    const stranger = await runImport(['--org', org.slug, '--client', 'nobody@example.test', 'x.csv'])
    expect(stranger.output).toContain('nobody@example.test is not a client')
    expect(stranger.code).toBe(1)
    const missing = await runImport(['--org', org.slug, 'tests/fixtures/imports/nope.csv'])
    expect(missing.code).toBe(1)
    const usage = await runImport(['tests/fixtures/imports/linkedin-job-applications.csv'])
    expect(usage.output).toContain('Usage: npm run import')
    expect(usage.code).toBe(2)
  })

  test('sets cohorts and client fields from columns named for them, creating a cohort only when asked', async () => {
    const { org } = await createPracticeWithOwner(prisma)
    const field = (name: string, kind: 'CHOICE' | 'DATE' | 'MULTI_CHOICE' | 'NUMBER', choices: string[] = []) =>
      prisma.clientField.create({ data: { organizationId: org.id, name, kind, choices } })
    const programme = await field('Programme', 'CHOICE', ['Data Science', 'UX Design', 'Web Development'])
    await field('Graduation date', 'DATE')
    await field('Skills', 'MULTI_CHOICE', ['Python', 'SQL', 'Figma', 'JavaScript', 'React'])
    await field('Tuition paid', 'NUMBER')
    await createCohort(prisma, org.id, 'Spring 2026', ['2026-01-12', '2026-06-30'])
    for (const name of ['ana', 'ben', 'cleo', 'dev', 'fay'])
      await createClient(prisma, org.id, { email: `${name}@bootcamp.test`, name })
    const run = await runImport(['--org', org.slug, '--create-cohorts', 'tests/fixtures/imports/bootcamp-tracker.csv'])
    expectPrinted(run, [
      'column “Programme”: The header is the name of your client field “Programme”',
      'column “Cohort”: The header says so',
      'cohort “Evening 2026” (rows 5, 8, 9): will be created',
      'Imported: 10',
      'Fields set on 4 clients',
      'Added to cohort Spring 2026: 3',
      'Added to cohort Evening 2026: 2 (new cohort)',
      'client value: row 6, Programme: “Web Dev” is not one of the choices of Programme',
    ])
    const dev = await prisma.client.findFirstOrThrow({ where: { organizationId: org.id, email: 'dev@bootcamp.test' } })
    expect((dev.customFields as Record<string, unknown>)[programme.id]).toBe('Web Development')
  })
})
