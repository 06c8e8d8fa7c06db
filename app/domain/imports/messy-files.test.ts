import { describe, expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import { mappingByHeader, previewFixture } from '../../../tests/import-fixtures'
import { commitImport } from './commit.server'

// Trackers as people keep them, written by hand: a European Excel sheet (semicolons, dd.mm.yyyy, BOM and
// CRLF, blank rows and a totals row), a TSV with text dates, free-word statuses and ISO timestamps in several
// timezones, and a Google Sheets job-tracker template with its title and merged group headings. Each is
// imported with no hand mapping and checked row by row against what its author meant (counted by hand).

const now = new Date('2026-11-23T15:00:00Z')
const preview = (name: string, timezone: string) => previewFixture(name, timezone, now)

const rowsOf = (valid: { row: number }[], keys: string[]) =>
  valid.map((r) => Object.fromEntries(['row', ...keys].map((k) => [k, (r as Record<string, unknown>)[k]])))

describe('a European Excel tracker: semicolons, day-first dates with dots, BOM and CRLF, a totals row', () => {
  const name = 'european-excel.csv'

  test('maps every column, reads 03.02.2026 as the 3rd of February, and refuses the impossible date and the totals row', async () => {
    const { preview: p } = await preview(name, 'Europe/Berlin')
    expect(p.delimiter).toBe(';')
    expect(p.problems).toEqual([])
    expect(mappingByHeader(p)).toEqual({
      Company: 'company',
      Role: 'roleTitle',
      Applied: 'appliedOn',
      Status: 'status',
      Reply: 'respondedOn',
      Remote: 'workMode',
      'Found via': 'source',
    })
    // 9 records after the header: 2 blank ones skipped, 7 read.
    expect(p.rowCount).toBe(7)
    expect(rowsOf(p.valid, ['company', 'appliedOn', 'respondedOn', 'stage', 'outcome', 'workMode', 'source'])).toEqual([
      {
        row: 2,
        company: 'Siemens',
        appliedOn: '2026-02-03',
        respondedOn: '2026-02-17',
        stage: 'APPLIED',
        outcome: 'REJECTED',
        workMode: 'ONSITE',
        source: 'JOB_BOARD',
      },
      {
        row: 3,
        company: 'Zalando',
        appliedOn: '2026-03-15',
        respondedOn: '2026-04-02',
        stage: 'INTERVIEW',
        outcome: 'REJECTED',
        workMode: 'REMOTE',
        source: 'JOB_BOARD',
      },
      // A phone screen on 20 October and nothing since: more than 21 days, closed as ghosted.
      {
        row: 4,
        company: 'Spotify',
        appliedOn: '2026-10-01',
        respondedOn: '2026-10-20',
        stage: 'SCREEN',
        outcome: 'GHOSTED',
        workMode: 'REMOTE',
        source: 'REFERRAL',
      },
      // 12.11.2026 is the 12th of November, not the 11th of December (which would be in the future).
      {
        row: 5,
        company: 'N26',
        appliedOn: '2026-11-12',
        respondedOn: null,
        stage: 'APPLIED',
        outcome: 'ACTIVE',
        workMode: 'ONSITE',
        source: 'COMPANY_SITE',
      },
      {
        row: 7,
        company: 'Delivery Hero',
        appliedOn: '2026-11-20',
        respondedOn: '2026-11-22',
        stage: 'OFFER',
        outcome: 'ACTIVE',
        workMode: 'HYBRID',
        source: 'RECRUITER',
      },
    ])
    expect(p.valid.find((r) => r.row === 4)!.closedAt).not.toBeNull()
    expect(p.rejected).toEqual([
      { row: 6, column: 'Applied', reason: expect.stringContaining('“31.02.2026” is not a date') },
      { row: 9, column: 'Company', reason: 'A “Total” row of the spreadsheet’s own sums, not an application' },
    ])
  })

  test('committed, the events are at noon in Berlin on the days the file gives', async () => {
    const { t, client, batch } = await preview(name, 'Europe/Berlin')
    expect(await commitImport(t, batch.id, { now })).toMatchObject({ status: 'COMMITTED', imported: 5 })
    const siemens = await prisma.jobApplication.findFirstOrThrow({
      where: { clientId: client.id, company: 'Siemens' },
      include: { stageEvents: { orderBy: { occurredAt: 'asc' } } },
    })
    // Winter in Berlin is UTC+1: noon there is 11:00 UTC.
    expect(siemens.stageEvents.map((e) => [e.toStage, e.toOutcome, e.occurredAt.toISOString()])).toEqual([
      ['APPLIED', 'ACTIVE', '2026-02-03T11:00:00.000Z'],
      ['APPLIED', 'REJECTED', '2026-02-17T11:00:00.000Z'],
    ])
  })
})

describe('a TSV with text dates, free-word statuses and timestamps in several timezones', () => {
  test('reads “3 March 2025”, “Mar 3, 2025”, “March 10th, 2025”, “7-Apr-2025” and ISO times with their offsets', async () => {
    const { preview: p } = await preview('text-dates.tsv', 'America/New_York')
    expect(p.delimiter).toBe('tab')
    expect(p.problems).toEqual([])
    expect(p.rejected).toEqual([])
    // Two blank trailing rows are not rows.
    expect(p.rowCount).toBe(6)
    expect(
      rowsOf(p.valid, ['company', 'appliedOn', 'appliedAt', 'statusDate', 'statusAt', 'stage', 'outcome']),
    ).toEqual([
      {
        row: 2,
        company: 'Acme',
        appliedOn: '2025-03-03',
        appliedAt: '2025-03-03T17:00:00.000Z',
        statusDate: '2025-03-28',
        statusAt: '2025-03-28T09:15:00.000Z',
        stage: 'FINAL',
        outcome: 'REJECTED',
      },
      {
        row: 3,
        company: 'Globex',
        appliedOn: '2025-03-03',
        appliedAt: '2025-03-03T17:00:00.000Z',
        statusDate: null,
        statusAt: null,
        stage: 'APPLIED',
        outcome: 'GHOSTED',
      },
      // 17:00 at UTC-5 is 22:00 UTC.
      {
        row: 4,
        company: 'Initech',
        appliedOn: '2025-03-10',
        appliedAt: '2025-03-10T16:00:00.000Z',
        statusDate: '2025-03-20',
        statusAt: '2025-03-20T22:00:00.000Z',
        stage: 'APPLIED',
        outcome: 'WITHDRAWN',
      },
      // 08:30 at UTC+2 is 06:30 UTC; 10:00 at UTC+1 is 09:00 UTC.
      {
        row: 5,
        company: 'Hooli',
        appliedOn: '2025-04-01',
        appliedAt: '2025-04-01T06:30:00.000Z',
        statusDate: '2025-05-02',
        statusAt: '2025-05-02T09:00:00.000Z',
        stage: 'OFFER',
        outcome: 'OFFER_ACCEPTED',
      },
      // The employer filled the position: closed by them.
      {
        row: 6,
        company: 'Umbrella',
        appliedOn: '2025-04-07',
        appliedAt: '2025-04-07T16:00:00.000Z',
        statusDate: null,
        statusAt: null,
        stage: 'APPLIED',
        outcome: 'REJECTED',
      },
      // "On hold" since April 2025: still open in the file, closed as ghosted by history.
      {
        row: 7,
        company: 'Stark',
        appliedOn: '2025-04-07',
        appliedAt: '2025-04-07T16:00:00.000Z',
        statusDate: null,
        statusAt: null,
        stage: 'APPLIED',
        outcome: 'GHOSTED',
      },
    ])
  })
})

describe('Google Sheets’ job application tracker template', () => {
  test('skips the title and the merged group headings, reads TRUE/FALSE, salary ranges and “Not Started”', async () => {
    const { preview: p } = await preview('google-sheets-tracker.csv', 'America/Chicago')
    expect(p.problems).toEqual([])
    expect(p.rejected).toEqual([])
    expect(p.headers[0]).toBe('Company')
    expect(mappingByHeader(p)).toEqual({
      Company: 'company',
      'Job Title': 'roleTitle',
      Location: 'location',
      'Date Applied': 'appliedOn',
      'Application Status': 'status',
      'Interview Date': 'respondedOn',
      'Cover Letter': 'coverLetter',
      'Salary Range': 'salary',
      'Job Posting Link': 'jobUrl',
      Notes: 'notes',
    })
    expect(
      rowsOf(p.valid, [
        'company',
        'appliedOn',
        'respondedOn',
        'stage',
        'outcome',
        'coverLetter',
        'salaryMin',
        'salaryMax',
      ]),
    ).toEqual([
      {
        row: 4,
        company: 'Northwind',
        appliedOn: '2026-01-06',
        respondedOn: null,
        stage: 'APPLIED',
        outcome: 'GHOSTED',
        coverLetter: false,
        salaryMin: 60000,
        salaryMax: 70000,
      },
      {
        row: 5,
        company: 'Contoso',
        appliedOn: '2026-01-09',
        respondedOn: null,
        stage: 'APPLIED',
        outcome: 'REJECTED',
        coverLetter: true,
        salaryMin: null,
        salaryMax: null,
      },
      // An interview on 10 November: not ghosted by the 23rd.
      {
        row: 6,
        company: 'Fabrikam',
        appliedOn: '2026-10-28',
        respondedOn: '2026-11-10',
        stage: 'INTERVIEW',
        outcome: 'ACTIVE',
        coverLetter: true,
        salaryMin: 85000,
        salaryMax: 85000,
      },
      {
        row: 7,
        company: 'Tailspin',
        appliedOn: '2026-11-02',
        respondedOn: '2026-11-09',
        stage: 'SCREEN',
        outcome: 'ACTIVE',
        coverLetter: false,
        salaryMin: null,
        salaryMax: null,
      },
      {
        row: 8,
        company: 'Litware',
        appliedOn: '2026-11-18',
        respondedOn: null,
        stage: 'SAVED',
        outcome: 'ACTIVE',
        coverLetter: false,
        salaryMin: null,
        salaryMax: null,
      },
      {
        row: 9,
        company: 'Adventure Works',
        appliedOn: '2026-11-15',
        respondedOn: '2026-11-20',
        stage: 'OFFER',
        outcome: 'ACTIVE',
        coverLetter: true,
        salaryMin: 78000,
        salaryMax: 78000,
      },
    ])
    expect(p.guesses[p.headers.indexOf('Interview Date')]!.why).toMatch(/interview/)
  })
})
