import { describe, expect, test } from 'vitest'
import { recordAuditEvent, recordSignIn } from '~/domain/practices/audit.server'
import { prisma } from '~/lib/db.server'
import { addMember, createPracticeWithOwner, createUser } from '../../../tests/factories'

describe('audit events', () => {
  test('recordAuditEvent writes the act, its actor, target, metadata and address in the practice', async () => {
    const { org, owner } = await createPracticeWithOwner(prisma)
    const event = await recordAuditEvent(prisma, {
      organizationId: org.id,
      actorUserId: owner.id,
      action: 'membership.role_changed',
      targetType: 'Membership',
      targetId: 'm1',
      metadata: { from: 'COACH', to: 'ADMIN' },
      ip: '192.0.2.4',
    })
    expect(await prisma.auditEvent.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({
      organizationId: org.id,
      actorUserId: owner.id,
      actorType: 'COACH',
      action: 'membership.role_changed',
      targetType: 'Membership',
      targetId: 'm1',
      metadata: { from: 'COACH', to: 'ADMIN' },
      ip: '192.0.2.4',
    })
  })

  test('recordSignIn writes one user.signed_in row in each practice of the user, and none elsewhere', async () => {
    const a = await createPracticeWithOwner(prisma)
    const b = await createPracticeWithOwner(prisma)
    const stranger = await createPracticeWithOwner(prisma)
    const coach = await createUser(prisma)
    await addMember(prisma, a.org.id, coach.id)
    await addMember(prisma, b.org.id, coach.id)
    expect(await recordSignIn(prisma, coach.id, '192.0.2.5')).toBe(2)
    for (const org of [a.org, b.org]) {
      const rows = await prisma.auditEvent.findMany({ where: { organizationId: org.id, action: 'user.signed_in' } })
      expect(rows).toMatchObject([{ actorUserId: coach.id, targetId: coach.id, ip: '192.0.2.5' }])
    }
    expect(await prisma.auditEvent.count({ where: { organizationId: stranger.org.id, actorUserId: coach.id } })).toBe(0)
  })
})
