import { describe, expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import { createClient, createMember, createPracticeWithOwner } from '../../tests/factories'
import { createPortalDb, createTenantContext } from './scoped-client.server'
import { clientInView, queryScopedSql, sql } from './sql.server'

// Raw SQL through a scoped client's door (the one a conversation's speaker holds): the door's practice is bound,
// and clientInView is the door's rule for clients, in the portal and for a coach limited to their own clients.

async function practice() {
  const { org, owner } = await createPracticeWithOwner(prisma, { org: { coachesSeeOwnClientsOnly: true } })
  const coach = await createMember(prisma, org.id, { name: 'Cole Coach' })
  const mine = await createClient(prisma, org.id, { name: 'Mia Mine', coachId: coach.id })
  const others = await createClient(prisma, org.id, { name: 'Omar Other', coachId: owner.id })
  const elsewhere = await createPracticeWithOwner(prisma)
  const stranger = await createClient(prisma, elsewhere.org.id, { name: 'Sam Stranger' })
  return { org, owner, coach, mine, others, stranger }
}

/** The names of the given clients that the door lets its holder reach, read through the door. */
async function reachable(db: Parameters<typeof clientInView>[0], ids: string[]) {
  const names: string[] = []
  for (const id of ids) {
    const rows = await queryScopedSql<{ name: string }>(
      db,
      (org) =>
        sql`SELECT name FROM "Client" WHERE "organizationId" = ${org} AND id = ${id} AND ${clientInView(db, id)}`,
    )
    names.push(...rows.map((r) => r.name))
  }
  return names.sort()
}

describe('raw SQL through a scoped client', () => {
  test('binds the door’s practice: another practice’s client is never read', async () => {
    const { org, owner, mine, others, stranger } = await practice()
    const t = createTenantContext(prisma, { user: owner, org, role: 'OWNER' })
    expect(await reachable(t.db, [mine.id, others.id, stranger.id])).toEqual(['Mia Mine', 'Omar Other'])
  })

  test('a coach limited to their own clients reaches only those; the portal only its own client', async () => {
    const { org, coach, mine, others } = await practice()
    const t = createTenantContext(prisma, { user: coach, org, role: 'COACH' })
    expect(await reachable(t.db, [mine.id, others.id])).toEqual(['Mia Mine'])
    const portal = createPortalDb(prisma, org.id, others.id)
    expect(await reachable(portal, [mine.id, others.id])).toEqual(['Omar Other'])
  })

  test('SQL that does not bind the practice is refused', async () => {
    const { org, owner } = await practice()
    const t = createTenantContext(prisma, { user: owner, org, role: 'OWNER' })
    await expect(queryScopedSql(t.db, () => sql`SELECT name FROM "Client"`)).rejects.toThrow(/practice id/)
  })
})
