import { sha256 } from '@oslojs/crypto/sha2'
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding'
import { createElement } from 'react'
import type { AccessLinkKind } from '~/generated/prisma/enums'
import { sendEmail } from '~/lib/email.server'
import ClientInviteEmail from '../../../emails/client-invite'
import type { TenantContext, TenantDb } from '~/tenancy/scoped-client.server'
import { recordTenantEvent } from '../practices/audit.server'
import { clientInView, queryTenantSql, sql } from '~/tenancy/sql.server'

// The client's invite link (long-lived, revocable, re-issuable) and the short-lived sign-in
// links in digests. The token carries 160 random bits; only its SHA-256 is stored.

const day = 24 * 60 * 60 * 1000
export const inviteLifetimeDays = 30
export const signInLinkLifetimeMs = 3 * day

export function hashAccessToken(token: string) {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)))
}

function newToken() {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)))
}

export function inviteUrl(appUrl: string, token: string) {
  return `${appUrl}/invite/${token}`
}

type LinkOwner = {
  db: Pick<TenantDb, 'clientAccessLink'>
  organizationId: string
  clientId: string
  createdById?: string | null
}

async function createLink(owner: LinkOwner, kind: AccessLinkKind, lifetimeMs: number, now: Date) {
  const token = newToken()
  const link = await owner.db.clientAccessLink.create({
    data: {
      organizationId: owner.organizationId,
      clientId: owner.clientId,
      kind,
      tokenHash: hashAccessToken(token),
      expiresAt: new Date(now.getTime() + lifetimeMs),
      createdById: owner.createdById ?? null,
    },
  })
  return { token, link }
}

/**
 * A new invite link for the client. Any earlier invite link stops working at once: there is
 * one live invite per client. The token is returned once, to show, copy or email; it is not stored.
 */
export async function issueInviteLink(t: TenantContext, clientId: string, now = new Date()) {
  return t.db.$transaction(async (tx) => {
    await revokeWith({ ...t, db: tx }, clientId, now)
    const issued = await createLink(
      { db: tx, organizationId: t.org.id, clientId, createdById: t.user.id },
      'INVITE',
      inviteLifetimeDays * day,
      now,
    )
    await recordTenantEvent(
      { ...t, db: tx },
      'invite_link.issued',
      { type: 'Client', id: clientId },
      {
        expiresAt: issued.link.expiresAt.toISOString(),
      },
    )
    return issued
  })
}

/**
 * Stops the client's invite link and signs the client out of the portal everywhere: a session
 * opened with a revoked link must not outlive it, and the client signs in again with a new link.
 */
export function revokeInviteLinks(t: TenantContext, clientId: string, now = new Date()) {
  return t.db.$transaction((tx) => revokeWith({ ...t, db: tx }, clientId, now))
}

type Tx = Parameters<Parameters<TenantDb['$transaction']>[0]>[0]

async function revokeWith(t: Pick<TenantContext, 'org' | 'user'> & { db: Tx }, clientId: string, now: Date) {
  const { count } = await t.db.clientAccessLink.updateMany({
    where: { clientId, kind: 'INVITE', revokedAt: null },
    data: { revokedAt: now },
  })
  // The sessions opened with a link end with it: the page promises the link stops at once.
  await t.db.clientSession.deleteMany({ where: { clientId } })
  if (count) await recordTenantEvent(t, 'invite_link.revoked', { type: 'Client', id: clientId }, { links: count })
  return count
}

/** A short-lived sign-in link for a digest: never the long-lived invite. */
export function issueSignInLink(owner: LinkOwner, now = new Date()) {
  return createLink(owner, 'SIGN_IN', signInLinkLifetimeMs, now)
}

/** The newest invite link of the client, for the coach's page: when it expires, if it was revoked, when it was last used. */
export async function findLatestInvite(t: TenantContext, clientId: string) {
  const [link] = await queryTenantSql<{
    id: string
    createdAt: Date
    expiresAt: Date
    revokedAt: Date | null
    lastUsedAt: Date | null
  }>(
    t,
    (organizationId) => sql`
      SELECT id, "createdAt", "expiresAt", "revokedAt", "lastUsedAt" FROM "ClientAccessLink"
      WHERE "organizationId" = ${organizationId} AND "clientId" = ${clientId} AND kind = 'INVITE'
        AND ${clientInView(t.db, clientId)}
      ORDER BY "createdAt" DESC LIMIT 1`,
  )
  return link ?? null
}

export function isLinkLive(link: { expiresAt: Date; revokedAt: Date | null }, now = new Date()) {
  return !link.revokedAt && link.expiresAt > now
}

/** Issues a fresh invite link (the old one stops) and emails it to the client. */
export async function emailInviteLink(
  t: TenantContext,
  client: { id: string; name: string; email: string; coach: { name: string } | null },
  appUrl: string,
  now = new Date(),
) {
  const { token, link } = await issueInviteLink(t, client.id, now)
  const url = inviteUrl(appUrl, token)
  await sendEmail({
    to: client.email,
    subject: `${client.coach?.name ?? t.user.name} invited you to track your job search on Rebound`,
    react: createElement(ClientInviteEmail, {
      clientName: client.name,
      coachName: client.coach?.name ?? t.user.name,
      practiceName: t.org.name,
      inviteUrl: url,
      expiresAt: link.expiresAt,
    }),
    kind: 'client-invite',
    organizationId: t.org.id,
  })
  return { url, link }
}
