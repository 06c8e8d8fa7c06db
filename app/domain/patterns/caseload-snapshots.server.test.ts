import { expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import { addMember, createPracticeWithOwner, createUser } from '../../../tests/factories'
import { cachedFigures, snapshotKey } from './caseload-snapshots.server'

test('figures are stored, reused while fresh, and computed again once stale or on request', async () => {
  const { org, owner } = await createPracticeWithOwner(prisma)
  const t = createTenantContext(prisma, { user: owner, org, role: 'OWNER' })
  let computed = 0
  const compute = async () => ({ run: ++computed })
  const start = new Date('2026-11-23T10:00:00Z')
  expect(await cachedFigures(t, 'figures', compute, { now: start })).toEqual({ run: 1 })
  expect(await cachedFigures(t, 'figures', compute, { now: new Date(start.getTime() + 60_000) })).toEqual({ run: 1 })
  expect(await cachedFigures(t, 'figures', compute, { now: new Date(start.getTime() + 11 * 60_000) })).toEqual({
    run: 2,
  })
  expect(
    await cachedFigures(t, 'figures', compute, { now: new Date(start.getTime() + 11 * 60_000), refresh: true }),
  ).toEqual({
    run: 3,
  })
  expect(await prisma.caseloadSnapshot.count({ where: { organizationId: org.id } })).toBe(1)
})

test('a coach who sees only their own clients gets figures of their own', async () => {
  const { org, owner } = await createPracticeWithOwner(prisma, { org: { coachesSeeOwnClientsOnly: true } })
  const coach = await createUser(prisma)
  await addMember(prisma, org.id, coach.id)
  const ownerView = createTenantContext(prisma, { user: owner, org, role: 'OWNER' })
  const coachView = createTenantContext(prisma, { user: coach, org, role: 'COACH' })
  expect(snapshotKey(ownerView, 'patterns:30')).toBe('patterns:30')
  expect(snapshotKey(coachView, 'patterns:30')).toBe(`patterns:30:coach:${coach.id}`)
  await cachedFigures(ownerView, 'patterns:30', async () => ({ who: 'practice' }))
  expect(await cachedFigures(coachView, 'patterns:30', async () => ({ who: 'coach' }))).toEqual({ who: 'coach' })
})

test('two views that compute the first figures at once both get them, and one snapshot is kept', async () => {
  const { org, owner } = await createPracticeWithOwner(prisma)
  const t = createTenantContext(prisma, { user: owner, org, role: 'OWNER' })
  const compute = async () => ({ clients: 3 })
  for (let i = 0; i < 5; i++) {
    const views = await Promise.all([
      cachedFigures(t, `first:${i}`, compute),
      cachedFigures(t, `first:${i}`, compute),
      cachedFigures(t, `first:${i}`, compute),
    ])
    expect(views).toEqual([{ clients: 3 }, { clients: 3 }, { clients: 3 }])
  }
  expect(await prisma.caseloadSnapshot.count({ where: { organizationId: org.id } })).toBe(5)
})
