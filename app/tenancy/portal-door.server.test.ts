import { describe, expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import { createApplication, createClient, createPracticeWithOwner } from '../../tests/factories'
import { createPortalDb } from './scoped-client.server'

// The portal's door scopes every query to one client, whatever a domain function asks for.

async function twoClients() {
  const { org } = await createPracticeWithOwner(prisma)
  const own = await createClient(prisma, org.id, { name: 'Own Client' })
  const other = await createClient(prisma, org.id, { name: 'Other Client' })
  const otherApplication = await createApplication(prisma, org.id, other.id)
  return { org, own, other, otherApplication, db: createPortalDb(prisma, org.id, own.id) }
}

describe('the portal door', () => {
  test('a client reads only their own row and rows, even when a query names another client', async () => {
    const { own, other, otherApplication, db } = await twoClients()
    expect((await db.client.findMany()).map((c) => c.id)).toEqual([own.id])
    expect(await db.client.findFirst({ where: { id: other.id } })).toBeNull()
    expect(await db.jobApplication.findFirst({ where: { id: otherApplication.id } })).toBeNull()
    expect(await db.jobApplication.findMany({ where: { clientId: other.id } })).toEqual([])
    expect(await db.stageEvent.count({ where: { applicationId: otherApplication.id } })).toBe(0)
  })

  test('a client cannot change or add to another client’s rows', async () => {
    const { org, other, otherApplication, db } = await twoClients()
    const updated = await db.jobApplication.updateMany({
      where: { id: otherApplication.id },
      data: { company: 'Changed' },
    })
    expect(updated.count).toBe(0)
    await expect(
      db.jobApplication.create({
        data: { organizationId: org.id, clientId: other.id, company: 'Sneaky', roleTitle: 'Analyst' },
      }),
    ).rejects.toThrow()
    const unchanged = await prisma.jobApplication.findMany({ where: { clientId: other.id } })
    expect(unchanged.map((a) => a.company)).toEqual([otherApplication.company])
  })
})
