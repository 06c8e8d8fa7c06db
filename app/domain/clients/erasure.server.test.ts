import { describe, expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import { InputError } from '~/lib/input-error'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import { createClientWithRecords } from '../../../tests/client-records'
import { createPracticeWithOwner } from '../../../tests/factories'
import { eraseClient, erasurePreview } from './erasure.server'

async function practice() {
  const { org, owner } = await createPracticeWithOwner(prisma)
  const t = createTenantContext(prisma, { user: owner, org, role: 'OWNER' })
  return { org, owner, t }
}

/** Every text, JSON and array column of every table in the schema, searched for each needle. */
async function findEverywhere(needles: string[]) {
  const columns = await prisma.$queryRaw<{ table: string; column: string }[]>`
    SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
    WHERE table_schema = current_schema()
      AND (data_type IN ('text', 'character varying', 'json', 'jsonb', 'ARRAY', 'USER-DEFINED'))`
  const found: string[] = []
  for (const { table, column } of columns) {
    const rows = await prisma.$queryRawUnsafe<{ value: string }[]>(
      `SELECT "${column}"::text AS value FROM "${table}" WHERE "${column}"::text ILIKE ANY($1::text[])`,
      needles.map((needle) => `%${needle}%`),
    )
    for (const { value } of rows) found.push(`${table}.${column}: ${value.slice(0, 200)}`)
  }
  return found
}

/** Everything stored about a client, keyed by table, to compare before and after. */
async function rowsOf(clientId: string) {
  const where = { clientId }
  return {
    client: await prisma.client.findUnique({ where: { id: clientId } }),
    applications: await prisma.jobApplication.findMany({ where, orderBy: { id: 'asc' } }),
    events: await prisma.stageEvent.findMany({ where, orderBy: { id: 'asc' } }),
    tasks: await prisma.task.findMany({ where, orderBy: { id: 'asc' } }),
    checkIns: await prisma.checkIn.findMany({ where, orderBy: { id: 'asc' } }),
    notes: await prisma.note.findMany({ where, orderBy: { id: 'asc' } }),
    messages: await prisma.message.findMany({ where, orderBy: { id: 'asc' } }),
    digestNotes: await prisma.digestNote.findMany({ where, orderBy: { id: 'asc' } }),
    deliveries: await prisma.digestDelivery.findMany({ where: { recipientId: clientId }, orderBy: { id: 'asc' } }),
    sessions: await prisma.clientSession.findMany({ where, orderBy: { id: 'asc' } }),
    links: await prisma.clientAccessLink.findMany({ where, orderBy: { id: 'asc' } }),
    notifications: await prisma.notification.findMany({ where, orderBy: { id: 'asc' } }),
    emails: await prisma.outboundEmail.findMany({ where: { to: { contains: clientId } }, orderBy: { id: 'asc' } }),
  }
}

describe('erasing a client', () => {
  test('after erasure no table holds the client’s id, name or email; the audit log says a client was erased', async () => {
    const { t, org } = await practice()
    const name = 'Zelda Quintero-Vasquez'
    const { client, email } = await createClientWithRecords(prisma, org.id, name)
    const other = await createClientWithRecords(prisma, org.id, 'Bruno Other')
    // The same name in another practice is another person: it stays.
    const { org: elsewhere } = await createPracticeWithOwner(prisma)
    const namesake = await createClientWithRecords(prisma, elsewhere.id, name)
    const otherBefore = await rowsOf(other.client.id)
    const namesakeBefore = await rowsOf(namesake.client.id)
    const applicationsBefore = await prisma.jobApplication.count({ where: { organizationId: org.id } })

    expect(await findEverywhere([client.id, email])).not.toEqual([])
    const result = await eraseClient(t, client.id, { confirmName: ' zelda quintero-vasquez ' })
    expect(result).not.toBeNull()

    // The namesake in the other practice still carries the name: search for this client's own traces.
    expect(await findEverywhere([client.id, email])).toEqual([])
    const nameHits = await prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "Client" WHERE "organizationId" = ${org.id} AND name = ${name}`
    expect(nameHits[0]!.n).toBe(0)
    const inPractice = await findNameInPractice(org.id, name)
    expect(inPractice).toEqual([])

    // Counted anonymously: the applications remain, with no word anyone wrote.
    expect(await prisma.jobApplication.count({ where: { organizationId: org.id } })).toBe(applicationsBefore)
    const anonymous = await prisma.client.findUniqueOrThrow({ where: { id: result!.anonymousId } })
    expect(anonymous).toMatchObject({ name: 'Erased client', status: 'ARCHIVED', erasedAt: expect.any(Date) })
    const kept = await prisma.jobApplication.findMany({ where: { clientId: anonymous.id } })
    expect(kept.map((a) => [a.company, a.notes, a.jobUrl, a.feedbackText])).toEqual([
      ['Erased', null, null, null],
      ['Erased', null, null, null],
      ['Erased', null, null, null],
    ])
    expect(await prisma.stageEvent.count({ where: { clientId: anonymous.id } })).toBe(7)

    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { organizationId: org.id, action: 'client.erased' },
    })
    expect(audit).toMatchObject({ actorUserId: t.user.id, targetId: anonymous.id })
    expect(JSON.stringify(audit)).not.toContain('Zelda')
    expect(audit.metadata).toMatchObject({ reason: 'request', applicationsKeptAnonymously: 3, messages: 4, notes: 1 })

    expect(await rowsOf(other.client.id)).toEqual(otherBefore)
    expect(await rowsOf(namesake.client.id)).toEqual(namesakeBefore)
  })

  test('the preview counts what will go; a wrong name erases nothing', async () => {
    const { t, org } = await practice()
    const { client } = await createClientWithRecords(prisma, org.id, 'Ana Lima')
    const preview = await erasurePreview(t, client.id)
    expect(preview).toMatchObject({
      removed: { tasks: 1, checkIns: 1, messages: 4, notes: 1, digestNotes: 1, emails: 1, imports: 1 },
      anonymised: { applications: 3, stageEvents: 7 },
    })
    const before = await rowsOf(client.id)
    await expect(eraseClient(t, client.id, { confirmName: 'Ana' })).rejects.toBeInstanceOf(InputError)
    expect(await rowsOf(client.id)).toEqual(before)
  })

  test('a client of another practice is not found: nothing changes', async () => {
    const { t } = await practice()
    const { org: elsewhere } = await createPracticeWithOwner(prisma)
    const { client } = await createClientWithRecords(prisma, elsewhere.id, 'Far Away')
    const before = await rowsOf(client.id)
    expect(await eraseClient(t, client.id, { confirmName: 'Far Away' })).toBeNull()
    expect(await erasurePreview(t, client.id)).toBeNull()
    expect(await rowsOf(client.id)).toEqual(before)
  })
})

/** The name anywhere in a practice's rows (any table with organizationId, every text or JSON column). */
async function findNameInPractice(organizationId: string, name: string) {
  const columns = await prisma.$queryRaw<{ table: string; column: string }[]>`
    SELECT c.table_name AS "table", c.column_name AS "column" FROM information_schema.columns c
    WHERE c.table_schema = current_schema() AND c.data_type IN ('text', 'character varying', 'json', 'jsonb', 'ARRAY')
      AND EXISTS (SELECT 1 FROM information_schema.columns o WHERE o.table_schema = c.table_schema
                  AND o.table_name = c.table_name AND o.column_name = 'organizationId')`
  const found: string[] = []
  for (const { table, column } of columns) {
    const [row] = await prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "${table}" WHERE "organizationId" = $1 AND "${column}"::text ILIKE $2`,
      organizationId,
      `%${name}%`,
    )
    if (row!.n > 0) found.push(`${table}.${column}`)
  }
  return found
}
