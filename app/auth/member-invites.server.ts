import { createHash, randomBytes } from 'node:crypto'
import { hashPassword } from '~/auth/password.server'
import { recordAuditEvent } from '~/domain/practices/audit.server'
import type { Prisma } from '~/generated/prisma/client'
import { prisma } from '~/lib/db.server'

// Redeeming an invite to a practice. The person accepting is not a member yet, so this runs
// outside the tenancy door, with the raw client, and touches only the invite's own practice.

export const INVITE_LIFETIME_MS = 7 * 24 * 3600 * 1000

/** 256 bits from the CSPRNG; only the SHA-256 of the token is stored. */
export function generateInviteToken() {
  const token = randomBytes(32).toString('base64url')
  return { token, tokenHash: hashInviteToken(token) }
}

export function hashInviteToken(token: string) {
  return createHash('sha256').update(token).digest('hex')
}

export type OpenInvite = {
  id: string
  email: string
  role: 'OWNER' | 'ADMIN' | 'COACH'
  organization: { id: string; name: string; slug: string }
  hasAccount: boolean
}

/** The invite behind a token, or null when it is unknown, expired, used or revoked (all look the same). */
export async function findOpenInvite(token: string, now: Date = new Date()): Promise<OpenInvite | null> {
  if (!token || token.length > 200) return null
  const invite = await prisma.memberInvite.findUnique({
    where: { tokenHash: hashInviteToken(token) },
    select: {
      id: true,
      email: true,
      role: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      organization: { select: { id: true, name: true, slug: true } },
    },
  })
  if (!invite || invite.acceptedAt || invite.revokedAt || invite.expiresAt <= now) return null
  const account = await prisma.user.findUnique({ where: { email: invite.email }, select: { id: true } })
  const { id, email, role, organization } = invite
  return { id, email, role, organization, hasAccount: Boolean(account) }
}

export class InviteError extends Error {
  constructor(public reason: 'unusable' | 'wrong-account' | 'account-exists') {
    super(reason)
  }
}

type Acceptance = { token: string; ip?: string | null; now?: Date }

/** The signed-in user takes the invite; their email must be the one it was sent to. */
export async function acceptInvite({ token, userId, ip, now = new Date() }: Acceptance & { userId: string }) {
  return prisma.$transaction(async (tx) => {
    const invite = await claimInvite(tx, token, now)
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, email: true } })
    if (user.email !== invite.email) throw new InviteError('wrong-account')
    return join(tx, invite, user.id, ip)
  })
}

/** Someone without an account signs up through the invite, with the email it was sent to. */
export async function acceptInviteWithNewAccount({
  token,
  name,
  password,
  ip,
  now = new Date(),
}: Acceptance & { name: string; password: string }) {
  const passwordHash = await hashPassword(password)
  return prisma.$transaction(async (tx) => {
    const invite = await claimInvite(tx, token, now)
    if (await tx.user.findUnique({ where: { email: invite.email }, select: { id: true } }))
      throw new InviteError('account-exists')
    const user = await tx.user.create({ data: { email: invite.email, name, passwordHash } })
    return join(tx, invite, user.id, ip)
  })
}

type Tx = Prisma.TransactionClient

// Marks the invite used in the same statement that checks it is open, so one token joins once.
async function claimInvite(tx: Tx, token: string, now: Date) {
  const tokenHash = hashInviteToken(token)
  const { count } = await tx.memberInvite.updateMany({
    where: { tokenHash, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    data: { acceptedAt: now },
  })
  if (count !== 1) throw new InviteError('unusable')
  return tx.memberInvite.findUniqueOrThrow({
    where: { tokenHash },
    include: { organization: { select: { id: true, slug: true, name: true } } },
  })
}

async function join(
  tx: Tx,
  invite: Awaited<ReturnType<typeof claimInvite>>,
  userId: string,
  ip: string | null | undefined,
) {
  const existing = await tx.membership.findUnique({
    where: { organizationId_userId: { organizationId: invite.organizationId, userId } },
  })
  const membership =
    existing ??
    (await tx.membership.create({ data: { organizationId: invite.organizationId, userId, role: invite.role } }))
  await recordAuditEvent(tx, {
    organizationId: invite.organizationId,
    actorUserId: userId,
    action: 'member.invite_accepted',
    targetType: 'Membership',
    targetId: membership.id,
    metadata: { inviteId: invite.id, email: invite.email, role: membership.role },
    ip,
  })
  return { userId, membership, organization: invite.organization }
}
