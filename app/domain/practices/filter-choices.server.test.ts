import { beforeAll, describe, expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import { createTenantContext, type TenantContext } from '~/tenancy/scoped-client.server'
import { createClient, createMember, createOrganization } from '../../../tests/factories'
import { createCohort } from '../cohorts/cohorts.server'
import { createClientField } from '../client-fields/client-fields.server'
import { listCoaches } from '../clients/clients.server'
import { listCohortChoices } from '../cohorts/cohorts.server'
import { listActiveClientFields } from '../client-fields/client-fields.server'
import { clientChoiceLimit } from '../applications/caseload-applications.server'
import { applicationsPageChoices, rosterPageChoices } from './filter-choices.server'

// A table page's filter lists, read in one statement, are the lists each list function reads on its own: same
// rows, same order, the own-clients rule kept, and only the practice's own.

let owner: TenantContext
let ownOnlyCoach: TenantContext

beforeAll(async () => {
  const org = await createOrganization(prisma, { coachesSeeOwnClientsOnly: true })
  const first = await createMember(prisma, org.id, { name: 'Zoë Zimmer' }, 'OWNER')
  const second = await createMember(prisma, org.id, { name: 'Ada Ames' })
  owner = createTenantContext(prisma, { user: first, org, role: 'OWNER' })
  ownOnlyCoach = createTenantContext(prisma, { user: second, org, role: 'COACH' })
  await createClient(prisma, org.id, { name: 'Bea Banner', coachId: first.id })
  await createClient(prisma, org.id, { name: 'Cy Coles', coachId: second.id })
  await createClient(prisma, org.id, { name: 'Al Abbot', coachId: second.id })
  await createCohort(owner, { name: 'Spring', startsOn: '2026-03-01', endsOn: '2026-05-31', sponsorName: null })
  await createCohort(owner, { name: 'Autumn', startsOn: '2026-09-01', endsOn: '2026-11-30', sponsorName: null })
  await createClientField(owner, { name: 'Programme', kind: 'CHOICE', choices: ['Design', 'Data'] })
  await createClientField(owner, { name: 'Years', kind: 'NUMBER', choices: [] })
  // Another practice's rows never appear.
  const other = await createOrganization(prisma)
  await createMember(prisma, other.id, { name: 'Aaron Elsewhere' })
  await createClient(prisma, other.id, { name: 'Aaa Elsewhere' })
})

describe('the filter lists of a table page, in one statement', () => {
  test('the roster gets what the list functions read, in their order', async () => {
    const choices = await rosterPageChoices(owner)
    expect(choices).toEqual({
      fields: await listActiveClientFields(owner),
      coaches: await listCoaches(owner),
      cohorts: await listCohortChoices(owner),
    })
    expect(choices.coaches.map((c) => c.name)).toEqual(['Ada Ames', 'Zoë Zimmer'])
    expect(choices.cohorts.map((c) => c.name)).toEqual(['Autumn', 'Spring'])
    expect(choices.fields.map((f) => [f.name, f.kind, f.choices])).toEqual([
      ['Programme', 'CHOICE', ['Design', 'Data']],
      ['Years', 'NUMBER', []],
    ])
  })

  test('the applications page offers the clients by name, and a coach who sees only their own gets only theirs', async () => {
    const all = await applicationsPageChoices(owner)
    expect(all.clients).toEqual({
      clients: [
        expect.objectContaining({ name: 'Al Abbot' }),
        expect.objectContaining({ name: 'Bea Banner' }),
        expect.objectContaining({ name: 'Cy Coles' }),
      ],
      complete: true,
    })
    const own = await applicationsPageChoices(ownOnlyCoach)
    expect(own.clients.clients.map((c) => c.name)).toEqual(['Al Abbot', 'Cy Coles'])
    expect(clientChoiceLimit).toBeGreaterThan(3)
  })
})
