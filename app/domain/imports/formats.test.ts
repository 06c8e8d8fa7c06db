import { describe, expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import { createClient, createPracticeWithOwner } from '../../../tests/factories'
import { importFixture, mappingByHeader, previewFixture, storedBatch, truthOf } from '../../../tests/import-fixtures'
import { chooseImportMapping, createImport, previewImportBatch, readChoices } from './batches.server'
import { commitImport } from './commit.server'
import { importInstant } from './dates'

// Each fixture is a file as people really have them, imported with no hand mapping and checked row by
// row against what its author meant (the .truth.json beside it, written with the file).

const now = new Date('2026-11-23T15:00:00Z')
async function practiceWithClient(timezone = 'America/Chicago') {
  const { org, owner } = await createPracticeWithOwner(prisma)
  const t = createTenantContext(prisma, { user: owner, org, role: 'OWNER' })
  const client = await createClient(prisma, org.id, { timezone })
  return { t, client }
}
/** The fixture uploaded for a new client in Chicago and previewed. */
const previewWithClient = (name: string) => previewFixture(name, 'America/Chicago', now)

type Compared = {
  row: number
  company?: unknown
  appliedOn?: unknown
  stage?: unknown
  outcome?: unknown
  workMode?: unknown
}
/** A row as a preview and its truth file are compared: what the file says, and whether its history closed it. */
const comparable = (r: Compared, closedByHistory: boolean) => ({
  row: r.row,
  company: r.company,
  appliedOn: r.appliedOn,
  stage: r.stage,
  outcome: r.outcome,
  workMode: r.workMode,
  closedByHistory,
})
const count = <T>(items: T[], test: (item: T) => boolean) => items.filter(test).length
const reached = (stage: string, at: string) =>
  ['SAVED', 'APPLIED', 'SCREEN', 'INTERVIEW', 'FINAL', 'OFFER'].indexOf(stage) >=
  ['SAVED', 'APPLIED', 'SCREEN', 'INTERVIEW', 'FINAL', 'OFFER'].indexOf(at)

describe('a person’s own two-year job-search spreadsheet', () => {
  const name = 'personal-tracker.csv'

  test('maps with no help, each column with its reason; contact-free; the reading matches its author row by row', async () => {
    const { preview } = await previewWithClient(name)
    expect(preview.problems).toEqual([])
    expect(mappingByHeader(preview)).toMatchObject({
      Company: 'company',
      Position: 'roleTitle',
      Location: 'location',
      Level: 'seniority',
      'Date sent': 'appliedOn',
      Site: 'source',
      'Remote?': 'workMode',
      Salary: 'salary',
      Response: 'status',
      'First response': 'respondedOn',
      'Offer?': 'offer',
      Notes: 'notes',
    })
    expect(preview.guesses[preview.headers.indexOf('Response')]!.why).toMatch(/\d+% of its values are status words/)

    const truth = truthOf(name)
    expect(preview.rowCount).toBe(177)
    const byRow = new Map(preview.valid.map((r) => [r.row, r]))
    for (const expected of truth) {
      const row = byRow.get(expected.row)
      if (expected.refused || expected.duplicateOf) {
        expect(row, `row ${expected.row}`).toBeUndefined()
        continue
      }
      expect(row, `row ${expected.row}`).toBeDefined()
      expect(
        {
          row: row!.row,
          company: row!.company,
          appliedOn: row!.appliedOn,
          respondedOn: row!.respondedOn,
          stage: row!.stage,
          outcome: row!.outcome,
          reason: row!.rejectionReason,
          source: row!.source,
          workMode: row!.workMode,
          seniority: row!.seniority,
          closedByHistory: Boolean(row!.closedAt),
        },
        `row ${expected.row} (“${row!.statusText}”)`,
      ).toEqual({
        row: expected.row,
        company: expected.company,
        appliedOn: expected.appliedOn,
        respondedOn: expected.respondedOn,
        stage: expected.stage,
        outcome: expected.outcome,
        reason: expected.reason ?? null,
        source: expected.source,
        workMode: expected.workMode,
        seniority: expected.seniority,
        closedByHistory: Boolean(expected.closedByHistory),
      })
    }
    // What it refused, with the value, and the one duplicate with the row it repeats.
    const refused = truth.filter((r) => r.refused)
    expect([...new Set(preview.rejected.map((r) => r.row))]).toEqual(refused.map((r) => r.row))
    for (const r of refused)
      expect(preview.rejected.find((e) => e.row === r.row)?.reason, `row ${r.row}`).toContain(r.refused)
    expect(preview.unknownStatuses.map((u) => [u.value, u.rows.length])).toEqual([
      ['see notes', 2],
      ['idk', 1],
    ])
    const duplicate = truth.find((r) => r.duplicateOf)!
    expect(preview.duplicates).toEqual([
      {
        row: duplicate.row,
        column: 'Company',
        reason: `Same company, title and applied date as row ${duplicate.duplicateOf}`,
      },
    ])
    // Years-old rows still open in the file are offered as ended, by default.
    expect(preview.stale).toEqual({
      count: count(truth, (r) => Boolean(r.closedByHistory)),
      thresholdDays: 21,
      closed: true,
    })
  })

  test('committed, the client’s applications, stages, outcomes and response times are the file’s', async () => {
    const { t, client, batch, preview } = await previewWithClient(name)
    // The coach says once what "see notes" means for the whole file.
    await chooseImportMapping(t, batch.id, preview.mapping, { statuses: { 'see notes': 'APPLIED:ACTIVE' } })
    const result = await commitImport(t, batch.id, { now })
    const truth = truthOf(name)
    const expected = truth.filter((r) => r.stage)
    const seeNotes = truth.filter((r) => r.statusText === 'see notes')
    expect(result).toMatchObject({ status: 'COMMITTED', imported: expected.length + 2 })

    const apps = await prisma.jobApplication.findMany({
      where: { clientId: client.id },
      include: { stageEvents: { orderBy: { occurredAt: 'asc' } } },
    })
    const all = [
      ...expected,
      ...seeNotes.map((r) => ({ ...r, stage: 'APPLIED', outcome: 'GHOSTED' })), // old and still open: closed
    ]
    expect(apps).toHaveLength(all.length)
    expect(count(apps, (a) => a.outcome === 'REJECTED')).toBe(count(all, (r) => r.outcome === 'REJECTED'))
    expect(count(apps, (a) => a.outcome === 'GHOSTED')).toBe(count(all, (r) => r.outcome === 'GHOSTED'))
    expect(count(apps, (a) => reached(a.stage, 'INTERVIEW'))).toBe(count(all, (r) => reached(r.stage!, 'INTERVIEW')))
    expect(count(apps, (a) => a.stage === 'OFFER')).toBe(count(all, (r) => r.stage === 'OFFER'))
    expect(count(apps, (a) => a.outcome === 'ACTIVE')).toBe(3) // only the last few weeks are in progress
    expect(count(apps, (a) => a.workMode === 'REMOTE')).toBe(count(all, (r) => r.workMode === 'REMOTE'))

    // Response times: the first response is the file's "First response" date, at noon in Chicago.
    for (const r of expected.filter((x) => x.respondedOn)) {
      const app = apps.find((a) => a.company === r.company && a.appliedOn?.toISOString().slice(0, 10) === r.appliedOn)!
      const response = app.stageEvents.find(
        (e) => (e.toStage !== 'APPLIED' && e.toOutcome === 'ACTIVE') || e.toOutcome === 'REJECTED',
      )
      if (!response) continue // withdrawn before any answer
      expect(response.occurredAt.toISOString().slice(0, 10), `row ${r.row}`).toBe(r.respondedOn)
    }
    // A date with no time is noon in the client's timezone, not noon UTC.
    const plain = expected.find((r) => r.appliedOn === '2024-11-04')!
    const first = apps.find((a) => a.appliedOn?.toISOString().slice(0, 10) === plain.appliedOn)!
    expect(first.stageEvents[0]!.occurredAt.toISOString()).toBe('2024-11-04T18:00:00.000Z')
  })
})

test('a date with an offset keeps its instant; one without keeps its wall-clock time in the client’s timezone', () => {
  expect(
    importInstant({ day: '2025-03-14', time: '09:30:00', offsetMinutes: -300 }, 'Europe/Berlin').toISOString(),
  ).toBe('2025-03-14T14:30:00.000Z')
  expect(
    importInstant({ day: '2025-07-14', time: '09:30:00', offsetMinutes: null }, 'Europe/Berlin').toISOString(),
  ).toBe('2025-07-14T07:30:00.000Z')
  expect(importInstant({ day: '2025-01-14', time: null, offsetMinutes: null }, 'America/Chicago').toISOString()).toBe(
    '2025-01-14T18:00:00.000Z',
  )
})

test('keeping history open leaves old rows as the file has them', async () => {
  const { t, client } = await practiceWithClient()
  const batch = await createImport(t, importFixture('personal-tracker.csv'), { clientId: client.id })
  await chooseImportMapping(t, batch.id, readChoices(batch.mapping).columns, { keepOpen: true })
  const { preview } = (await previewImportBatch(t, batch.id, now))!
  expect(preview.stale.closed).toBe(false)
  expect(preview.valid.filter((r) => r.closedAt)).toEqual([])
  expect(preview.valid.filter((r) => r.outcome === 'ACTIVE').length).toBe(preview.stale.count + 3)
})

describe.each([
  ['linkedin-applied-jobs.csv', 'linkedin', /talent@kestrel|555|authorized|sponsorship|Resume_|dbt/],
  ['huntr-board.csv', 'huntr', /maria@pinecone|Maria Lopez|hr@redwood|HR team/],
  ['teal-tracker.csv', 'teal', null],
])('%s', (name, format, privateData) => {
  test('imports with no hand mapping, row by row as its author meant', async () => {
    const { t, batch, preview } = await previewWithClient(name)
    expect(preview.format).toBe(format)
    expect(preview.problems).toEqual([])
    expect(preview.rejected).toEqual([])
    const truth = truthOf(name)
    expect(preview.valid.map((r) => comparable(r, Boolean(r.closedAt)))).toEqual(
      truth.map((r) => comparable(r, Boolean(r.closedByHistory))),
    )
    if (privateData) {
      // Contact details and screening answers are cut from the file before it is kept.
      const kept = await storedBatch(batch.id)
      expect(kept.sourceText).not.toMatch(privateData)
      expect(preview.headers.some((h) => /contact|question/i.test(h))).toBe(false)
    }
    const result = await commitImport(t, batch.id, { now })
    expect(result).toMatchObject({ status: 'COMMITTED', imported: truth.length })
  })
})
