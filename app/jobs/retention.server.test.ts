import type PgBoss from 'pg-boss'
import { describe, expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import { createApplication, createClient, createPracticeWithOwner } from '../../tests/factories'
import { listPracticesWithRetention, retentionJobDefinitions, runPracticeRetention } from './retention.server'
import { queues } from './queue.server'

const job = (name: string) => retentionJobDefinitions().find((definition) => definition.name === name)!
const monthsLater = (months: number) => {
  const at = new Date()
  at.setUTCMonth(at.getUTCMonth() + months)
  return at
}

describe('retention of archived clients', () => {
  test('the practice job erases archived clients past the period and records it; others stay', async () => {
    const { org } = await createPracticeWithOwner(prisma, { org: { archivedClientRetentionMonths: 12 } })
    const old = await createClient(prisma, org.id, { name: 'Olga Archived', status: 'ARCHIVED' })
    await createApplication(prisma, org.id, old.id)
    const active = await createClient(prisma, org.id, { name: 'Ada Active' })
    const placed = await createClient(prisma, org.id, { name: 'Pia Placed', status: 'PLACED' })

    // Eleven months on, nothing is due yet.
    expect(await runPracticeRetention({ organizationId: org.id }, monthsLater(11))).toEqual({ erased: 0 })
    expect(await prisma.client.count({ where: { id: old.id } })).toBe(1)

    // Through the queue's handler, as pg-boss runs it, thirteen months on.
    await job(queues.retentionPractice).handler([{ data: { organizationId: org.id } } as PgBoss.Job<object>])
    expect(await prisma.client.count({ where: { id: old.id } })).toBe(1) // the handler runs at today's date

    expect(await runPracticeRetention({ organizationId: org.id }, monthsLater(13))).toEqual({ erased: 1 })
    expect(await prisma.client.count({ where: { id: old.id } })).toBe(0)
    expect(await prisma.client.count({ where: { id: { in: [active.id, placed.id] } } })).toBe(2)
    expect(await prisma.jobApplication.count({ where: { organizationId: org.id } })).toBe(1)
    const audit = await prisma.auditEvent.findMany({
      where: { organizationId: org.id, action: { in: ['client.erased', 'retention.applied'] } },
      orderBy: { action: 'asc' },
    })
    expect(audit.map((e) => [e.action, e.actorType, e.metadata])).toEqual([
      ['client.erased', 'SYSTEM', expect.objectContaining({ reason: 'retention' })],
      ['retention.applied', 'SYSTEM', { archivedClientRetentionMonths: 12, erasedClients: 1 }],
    ])
    expect(JSON.stringify(audit)).not.toContain('Olga')

    // The erased client's anonymous row is never erased again.
    expect(await runPracticeRetention({ organizationId: org.id }, monthsLater(40))).toEqual({ erased: 0 })
  })

  test('a practice without a period keeps its archived clients; the daily run only lists practices with one', async () => {
    const { org } = await createPracticeWithOwner(prisma)
    const kept = await createClient(prisma, org.id, { status: 'ARCHIVED' })
    expect(await runPracticeRetention({ organizationId: org.id }, monthsLater(120))).toEqual({ erased: 0 })
    expect(await prisma.client.count({ where: { id: kept.id } })).toBe(1)
    expect(await listPracticesWithRetention()).not.toContain(org.id)
    expect(job(queues.retentionDaily).schedule).toBe('40 2 * * *')
  })
})
