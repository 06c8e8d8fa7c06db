import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import { createClient, createCohort, createPracticeWithOwner } from '../../../tests/factories'
import { importFixture, mappingByHeader } from '../../../tests/import-fixtures'
import { createClientField } from '../client-fields/client-fields.server'
import { chooseImportMapping, createImport, previewImportBatch } from './batches.server'
import { commitImport } from './commit.server'
import { fieldTarget } from './fields'

// A bootcamp's tracker for several students (tests/fixtures/imports/bootcamp-tracker.csv) with a Cohort
// column and four of the practice's client fields, checked against the hand-written truth beside it: what
// each client holds after the import, the cohorts they joined, the rows reported, the audit entries, and an
// import that fails changing no client at all.

const now = new Date('2026-11-23T15:00:00Z')
const truth = JSON.parse(readFileSync('tests/fixtures/imports/bootcamp-tracker.truth.json', 'utf8'))
const emails = ['ana', 'ben', 'cleo', 'dev', 'fay'].map((n) => `${n}@bootcamp.test`)

async function bootcamp() {
  const { org, owner } = await createPracticeWithOwner(prisma, { org: { timezone: 'America/New_York' } })
  const t = createTenantContext(prisma, { user: owner, org, role: 'OWNER' })
  const programme = await createClientField(t, {
    name: 'Programme',
    kind: 'CHOICE',
    choices: ['Data Science', 'UX Design', 'Web Development'],
  })
  const graduation = await createClientField(t, { name: 'Graduation date', kind: 'DATE', choices: [] })
  const skills = await createClientField(t, {
    name: 'Skills',
    kind: 'MULTI_CHOICE',
    choices: ['Python', 'SQL', 'Figma', 'JavaScript', 'React'],
  })
  const tuition = await createClientField(t, { name: 'Tuition paid', kind: 'NUMBER', choices: [] })
  const fields = { Programme: programme, 'Graduation date': graduation, Skills: skills, 'Tuition paid': tuition }
  const spring = await prisma.cohort.create({
    data: {
      organizationId: org.id,
      name: 'Spring 2026',
      startsOn: new Date('2026-01-12'),
      endsOn: new Date('2026-06-30'),
    },
  })
  const zones: Record<string, string> = { 'ben@bootcamp.test': 'Asia/Tokyo', 'ana@bootcamp.test': 'America/New_York' }
  const clients: Record<string, { id: string }> = {}
  for (const email of emails)
    clients[email] = await createClient(prisma, org.id, {
      email,
      name: email.split('@')[0]!,
      timezone: zones[email] ?? 'Europe/London',
      customFields: email.startsWith('fay') ? { [programme.id]: 'UX Design' } : {},
    })
  await prisma.clientCohort.create({
    data: { organizationId: org.id, cohortId: spring.id, clientId: clients['fay@bootcamp.test']!.id },
  })
  // Another practice with an "Autumn 2026" cohort, a Programme field and a client of the same email.
  const other = await createPracticeWithOwner(prisma)
  const autumn = await prisma.cohort.create({
    data: {
      organizationId: other.org.id,
      name: 'Autumn 2026',
      startsOn: new Date('2026-09-01'),
      endsOn: new Date('2026-12-18'),
    },
  })
  const otherCleo = await createClient(prisma, other.org.id, { email: 'cleo@bootcamp.test' })
  const batch = await createImport(t, importFixture('bootcamp-tracker.csv'))
  return { t, org, fields, spring, autumn, clients, otherCleo, batch }
}

const preview = async (b: Awaited<ReturnType<typeof bootcamp>>) =>
  (await previewImportBatch(b.t, b.batch.id, now))!.preview

async function valuesOf(b: Awaited<ReturnType<typeof bootcamp>>, email: string) {
  const client = await prisma.client.findFirstOrThrow({
    where: { organizationId: b.org.id, email },
    select: { customFields: true, cohorts: { select: { cohort: { select: { name: true } } } } },
  })
  const stored = client.customFields as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const [name, field] of Object.entries(b.fields)) if (field.id in stored) out[name] = stored[field.id]
  out.cohorts = client.cohorts.map((m) => m.cohort.name).sort()
  return out
}

describe('a bootcamp tracker sets its students’ cohorts and client fields', () => {
  test('the Cohort and client field columns map by their headers, each with its reason', async () => {
    const b = await bootcamp()
    const p = await preview(b)
    const expected = Object.fromEntries(
      Object.entries(truth.mapping as Record<string, string>).map(([header, target]) => [
        header,
        target.startsWith('field:') ? fieldTarget(b.fields[target.slice(6) as keyof typeof b.fields].id) : target,
      ]),
    )
    expect(mappingByHeader(p)).toEqual(expected)
    expect(p.guesses[p.headers.indexOf('Cohort')]!.why).toBe('The header says so')
    expect(p.guesses[p.headers.indexOf('Graduation date')]!.why).toBe(
      'The header is the name of your client field “Graduation date”',
    )
    expect(p.clientFields.map((f) => f.name)).toEqual(['Programme', 'Graduation date', 'Skills', 'Tuition paid'])
  })

  test('the preview counts the rows, reports every value that does not fit and the rows that disagree', async () => {
    const b = await bootcamp()
    const p = await preview(b)
    expect(p.valid).toHaveLength(truth.applications)
    expect(p.rejectedRowCount).toBe(2)
    expect(Object.fromEntries(p.rejected.map((r) => [r.row, r.reason]))).toEqual(truth.refusedRows)
    const clientColumns = ['Programme', 'Graduation date', 'Skills', 'Tuition paid', 'Cohort']
    const notes = p.notes.filter((n) => clientColumns.includes(n.column)).map((n) => [n.row, n.column, n.reason])
    expect(notes).toEqual([
      [
        5,
        'Skills',
        '“Sketching” is not a choice of Skills (Python, SQL, Figma, JavaScript, React): “Figma | Sketching” left out',
      ],
      [
        6,
        'Programme',
        '“Web Dev” is not one of the choices of Programme (Data Science, UX Design, Web Development): left out',
      ],
      [8, 'Graduation date', '“next summer” is not a date for Graduation date: left out'],
      [8, 'Tuition paid', '“lots” is not a number for Tuition paid: left out'],
    ])
    expect(Object.fromEntries(p.clientValues.unknownValues.map((u) => [`${u.fieldName}: ${u.value}`, u.rows]))).toEqual(
      truth.unknownChoiceValues,
    )
    expect(Object.fromEntries(p.clientValues.unknownCohorts.map((c) => [c.value, c.rows]))).toEqual(
      truth.unknownCohorts,
    )
    expect(p.clientValues.unknownCohorts.every((c) => !c.create)).toBe(true)
    expect(p.clientValues.disagreements.map((d) => [d.row, d.column])).toEqual([
      [3, 'Programme'],
      [9, 'Programme'],
      [9, 'Skills'],
    ])
    expect(p.clientValues.disagreements[0]!.reason).toBe(
      'ana@bootcamp.test’s rows 10, 2, 3 give Programme 2 values (“UX Design”, “Data Science”): row 3, applied latest, wins with “Data Science”',
    )
    expect(p.clientValues.summary).toEqual({
      fieldClients: truth.fieldsSetOn,
      fields: [
        { name: 'Programme', clients: 4 },
        { name: 'Graduation date', clients: 4 },
        { name: 'Skills', clients: 4 },
        { name: 'Tuition paid', clients: 4 },
      ],
      cohorts: [{ name: 'Spring 2026', clients: truth.addedToSpring2026, created: false }],
    })
  })

  test('the commit writes each client’s values and cohorts, with audit entries, and never another practice’s cohort', async () => {
    const b = await bootcamp()
    const result = await commitImport(b.t, b.batch.id, { now })
    expect(result).toMatchObject({ status: 'COMMITTED', imported: truth.applications })
    for (const email of emails) expect(await valuesOf(b, email)).toEqual(truth.clients[email])

    const batch = await prisma.importBatch.findUniqueOrThrow({ where: { id: b.batch.id } })
    expect(batch.clientChanges).toMatchObject({ fieldClients: 4, cohorts: [{ name: 'Spring 2026', clients: 2 }] })
    const audits = await prisma.auditEvent.findMany({
      where: {
        organizationId: b.org.id,
        action: { in: ['client.fields_changed', 'cohort.clients_added', 'cohort.created'] },
      },
      orderBy: { action: 'asc' },
    })
    expect(audits.map((a) => a.action)).toEqual([
      'client.fields_changed',
      'client.fields_changed',
      'client.fields_changed',
      'client.fields_changed',
      'cohort.clients_added',
    ])
    const added = audits.find((a) => a.action === 'cohort.clients_added')!
    expect(added.targetId).toBe(b.spring.id)
    expect(added.metadata).toMatchObject({
      cohort: 'Spring 2026',
      clients: [{ name: 'ana' }, { name: 'ben' }],
      importBatchId: b.batch.id,
    })
    const ana = audits.find((a) => a.targetId === b.clients['ana@bootcamp.test']!.id)!
    expect(ana.metadata).toMatchObject({
      name: 'ana',
      changes: { Programme: ['', 'Data Science'], Skills: ['', 'Python, SQL'], 'Tuition paid': ['', '12,500'] },
    })
    // Autumn 2026 is the other practice's: cleo's row did not join it, and nothing of the other practice moved.
    expect(await prisma.clientCohort.count({ where: { cohortId: b.autumn.id } })).toBe(0)
    expect(await prisma.cohort.count({ where: { organizationId: b.org.id } })).toBe(1)
    const otherCleo = await prisma.client.findUniqueOrThrow({ where: { id: b.otherCleo.id } })
    expect(otherCleo.customFields).toEqual({})
  })

  test('a choice value mapped once and a cohort the coach asks to create go in with the import', async () => {
    const b = await bootcamp()
    const first = await preview(b)
    // The page names each select value:<fieldId>:<key>, from the preview's list.
    const webDev = first.clientValues.unknownValues.find((u) => u.value === 'Web Dev')!
    expect([webDev.fieldId, webDev.key]).toEqual([b.fields.Programme.id, 'web dev'])
    await chooseImportMapping(b.t, b.batch.id, first.mapping, {
      values: { [`${webDev.fieldId}:${webDev.key}`]: 'Web Development' },
      newCohorts: ['evening 2026'],
    })
    const p = await preview(b)
    expect(p.notes.some((n) => n.row === 6 && n.column === 'Programme')).toBe(false)
    expect(p.clientValues.unknownValues.map((u) => u.value)).toEqual(['Sketching'])
    expect(p.clientValues.unknownCohorts.map((c) => [c.value, c.create])).toEqual([
      ['Evening 2026', true],
      ['Autumn 2026', false],
    ])
    await commitImport(b.t, b.batch.id, { now })
    const evening = await prisma.cohort.findFirstOrThrow({
      where: { organizationId: b.org.id, name: 'Evening 2026' },
      include: { members: { select: { client: { select: { email: true } } } } },
    })
    expect(evening.members.map((m) => m.client.email).sort()).toEqual(truth.withEvening2026Created.added)
    expect(evening.startsOn.toISOString().slice(0, 10)).toBe(truth.withEvening2026Created.startsOn)
    expect(evening.endsOn.toISOString().slice(0, 10)).toBe(truth.withEvening2026Created.endsOn)
    expect(await prisma.auditEvent.count({ where: { organizationId: b.org.id, action: 'cohort.created' } })).toBe(1)
    expect((await valuesOf(b, 'cleo@bootcamp.test')).Programme).toBe('Web Development')
    const batch = await prisma.importBatch.findUniqueOrThrow({ where: { id: b.batch.id } })
    expect(batch.clientChanges).toMatchObject({
      cohorts: [
        { name: 'Spring 2026', clients: 2, created: false },
        { name: 'Evening 2026', clients: 2, created: true },
      ],
    })
  })

  test('an import that fails at its last write changes no client: no values, no cohort, no audit entry', async () => {
    const b = await bootcamp()
    const name = `refuse_members_${b.org.id.replace(/\W/g, '')}`
    await prisma.$executeRawUnsafe(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW."organizationId" = '${b.org.id}' THEN RAISE EXCEPTION 'refused for the test'; END IF;
        RETURN NEW;
      END $$`)
    await prisma.$executeRawUnsafe(
      `CREATE TRIGGER ${name} BEFORE INSERT ON "ClientCohort" FOR EACH ROW EXECUTE FUNCTION ${name}()`,
    )
    try {
      await expect(commitImport(b.t, b.batch.id, { now })).rejects.toThrow()
    } finally {
      await prisma.$executeRawUnsafe(`DROP TRIGGER ${name} ON "ClientCohort"`)
      await prisma.$executeRawUnsafe(`DROP FUNCTION ${name}()`)
    }
    const batch = await prisma.importBatch.findUniqueOrThrow({ where: { id: b.batch.id } })
    expect(batch.status).toBe('FAILED')
    expect(await prisma.jobApplication.count({ where: { organizationId: b.org.id } })).toBe(0)
    for (const email of emails.filter((e) => !e.startsWith('fay')))
      expect(await valuesOf(b, email)).toEqual({ cohorts: [] })
    expect(
      await prisma.auditEvent.count({
        where: { organizationId: b.org.id, action: { in: ['client.fields_changed', 'cohort.clients_added'] } },
      }),
    ).toBe(0)
  })
})

describe('a file for one client', () => {
  test('sets the chosen client’s values from its rows; an empty cell leaves a value as it is', async () => {
    const { org, owner } = await createPracticeWithOwner(prisma)
    const t = createTenantContext(prisma, { user: owner, org, role: 'OWNER' })
    const programme = await createClientField(t, {
      name: 'Programme',
      kind: 'CHOICE',
      choices: ['Data Science', 'UX Design'],
    })
    const tuition = await createClientField(t, { name: 'Tuition paid', kind: 'NUMBER', choices: [] })
    await createCohort(prisma, org.id, 'Spring 2026', ['2026-01-12', '2026-06-30'])
    const client = await createClient(prisma, org.id, {
      customFields: { [programme.id]: 'Data Science', [tuition.id]: 4000 },
    })
    const text = [
      'Company,Date applied,Programme,Tuition paid,Cohort',
      'Acme,2026-03-02,ux design,,Spring 2026',
      'Globex,2026-03-05,,,',
    ].join('\n')
    const batch = await createImport(
      t,
      { name: 'mine.csv', bytes: new TextEncoder().encode(text) },
      { clientId: client.id },
    )
    const { preview: p } = (await previewImportBatch(t, batch.id, now))!
    expect(p.clientValues.summary).toEqual({
      fieldClients: 1,
      fields: [{ name: 'Programme', clients: 1 }],
      cohorts: [{ name: 'Spring 2026', clients: 1, created: false }],
    })
    await commitImport(t, batch.id, { now })
    const after = await prisma.client.findUniqueOrThrow({ where: { id: client.id }, include: { cohorts: true } })
    expect(after.customFields).toEqual({ [programme.id]: 'UX Design', [tuition.id]: 4000 })
    expect(after.cohorts).toHaveLength(1)
  })
})
