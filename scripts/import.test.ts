import { spawn } from 'node:child_process'
import { describe, expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import { createClient, createPracticeWithOwner } from '../tests/factories'

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

describe('npm run import', { timeout: 180_000 }, () => {
  test('imports a practice-wide file, prints the counts and every rejected row, then refuses it as duplicates', async () => {
    const { org } = await createPracticeWithOwner(prisma)
    await createClient(prisma, org.id, { email: 'ana@example.test' })
    await createClient(prisma, org.id, { email: 'ben@example.test' })

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

  test('imports one client’s LinkedIn export', async () => {
    const { org } = await createPracticeWithOwner(prisma)
    await createClient(prisma, org.id, { email: 'cleo@example.test' })
    const result = await runImport([
      '--org',
      org.slug,
      '--client',
      'Cleo@example.test',
      'tests/fixtures/imports/linkedin-job-applications.csv',
    ])
    expect(result.output).toContain('Imported: 3')
    expect(result.code).toBe(0)
  })

  test('imports a European Excel tracker and a Google Sheets template with no mapping, naming each refused row', async () => {
    const { org } = await createPracticeWithOwner(prisma)
    await createClient(prisma, org.id, { email: 'dora@example.test', timezone: 'Europe/Berlin' })
    const european = await runImport([
      '--org',
      org.slug,
      '--client',
      'dora@example.test',
      'tests/fixtures/imports/european-excel.csv',
    ])
    expect(european.output).toContain('Imported: 5')
    expect(european.output).toContain('Rejected rows: 2')
    expect(european.output).toContain('row 6, Applied: “31.02.2026” is not a date')
    expect(european.output).toContain('row 9, Company: A “Total” row of the spreadsheet’s own sums, not an application')
    expect(european.code).toBe(0)
    const sheets = await runImport([
      '--org',
      org.slug,
      '--client',
      'dora@example.test',
      'tests/fixtures/imports/google-sheets-tracker.csv',
    ])
    expect(sheets.output).toContain('Imported: 6')
    expect(sheets.code).toBe(0)
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
    const { org } = await createPracticeWithOwner(prisma)
    await createClient(prisma, org.id, { email: 'eli@example.test', timezone: 'America/New_York' })
    await createClient(prisma, org.id, { email: 'fay@example.test', timezone: 'Europe/London' })
    const us = await runImport([
      '--org',
      org.slug,
      '--client',
      'eli@example.test',
      'tests/fixtures/imports/job-search-2025.csv',
    ])
    expect(us.output).toContain('Imported: 21')
    expect(us.output).toContain('Duplicates skipped: 1')
    expect(us.output).toContain('Rejected rows: 3')
    expect(us.output).toContain('row 24, Company Name: The company is empty')
    expect(us.output).toContain('row 25, Date Applied: “sometime in march” is not a date')
    expect(us.output).toContain('row 27, Status: Unknown status “ask Jenna”')
    expect(us.code).toBe(0)
    const uk = await runImport([
      '--org',
      org.slug,
      '--client',
      'fay@example.test',
      'tests/fixtures/imports/uk-grad-tracker.csv',
    ])
    expect(uk.output).toContain('Imported: 12')
    expect(uk.output).toContain('row 13, Applied on: “31/11/2026” is not a date')
    expect(uk.code).toBe(0)
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
})
