import { describe, expect, test } from 'vitest'
import { dateStyleOf, parseImportDate, parseImportDateTime } from './dates'
import { detectFormat, fitMapping, guessMapping, headerSignature, mappingProblems } from './mapping'
import { parseSalary, readRow } from './rows'
import { readStatus } from './statuses'

describe('status words', () => {
  test.each([
    ['Applied', 'APPLIED', 'ACTIVE'],
    ['submitted', 'APPLIED', 'ACTIVE'],
    ['', 'APPLIED', 'ACTIVE'],
    ['Phone Screen', 'SCREEN', 'ACTIVE'],
    ['screening', 'SCREEN', 'ACTIVE'],
    ['Recruiter call', 'SCREEN', 'ACTIVE'],
    ['INTERVIEWING', 'INTERVIEW', 'ACTIVE'],
    ['On-site', 'INTERVIEW', 'ACTIVE'],
    ['technical', 'INTERVIEW', 'ACTIVE'],
    ['Final Round', 'FINAL', 'ACTIVE'],
    ['final interview', 'FINAL', 'ACTIVE'],
    ['Offer!', 'OFFER', 'ACTIVE'],
    ['offered', 'OFFER', 'ACTIVE'],
    ['Offer accepted', 'OFFER', 'OFFER_ACCEPTED'],
    ['accepted', 'OFFER', 'OFFER_ACCEPTED'],
    ['Declined', 'OFFER', 'OFFER_DECLINED'],
    ['Rejected', 'APPLIED', 'REJECTED'],
    ['not selected', 'APPLIED', 'REJECTED'],
    ['Declined by employer', 'APPLIED', 'REJECTED'],
    ['Rejected - final round', 'FINAL', 'REJECTED'],
    ['rejected after phone screen', 'SCREEN', 'REJECTED'],
    ['No response', 'APPLIED', 'GHOSTED'],
    ['ghosted', 'APPLIED', 'GHOSTED'],
    ['no_reply', 'APPLIED', 'GHOSTED'],
    ['Withdrawn', 'APPLIED', 'WITHDRAWN'],
    ['withdrew', 'APPLIED', 'WITHDRAWN'],
    ['Wishlist', 'SAVED', 'ACTIVE'],
    ['bookmarked', 'SAVED', 'ACTIVE'],
    ['  SAVED  ', 'SAVED', 'ACTIVE'],
    // Typos, emoji and phrases of people's own.
    ['Rejected via email 1/15/2025', 'APPLIED', 'REJECTED'],
    ['In process', 'APPLIED', 'ACTIVE'],
    ['Rejcted', 'APPLIED', 'REJECTED'],
    ['Intervew', 'INTERVIEW', 'ACTIVE'],
    ['ghosed', 'APPLIED', 'GHOSTED'],
    ['Auto rejection', 'APPLIED', 'REJECTED'],
    ['Phone screen scheduled', 'SCREEN', 'ACTIVE'],
    ['Waiting to hear back', 'APPLIED', 'ACTIVE'],
    ['Telephone interview', 'SCREEN', 'ACTIVE'],
    ['Unsuccessful after assessment centre', 'INTERVIEW', 'REJECTED'],
    ['Online test', 'INTERVIEW', 'ACTIVE'],
    ['Application acknowledged', 'APPLIED', 'ACTIVE'],
    ['❌ Rejected after take-home', 'INTERVIEW', 'REJECTED'],
    ['🎉 Offer', 'OFFER', 'ACTIVE'],
    ['Rejected (no interview)', 'APPLIED', 'REJECTED'],
  ])('“%s” is stage %s, outcome %s', (word, stage, outcome) => {
    expect(readStatus(word)).toEqual({ stage, outcome })
  })

  test('an unknown word names no status', () => {
    // Two letters off, or a short word one letter off, is not a typo of a known word.
    expect(readStatus('Rjcted')).toBeNull()
    expect(readStatus('rek')).toBeNull()
    expect(readStatus('maybe later')).toBeNull()
    expect(readStatus('rejected by aliens')).toBeNull()
  })
})

describe('dates', () => {
  test.each([
    ['2026-03-24', '2026-03-24'],
    ['2026-03-24T10:15:00Z', '2026-03-24'],
    ['3/24/2026', '2026-03-24'],
    ['3/24/26', '2026-03-24'],
    ['3/24/23, 4:11 PM', '2023-03-24'],
    ['Mar 24, 2026', '2026-03-24'],
    ['March 24 2026', '2026-03-24'],
    ['24 Mar 2026', '2026-03-24'],
    ['24 September 2026', '2026-09-24'],
    ['24/03/2026', '2026-03-24'],
    ['Monday, January 5, 2026', '2026-01-05'],
    ['Wed, Jan 21, 2026', '2026-01-21'],
  ])('%s is %s', (text, day) => {
    expect(parseImportDate(text)).toBe(day)
  })

  test.each(['2026-02-30', '13/13/2026', 'yesterday', 'Mayday 3, 2026', '2026-3', ''])('%s is not a date', (text) => {
    expect(parseImportDate(text)).toBeNull()
  })
})

describe('a date column read as a whole', () => {
  test('one date that can only be day first makes the whole column day first', () => {
    const style = dateStyleOf(['06/01/2026', '14/01/2026', '02/02/2026', ''], 'Applied on')
    expect(style).toEqual({ dayFirst: true, serials: false })
    expect(parseImportDate('06/01/2026', style)).toBe('2026-01-06')
    expect(parseImportDate('12/10/2026', style)).toBe('2026-10-12')
    expect(parseImportDate('31/11/2026', style)).toBeNull()
    // Without the column, 06/01/2026 is read month first, as in the US.
    expect(parseImportDate('06/01/2026')).toBe('2026-06-01')
  })

  test('a column with dates that can only be either way stays month first', () => {
    expect(dateStyleOf(['13/01/2026', '01/13/2026']).dayFirst).toBe(false)
    expect(dateStyleOf(['1/6/25', '1/20/25']).dayFirst).toBe(false)
  })

  test('Excel serial numbers in a date column are dates; the fraction is the time of day', () => {
    const style = dateStyleOf(['1/21/25', '45680', '1/27/25'], 'Date Applied')
    expect(style.serials).toBe(true)
    expect(parseImportDate('45680', style)).toBe('2025-01-23')
    expect(parseImportDateTime('45680.625', style)).toEqual({
      day: '2025-01-23',
      time: '15:00:00',
      offsetMinutes: null,
    })
    // A number in a column that is not a date column is not a date, nor one outside 1990 to 2069.
    expect(dateStyleOf(['45000', '52000', 'DOE'], 'Salary').serials).toBe(false)
    expect(parseImportDate('45680')).toBeNull()
    expect(parseImportDate('12345', style)).toBeNull()
  })
})

describe('guessing the columns', () => {
  test('a yes/no “Response” column is not the status; a result beside the stage, and yes/no flags, are read', () => {
    const headers = ['Company', 'Title', 'Applied', 'Response', 'Stage', 'Outcome', 'Interview?', 'Rejected?']
    const rows = [
      ['Acme', 'Analyst', '2026-01-05', 'yes', 'Phone screen', 'Rejected', 'N', 'Y'],
      ['Globex', 'Analyst', '2026-01-07', 'no', 'Applied', '', 'N', 'N'],
      ['Initech', 'Analyst', '2026-01-09', 'y', 'Interview', 'Offer accepted', 'Y', 'N'],
    ]
    expect(guessMapping(headers, rows)).toEqual([
      'company',
      'roleTitle',
      'appliedOn',
      null,
      'status',
      'result',
      'interviewed',
      'rejected',
    ])
    const read = rows.map((cells, i) => readRow({ row: i + 2, cells }, headers, guessMapping(headers, rows)).value!)
    expect(read.map((r) => [r.stage, r.outcome])).toEqual([
      ['SCREEN', 'REJECTED'],
      ['APPLIED', 'ACTIVE'],
      ['OFFER', 'OFFER_ACCEPTED'],
    ])
  })

  test('LinkedIn’s export maps with no help and leaves out contact details and answers', () => {
    const headers = [
      'Application Date',
      'Contact Email',
      'Contact Phone Number',
      'Company Name',
      'Job Title',
      'Job Url',
      'Resume Name',
      'Question And Answers',
    ]
    expect(guessMapping(headers)).toEqual(['appliedOn', null, null, 'company', 'roleTitle', 'jobUrl', null, null])
    expect(detectFormat(headers)).toBe('linkedin')
    // Even a mapping that asks for them cannot import them.
    expect(
      fitMapping(headers, ['appliedOn', 'clientEmail', 'notes', 'company', 'roleTitle', null, null, null]),
    ).toEqual(['appliedOn', null, null, 'company', 'roleTitle', null, null, null])
  })

  test('Simplify’s export maps with no help', () => {
    const headers = ['Job Title', 'Company Name', 'Job URL', 'Applied Date', 'Status', 'Status Date']
    expect(guessMapping(headers)).toEqual(['roleTitle', 'company', 'jobUrl', 'appliedOn', 'status', 'statusDate'])
    expect(detectFormat(headers)).toBe('simplify')
  })

  test('a coach’s spreadsheet maps by common names, in any case and spacing', () => {
    const headers = [
      'COMPANY',
      'Position',
      'date_applied',
      'Stage',
      'Seniority',
      'Cover letter',
      'client e-mail',
      'Misc',
    ]
    expect(guessMapping(headers)).toEqual([
      'company',
      'roleTitle',
      'appliedOn',
      'status',
      'seniority',
      'coverLetter',
      'clientEmail',
      null,
    ])
    expect(detectFormat(headers)).toBe('spreadsheet')
  })

  test('the signature ignores case and punctuation but not order', () => {
    expect(headerSignature(['Company', 'Date Applied'])).toBe(headerSignature(['company ', 'date_applied']))
    expect(headerSignature(['Company', 'Date Applied'])).not.toBe(headerSignature(['Date Applied', 'Company']))
  })

  test('a mapping without a company, date or client says so; one without a title imports untitled rows', () => {
    expect(mappingProblems([null, 'status'], { hasClient: false })).toHaveLength(3)
    expect(mappingProblems(['company', 'roleTitle', 'appliedOn'], { hasClient: true })).toEqual([])
    expect(mappingProblems(['company', 'appliedOn'], { hasClient: true })).toEqual([])
    const headers = ['Company', 'Applied', 'Title']
    expect(readRow({ row: 2, cells: ['Acme', '2026-01-05'] }, headers, ['company', 'appliedOn']).value!.roleTitle).toBe(
      'Title not given',
    )
    const blank = readRow({ row: 3, cells: ['Acme', '2026-01-05', ''] }, headers, ['company', 'appliedOn', 'roleTitle'])
    expect(blank.value!.roleTitle).toBe('Title not given')
    expect(blank.notes).toEqual([
      { row: 3, column: 'Title', reason: 'The job title is empty: imported as “Title not given”' },
    ])
  })

  test('a mapping that uses one field twice does not fit', () => {
    expect(fitMapping(['a', 'b'], ['company', 'company'])).toBeNull()
    expect(fitMapping(['a', 'b'], ['company'])).toBeNull()
  })
})

describe('reading a row', () => {
  const headers = ['Company', 'Title', 'Applied', 'Status', 'Level', 'Salary', 'Link', 'Tailored']
  const mapping = guessMapping(['Company', 'Title', 'Applied', 'Status', 'Level', 'Salary', 'Link', 'Tailored'])

  test('a full row becomes an application', () => {
    const { value, errors } = readRow(
      { row: 2, cells: ['Acme', 'Analyst', '3/2/2026', 'Interview', 'Senior', '$80k–$95k', 'acme.test/jobs/1', 'Yes'] },
      headers,
      mapping,
    )
    expect(errors).toEqual([])
    expect(value).toMatchObject({
      company: 'Acme',
      appliedOn: '2026-03-02',
      stage: 'INTERVIEW',
      seniority: 'SENIOR',
      salaryMin: 80000,
      salaryMax: 95000,
      jobUrl: 'https://acme.test/jobs/1',
      resumeTailored: true,
    })
  })

  test('every problem of a row is named with its column', () => {
    const { value, errors, notes } = readRow(
      { row: 7, cells: ['', 'Analyst', 'soon', 'Maybe later', 'Wizard', '12 3 4', 'not a link', 'maybe'] },
      headers,
      mapping,
    )
    expect(value).toBeNull()
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [7, 'Company'],
      [7, 'Status'],
      [7, 'Applied'],
      [7, 'Tailored'],
    ])
    expect(errors.find((e) => e.column === 'Status')?.reason).toContain('“Maybe later”')
    // A level, a link or a salary it cannot read is left out of a row that is still imported, and said so.
    expect(notes.map((e) => [e.row, e.column])).toEqual([
      [7, 'Level'],
      [7, 'Link'],
      [7, 'Salary'],
    ])
  })

  test('salaries read as amounts or ranges', () => {
    expect(parseSalary('80000')).toEqual({ min: 80000, max: 80000 })
    expect(parseSalary('£80 000 – £100 000')).toEqual({ min: 80000, max: 100000 })
    expect(parseSalary('90k to 110k')).toEqual({ min: 90000, max: 110000 })
    expect(parseSalary('competitive')).toBeNull()
  })
})
