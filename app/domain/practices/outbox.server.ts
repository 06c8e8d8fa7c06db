import { hashInviteToken } from '~/lib/invite-tokens.server'
import { can } from '~/domain/practices/permissions'
import { verifyUnsubscribeToken } from '~/lib/unsubscribe-links.server'
import { hashAccessToken } from '~/domain/clients/access-links.server'
import type { TenantContext } from '~/tenancy/scoped-client.server'

// The dev outbox: every email the practice sent or would have sent, read from OutboundEmail.
// Emails carry live links (member invites, client invites, digest sign-in links, unsubscribe
// links). The outbox shows a link only to someone who could already do what it does: anything
// else is replaced by a note saying why it is hidden.

export const outboxPageSize = 30

export async function listOutbox(t: TenantContext, page = 1) {
  const [emails, total] = await Promise.all([
    t.db.outboundEmail.findMany({
      orderBy: { createdAt: 'desc' },
      skip: (page - 1) * outboxPageSize,
      take: outboxPageSize,
      select: { id: true, to: true, subject: true, kind: true, status: true, createdAt: true, error: true },
    }),
    t.db.outboundEmail.count(),
  ])
  return { emails, total, page, pageSize: outboxPageSize }
}

/** The email with every link the viewer may not hold replaced by "link hidden: why". */
export async function findOutboundEmail(t: TenantContext, id: string) {
  const email = await t.db.outboundEmail.findFirst({ where: { id } })
  if (!email) return null
  const headers = (email.headers ?? {}) as Record<string, string>
  const found = new Map<string, string>()
  for (const part of [email.html, email.text, ...Object.values(headers).map(String)]) {
    for (const match of part.matchAll(tokenLink)) found.set(match[0], match[0])
  }
  const hidden = new Map<string, string>()
  for (const url of found.keys()) {
    const reason = await whyHidden(t, url)
    if (reason) hidden.set(url, `[link hidden: ${reason}]`)
  }
  const redact = (s: string) => s.replace(tokenLink, (url) => hidden.get(url) ?? url)
  return {
    ...email,
    html: redact(email.html),
    text: redact(email.text),
    headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, redact(String(v))])),
  }
}

// Links whose path carries a token: /join/<member invite>, /invite/<client invite or sign-in>,
// /unsubscribe/<signed client id>. A token is base64url, base32 or dotted base64url.
const tokenLink = /https?:\/\/[^\s"'<>()]+?\/(join|invite|unsubscribe)\/([\w.-]+)/g

async function whyHidden(t: TenantContext, url: string): Promise<string | null> {
  const [, kind, token] = new RegExp(tokenLink.source).exec(url) ?? []
  if (!kind || !token) return 'not a link this outbox recognises'
  if (kind === 'join') {
    const invite = await t.db.memberInvite.findFirst({ where: { tokenHash: hashInviteToken(token) } })
    if (!invite) return 'this invite was replaced or revoked'
    if (!can(t.role, 'members:manage')) return 'only owners and admins see member invite links'
    if (invite.role !== 'COACH' && !can(t.role, 'members:manage-admins'))
      return 'only an owner sees the link of an owner or admin invite'
    return null
  }
  if (kind === 'invite') {
    const link = await t.db.clientAccessLink.findFirst({
      where: { tokenHash: hashAccessToken(token) },
      select: { kind: true },
    })
    if (!link) return 'this client link was replaced, or is for a client you do not coach'
    if (link.kind !== 'INVITE') return 'sign-in links are for the client alone'
    return null
  }
  const ids = verifyUnsubscribeToken(token)
  if (!ids || ids.organizationId !== t.org.id) return 'not a link of this practice'
  const client = await t.db.client.findFirst({ where: { id: ids.clientId }, select: { id: true } })
  return client ? null : 'this is for a client you do not coach'
}
