import { describe, expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import { createTenantContext, type TenantContext } from '~/tenancy/scoped-client.server'
import { createClient, createMember, createPracticeWithOwner } from '../../../tests/factories'
import { BulkActionInput, BulkInputError, runBulkAction } from './bulk.server'

const appUrl = 'http://rebound.test'

async function practice(coachesSeeOwnClientsOnly = false) {
  const { org, owner } = await createPracticeWithOwner(prisma, { org: { coachesSeeOwnClientsOnly } })
  const coachUser = await createMember(prisma, org.id, { name: 'Cole Coach' })
  const ownerT = createTenantContext(prisma, { user: owner, org, role: 'OWNER' })
  const coachT = createTenantContext(prisma, { user: coachUser, org, role: 'COACH' })
  const mine = [
    await createClient(prisma, org.id, { name: 'Ana Mine', coachId: coachUser.id }),
    await createClient(prisma, org.id, { name: 'Ben Mine', coachId: coachUser.id }),
  ]
  const other = await createClient(prisma, org.id, { name: 'Omar Other', coachId: owner.id })
  return { org, owner, coachUser, ownerT, coachT, mine, other }
}

const parse = (input: unknown) => BulkActionInput.parse(input)
const bulk = (t: TenantContext, input: unknown) => runBulkAction(t, parse(input), appUrl)

describe('bulk actions on the roster', () => {
  test('pausing several clients pauses them in one go, reports each, and leaves one audit entry', async () => {
    const { org, ownerT, mine, other } = await practice()
    await prisma.client.update({ where: { id: other.id }, data: { status: 'PLACED' } })
    const result = await bulk(ownerT, { bulk: 'pause', clientIds: [...mine, other].map((c) => c.id) })
    expect(result).toMatchObject({ done: 2, notFound: 0 })
    expect(result.outcomes.map((o) => [o.name, o.ok])).toEqual([
      ['Ana Mine', true],
      ['Ben Mine', true],
      ['Omar Other', false],
    ])
    const statuses = await prisma.client.findMany({ where: { organizationId: org.id }, orderBy: { name: 'asc' } })
    expect(statuses.map((c) => c.status)).toEqual(['PAUSED', 'PAUSED', 'PLACED'])
    const audit = await prisma.auditEvent.findMany({ where: { organizationId: org.id, action: 'clients.bulk_paused' } })
    expect(audit).toHaveLength(1)
    expect(JSON.stringify(audit[0]!.metadata)).toContain('Ana Mine')
  })

  test('a coach limited to their own clients acts on their own only; the others are not found and not changed', async () => {
    const { org, coachT, owner, mine, other } = await practice(true)
    const result = await bulk(coachT, { bulk: 'coach', coachId: owner.id, clientIds: [other.id, mine[0]!.id] })
    expect(result).toMatchObject({ done: 1, notFound: 1 })
    expect(result.outcomes.map((o) => o.name)).toEqual(['Ana Mine'])
    expect(JSON.stringify(result)).not.toContain('Omar')
    const after = await prisma.client.findUniqueOrThrow({ where: { id: other.id } })
    expect(after.coachId).toBe(owner.id)
    expect((await prisma.client.findUniqueOrThrow({ where: { id: mine[0]!.id } })).coachId).toBe(owner.id)
    expect(
      await prisma.auditEvent.count({ where: { organizationId: org.id, action: 'clients.bulk_coach_changed' } }),
    ).toBe(1)
  })

  test('another practice’s clients are not found, and a coach from outside the practice is refused', async () => {
    const { ownerT, mine } = await practice()
    const elsewhere = await practice()
    const result = await bulk(ownerT, { bulk: 'pause', clientIds: [elsewhere.other.id] })
    expect(result).toMatchObject({ done: 0, notFound: 1, outcomes: [] })
    expect((await prisma.client.findUniqueOrThrow({ where: { id: elsewhere.other.id } })).status).toBe('ACTIVE')
    await expect(
      bulk(ownerT, { bulk: 'coach', coachId: elsewhere.owner.id, clientIds: [mine[0]!.id] }),
    ).rejects.toBeInstanceOf(BulkInputError)
    expect((await prisma.client.findUniqueOrThrow({ where: { id: mine[0]!.id } })).coachId).not.toBe(elsewhere.owner.id)
  })

  test('invites go out one by one and say why a client got none; a task is assigned to every open client', async () => {
    const { org, ownerT, mine, other } = await practice()
    await prisma.client.update({ where: { id: other.id }, data: { status: 'ARCHIVED' } })
    const invited = await bulk(ownerT, { bulk: 'invite', clientIds: [...mine, other].map((c) => c.id) })
    expect(invited.done).toBe(2)
    expect(invited.outcomes.find((o) => o.name === 'Omar Other')).toMatchObject({ ok: false, message: /Archived/ })
    expect(await prisma.clientAccessLink.count({ where: { organizationId: org.id } })).toBe(2)

    const dueOn = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10)
    const tasks = await bulk(ownerT, {
      bulk: 'task',
      type: 'NETWORKING',
      title: 'Two coffees this week',
      dueOn,
      clientIds: mine.map((c) => c.id),
    })
    expect(tasks.done).toBe(2)
    expect(await prisma.task.count({ where: { organizationId: org.id, title: 'Two coffees this week' } })).toBe(2)
    await expect(
      bulk(ownerT, { bulk: 'task', type: 'NETWORKING', title: 'Late', dueOn: '2020-01-01', clientIds: [mine[0]!.id] }),
    ).rejects.toMatchObject({ field: 'dueOn' })
    expect(await prisma.task.count({ where: { organizationId: org.id, title: 'Late' } })).toBe(0)
  })

  test('hostile input is refused with a message', () => {
    for (const input of [
      { bulk: 'pause' },
      { bulk: 'pause', clientIds: [] },
      { bulk: 'pause', clientIds: Array.from({ length: 101 }, (_, i) => `c${i}`) },
      { bulk: 'delete', clientIds: ['a'] },
      { bulk: 'coach', clientIds: ['a'] },
      { bulk: 'task', clientIds: ['a'], type: 'NETWORKING', title: '', dueOn: '2026-12-09' },
      { bulk: 'pause', clientIds: ['x'.repeat(65)] },
    ]) {
      const parsed = BulkActionInput.safeParse(input)
      expect(parsed.success, JSON.stringify(input).slice(0, 80)).toBe(false)
      expect(parsed.error!.issues[0]!.message.length).toBeGreaterThan(3)
    }
  })
})
