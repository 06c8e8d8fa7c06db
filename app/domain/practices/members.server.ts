import { createElement } from 'react'
import { generateInviteToken, INVITE_LIFETIME_MS } from '~/lib/invite-tokens.server'
import { can } from '~/domain/practices/permissions'
import type { Role } from '~/generated/prisma/enums'
import { sendEmail } from '~/lib/email.server'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import MemberInviteEmail from '../../../emails/member-invite'
import { InputError } from '~/lib/input-error'

// Members of a practice and the invites that bring new ones in.

export function listMembers(t: TenantContext) {
  return t.db.membership.findMany({
    select: { id: true, role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
    orderBy: [{ role: 'asc' }, { createdAt: 'asc' }],
  })
}

export function listPendingInvites(t: TenantContext, now: Date = new Date()) {
  return t.db.memberInvite.findMany({
    where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    select: { id: true, email: true, role: true, expiresAt: true, createdAt: true },
    orderBy: { createdAt: 'desc' },
  })
}

function assertCanGrant(t: TenantContext, role: Role) {
  if (!can(t.role, 'members:manage')) throw new InputError(null, 'Only owners and admins manage members.')
  if (role !== 'COACH' && !can(t.role, 'members:manage-admins'))
    throw new InputError(null, 'Only an owner can make someone an owner or an admin.')
}

type Options = { appUrl: string; now?: Date; ip?: string | null }

export async function inviteMember(t: TenantContext, input: { email: string; role: Role }, options: Options) {
  assertCanGrant(t, input.role)
  const now = options.now ?? new Date()
  const member = await t.db.membership.findFirst({ where: { user: { email: input.email } }, select: { id: true } })
  if (member) throw new InputError(null, 'That person is already a member of this practice.')
  const { token, tokenHash } = generateInviteToken()
  const invite = await t.db.$transaction(async (tx) => {
    // One open invite per address: a new one replaces the old.
    await tx.memberInvite.updateMany({
      where: { email: input.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    })
    const created = await tx.memberInvite.create({
      data: {
        organizationId: t.org.id,
        email: input.email,
        role: input.role,
        tokenHash,
        invitedById: t.user.id,
        expiresAt: new Date(now.getTime() + INVITE_LIFETIME_MS),
      },
    })
    await audit(tx, t, 'member.invite_sent', created.id, { email: input.email, role: input.role }, options.ip)
    return created
  })
  await sendInviteEmail(t, invite, token, options.appUrl)
  return invite
}

/** A fresh token and expiry (the old token can't be recovered: only its hash is stored). */
export async function resendInvite(t: TenantContext, inviteId: string, options: Options) {
  const now = options.now ?? new Date()
  const invite = await t.db.memberInvite.findFirst({ where: { id: inviteId, acceptedAt: null, revokedAt: null } })
  if (!invite) return null
  assertCanGrant(t, invite.role)
  const { token, tokenHash } = generateInviteToken()
  const updated = await t.db.$transaction(async (tx) => {
    const row = await tx.memberInvite.update({
      where: { id: invite.id },
      data: { tokenHash, expiresAt: new Date(now.getTime() + INVITE_LIFETIME_MS) },
    })
    await audit(tx, t, 'member.invite_resent', invite.id, { email: invite.email, role: invite.role }, options.ip)
    return row
  })
  await sendInviteEmail(t, updated, token, options.appUrl)
  return updated
}

export async function revokeInvite(t: TenantContext, inviteId: string, options: Omit<Options, 'appUrl'> = {}) {
  const invite = await t.db.memberInvite.findFirst({ where: { id: inviteId, acceptedAt: null, revokedAt: null } })
  if (!invite) return null
  assertCanGrant(t, invite.role)
  return t.db.$transaction(async (tx) => {
    const row = await tx.memberInvite.update({
      where: { id: invite.id },
      data: { revokedAt: options.now ?? new Date() },
    })
    await audit(tx, t, 'member.invite_revoked', invite.id, { email: invite.email }, options.ip)
    return row
  })
}

async function sendInviteEmail(
  t: TenantContext,
  invite: { email: string; role: Role; expiresAt: Date },
  token: string,
  appUrl: string,
) {
  const acceptUrl = new URL(`/join/${token}`, appUrl).toString()
  await sendEmail({
    to: invite.email,
    subject: `${t.user.name} invited you to ${t.org.name} on Rebound`,
    kind: 'member-invite',
    organizationId: t.org.id,
    react: createElement(MemberInviteEmail, {
      practiceName: t.org.name,
      inviterName: t.user.name,
      role: invite.role,
      acceptUrl,
      expiresAt: invite.expiresAt,
    }),
  })
}

/**
 * Owners and admins change roles; only an owner makes or unmakes an owner or an admin, and the
 * practice always keeps an owner. Serializable, so two owners demoting each other can't both win.
 */
export async function changeMemberRole(
  t: TenantContext,
  input: { membershipId: string; role: Role },
  options: { ip?: string | null } = {},
) {
  return t.db.$transaction(
    async (tx) => {
      const member = await tx.membership.findFirst({ where: { id: input.membershipId } })
      if (!member) return null
      if (member.role === input.role) return member
      assertCanGrant(t, member.role)
      assertCanGrant(t, input.role)
      if (member.role === 'OWNER') await assertAnotherOwner(tx, member.id)
      const updated = await tx.membership.update({ where: { id: member.id }, data: { role: input.role } })
      await audit(
        tx,
        t,
        'member.role_changed',
        member.id,
        { userId: member.userId, from: member.role, to: input.role },
        options.ip,
      )
      return updated
    },
    { isolationLevel: 'Serializable' },
  )
}

/** Their next request to this practice gets 404: requireTenant reads the membership every time. */
export async function removeMember(t: TenantContext, membershipId: string, options: { ip?: string | null } = {}) {
  return t.db.$transaction(
    async (tx) => {
      const member = await tx.membership.findFirst({ where: { id: membershipId } })
      if (!member) return null
      assertCanGrant(t, member.role)
      if (member.role === 'OWNER') await assertAnotherOwner(tx, member.id)
      await tx.membership.delete({ where: { id: member.id } })
      await audit(tx, t, 'member.removed', member.id, { userId: member.userId, role: member.role }, options.ip)
      return member
    },
    { isolationLevel: 'Serializable' },
  )
}

type Tx = Parameters<Parameters<TenantContext['db']['$transaction']>[0]>[0]

async function assertAnotherOwner(tx: Tx, membershipId: string) {
  const owners = await tx.membership.count({ where: { role: 'OWNER', id: { not: membershipId } } })
  if (owners === 0) throw new InputError(null, 'A practice needs at least one owner. Make someone else an owner first.')
}

function audit(
  tx: Tx,
  t: TenantContext,
  action: string,
  targetId: string,
  metadata: Record<string, string>,
  ip: string | null | undefined,
) {
  const targetType = action.startsWith('member.invite') ? 'MemberInvite' : 'Membership'
  // recordAuditEvent (audit.server.ts) takes the raw client's type; t.db's transaction writes the same row.
  return tx.auditEvent.create({
    data: { organizationId: t.org.id, actorUserId: t.user.id, action, targetType, targetId, metadata, ip: ip ?? null },
  })
}
