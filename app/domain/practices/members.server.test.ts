import { describe, expect, test } from 'vitest'
import { acceptInvite, acceptInviteWithNewAccount, findOpenInvite } from '~/auth/member-invites.server'
import { hashInviteToken } from '~/lib/invite-tokens.server'
import { cookieHeaderFor, createSession } from '~/auth/session.server'
import type { Role } from '~/generated/prisma/enums'
import { prisma } from '~/lib/db.server'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import { requireTenant } from '~/auth/require-tenant.server'
import { addMember, createPracticeWithOwner, createUser, unique } from '../../../tests/factories'
import {
  changeMemberRole,
  inviteMember,
  listMembers,
  listPendingInvites,
  removeMember,
  resendInvite,
  revokeInvite,
} from './members.server'
import { InputError } from '~/lib/input-error'

const appUrl = 'http://localhost:4100'

async function practice() {
  const { org, owner } = await createPracticeWithOwner(prisma)
  return { org, owner, t: createTenantContext(prisma, { user: owner, org, role: 'OWNER' }) }
}

async function memberContext(orgId: string, role: Role) {
  const org = await prisma.organization.findUniqueOrThrow({ where: { id: orgId } })
  const user = await createUser(prisma)
  const membership = await addMember(prisma, org.id, user.id, role)
  return { user, membership, t: createTenantContext(prisma, { user, org, role }) }
}

/** The token from the accept link of the newest invite email to this address. */
async function tokenFromOutbox(email: string) {
  const sent = await prisma.outboundEmail.findFirstOrThrow({ where: { to: email }, orderBy: { createdAt: 'desc' } })
  const match = /\/join\/([A-Za-z0-9_-]+)/.exec(sent.text)
  return match![1]!
}

async function signedInRequest(userId: string, path: string) {
  const { token } = await createSession(userId)
  return new Request(`${appUrl}${path}`, { headers: { Cookie: cookieHeaderFor(token) } })
}

describe('inviting a coach', () => {
  test('stores only the hash of a 256-bit token, expiring in 7 days, and emails the accept link', async () => {
    const { t, org } = await practice()
    const email = `${unique('new-')}@example.test`
    const now = new Date()
    const invite = await inviteMember(t, { email, role: 'COACH' }, { appUrl, now })
    const token = await tokenFromOutbox(email)
    expect(Buffer.from(token, 'base64url')).toHaveLength(32)
    expect(invite.tokenHash).toBe(hashInviteToken(token))
    expect(invite.tokenHash).not.toContain(token)
    expect(invite.expiresAt.getTime() - now.getTime()).toBe(7 * 24 * 3600 * 1000)
    const outbox = await prisma.outboundEmail.findFirstOrThrow({ where: { to: email } })
    expect(outbox).toMatchObject({ organizationId: org.id, kind: 'member-invite', status: 'OUTBOX' })
    expect(await prisma.auditEvent.count({ where: { organizationId: org.id, action: 'member.invite_sent' } })).toBe(1)
    expect((await listPendingInvites(t)).map((i) => i.email)).toEqual([email])
  })

  test('a coach cannot invite, and an admin cannot invite an admin or an owner', async () => {
    const { org } = await practice()
    const coach = await memberContext(org.id, 'COACH')
    const admin = await memberContext(org.id, 'ADMIN')
    const email = `${unique('x-')}@example.test`
    await expect(inviteMember(coach.t, { email, role: 'COACH' }, { appUrl })).rejects.toThrow(InputError)
    await expect(inviteMember(admin.t, { email, role: 'ADMIN' }, { appUrl })).rejects.toThrow(InputError)
    await expect(inviteMember(admin.t, { email, role: 'OWNER' }, { appUrl })).rejects.toThrow(InputError)
    await expect(inviteMember(admin.t, { email, role: 'COACH' }, { appUrl })).resolves.toBeTruthy()
  })

  test('inviting an existing member is refused', async () => {
    const { t, owner } = await practice()
    await expect(inviteMember(t, { email: owner.email, role: 'COACH' }, { appUrl })).rejects.toThrow(/already a member/)
  })

  test('a resent invite gets a new token and the old link stops working; a revoked one is dead', async () => {
    const { t } = await practice()
    const email = `${unique('r-')}@example.test`
    const invite = await inviteMember(t, { email, role: 'COACH' }, { appUrl })
    const first = await tokenFromOutbox(email)
    await new Promise((r) => setTimeout(r, 5))
    await resendInvite(t, invite.id, { appUrl })
    const second = await tokenFromOutbox(email)
    expect(second).not.toBe(first)
    expect(await findOpenInvite(first)).toBeNull()
    expect(await findOpenInvite(second)).toMatchObject({ email, role: 'COACH', hasAccount: false })
    await revokeInvite(t, invite.id)
    expect(await findOpenInvite(second)).toBeNull()
  })
})

describe('accepting an invite', () => {
  test('someone without an account signs up with the invited email and joins, once', async () => {
    const { t, org } = await practice()
    const email = `${unique('join-')}@example.test`
    await inviteMember(t, { email, role: 'COACH' }, { appUrl })
    const token = await tokenFromOutbox(email)
    const joined = await acceptInviteWithNewAccount({ token, name: 'Nina New', password: 'long enough pass' })
    expect(joined.organization.slug).toBe(org.slug)
    const user = await prisma.user.findUniqueOrThrow({ where: { email } })
    expect(user.name).toBe('Nina New')
    expect(await prisma.membership.findFirst({ where: { organizationId: org.id, userId: user.id } })).toMatchObject({
      role: 'COACH',
    })
    await expect(acceptInvite({ token, userId: user.id })).rejects.toMatchObject({ reason: 'unusable' })
    expect(await prisma.auditEvent.count({ where: { organizationId: org.id, action: 'member.invite_accepted' } })).toBe(
      1,
    )
  })

  test('the invite is bound to its email: another signed-in account cannot take it', async () => {
    const { t, org } = await practice()
    const email = `${unique('bound-')}@example.test`
    await inviteMember(t, { email, role: 'COACH' }, { appUrl })
    const token = await tokenFromOutbox(email)
    const stranger = await createUser(prisma)
    await expect(acceptInvite({ token, userId: stranger.id })).rejects.toMatchObject({ reason: 'wrong-account' })
    expect(await prisma.membership.count({ where: { organizationId: org.id, userId: stranger.id } })).toBe(0)
    const invited = await createUser(prisma, { email })
    expect((await findOpenInvite(token))?.hasAccount).toBe(true)
    await expect(acceptInviteWithNewAccount({ token, name: 'X', password: 'long enough pass' })).rejects.toMatchObject({
      reason: 'account-exists',
    })
    await acceptInvite({ token, userId: invited.id })
    expect(await prisma.membership.count({ where: { organizationId: org.id, userId: invited.id } })).toBe(1)
  })

  test('an expired invite cannot be used', async () => {
    const { t } = await practice()
    const email = `${unique('old-')}@example.test`
    await inviteMember(t, { email, role: 'COACH' }, { appUrl, now: new Date(Date.now() - 8 * 86_400_000) })
    const token = await tokenFromOutbox(email)
    expect(await findOpenInvite(token)).toBeNull()
    const user = await createUser(prisma, { email })
    await expect(acceptInvite({ token, userId: user.id })).rejects.toMatchObject({ reason: 'unusable' })
  })
})

describe('roles and removal', () => {
  test('only an owner makes or unmakes an admin; an admin may change coaches only', async () => {
    const { org } = await practice()
    const admin = await memberContext(org.id, 'ADMIN')
    const coach = await memberContext(org.id, 'COACH')
    await expect(changeMemberRole(admin.t, { membershipId: coach.membership.id, role: 'ADMIN' })).rejects.toThrow(
      InputError,
    )
    await expect(changeMemberRole(coach.t, { membershipId: admin.membership.id, role: 'COACH' })).rejects.toThrow(
      InputError,
    )
    const { t } = await practiceOwnerOf(org.id)
    await changeMemberRole(t, { membershipId: coach.membership.id, role: 'ADMIN' })
    expect((await prisma.membership.findUniqueOrThrow({ where: { id: coach.membership.id } })).role).toBe('ADMIN')
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { organizationId: org.id, action: 'member.role_changed' },
    })
    expect(audit.metadata).toMatchObject({ from: 'COACH', to: 'ADMIN' })
  })

  test('a practice always keeps an owner', async () => {
    const { t, org } = await practice()
    const [me] = await listMembers(t)
    await expect(changeMemberRole(t, { membershipId: me!.id, role: 'ADMIN' })).rejects.toThrow(/at least one owner/)
    await expect(removeMember(t, me!.id)).rejects.toThrow(/at least one owner/)
    const second = await memberContext(org.id, 'OWNER')
    await changeMemberRole(t, { membershipId: me!.id, role: 'ADMIN' })
    await expect(removeMember(second.t, second.membership.id)).rejects.toThrow(/at least one owner/)
  })

  test('a removed member gets 404 on their very next request to the practice', async () => {
    const { t, org } = await practice()
    const coach = await memberContext(org.id, 'COACH')
    const before = await requireTenant(await signedInRequest(coach.user.id, `/orgs/${org.slug}`), { org: org.slug })
    expect(before.role).toBe('COACH')
    await removeMember(t, coach.membership.id)
    const response = await requireTenant(await signedInRequest(coach.user.id, `/orgs/${org.slug}`), {
      org: org.slug,
    }).catch((e: unknown) => e)
    expect(response).toBeInstanceOf(Response)
    expect((response as Response).status).toBe(404)
    expect(await prisma.auditEvent.count({ where: { organizationId: org.id, action: 'member.removed' } })).toBe(1)
  })

  test('members of another practice are out of reach', async () => {
    const { t } = await practice()
    const other = await practice()
    const [theirs] = await listMembers(other.t)
    expect(await changeMemberRole(t, { membershipId: theirs!.id, role: 'COACH' })).toBeNull()
    expect(await removeMember(t, theirs!.id)).toBeNull()
    expect(await prisma.membership.findUniqueOrThrow({ where: { id: theirs!.id } })).toMatchObject({ role: 'OWNER' })
  })
})

async function practiceOwnerOf(orgId: string) {
  const org = await prisma.organization.findUniqueOrThrow({ where: { id: orgId } })
  const membership = await prisma.membership.findFirstOrThrow({ where: { organizationId: orgId, role: 'OWNER' } })
  const user = await prisma.user.findUniqueOrThrow({ where: { id: membership.userId } })
  return { t: createTenantContext(prisma, { user, org, role: 'OWNER' }) }
}
