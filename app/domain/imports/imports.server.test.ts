import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import { createApplication, createClient, createPracticeWithOwner } from '../../../tests/factories'
import { storedBatch } from '../../../tests/import-fixtures'
import { chooseImportMapping, createImport, previewImportBatch, readChoices } from './batches.server'
import { commitImport, importedHistory, runImport, writeImportRows } from './commit.server'
import { toCsv } from './csv'
import { importLimits, previewImport, type ValidRow } from './preview.server'
import { InputError } from '~/lib/input-error'

const now = new Date('2026-11-23T10:00:00Z')
const file = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(`tests/fixtures/imports/${name}`)) })
const textFile = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) })

async function practice() {
  const { org, owner } = await createPracticeWithOwner(prisma)
  const t = createTenantContext(prisma, { user: owner, org, role: 'OWNER' })
  const ana = await createClient(prisma, org.id, { email: 'ana@example.test', name: 'Ana' })
  const ben = await createClient(prisma, org.id, { email: 'ben@example.test', name: 'Ben' })
  return { t, org, owner, ana, ben }
}

describe('previewing an import', () => {
  test('a coach’s practice-wide spreadsheet: valid rows, each rejected row with its reason, duplicates', async () => {
    const { t, ana } = await practice()
    const preview = await previewImport(t, file('coach-spreadsheet.csv'), { now })
    expect(preview.problems).toEqual([])
    expect(preview.rowCount).toBe(13)
    expect(preview.valid.map((r) => r.row)).toEqual([2, 3, 5, 6, 7, 8, 9])
    expect(preview.rejected).toEqual([
      { row: 10, column: 'Company', reason: 'The company is empty' },
      { row: 11, column: 'Date Applied', reason: expect.stringContaining('“2026-02-30” is not a date') },
      { row: 12, column: 'Status', reason: expect.stringContaining('Unknown status “Maybe later”') },
      { row: 13, column: 'Client Email', reason: 'stranger@example.test is not a client of this practice' },
      { row: 14, column: 'Date Applied', reason: '2099-01-01 is in the future' },
    ])
    expect(preview.rejectedRowCount).toBe(5)
    expect(preview.duplicateCount).toBe(1)
    const globex = preview.valid.find((r) => r.company === 'Globex, Inc.')!
    expect(globex).toMatchObject({ clientId: ana.id, stage: 'SCREEN', seniority: 'SENIOR', salaryMin: 90000 })
    expect(preview.valid.find((r) => r.company === 'Hooli')?.notes).toBe(
      'Met the team.\nSecond line of the note, with a "quote".',
    )
  })

  test('LinkedIn’s export for one client needs no mapping and keeps no contact details', async () => {
    const { t, ben } = await practice()
    const preview = await previewImport(t, file('linkedin-job-applications.csv'), { clientId: ben.id, now })
    expect(preview.format).toBe('linkedin')
    expect(preview.problems).toEqual([])
    expect(preview.rejected).toEqual([])
    expect(preview.valid.map((r) => [r.company, r.roleTitle, r.appliedOn])).toEqual([
      ['Acme Corp', 'Product Analyst', '2023-03-24'],
      ['Globex', 'Senior Data Analyst', '2023-04-02'],
      ['Initech', 'Analyst, Business Intelligence', '2024-11-15'],
    ])
    expect(JSON.stringify(preview.valid)).not.toMatch(/talent@acme|555|authorized|Resume_/)
  })

  test('Simplify’s export reads its statuses and status dates', async () => {
    const { t, ana } = await practice()
    const preview = await previewImport(t, file('simplify-export.csv'), { clientId: ana.id, now, keepOpen: true })
    expect(preview.format).toBe('simplify')
    expect(preview.valid.map((r) => [r.company, r.stage, r.outcome, r.statusDate])).toEqual([
      ['Globex', 'APPLIED', 'REJECTED', '2026-01-30'],
      ['Hooli', 'INTERVIEW', 'ACTIVE', '2026-02-20'],
      ['Umbrella', 'APPLIED', 'ACTIVE', '2026-02-10'],
      ['Vandelay Industries', 'OFFER', 'ACTIVE', '2026-03-28'],
    ])
  })

  test('TSV, BOM and Windows-1252 files read as their authors wrote them', async () => {
    const { t, ana } = await practice()
    const tsv = await previewImport(t, file('coach-sheet.tsv'), { clientId: ana.id, now })
    expect(tsv.valid.map((r) => r.roleTitle)).toEqual(['Product Analyst', 'Data Analyst', 'Product Manager, Growth'])
    const bom = await previewImport(t, file('bom-utf8.csv'), { clientId: ana.id, now })
    expect(bom.valid.map((r) => r.company)).toEqual(['Acme Corp', 'Zoë Café'])
    const cp1252 = await previewImport(t, file('windows-1252.csv'), { clientId: ana.id, now })
    expect(cp1252.encoding).toBe('windows-1252')
    expect(cp1252.valid.map((r) => r.company)).toEqual(['Société Générale', 'O’Reilly Media'])
  })

  test('a file over 5 MB and a file over 20,000 rows are refused with a clear message', async () => {
    const { t, ana } = await practice()
    const big = textFile('big.csv', 'Company,Title,Applied\n' + 'x'.repeat(importLimits.maxBytes))
    await expect(previewImport(t, big, { clientId: ana.id })).rejects.toThrow('larger than 5 MB')
    const many = textFile('many.csv', 'Company,Title,Applied\n' + 'Acme,Analyst,2026-01-01\n'.repeat(20_001))
    await expect(previewImport(t, many, { clientId: ana.id })).rejects.toThrow(
      'The file has 20,001 rows; the limit is 20,000.',
    )
    await expect(previewImport(t, textFile('e.csv', '\n\n'), {})).rejects.toBeInstanceOf(InputError)
  })

  test('a practice-wide file without a client column asks for one', async () => {
    const { t } = await practice()
    const preview = await previewImport(t, file('simplify-export.csv'), { now })
    expect(preview.problems).toEqual([
      'Choose a client for this file, or the column that holds each row’s client email.',
    ])
    expect(preview.valid).toEqual([])
  })

  test('rows already in the pipeline are duplicates, whatever their case', async () => {
    const { t, ana } = await practice()
    await createApplication(prisma, t.org.id, ana.id, {
      company: 'HOOLI',
      roleTitle: 'product manager',
      appliedOn: new Date('2026-02-03'),
    })
    const preview = await previewImport(t, file('simplify-export.csv'), { clientId: ana.id, now })
    expect(preview.duplicateCount).toBe(1)
    expect(preview.valid.map((r) => r.company)).not.toContain('Hooli')
  })
})

describe('committing an import', () => {
  test('valid rows go in with their stage events; rejected rows and duplicates are skipped and recorded', async () => {
    const { t, ben } = await practice()
    const batch = await createImport(t, file('coach-spreadsheet.csv'))
    const result = await commitImport(t, batch.id, { now })
    expect(result).toMatchObject({ status: 'COMMITTED', imported: 7 })
    const saved = await storedBatch(batch.id)
    expect(saved).toMatchObject({ status: 'COMMITTED', importedCount: 7, duplicateCount: 1, rowCount: 13 })
    expect(saved.sourceText).toBeNull()
    expect(saved.rejectedRows).toHaveLength(5)

    const initech = await prisma.jobApplication.findFirstOrThrow({
      where: { clientId: ben.id, company: 'Initech' },
      include: { stageEvents: { orderBy: { occurredAt: 'asc' } } },
    })
    expect(initech).toMatchObject({
      stage: 'INTERVIEW',
      outcome: 'REJECTED',
      rejectionStage: 'INTERVIEW',
      endedBy: 'EMPLOYER',
      importBatchId: batch.id,
    })
    expect(initech.stageEvents.map((e) => [e.fromStage, e.toStage, e.toOutcome, e.actorType])).toEqual([
      [null, 'APPLIED', 'ACTIVE', 'IMPORT'],
      ['APPLIED', 'INTERVIEW', 'ACTIVE', 'IMPORT'],
      ['INTERVIEW', 'INTERVIEW', 'REJECTED', 'IMPORT'],
    ])
    expect(initech.stageEvents[0]!.actorUserId).toBe(t.user.id)
    expect(initech.lastEventAt).toEqual(initech.stageEvents.at(-1)!.occurredAt)
    const client = await prisma.client.findUniqueOrThrow({ where: { id: ben.id } })
    expect(client.lastActivityAt?.toISOString().slice(0, 10)).toBe('2026-03-15')
  })

  test('the same file imported again adds nothing: every row is a duplicate', async () => {
    const { t, ana } = await practice()
    const first = await createImport(t, file('simplify-export.csv'), { clientId: ana.id })
    await commitImport(t, first.id, { now })
    const second = await createImport(t, file('simplify-export.csv'), { clientId: ana.id })
    const again = await previewImportBatch(t, second.id, now)
    expect(again?.preview).toMatchObject({ duplicateCount: 4, valid: [] })
    await expect(commitImport(t, second.id, { now })).rejects.toThrow('No row can be imported')
    expect(await prisma.jobApplication.count({ where: { clientId: ana.id } })).toBe(4)
  })

  test('a failure midway writes nothing at all', async () => {
    const { t, ana } = await practice()
    const batch = await createImport(t, file('simplify-export.csv'), { clientId: ana.id })
    const { preview } = (await previewImportBatch(t, batch.id, now))!
    await prisma.importBatch.update({ where: { id: batch.id }, data: { status: 'RUNNING' } })
    // The third of four rows holds a salary PostgreSQL cannot store: the statement fails on it.
    const rows: ValidRow[] = preview.valid.map((r, i) => (i === 2 ? { ...r, salaryMin: 3_000_000_000 } : r))
    await expect(writeImportRows(t, batch.id, rows, { duplicateCount: 0, rejected: [], now })).rejects.toThrow()
    expect(await prisma.jobApplication.count({ where: { clientId: ana.id } })).toBe(0)
    expect(await prisma.stageEvent.count({ where: { clientId: ana.id } })).toBe(0)
    expect(await storedBatch(batch.id)).toMatchObject({
      status: 'RUNNING',
      importedCount: 0,
    })
  })

  test('a large file is handed to the job queue, and the job writes it with its progress', async () => {
    const { t, ana } = await practice()
    const rows = Array.from({ length: importLimits.inlineRows + 5 }, (_, i) => [
      `Company ${i}`,
      'Analyst',
      '2026-11-20',
      i % 2 ? 'Interview' : 'Applied',
    ])
    const csv = toCsv([['Company', 'Title', 'Applied', 'Status'], ...rows])
    const batch = await createImport(t, textFile('large.csv', csv), { clientId: ana.id })
    const queued: string[] = []
    const result = await commitImport(t, batch.id, { now, queue: async (id) => void queued.push(id) })
    expect(result).toEqual({ status: 'QUEUED' })
    expect(queued).toEqual([batch.id])
    expect((await storedBatch(batch.id)).status).toBe('QUEUED')

    await runImport(t, batch.id, { now })
    const done = await storedBatch(batch.id)
    expect(done).toMatchObject({ status: 'COMMITTED', importedCount: rows.length, processedRows: rows.length })
    expect(await prisma.stageEvent.count({ where: { clientId: ana.id } })).toBe(rows.length + rows.length / 2 - 0.5)
    // A second delivery of the same job does nothing.
    expect(await runImport(t, batch.id, { now })).toEqual({ status: 'COMMITTED' })
    expect(await prisma.jobApplication.count({ where: { clientId: ana.id } })).toBe(rows.length)
  })

  test('the confirmed mapping is remembered for the next file with the same headers', async () => {
    const { t, ana } = await practice()
    const csv = 'Firma,Stelle,Wann,Ort\nAcme,Analyst,2026-03-02,Berlin\n'
    const first = await createImport(t, textFile('a.csv', csv), { clientId: ana.id })
    expect(readChoices(first.mapping).columns).toEqual([null, null, 'appliedOn', null])
    await chooseImportMapping(t, first.id, ['company', 'roleTitle', 'appliedOn', 'location'])
    await commitImport(t, first.id, { now })
    const next = await createImport(t, textFile('b.csv', csv.replace('Acme', 'Globex')), { clientId: ana.id })
    expect(readChoices(next.mapping).columns).toEqual(['company', 'roleTitle', 'appliedOn', 'location'])
    expect((await previewImportBatch(t, next.id, now))?.preview.remembered).toBe(true)
  })

  test('an exported file imports again to the same rows', async () => {
    const { t, ana, ben } = await practice()
    const original = await previewImport(t, file('coach-spreadsheet.csv'), { now })
    const header = ['Company', 'Job title', 'Applied date', 'Status', 'Notes', 'Client email']
    const exported = toCsv([
      header,
      ...original.valid.map((r) => [
        r.company === 'Umbrella' ? '=Umbrella' : r.company,
        r.roleTitle,
        r.appliedOn!,
        r.outcome === 'ACTIVE' ? r.stage : r.outcome === 'GHOSTED' ? 'no response' : r.outcome.toLowerCase(),
        r.notes ?? '',
        r.clientId === ana.id ? 'ana@example.test' : 'ben@example.test',
      ]),
    ])
    expect(exported).toContain("'=Umbrella")
    const again = await previewImport(t, textFile('export.csv', exported), { now })
    expect(again.rejected).toEqual([])
    const pick = (r: ValidRow) => [r.clientId, r.company.replace(/^=/, ''), r.roleTitle, r.appliedOn, r.notes]
    expect(again.valid.map(pick)).toEqual(original.valid.map(pick))
    expect(again.valid.find((r) => r.company.includes('Umbrella'))?.company).toBe('=Umbrella')
    expect(new Set(again.valid.map((r) => r.clientId))).toEqual(new Set([ana.id, ben.id]))
  })
})

test('an imported application’s history follows the stages the app itself records', () => {
  const row = {
    appliedOn: '2026-03-02',
    appliedAt: '2026-03-02T17:00:00.000Z',
    respondedAt: '2026-03-09T17:00:00.000Z',
    statusAt: '2026-03-20T16:00:00.000Z',
    closedAt: null,
    stage: 'OFFER',
    outcome: 'OFFER_ACCEPTED',
  } as ValidRow
  expect(
    importedHistory(row, 'a1', now).map((e) => [e.fromStage, e.toStage, e.fromOutcome, e.toOutcome, e.occurredAt]),
  ).toEqual([
    [null, 'APPLIED', null, 'ACTIVE', '2026-03-02T17:00:00.000Z'],
    ['APPLIED', 'OFFER', 'ACTIVE', 'ACTIVE', '2026-03-09T17:00:00.000Z'],
    ['OFFER', 'OFFER', 'ACTIVE', 'OFFER_ACCEPTED', '2026-03-20T16:00:00.000Z'],
  ])
})
