import { describe, expect, test } from 'vitest'
import type { Prisma } from '~/generated/prisma/client'
import { prisma } from '~/lib/db.server'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import { createClient, createPracticeWithOwner, newId } from '../../../tests/factories'
import { parseDelimited } from '../imports/csv'
import type { ClientFieldDef } from '../client-fields/client-field-display'
import { ApplicationsQuery, exportApplicationsCsv, listApplications } from './caseload-applications.server'

// The applications table sorted by a client's custom field: no value last in either direction, ties by
// the client's name and id, then the application's id, across keyset pages both ways.

type Values = { score?: number; start?: string; city?: string; level?: string; skills?: string[] }

// Hand-built: ties on every field, clients without a value, and 3 pages of applications (20 per client).
const people: [string, Values][] = [
  ['Ana', { score: 5, start: '2026-03-01', city: 'porto', level: 'Senior', skills: ['SQL', 'Python'] }],
  ['Bea', { score: 12, start: '2025-12-31', city: 'Lisbon', level: 'Junior', skills: ['Python'] }],
  ['Caio', { score: 5, start: '2026-03-01', city: 'Braga', level: 'Senior', skills: ['SQL'] }],
  ['Dora', { score: -1.5, city: 'lisbon', skills: ['Excel'] }],
  ['Eli', {}],
  ['Fay', { score: 100, start: '2026-01-10', level: 'Mid', skills: ['SQL', 'Python', 'Excel'] }],
  ['Gus', {}],
]

async function practice() {
  const { org, owner } = await createPracticeWithOwner(prisma)
  const field = (name: string, kind: ClientFieldDef['kind'], choices: string[] = []) =>
    prisma.clientField.create({ data: { organizationId: org.id, name, kind, choices } })
  const fields = {
    score: await field('Score', 'NUMBER'),
    start: await field('Start', 'DATE'),
    city: await field('City', 'TEXT'),
    level: await field('Level', 'CHOICE', ['Junior', 'Mid', 'Senior']),
    skills: await field('Skills', 'MULTI_CHOICE', ['SQL', 'Python', 'Excel']),
  }
  const clients: Record<string, string> = {}
  const rows: Prisma.JobApplicationCreateManyInput[] = []
  for (const [name, values] of people) {
    const customFields = Object.fromEntries(
      Object.entries(values).map(([key, v]) => [fields[key as keyof Values].id, v]),
    ) as Prisma.InputJsonObject
    const client = await createClient(prisma, org.id, { name })
    await prisma.client.update({ where: { id: client.id }, data: { customFields } })
    clients[name] = client.id
    for (let i = 0; i < 20; i++)
      rows.push({ id: newId(), organizationId: org.id, clientId: client.id, company: `Co ${i}`, roleTitle: 'Analyst' })
  }
  await prisma.jobApplication.createMany({ data: rows })
  const t = createTenantContext(prisma, { user: owner, org, role: 'OWNER' })
  const defs = Object.fromEntries(
    Object.entries(fields).map(([k, f]) => [k, { id: f.id, name: f.name, kind: f.kind, choices: f.choices }]),
  ) as Record<keyof Values, ClientFieldDef>
  const idsOf = (name: string) =>
    rows
      .filter((r) => r.clientId === clients[name])
      .map((r) => r.id!)
      .sort()
  return { org, t, defs, clients, idsOf }
}

const q = (params: Record<string, string> = {}) => ApplicationsQuery.parse(params)

/** Every page forward, then every page back from the last: the ids in order, and the pages seen. */
async function walk(t: Parameters<typeof listApplications>[0], field: ClientFieldDef, dir: 'asc' | 'desc') {
  const custom = { sortField: field }
  const forward: string[][] = []
  let page = await listApplications(t, q({ dir }), custom)
  forward.push(page.rows.map((r) => r.id))
  while (page.next) {
    page = await listApplications(t, q({ dir, after: page.next }), custom)
    forward.push(page.rows.map((r) => r.id))
  }
  const backward: string[][] = [page.rows.map((r) => r.id)]
  while (page.previous) {
    page = await listApplications(t, q({ dir, before: page.previous }), custom)
    backward.unshift(page.rows.map((r) => r.id))
  }
  return { ids: forward.flat(), forward, backward }
}

describe('sorting the applications table by a custom field', () => {
  const orders: [keyof Values, string[], string[]][] = [
    // number: numerically (-1.5 < 5 < 12 < 100), ties (Ana, Caio at 5) by name either way, no value last.
    ['score', ['Dora', 'Ana', 'Caio', 'Bea', 'Fay', 'Eli', 'Gus'], ['Fay', 'Bea', 'Ana', 'Caio', 'Dora', 'Eli', 'Gus']],
    // date: by day, not as the text would sort by month or locale.
    ['start', ['Bea', 'Fay', 'Ana', 'Caio', 'Dora', 'Eli', 'Gus'], ['Ana', 'Caio', 'Fay', 'Bea', 'Dora', 'Eli', 'Gus']],
    // text: without case (Lisbon and lisbon tie).
    ['city', ['Caio', 'Bea', 'Dora', 'Ana', 'Eli', 'Fay', 'Gus'], ['Ana', 'Bea', 'Dora', 'Caio', 'Eli', 'Fay', 'Gus']],
    // a choice: in the order the choices are offered (Junior, Mid, Senior), not alphabetically.
    ['level', ['Bea', 'Fay', 'Ana', 'Caio', 'Dora', 'Eli', 'Gus'], ['Ana', 'Caio', 'Fay', 'Bea', 'Dora', 'Eli', 'Gus']],
    // several choices: as words in a dictionary of the offered order, SQL < SQL+Python < SQL+Python+Excel < Python < Excel.
    [
      'skills',
      ['Caio', 'Ana', 'Fay', 'Bea', 'Dora', 'Eli', 'Gus'],
      ['Dora', 'Bea', 'Fay', 'Ana', 'Caio', 'Eli', 'Gus'],
    ],
  ]
  test.each(orders)('by %s, both ways, page after page and back', async (key, asc, desc) => {
    const { t, defs, idsOf } = await practice()
    for (const [dir, names] of [
      ['asc', asc],
      ['desc', desc],
    ] as const) {
      const { ids, forward, backward } = await walk(t, defs[key], dir)
      expect(ids).toEqual(names.flatMap(idsOf))
      expect(forward.map((p) => p.length)).toEqual([50, 50, 40])
      // Back from the last page: the same pages, nothing skipped or repeated.
      expect(backward).toEqual(forward)
    }
  })

  test('the CSV export carries the same order and a column per field, numbers and dates plain', async () => {
    const { t, defs } = await practice()
    const fields = Object.values(defs)
    const text = await exportApplicationsCsv(t, q({ dir: 'desc' }), { sortField: defs.score }, fields)
    const table = parseDelimited(text)
    expect(table.headers.slice(-5)).toEqual(['Score', 'Start', 'City', 'Level', 'Skills'])
    expect(table.rows).toHaveLength(140)
    const score = table.headers.indexOf('Score')
    const seen = [...new Set(table.rows.map((r) => r.cells[score]))]
    // A leading minus is neutralised like any cell a spreadsheet would read as a formula.
    expect(seen).toEqual(['100', '12', '5', "'-1.5", ''])
    const fay = table.rows[0]!.cells.slice(-5)
    expect(fay).toEqual(['100', '2026-01-10', '', 'Mid', 'SQL, Python, Excel'])
  })

  test('a cursor that is not this sort’s, or is forged, starts the page over instead of failing', async () => {
    const { t, defs } = await practice()
    const first = await listApplications(t, q({ dir: 'asc' }), { sortField: defs.score })
    const byLevel = await listApplications(t, q({ dir: 'asc', after: first.next! }), { sortField: defs.level })
    expect(byLevel.previous).toBeNull()
    const forged = (parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString('base64url')
    for (const after of [
      forged([`field.${defs.score.id}`, '1; DROP TABLE x', 'Ana', 'x', 'y']),
      forged([`field.${defs.score.id}`, '5', 'Ana\u0000', 'x', 'y']),
      forged([`field.${defs.level.id}`, 'Senior', 'Ana', 'x', 'y']),
      forged([`field.${defs.score.id}`, 5, 'Ana', 'x', 'y']),
      'not base64 at all',
    ]) {
      const page = await listApplications(t, q({ after }), { sortField: defs.score })
      expect(page.previous).toBeNull()
      expect(page.rows).toHaveLength(50)
    }
  })
})
