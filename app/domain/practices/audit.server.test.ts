import { describe, expect, test } from 'vitest'
import { logIn } from '~/auth/accounts.server'
import { issueInviteLink, revokeInviteLinks } from '~/domain/clients/access-links.server'
import { createClient, setClientStatus, updateClient } from '~/domain/clients/clients.server'
import {
  AuditQuery,
  listAuditEvents,
  recordAuditEvent,
  recordSignIn,
  streamAuditCsv,
} from '~/domain/practices/audit.server'
import { assignTask } from '~/domain/tasks/tasks.server'
import { prisma } from '~/lib/db.server'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import { addMember, createPracticeWithOwner, createUser, defaultPassword, unique } from '../../../tests/factories'

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

// The audit log tells the story of a practice: who added, edited and archived which client and
// what changed, invite links, tasks, failed sign-ins; filtered by actor, action and days in the
// practice's timezone, and exported as CSV.

async function practice(timezone = 'UTC') {
  const { org, owner } = await createPracticeWithOwner(prisma, { org: { timezone } })
  return { t: createTenantContext(prisma, { user: owner, org, role: 'OWNER' }), owner, org }
}

const clientInput = (email: string) => ({
  name: 'Alex Able',
  email,
  coachId: null,
  status: 'ACTIVE' as const,
  targetRole: 'Developer',
  seniority: null,
  industries: [],
  weeklyGoal: 10,
  timezone: 'UTC',
  digestOptIn: true,
})

describe('what the log records', () => {
  test('a client added, edited (before and after), archived; invite links issued and revoked; a task assigned', async () => {
    const { t } = await practice()
    const email = `${unique('alex-')}@example.test`
    const client = await createClient(t, clientInput(email) as never)
    await updateClient(t, client.id, { ...clientInput(email), weeklyGoal: 5, targetRole: 'Designer' } as never)
    await issueInviteLink(t, client.id)
    await revokeInviteLinks(t, client.id)
    await assignTask(t, {
      clientIds: [client.id],
      type: 'FOLLOW_UP',
      title: 'Follow up',
      instructions: '',
      dueOn: '2099-01-05',
    } as never)
    await setClientStatus(t, client.id, 'ARCHIVED')
    const { events } = await listAuditEvents(t, AuditQuery.parse({}))
    expect(events.map((e) => e.action).reverse()).toEqual([
      'client.added',
      'client.edited',
      'invite_link.issued',
      'invite_link.revoked',
      'task.assigned',
      'client.archived',
    ])
    const edited = events.find((e) => e.action === 'client.edited')!
    expect(edited.metadata).toMatchObject({
      name: 'Alex Able',
      changes: { weeklyGoal: { from: 10, to: 5 }, targetRole: { from: 'Developer', to: 'Designer' } },
    })
    expect(Object.keys((edited.metadata as { changes: object }).changes)).toEqual(['targetRole', 'weeklyGoal'])
    expect(events.find((e) => e.action === 'client.archived')!.metadata).toMatchObject({
      changes: { status: { from: 'ACTIVE', to: 'ARCHIVED' } },
    })
  })

  test('a client added with a coach, and a change of coach, show the coach’s name, not their id', async () => {
    const { t, org } = await practice()
    const coach = await createUser(prisma, { name: 'Casey Coach' })
    await addMember(prisma, org.id, coach.id)
    const email = `${unique('casey-')}@example.test`
    const client = await createClient(t, { ...clientInput(email), coachId: coach.id } as never)
    await updateClient(t, client.id, { ...clientInput(email), coachId: null } as never)
    const { events } = await listAuditEvents(t, AuditQuery.parse({}))
    const added = events.find((e) => e.action === 'client.added')!.metadata as Record<string, unknown>
    expect(added.coach).toBe('Casey Coach')
    expect(added).not.toHaveProperty('coachId')
    const edited = events.find((e) => e.action === 'client.edited')!.metadata as { changes: Record<string, unknown> }
    expect(edited.changes.coach).toEqual({ from: 'Casey Coach', to: null })
    let csv = ''
    for await (const chunk of streamAuditCsv(t, AuditQuery.parse({}))) csv += chunk
    expect(csv).toContain('Casey Coach')
    expect(csv).not.toContain(coach.id)
  })

  test('an edit that changes nothing records nothing', async () => {
    const { t } = await practice()
    const email = `${unique('same-')}@example.test`
    const client = await createClient(t, clientInput(email) as never)
    await updateClient(t, client.id, clientInput(email) as never)
    expect((await listAuditEvents(t, AuditQuery.parse({}))).events.map((e) => e.action)).toEqual(['client.added'])
  })

  test('a wrong password is recorded in the practices of the account it named', async () => {
    const { t, owner } = await practice()
    expect(await logIn({ email: owner.email, password: 'not the password', ip: '198.51.100.7' })).toBeNull()
    await expect
      .poll(async () => (await listAuditEvents(t, AuditQuery.parse({ action: 'user.sign_in_failed' }))).total)
      .toBe(1)
    expect(await logIn({ email: owner.email, password: defaultPassword })).not.toBeNull()
  })
})

describe('filters and export', () => {
  test('actor, action and a date range in the practice’s timezone narrow the log', async () => {
    const { t, owner, org } = await practice('Pacific/Auckland')
    const at = (iso: string, action: string, actorUserId: string | null) =>
      prisma.auditEvent.create({
        data: {
          organizationId: org.id,
          action,
          actorUserId,
          actorType: actorUserId ? 'COACH' : 'SYSTEM',
          createdAt: new Date(iso),
        },
      })
    // 2026-03-01 10:30 UTC is 2026-03-01 23:30 in Auckland; 11:30 UTC is already 2 March there.
    await at('2026-03-01T10:30:00Z', 'client.added', owner.id)
    await at('2026-03-01T11:30:00Z', 'client.edited', owner.id)
    await at('2026-03-01T11:45:00Z', 'digests.sent', null)
    const list = async (q: Record<string, string>) =>
      (await listAuditEvents(t, AuditQuery.parse(q))).events.map((e) => e.action).sort()
    expect(await list({ from: '2026-03-01', to: '2026-03-01' })).toEqual(['client.added'])
    expect(await list({ from: '2026-03-02', to: '2026-03-02' })).toEqual(['client.edited', 'digests.sent'])
    expect(await list({ actor: 'system' })).toEqual(['digests.sent'])
    expect(await list({ actor: owner.id, action: 'client' })).toEqual(['client.added', 'client.edited'])
    expect(await list({ action: 'client.edited' })).toEqual(['client.edited'])
    expect(await list({ from: '2026-00-10', action: '\u0000', actor: 'x'.repeat(500) })).toHaveLength(3)
  })

  test('the CSV holds every filtered row with its time in the practice’s timezone and in UTC', async () => {
    const { t, owner, org } = await practice('Pacific/Auckland')
    await prisma.auditEvent.create({
      data: {
        organizationId: org.id,
        action: 'client.added',
        actorUserId: owner.id,
        metadata: { name: '=cmd' },
        createdAt: new Date('2026-03-01T11:30:00Z'),
      },
    })
    let csv = ''
    for await (const chunk of streamAuditCsv(t, AuditQuery.parse({ action: 'client' }))) csv += chunk
    const lines = csv.trim().split('\r\n')
    expect(lines[0]).toBe('Time (Pacific/Auckland),Time (UTC),Actor,Action,Record,Record id,Details,IP')
    expect(lines).toHaveLength(2)
    expect(lines[1]).toContain('2026-03-02 00:30:00')
    expect(lines[1]).toContain('2026-03-01T11:30:00.000Z')
    expect(lines[1]).toContain('client.added')
  })
})
