import { describe, expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import * as fieldsPage from '~/routes/orgs.$org.settings_.fields'
import * as roster from '~/routes/orgs.$org.clients._index/route'
import * as applications from '~/routes/orgs.$org.applications._index/route'
import * as applicationsExport from '~/routes/orgs.$org.applications.export'
import * as editClient from '~/routes/orgs.$org.clients.$clientId_.edit'
import * as newClient from '~/routes/orgs.$org.clients.new'
import { createApplication, createClient, createCohort, createPracticeWithOwner } from './factories'
import { ownClientsPractice } from './own-clients-practice'
import { call, origin, request, type Handler } from './route-calls'

// Custom client fields, called the way Remix calls the routes: owners define them, values are set on the
// client form and by the roster's bulk action, and the roster and the applications table filter and sort by
// them in SQL. Another practice's field ids are 404; hostile input a 400 with what was typed kept.

const h = (fn: unknown) => fn as Handler

async function practice() {
  const p = await ownClientsPractice()
  const field = (name: string, kind: 'TEXT' | 'NUMBER' | 'DATE' | 'CHOICE' | 'MULTI_CHOICE', choices: string[] = []) =>
    prisma.clientField.create({ data: { organizationId: p.org.id, name, kind, choices } })
  const programme = await field('Programme', 'CHOICE', ['Data', 'Design', 'Sales'])
  const skills = await field('Skills', 'MULTI_CHOICE', ['SQL', 'Python', 'Figma'])
  const budget = await field('Budget', 'NUMBER')
  const started = await field('Started', 'DATE')
  const city = await field('City', 'TEXT')
  return { ...p, fields: { programme, skills, budget, started, city } }
}

/** A form POST with repeated names (clientIds, ticked choices). */
function post(cookie: string, path: string, entries: [string, string][]) {
  return new Request(`${origin}${path}`, {
    method: 'POST',
    headers: {
      Cookie: cookie,
      Origin: origin,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(entries),
  })
}

/** A form posted to the practice's field settings by the member with this cookie. */
const postToFieldSettings = (slug: string, cookie: string, form: Record<string, string>) =>
  call(h(fieldsPage.action), request(cookie, `/orgs/${slug}/settings/fields`, form), { org: slug })
/** The settings' form for a new field, posted by the member with this cookie. */
const addField = (slug: string, cookie: string, field: { name: string; kind: string; choices?: string }) =>
  postToFieldSettings(slug, cookie, { intent: 'add', ...field })

const valuesOf = async (clientId: string) =>
  (await prisma.client.findUniqueOrThrow({ where: { id: clientId } })).customFields as Record<string, unknown>
const names = (answer: { data: unknown }) =>
  (answer.data as { roster: { rows: { name: string }[] } }).roster.rows.map((r) => r.name)

describe('field definitions', () => {
  test('an owner adds a choice field; a coach may not; a bad definition is a 400 that keeps what was typed', async () => {
    const { org, ownerCookie, coachCookie } = await practice()
    const added = await addField(org.slug, ownerCookie, {
      name: 'Intake',
      kind: 'CHOICE',
      choices: 'Spring\nAutumn\nSpring',
    })
    expect(added.status).toBe(302)
    const intake = await prisma.clientField.findFirstOrThrow({ where: { organizationId: org.id, name: 'Intake' } })
    expect(intake.choices).toEqual(['Spring', 'Autumn'])
    expect(intake.position).toBe(1) // after the fixture's fields, which all sit at 0
    expect(await prisma.auditEvent.count({ where: { organizationId: org.id, action: 'client_field.created' } })).toBe(1)

    const forbidden = await addField(org.slug, coachCookie, { name: 'Sneaky', kind: 'TEXT' })
    expect(forbidden.status).toBe(403)

    const refused = await addField(org.slug, ownerCookie, {
      name: 'Level <script>',
      kind: 'CHOICE',
      choices: 'Only one',
    })
    expect(refused.status).toBe(400)
    const result = (
      refused.data as { result: { initialValue: Record<string, string>; error: Record<string, string[]> } }
    ).result
    expect(result.initialValue.name).toBe('Level <script>')
    expect(result.error.choices).toEqual(['Give at least two choices, one a line'])
    const duplicate = await addField(org.slug, ownerCookie, { name: 'Intake', kind: 'TEXT' })
    expect(duplicate.status).toBe(400)
    const hostileKind = await addField(org.slug, ownerCookie, { name: 'X', kind: 'JSONB; DROP TABLE' })
    expect(hostileKind.status).toBe(400)
  })

  test('a field with values is retired, not deleted; a choice in use stays; another practice’s field is 404', async () => {
    const { org, owner, fields, others, ownerCookie } = await practice()
    await prisma.client.update({ where: { id: others.id }, data: { customFields: { [fields.programme.id]: 'Data' } } })
    const params = { org: org.slug }
    const del = await postToFieldSettings(org.slug, ownerCookie, { intent: 'delete', id: fields.programme.id })
    expect(del.status).toBe(400)
    expect((del.data as { result: { error: Record<string, string[]> } }).result.error['']![0]).toMatch(
      /retire it instead/,
    )
    const dropChoice = await postToFieldSettings(org.slug, ownerCookie, {
      intent: 'edit',
      id: fields.programme.id,
      name: 'Programme',
      kind: 'CHOICE',
      choices: 'Design\nSales',
    })
    expect(dropChoice.status).toBe(400)
    const retire = await postToFieldSettings(org.slug, ownerCookie, { intent: 'retire', id: fields.programme.id })
    expect(retire.status).toBe(302)
    expect(await prisma.clientField.count({ where: { id: fields.programme.id, retiredAt: { not: null } } })).toBe(1)
    expect(await valuesOf(others.id)).toEqual({ [fields.programme.id]: 'Data' })
    // Retired: gone from the roster, and a bookmark naming it is a 404 rather than a silent "everyone".
    const list = await call(h(roster.loader), request(ownerCookie, `/orgs/${org.slug}/clients`), params)
    const shown = (list.data as { fieldView: { fields: { id: string }[] } }).fieldView.fields.map((f) => f.id)
    expect(shown).not.toContain(fields.programme.id)
    const stale = await call(
      h(roster.loader),
      request(ownerCookie, `/orgs/${org.slug}/clients?field.${fields.programme.id}=Data`),
      params,
    )
    expect(stale.status).toBe(404)
    // A field with no values is deleted.
    expect((await postToFieldSettings(org.slug, ownerCookie, { intent: 'delete', id: fields.city.id })).status).toBe(
      302,
    )
    expect(await prisma.clientField.count({ where: { id: fields.city.id } })).toBe(0)

    const other = await createPracticeWithOwner(prisma)
    const theirs = await prisma.clientField.create({
      data: { organizationId: other.org.id, name: 'Theirs', kind: 'TEXT' },
    })
    for (const intent of ['retire', 'delete', 'up'])
      expect((await postToFieldSettings(org.slug, ownerCookie, { intent, id: theirs.id })).status).toBe(404)
    expect(await prisma.clientField.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({ retiredAt: null })
    expect(owner.id).toBeTruthy()
  })
})

describe('values on the client form', () => {
  test('the form sets every kind, clears a blank one, and refuses a bad value with what was typed kept', async () => {
    const { org, mine, fields, coachCookie } = await practice()
    const path = `/orgs/${org.slug}/clients/${mine.id}/edit`
    const params = { org: org.slug, clientId: mine.id }
    const base: [string, string][] = [
      ['name', mine.name],
      ['email', mine.email],
      ['timezone', 'UTC'],
      ['weeklyGoal', '10'],
      ['coachId', mine.coachId!],
      ['customFieldsSent', '1'],
    ]
    const saved = await call(
      h(editClient.action),
      post(coachCookie, path, [
        ...base,
        [`field.${fields.programme.id}`, 'Design'],
        [`field.${fields.skills.id}`, ''],
        [`field.${fields.skills.id}`, 'Figma'],
        [`field.${fields.skills.id}`, 'SQL'],
        [`field.${fields.budget.id}`, '1,500.5'],
        [`field.${fields.started.id}`, '2026-03-02'],
        [`field.${fields.city.id}`, ' Leeds '],
      ]),
      params,
    )
    expect(saved.status).toBe(302)
    expect(await valuesOf(mine.id)).toEqual({
      [fields.programme.id]: 'Design',
      [fields.skills.id]: ['SQL', 'Figma'],
      [fields.budget.id]: 1500.5,
      [fields.started.id]: '2026-03-02',
      [fields.city.id]: 'Leeds',
    })
    expect(await prisma.auditEvent.count({ where: { organizationId: org.id, action: 'client.fields_changed' } })).toBe(
      1,
    )

    const before = await valuesOf(mine.id)
    for (const [id, bad] of [
      [fields.budget.id, '12abc'],
      [fields.started.id, '2026-02-30'],
      [fields.programme.id, 'Astrology'],
      [fields.city.id, 'x'.repeat(201)],
    ] as const) {
      const refused = await call(h(editClient.action), post(coachCookie, path, [...base, [`field.${id}`, bad]]), params)
      expect(refused.status).toBe(400)
      const result = (
        refused.data as { result: { error: Record<string, string[]>; initialValue: Record<string, unknown> } }
      ).result
      expect(result.error[`field.${id}`]?.length).toBe(1)
      expect((result.initialValue.field as Record<string, string>)[id]).toBe(bad)
    }
    expect(await valuesOf(mine.id)).toEqual(before)

    // Blank inputs with the form's marker clear the values.
    expect((await call(h(editClient.action), post(coachCookie, path, base), params)).status).toBe(302)
    expect(await valuesOf(mine.id)).toEqual({})
  })

  test('another practice’s field id on the client form is a 404 and changes nothing', async () => {
    const { org, ownerCookie } = await practice()
    const other = await createPracticeWithOwner(prisma)
    const theirs = await prisma.clientField.create({
      data: { organizationId: other.org.id, name: 'Theirs', kind: 'TEXT' },
    })
    const answer = await call(
      h(newClient.action),
      post(ownerCookie, `/orgs/${org.slug}/clients/new`, [
        ['name', 'New Person'],
        ['email', 'new.person@example.test'],
        ['timezone', 'UTC'],
        ['weeklyGoal', '10'],
        [`field.${theirs.id}`, 'hello'],
      ]),
      { org: org.slug },
    )
    expect(answer.status).toBe(404)
    expect(await prisma.client.count({ where: { organizationId: org.id, email: 'new.person@example.test' } })).toBe(0)
  })
})

describe('the roster’s "Set field" bulk action', () => {
  test('sets a choice on the chosen clients; a coach limited to their own sets only theirs', async () => {
    const { org, mine, others, fields, ownerCookie, coachCookie } = await practice()
    const path = `/orgs/${org.slug}/clients`
    const params = { org: org.slug }
    const bulk = (cookie: string, extra: [string, string][]) =>
      call(
        h(roster.action),
        post(cookie, path, [['bulk', 'field'], ['clientIds', mine.id], ['clientIds', others.id], ...extra]),
        params,
      )
    const byCoach = await bulk(coachCookie, [
      ['fieldId', fields.skills.id],
      ['value', ''],
      ['value', 'Python'],
      ['value', 'SQL'],
    ])
    expect(byCoach.status).toBe(200)
    expect((byCoach.data as { bulk: { done: number; notFound: number } }).bulk).toMatchObject({ done: 1, notFound: 1 })
    expect(await valuesOf(mine.id)).toEqual({ [fields.skills.id]: ['SQL', 'Python'] })
    expect(await valuesOf(others.id)).toEqual({})

    const byOwner = await bulk(ownerCookie, [
      ['fieldId', fields.programme.id],
      ['value', 'Data'],
    ])
    expect((byOwner.data as { bulk: { done: number } }).bulk.done).toBe(2)
    expect(await valuesOf(others.id)).toEqual({ [fields.programme.id]: 'Data' })

    const bad = await bulk(ownerCookie, [
      ['fieldId', fields.programme.id],
      ['value', 'Astrology'],
    ])
    expect(bad.status).toBe(400)
    expect((bad.data as { bulkError: string }).bulkError).toMatch(/Choose one of the choices/)

    const other = await createPracticeWithOwner(prisma)
    const theirs = await prisma.clientField.create({
      data: { organizationId: other.org.id, name: 'Theirs', kind: 'TEXT' },
    })
    const foreign = await bulk(ownerCookie, [
      ['fieldId', theirs.id],
      ['value', 'x'],
    ])
    expect(foreign.status).toBe(404)
    expect(await valuesOf(others.id)).toEqual({ [fields.programme.id]: 'Data' })
  })
})

describe('filters and sorts', () => {
  async function caseload() {
    const p = await practice()
    const { org, owner, coach, fields } = p
    const people = [
      {
        name: 'Ada',
        coachId: coach.id,
        v: {
          [fields.programme.id]: 'Data',
          [fields.budget.id]: 900,
          [fields.skills.id]: ['SQL'],
          [fields.city.id]: 'Leeds',
        },
      },
      {
        name: 'Ben',
        coachId: owner.id,
        v: { [fields.programme.id]: 'Data', [fields.budget.id]: 50, [fields.started.id]: '2026-01-10' },
      },
      {
        name: 'Cy',
        coachId: coach.id,
        v: { [fields.programme.id]: 'Sales', [fields.budget.id]: 300, [fields.skills.id]: ['SQL', 'Python'] },
      },
      { name: 'Di', coachId: owner.id, v: { [fields.started.id]: '2026-05-01', [fields.city.id]: 'North Leeds' } },
    ]
    const clients = []
    for (const person of people) {
      const client = await createClient(prisma, org.id, {
        name: person.name,
        coachId: person.coachId,
        customFields: person.v,
      })
      await createApplication(prisma, org.id, client.id, { company: `${person.name} Co` })
      clients.push(client)
    }
    return { ...p, clients }
  }

  test('the roster filters by each kind in the URL and sorts by a field; a coach sees only their own', async () => {
    const { org, fields, ownerCookie, coachCookie } = await caseload()
    const params = { org: org.slug }
    const roster$ = async (cookie: string, q: string) =>
      call(h(roster.loader), request(cookie, `/orgs/${org.slug}/clients?${q}`), params)
    const f = (id: string, v: string) => `field.${id}=${encodeURIComponent(v)}`
    expect(names(await roster$(ownerCookie, f(fields.programme.id, 'Data')))).toEqual(['Ada', 'Ben'])
    expect(names(await roster$(coachCookie, f(fields.programme.id, 'Data')))).toEqual(['Ada'])
    expect(names(await roster$(ownerCookie, f(fields.skills.id, 'SQL')))).toEqual(['Ada', 'Cy'])
    expect(names(await roster$(ownerCookie, f(fields.budget.id, '100..900')))).toEqual(['Ada', 'Cy'])
    expect(names(await roster$(ownerCookie, f(fields.budget.id, '300')))).toEqual(['Cy'])
    expect(names(await roster$(ownerCookie, f(fields.started.id, '2026-02-01..')))).toEqual(['Di'])
    expect(names(await roster$(ownerCookie, f(fields.city.id, 'leeds')))).toEqual(['Ada', 'Di'])
    // A wildcard is a character to look for, not a pattern.
    expect(names(await roster$(ownerCookie, f(fields.city.id, '%')))).toEqual([])
    // Sorted by a number field, numerically, clients without a value last.
    const sorted = await roster$(ownerCookie, `sort=field.${fields.budget.id}&dir=asc`)
    expect(names(sorted)).toEqual(['Ben', 'Cy', 'Ada', 'Di', 'Mia Mine', 'Omar Other'])
    const byChoice = await roster$(ownerCookie, `sort=field.${fields.programme.id}&dir=desc`)
    expect(names(byChoice).slice(0, 3)).toEqual(['Cy', 'Ada', 'Ben'])
    // A value a field cannot hold leaves that filter off; the page still answers.
    expect((await roster$(ownerCookie, f(fields.budget.id, 'lots'))).status).toBe(200)
    expect((await roster$(ownerCookie, f(fields.programme.id, "Data' OR 1=1 --"))).status).toBe(200)
  })

  test('another practice’s field in the URL is a 404, on the roster, the applications table and the export', async () => {
    const { org, ownerCookie } = await caseload()
    const other = await createPracticeWithOwner(prisma)
    const theirs = await prisma.clientField.create({
      data: { organizationId: other.org.id, name: 'Theirs', kind: 'TEXT' },
    })
    const params = { org: org.slug }
    for (const [loader, page] of [
      [roster.loader, 'clients'],
      [applications.loader, 'applications'],
      [applicationsExport.loader, 'applications/export'],
    ] as const) {
      expect(
        (await call(h(loader), request(ownerCookie, `/orgs/${org.slug}/${page}?field.${theirs.id}=x`), params)).status,
      ).toBe(404)
      expect(
        (await call(h(loader), request(ownerCookie, `/orgs/${org.slug}/${page}?sort=field.${theirs.id}`), params))
          .status,
      ).toBe(404)
    }
  })

  test('the applications table filters by a field and a cohort together, and the coach sees their own clients’ only', async () => {
    const { org, clients, fields, ownerCookie, coachCookie } = await caseload()
    const [ada, ben, cy] = clients
    const cohort = await createCohort(prisma, org.id, 'Spring', ['2026-03-02', '2026-06-30'])
    for (const c of [ada!, ben!, cy!])
      await prisma.clientCohort.create({ data: { organizationId: org.id, cohortId: cohort.id, clientId: c.id } })
    const companies = async (cookie: string, q: string) => {
      const answer = await call(h(applications.loader), request(cookie, `/orgs/${org.slug}/applications?${q}`), {
        org: org.slug,
      })
      return (answer.data as { page: { rows: { company: string }[] } }).page.rows.map((r) => r.company).sort()
    }
    const q = `cohort=${cohort.id}&field.${fields.programme.id}=Data`
    expect(await companies(ownerCookie, q)).toEqual(['Ada Co', 'Ben Co'])
    expect(await companies(coachCookie, q)).toEqual(['Ada Co'])
    expect(await companies(ownerCookie, `cohort=${cohort.id}&field.${fields.skills.id}=Python`)).toEqual(['Cy Co'])
    expect(await companies(ownerCookie, `field.${fields.started.id}=2026-05-01`)).toEqual(['Di Co'])
    const csv = await call(
      h(applicationsExport.loader),
      request(ownerCookie, `/orgs/${org.slug}/applications/export?${q}`),
      { org: org.slug },
    )
    const text = await csv.response!.text()
    expect(text).toContain('Ada Co')
    expect(text).not.toContain('Cy Co')
  })

  test('the applications table and its export sort by a field; hostile sorts answer 200 or 404, never 500', async () => {
    const { org, fields, ownerCookie, coachCookie } = await caseload()
    const params = { org: org.slug }
    const page$ = (cookie: string, q: string) =>
      call(h(applications.loader), request(cookie, `/orgs/${org.slug}/applications?${q}`), params)
    const companies = (answer: { data: unknown }) =>
      (answer.data as { page: { rows: { company: string }[] } }).page.rows.map((r) => r.company)
    // Ben 50, Cy 300, Ada 900; Di has no budget: last in either direction.
    const asc = await page$(ownerCookie, `sort=field.${fields.budget.id}&dir=asc`)
    expect(companies(asc).slice(0, 4)).toEqual(['Ben Co', 'Cy Co', 'Ada Co', 'Di Co'])
    const desc = await page$(ownerCookie, `sort=field.${fields.budget.id}&dir=desc`)
    expect(companies(desc)).toEqual(['Ada Co', 'Cy Co', 'Ben Co', 'Di Co'])
    expect((desc.data as { fieldView: { sort: string } }).fieldView.sort).toBe(`field.${fields.budget.id}`)
    // The coach limited to their own clients: Ada and Cy only, in the same order.
    expect(companies(await page$(coachCookie, `sort=field.${fields.budget.id}&dir=desc`))).toEqual(['Ada Co', 'Cy Co'])
    // Several choices: SQL before SQL+Python, no value last.
    const bySkills = await page$(ownerCookie, `sort=field.${fields.skills.id}&dir=asc`)
    expect(companies(bySkills).slice(0, 2)).toEqual(['Ada Co', 'Cy Co'])

    const csv = await call(
      h(applicationsExport.loader),
      request(ownerCookie, `/orgs/${org.slug}/applications/export?sort=field.${fields.budget.id}&dir=desc`),
      params,
    )
    const lines = (await csv.response!.text()).trim().split(/\r?\n/)
    expect(lines[0]).toMatch(/,Programme,Skills,Budget,Started,City$/)
    expect(lines.slice(1).map((l) => l.split(',')[1])).toEqual(['Ada Co', 'Cy Co', 'Ben Co', 'Di Co'])
    expect(lines[1]).toMatch(/,Data,SQL,900,,Leeds$/)

    // A sort the page cannot read falls back to the default order; a field that is not the practice's
    // active one (unknown, another practice's, retired) is a 404, as the roster answers.
    for (const q of [
      'sort=field.',
      'sort=field.%00',
      `sort=field.${'x'.repeat(80)}`,
      "sort=field.a'b",
      `sort=field.${fields.budget.id}&dir=sideways`,
      `sort=field.${fields.budget.id}&after=%E2%9C%93not-a-cursor`,
      `sort=field.${fields.budget.id}&before=${Buffer.from('["field.x",null,"a","b","c"]').toString('base64url')}`,
      'sort=lastEventAt&dir=asc%00',
    ])
      expect([q, (await page$(ownerCookie, q)).status]).toEqual([q, 200])
    expect((await page$(ownerCookie, 'sort=field.nosuchfield')).status).toBe(404)
    await prisma.clientField.update({ where: { id: fields.city.id }, data: { retiredAt: new Date() } })
    expect((await page$(ownerCookie, `sort=field.${fields.city.id}`)).status).toBe(404)
  })
})
