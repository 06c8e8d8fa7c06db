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

describe('npm run import', { timeout: 90_000 }, () => {
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
