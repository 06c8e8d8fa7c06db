import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, test } from 'vitest'
import { Prisma } from '~/generated/prisma/client'
import { prisma } from '~/lib/db.server'
import {
  createTenantContext,
  relationsOf,
  TENANT_MODELS,
  TenancyError,
  tenantModelsOf,
  type TenantContext,
  type TenantModel,
} from '~/tenancy/scoped-client.server'
import { queryTenantLists, queryTenantSql, tenantList } from '~/tenancy/sql.server'
import { createApplication, createClient, createMember } from './factories'
import { createPracticeWithEveryRow, type TenantRows } from './tenant-rows'

// Practice B's tenant context must never see or change practice A's rows, in any tenant model.

type Delegate = Record<string, (args?: unknown) => Promise<unknown>>
const delegate = (db: unknown, model: string) =>
  (db as Record<string, Delegate>)[model.charAt(0).toLowerCase() + model.slice(1)]!

// A DateTime column of each model that an update can change.
const stampField: Partial<Record<TenantModel, string>> = {
  MessageRead: 'lastReadAt',
  NotificationGate: 'lastEmailAt',
  StageEvent: 'occurredAt',
  DigestDelivery: 'claimedAt',
  ImportMapping: 'updatedAt',
  ClientCohort: 'addedAt',
}
const stamp = (model: TenantModel) => stampField[model] ?? 'createdAt'

const schema = readFileSync('prisma/schema.prisma', 'utf8')
const schemaModels = [...schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)].map(([, name, body]) => ({
  name: name!,
  body: body!,
}))

let a: TenantRows
let b: TenantRows
let tb: TenantContext

const contextFor = (rows: TenantRows) => createTenantContext(prisma, { user: rows.owner, org: rows.org, role: 'OWNER' })

async function snapshot(rows: TenantRows) {
  const out: Record<string, unknown> = {}
  for (const model of TENANT_MODELS) {
    out[model] = await delegate(prisma, model).findUnique!({ where: { id: rows.rows[model].id } })
  }
  return out
}

beforeAll(async () => {
  a = await createPracticeWithEveryRow(prisma)
  b = await createPracticeWithEveryRow(prisma)
  tb = contextFor(b)
})

describe('the list of tenant models', () => {
  test('names exactly the models with an organizationId column in the generated data model', () => {
    expect([...TENANT_MODELS].sort()).toEqual(tenantModelsOf(prisma).sort())
  })

  test('names exactly the models with an organizationId column in schema.prisma', () => {
    const withOrg = schemaModels.filter((m) => /^\s+organizationId\s/m.test(m.body)).map((m) => m.name)
    expect([...TENANT_MODELS].sort()).toEqual(withOrg.sort())
  })

  test('the door finds the foreign key of every relation that schema.prisma declares', () => {
    for (const { name, body } of schemaModels) {
      for (const [, field, target, key] of body.matchAll(/^\s+(\w+)\s+(\w+)\??\s+@relation\(fields: \[(\w+)\]/gm)) {
        expect(relationsOf(prisma, name).get(field!), `${name}.${field}`).toMatchObject({ target, foreignKey: key })
      }
    }
  })
})

describe.each([...TENANT_MODELS])('from practice B, %s', (model) => {
  test('reads return nothing of practice A', async () => {
    const id = a.rows[model].id
    const db = delegate(tb.db, model)
    expect(await db.findMany!({ where: { id } })).toEqual([])
    expect(await db.findMany!({ where: { organizationId: a.org.id } })).toEqual([])
    const all = (await db.findMany!()) as { organizationId: string }[]
    expect(all.length).toBeGreaterThan(0)
    expect(all.every((row) => row.organizationId === b.org.id)).toBe(true)
    expect(await db.findFirst!({ where: { id } })).toBeNull()
    expect(await db.findUnique!({ where: { id } })).toBeNull()
    expect(await db.count!({ where: { id } })).toBe(0)
    expect(await db.aggregate!({ where: { id }, _count: { _all: true } })).toEqual({ _count: { _all: 0 } })
    const groups = (await db.groupBy!({ by: ['organizationId'], _count: { _all: true } })) as {
      organizationId: string
    }[]
    expect(groups.map((g) => g.organizationId)).toEqual([b.org.id])
  })

  test('the same reads from practice A do find the row (so the reads above can fail)', async () => {
    const db = delegate(contextFor(a).db, model)
    expect(await db.count!({ where: { id: a.rows[model].id } })).toBe(1)
  })

  test('updates and deletes by practice A ids change nothing of practice A', async () => {
    const before = await snapshot(a)
    const id = a.rows[model].id
    const db = delegate(tb.db, model)
    const data = { [stamp(model)]: new Date(0) }
    await expect(db.update!({ where: { id }, data })).rejects.toThrow()
    expect(await db.updateMany!({ where: { id }, data })).toEqual({ count: 0 })
    expect(await db.updateMany!({ where: { organizationId: a.org.id }, data })).toEqual({ count: 0 })
    await expect(db.delete!({ where: { id } })).rejects.toThrow()
    expect(await db.deleteMany!({ where: { id } })).toEqual({ count: 0 })
    expect(await db.deleteMany!({ where: { OR: [{ id }, { organizationId: a.org.id }] } })).toEqual({ count: 0 })
    expect(await snapshot(a)).toEqual(before)
  })

  test('a create that names practice A is refused', async () => {
    const db = delegate(tb.db, model)
    await expect(db.create!({ data: { organizationId: a.org.id } })).rejects.toThrow(TenancyError)
    await expect(db.createMany!({ data: [{ organizationId: a.org.id }] })).rejects.toThrow(TenancyError)
    await expect(db.updateMany!({ where: {}, data: { organizationId: a.org.id } })).rejects.toThrow(TenancyError)
  })
})

describe('what the door refuses', () => {
  test('raw queries through t.db are refused', async () => {
    await expect(tb.db.$queryRaw`SELECT 1`).rejects.toThrow(TenancyError)
    await expect(tb.db.$executeRaw`UPDATE "Client" SET name = 'x'`).rejects.toThrow(TenancyError)
    await expect(tb.db.$queryRawUnsafe('SELECT 1')).rejects.toThrow(TenancyError)
    await expect(tb.db.$executeRawUnsafe(`DELETE FROM "Client"`)).rejects.toThrow(TenancyError)
    expect(await prisma.client.count({ where: { id: a.client.id } })).toBe(1)
  })

  test('raw SQL through queryTenantSql must bind the practice id, and then sees only that practice', async () => {
    await expect(queryTenantSql(tb, () => Prisma.sql`SELECT id FROM "Client"`)).rejects.toThrow(TenancyError)
    const rows = await queryTenantSql<{ id: string }>(
      tb,
      (organizationId) => Prisma.sql`SELECT id FROM "Client" WHERE "organizationId" = ${organizationId}`,
    )
    expect(rows.map((r) => r.id)).toEqual([b.client.id])
  })

  test('several lists in one statement: each must bind the practice id, and each sees only that practice', async () => {
    const clients = tenantList<{ id: string }>(
      (organizationId) => Prisma.sql`SELECT id FROM "Client" WHERE "organizationId" = ${organizationId}`,
    )
    await expect(
      queryTenantLists(tb, { clients, every: tenantList(() => Prisma.sql`SELECT id FROM "Client"`) }),
    ).rejects.toThrow(TenancyError)
    await expect(queryTenantLists(tb, { 'x" FROM y; --': clients })).rejects.toThrow(TenancyError)
    const none = tenantList<{ id: string }>(
      (organizationId) => Prisma.sql`SELECT id FROM "Client" WHERE "organizationId" = ${organizationId} AND false`,
    )
    expect(await queryTenantLists(tb, { clients, none })).toEqual({ clients: [{ id: b.client.id }], none: [] })
  })

  test('models outside the practice are refused: sessions, reset tokens, rate limits, suppressions', async () => {
    await expect(tb.db.session.findMany()).rejects.toThrow(TenancyError)
    await expect(tb.db.passwordResetToken.findMany()).rejects.toThrow(TenancyError)
    await expect(tb.db.rateLimitBucket.deleteMany()).rejects.toThrow(TenancyError)
    await expect(tb.db.emailSuppression.findMany()).rejects.toThrow(TenancyError)
    await expect(tb.db.webhookEvent.findMany()).rejects.toThrow(TenancyError)
    await expect(tb.db.user.update({ where: { id: b.owner.id }, data: { name: 'x' } })).rejects.toThrow(TenancyError)
    await expect(tb.db.organization.delete({ where: { id: b.org.id } })).rejects.toThrow(TenancyError)
  })

  test('users are readable only as members of the practice, without their password hash', async () => {
    const users = await tb.db.user.findMany()
    expect(users.map((u) => u.id).sort()).toEqual([b.owner.id, b.coach.id].sort())
    expect(users.every((u) => !('passwordHash' in u))).toBe(true)
    expect(await tb.db.user.findUnique({ where: { id: a.owner.id } })).toBeNull()
    await expect(tb.db.user.findMany({ select: { passwordHash: true } })).rejects.toThrow(TenancyError)
    await expect(tb.db.user.findMany({ where: { passwordHash: { startsWith: '$' } } })).rejects.toThrow(TenancyError)
    await expect(tb.db.user.findMany({ include: { memberships: true } })).rejects.toThrow(TenancyError)
  })

  test('a coach reached through a relation shows no password hash and no way into other practices', async () => {
    const [client] = await tb.db.client.findMany({ include: { coach: true } })
    expect(client!.coach).toMatchObject({ id: b.coach.id, name: 'Cora Coach' })
    expect(client!.coach).not.toHaveProperty('passwordHash')
    await expect(
      tb.db.client.findMany({ include: { coach: { include: { memberships: { include: { organization: true } } } } } }),
    ).rejects.toThrow(TenancyError)
    await expect(tb.db.note.findMany({ where: { author: { sessions: { some: {} } } } })).rejects.toThrow(TenancyError)
    await expect(
      tb.db.membership.findMany({ include: { organization: { include: { clients: true } } } }),
    ).rejects.toThrow(TenancyError)
  })

  test('the practice row is its own only', async () => {
    expect(await tb.db.organization.findUnique({ where: { id: a.org.id } })).toBeNull()
    expect((await tb.db.organization.findMany()).map((o) => o.id)).toEqual([b.org.id])
    await expect(tb.db.organization.update({ where: { id: a.org.id }, data: { name: 'Taken' } })).rejects.toThrow()
    expect((await prisma.organization.findUniqueOrThrow({ where: { id: a.org.id } })).name).toBe(a.org.name)
  })

  test('a row of practice B cannot point at a row of practice A', async () => {
    const base = { organizationId: b.org.id, type: 'FOLLOW_UP' as const, title: 'Follow up' }
    await expect(tb.db.task.create({ data: { ...base, clientId: a.client.id } })).rejects.toThrow()
    await expect(
      tb.db.task.create({ data: { ...base, clientId: b.client.id, applicationId: a.application.id } }),
    ).rejects.toThrow()
    await expect(tb.db.task.createMany({ data: [{ ...base, clientId: a.client.id }] })).rejects.toThrow(TenancyError)
    await expect(tb.db.jobApplication.updateMany({ where: {}, data: { clientId: a.client.id } })).rejects.toThrow(
      TenancyError,
    )
    await expect(tb.db.client.update({ where: { id: b.client.id }, data: { coachId: a.coach.id } })).rejects.toThrow()
    const { organizationId: _, ...nested } = base
    await expect(
      tb.db.task.create({
        data: { ...nested, client: { connect: { id: a.client.id } }, organization: { connect: { id: b.org.id } } },
      }),
    ).rejects.toThrow(TenancyError)
    expect(await prisma.task.count({ where: { clientId: a.client.id } })).toBe(1)
  })

  test('writes within the practice work, and the door sets organizationId when it is left out', async () => {
    const task = (await delegate(tb.db, 'Task').create!({
      data: { type: 'FOLLOW_UP', title: 'Send a follow-up', clientId: b.client.id, applicationId: b.application.id },
    })) as { organizationId: string }
    expect(task.organizationId).toBe(b.org.id)
    const { count } = await tb.db.task.createMany({
      data: [{ organizationId: b.org.id, type: 'NETWORKING', title: 'Coffee chat', clientId: b.client.id }],
    })
    expect(count).toBe(1)
    const updated = await tb.db.client.update({ where: { id: b.client.id }, data: { coachId: b.owner.id } })
    expect(updated.coachId).toBe(b.owner.id)
    await tb.db.client.update({ where: { id: b.client.id }, data: { coachId: b.coach.id } })
  })

  test('an interactive transaction on t.db stays inside the practice', async () => {
    const seen = await tb.db.$transaction(async (tx) => {
      const client = await tx.client.create({
        data: { organizationId: b.org.id, name: 'Tia Tx', email: `tx-${b.org.id}@example.test` },
      })
      await tx.jobApplication.create({
        data: { organizationId: b.org.id, clientId: client.id, company: 'Initech', roleTitle: 'Analyst' },
      })
      return tx.client.findMany({ where: { id: { in: [client.id, a.client.id] } } })
    })
    expect(seen.map((c) => c.organizationId)).toEqual([b.org.id])
    await expect(tb.db.$transaction(async (tx) => tx.$queryRaw`SELECT 1`)).rejects.toThrow(TenancyError)
  })
})

describe('a practice where coaches see only their own clients', () => {
  test('a coach reads and writes only their own clients and what belongs to them', async () => {
    const rows = await createPracticeWithEveryRow(prisma)
    const org = await prisma.organization.update({
      where: { id: rows.org.id },
      data: { coachesSeeOwnClientsOnly: true },
    })
    const other = await createMember(prisma, org.id, { name: 'Otto Other' })
    const theirs = await createClient(prisma, org.id, { coachId: other.id })
    const theirApplication = await createApplication(prisma, org.id, theirs.id)

    const coach = createTenantContext(prisma, { user: rows.coach, org, role: 'COACH' })
    expect((await coach.db.client.findMany()).map((c) => c.id)).toEqual([rows.client.id])
    expect(await coach.db.client.findUnique({ where: { id: theirs.id } })).toBeNull()
    expect(await coach.db.jobApplication.count({ where: { id: theirApplication.id } })).toBe(0)
    expect(await coach.db.stageEvent.count({ where: { clientId: theirs.id } })).toBe(0)
    expect(await coach.db.insight.count()).toBe(1)
    await expect(
      coach.db.task.create({ data: { organizationId: org.id, type: 'OTHER', title: 'Not mine', clientId: theirs.id } }),
    ).rejects.toThrow()

    const owner = createTenantContext(prisma, { user: rows.owner, org, role: 'OWNER' })
    expect(await owner.db.client.count()).toBe(2)
  })
})
