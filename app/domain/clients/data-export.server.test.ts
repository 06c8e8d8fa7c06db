import { unzipSync, strFromU8 } from 'fflate'
import { describe, expect, test } from 'vitest'
import { parseDelimited } from '~/domain/imports/csv'
import { commitImport } from '~/domain/imports/commit.server'
import { chooseImportMapping, createImport, readChoices } from '~/domain/imports/batches.server'
import { prisma } from '~/lib/db.server'
import { zipChunks } from '~/lib/zip-download.server'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import { coachOnlyText, createClientWithRecords } from '../../../tests/client-records'
import { createClient, createPracticeWithOwner } from '../../../tests/factories'
import { clientExportFiles, exportFileNames } from './data-export.server'

const now = new Date('2026-11-23T10:00:00Z')

async function exportOf(t: ReturnType<typeof createTenantContext>, clientId: string) {
  const client = await prisma.client.findUniqueOrThrow({ where: { id: clientId } })
  const parts: Uint8Array[] = []
  for await (const chunk of zipChunks(clientExportFiles({ db: t.db, client, org: t.org }, now), now)) parts.push(chunk)
  const bytes = new Uint8Array(Buffer.concat(parts))
  const files = unzipSync(bytes)
  return { files, text: (name: string) => strFromU8(files[Object.keys(files).find((f) => f.endsWith(`/${name}`))!]!) }
}

describe('a client’s data to take away', () => {
  test('the archive holds a README and each table as CSV and JSON, dated on the client’s clock and in ISO', async () => {
    const { org, owner } = await createPracticeWithOwner(prisma, { org: { name: 'Northstar Careers' } })
    const t = createTenantContext(prisma, { user: owner, org, role: 'OWNER' })
    const { client } = await createClientWithRecords(prisma, org.id, 'Ana Lima')
    await createClientWithRecords(prisma, org.id, 'Someone Else')
    const { files, text } = await exportOf(t, client.id)
    const names = Object.keys(files).map((f) => f.split('/').pop())
    expect(names).toEqual(['README.txt', ...exportFileNames.flatMap((n) => [`${n}.csv`, `${n}.json`])])
    expect(Object.keys(files)[0]).toBe('rebound-data-ana-lima-2026-11-23/README.txt')
    expect(text('README.txt')).toContain('Practice:   Northstar Careers')
    expect(text('README.txt')).toContain('Exported:   2026-11-23 11:00 (Europe/Berlin), 2026-11-23T10:00:00.000Z (UTC)')

    const history = parseDelimited(text('stage-history.csv'))
    expect(history.headers.slice(0, 2)).toEqual(['When (Europe/Berlin)', 'When (ISO 8601, UTC)'])
    expect(history.rows).toHaveLength(7)
    expect(history.rows[0]!.cells.slice(0, 5)).toEqual([
      '2026-09-15 10:00',
      '2026-09-15T08:00:00.000Z',
      'Initech',
      'BI Analyst',
      '',
    ])
    const rejections = JSON.parse(text('rejections.json'))
    expect(rejections).toEqual([
      expect.objectContaining({
        company: 'Initech',
        stage: 'Interview',
        reason: 'Experience level',
        feedback: 'They wanted more SQL',
        rejectedIso: '2026-10-02T08:00:00.000Z',
      }),
    ])
    expect(JSON.parse(text('messages.json')).map((m: { message: string }) => m.message)).toEqual([
      'I got the Globex offer!',
      'Well done, Ana Lima!',
      'Negotiating now',
    ])
    expect(JSON.parse(text('check-ins.json'))).toEqual([
      expect.objectContaining({ weekOf: '2026-10-05', note: 'Tired but hopeful' }),
    ])
    expect(JSON.parse(text('tasks.json'))).toEqual([
      expect.objectContaining({ title: 'Ask Initech for feedback', application: 'BI Analyst at Initech' }),
    ])
    expect(JSON.parse(text('digests.json'))).toEqual([
      expect.objectContaining({ week: '2026-W41', status: 'Sent', sent: '2026-10-05 08:00' }),
    ])
    expect(JSON.parse(text('digest-notes.json'))).toEqual([expect.objectContaining({ note: 'Keep going' })])

    const everything = Object.values(files)
      .map((f) => strFromU8(f))
      .join('\n')
    expect(everything).not.toContain(coachOnlyText)
    expect(everything).not.toContain('deleted words')
    expect(everything).not.toContain('Someone Else')
  })

  test('the applications CSV imports back into a new client as the same applications', async () => {
    const { org, owner } = await createPracticeWithOwner(prisma)
    const t = createTenantContext(prisma, { user: owner, org, role: 'OWNER' })
    const { client } = await createClientWithRecords(prisma, org.id, 'Ana Lima')
    const { text } = await exportOf(t, client.id)
    const fresh = await createClient(prisma, org.id, { name: 'Ana Again' })
    const batch = await createImport(
      t,
      { name: 'applications.csv', bytes: new TextEncoder().encode(text('applications.csv')) },
      { clientId: fresh.id },
    )
    // Imported history is closed as ghosted past the threshold unless the coach keeps it open.
    await chooseImportMapping(t, batch.id, readChoices(batch.mapping).columns, { keepOpen: true })
    expect(await commitImport(t, batch.id, { now })).toMatchObject({ status: 'COMMITTED', imported: 3 })

    const fields = {
      company: true,
      roleTitle: true,
      appliedOn: true,
      stage: true,
      outcome: true,
      seniority: true,
      location: true,
      workMode: true,
      source: true,
      jobUrl: true,
      resumeTailored: true,
      coverLetter: true,
      salaryMin: true,
      salaryMax: true,
      notes: true,
    } as const
    const order = [{ appliedOn: 'asc' as const }]
    const original = await prisma.jobApplication.findMany({
      where: { clientId: client.id },
      select: fields,
      orderBy: order,
    })
    const imported = await prisma.jobApplication.findMany({
      where: { clientId: fresh.id },
      select: fields,
      orderBy: order,
    })
    expect(imported).toEqual(original)
  })

  test('a large client streams in pages: every application arrives', async () => {
    const { org, owner } = await createPracticeWithOwner(prisma)
    const t = createTenantContext(prisma, { user: owner, org, role: 'OWNER' })
    const client = await createClient(prisma, org.id, { name: 'Busy Person' })
    const createdAt = new Date('2026-06-01T00:00:00Z')
    await prisma.jobApplication.createMany({
      data: Array.from({ length: 2_500 }, (_, i) => ({
        organizationId: org.id,
        clientId: client.id,
        company: `Company ${i}`,
        roleTitle: 'Analyst',
        // Many rows share a timestamp: the pages must still neither skip nor repeat one.
        createdAt: new Date(createdAt.getTime() + Math.floor(i / 7) * 1000),
      })),
    })
    const started = performance.now()
    const { text } = await exportOf(t, client.id)
    console.log(`export of 2,500 applications: ${Math.round(performance.now() - started)} ms`)
    const rows = parseDelimited(text('applications.csv')).rows
    expect(rows).toHaveLength(2_500)
    expect(new Set(rows.map((r) => r.cells[0])).size).toBe(2_500)
    expect(JSON.parse(text('applications.json'))).toHaveLength(2_500)
  }, 120_000)
})
