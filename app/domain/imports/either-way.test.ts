import { describe, expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import { createClient, createPracticeWithOwner } from '../../../tests/factories'
import { chooseImportMapping, createImport, previewImportBatch, readChoices } from './batches.server'
import { commitImport } from './commit.server'
import { toCsv } from './csv'
import { guessMapping, readDateColumns } from './mapping'
import { readRow } from './rows'
import { readStatus } from './statuses'
import { parseSalary } from './values'

// What reads two ways: a yes/no column (no is as much an answer as yes), and a date like 02/04/2025,
// which is 4 February in the US and 2 April nearly everywhere else.

describe('a yes/no “Remote” column answers both ways', () => {
  const headers = ['Company', 'Applied', 'Remote?']
  const rows = [
    ['Acme', '2026-01-05', 'y'],
    ['Acme', '2026-01-05', 'no'],
  ]
  const mapping = guessMapping(headers, rows)

  test.each([
    ['y', 'REMOTE'],
    ['Yes', 'REMOTE'],
    ['TRUE', 'REMOTE'],
    ['1', 'REMOTE'],
    ['x', 'REMOTE'],
    ['n', 'ONSITE'],
    ['No', 'ONSITE'],
    ['FALSE', 'ONSITE'],
    ['0', 'ONSITE'],
    ['hybrid', 'HYBRID'],
    ['Partly', 'HYBRID'],
    ['flexible', 'HYBRID'],
    ['remote', 'REMOTE'],
    ['on-site', 'ONSITE'],
    ['', null],
  ])('“%s” is %s', (cell, workMode) => {
    expect(mapping[2]).toBe('workMode')
    const { value } = readRow({ row: 2, cells: ['Acme', '2026-01-05', cell] }, headers, mapping)
    expect(value!.workMode).toBe(workMode)
  })

  test('a column of noes alone is still the work mode, not left out', () => {
    const noes = [
      ['Acme', '2026-01-05', 'n'],
      ['Globex', '2026-01-06', 'false'],
      ['Initech', '2026-01-07', '0'],
    ]
    expect(guessMapping(headers, noes)[2]).toBe('workMode')
  })

  test('the other yes/no columns read no as no', () => {
    const flags = ['Company', 'Applied', 'Offer?', 'Interviewed?', 'Tailored?']
    const mapping = guessMapping(flags, [['Acme', '2026-01-05', 'n', 'no', 'FALSE']])
    expect(mapping).toEqual(['company', 'appliedOn', 'offer', 'interviewed', 'resumeTailored'])
    const no = readRow({ row: 2, cells: ['Acme', '2026-01-05', 'n', 'no', 'FALSE'] }, flags, mapping).value!
    expect([no.stage, no.resumeTailored]).toEqual(['APPLIED', false])
    const yes = readRow({ row: 3, cells: ['Acme', '2026-01-05', 'y', 'yes', 'TRUE'] }, flags, mapping).value!
    expect([yes.stage, yes.resumeTailored]).toEqual(['OFFER', true])
  })
})

describe('day-first slash dates, column by column', () => {
  const headers = ['Company', 'Applied', 'Reply']
  const mapping = ['company', 'appliedOn', 'respondedOn'] as const
  const us = { dayFirst: false, because: 'as in the US' }
  const read = (rows: string[][], chosen?: 'day' | 'month') => readDateColumns(headers, rows, [...mapping], us, chosen)

  test('one date past the 12th in the first place makes the whole column day first, and says so', () => {
    const rows = [
      ['Acme', '13/03/2025', ''],
      ['Globex', '02/04/2025', ''],
    ]
    const { styles, notes } = read(rows)
    expect(styles[1]!.dayFirst).toBe(true)
    expect(notes[1]).toBe('13/03/2025 can only be day first, so its dates are read day first')
    const globex = readRow({ row: 3, cells: rows[1]! }, headers, [...mapping], { dateStyles: styles }).value!
    expect(globex.appliedOn).toBe('2025-04-02')
  })

  test('a column that reads either way throughout follows the file’s other date column', () => {
    const { styles, notes } = read([
      ['Acme', '02/04/2025', '20/04/2025'],
      ['Globex', '03/04/2025', '05/05/2025'],
    ])
    expect(styles[1]!.dayFirst).toBe(true)
    expect(notes[1]).toBe(
      'Its dates read either way (02/04/2025): day first (2 Apr), like the file’s other date column',
    )
  })

  test('alone, it takes the default given and says why; the coach’s choice wins over both', () => {
    const rows = [['Acme', '02/04/2025', '']]
    expect(read(rows).styles[1]!.dayFirst).toBe(false)
    expect(read(rows).notes[1]).toBe('Its dates read either way (02/04/2025): month first (4 Feb), as in the US')
    expect(read(rows).eitherWay).toBe(true)
    const chosen = read(rows, 'day')
    expect(chosen.styles[1]!.dayFirst).toBe(true)
    expect(chosen.notes[1]).toBe('Its dates read either way (02/04/2025): day first (2 Apr), as you chose')
    // A US column (3/24/2025) says so; ISO dates need no word.
    expect(read([['Acme', '3/24/2025', '']]).notes[1]).toBe(
      '3/24/2025 can only be month first, so its dates are read month first',
    )
    expect(read([['Acme', '2025-04-02', '']]).notes[1]).toBeNull()
  })
})

describe('a file whose dates read either way throughout, in the preview', () => {
  const now = new Date('2026-11-23T15:00:00Z')
  const csv = toCsv([
    ['Company', 'Title', 'Applied', 'Status'],
    ['Acme', 'Analyst', '02/04/2026', 'Applied'],
    ['Globex', 'Analyst', '05/06/2026', 'Rejected'],
  ])

  async function upload(timezone: string) {
    const { org, owner } = await createPracticeWithOwner(prisma)
    const t = createTenantContext(prisma, { user: owner, org, role: 'OWNER' })
    const client = await createClient(prisma, org.id, { timezone })
    const batch = await createImport(
      t,
      { name: 'dates.csv', bytes: new TextEncoder().encode(csv) },
      { clientId: client.id },
    )
    return { t, client, batch }
  }

  test('is read day first for a client in London, month first for one in New York, and the reason says which', async () => {
    const london = await upload('Europe/London')
    const { preview: p } = (await previewImportBatch(london.t, london.batch.id, now))!
    expect(p.valid.map((r) => r.appliedOn)).toEqual(['2026-04-02', '2026-06-05'])
    expect(p.dateNotes[2]).toBe(
      'Its dates read either way (02/04/2026): day first (2 Apr), as written where the client is (Europe/London)',
    )
    expect(p.dateOrderAsked).toBe(true)

    const newYork = await upload('America/New_York')
    const { preview: q } = (await previewImportBatch(newYork.t, newYork.batch.id, now))!
    expect(q.valid.map((r) => r.appliedOn)).toEqual(['2026-02-04', '2026-05-06'])
    expect(q.dateNotes[2]).toContain('month first (4 Feb), as in the US, where the client is (America/New_York)')
  })

  test('the coach can say otherwise, and the commit writes what the preview showed', async () => {
    const { t, client, batch } = await upload('Europe/London')
    await chooseImportMapping(t, batch.id, readChoices(batch.mapping).columns, { dateOrder: 'month' })
    const { preview: p } = (await previewImportBatch(t, batch.id, now))!
    expect(p.dateOrder).toBe('month')
    expect(p.dateNotes[2]).toContain('month first (4 Feb), as you chose')
    await commitImport(t, batch.id, { now })
    const applied = await prisma.jobApplication.findMany({
      where: { clientId: client.id },
      orderBy: { appliedOn: 'asc' },
      select: { appliedOn: true },
    })
    expect(applied.map((a) => a.appliedOn!.toISOString().slice(0, 10))).toEqual(['2026-02-04', '2026-05-06'])
  })
})

describe('what a real career changer’s log needed', () => {
  test('a range with its thousands written once reads as thousands at both ends', () => {
    expect(parseSalary('$90-110k')).toEqual({ min: 90000, max: 110000 })
    expect(parseSalary('60-70K')).toEqual({ min: 60000, max: 70000 })
    // An hourly range stays as written: no k, no thousands.
    expect(parseSalary('$45-55')).toEqual({ min: 45, max: 55 })
  })

  test('“they closed the req” is the employer closing the job', () => {
    expect(readStatus('applied, then they closed the req')).toEqual({
      stage: 'APPLIED',
      outcome: 'REJECTED',
      reason: 'POSITION_FILLED',
    })
  })

  test('a heading typed in the date column is a note, not an application', () => {
    const headers = ['When', 'Company', 'Role']
    const { value, errors } = readRow({ row: 25, cells: ['MARCH - heads down on SQL', '', ''] }, headers, [
      'appliedOn',
      'company',
      'roleTitle',
    ])
    expect(value).toBeNull()
    expect(errors.map((e) => e.reason)).toEqual([
      'A note in the spreadsheet (“MARCH - heads down on SQL”), not an application: no company, job title or date',
    ])
  })
})
