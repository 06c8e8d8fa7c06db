import { describe, expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import { createClient, createPracticeWithOwner } from '../../../tests/factories'
import {
  emailInviteLink,
  findLatestInvite,
  hashAccessToken,
  isLinkLive,
  issueInviteLink,
  revokeInviteLinks,
} from './access-links.server'

async function setup() {
  const { org, owner } = await createPracticeWithOwner(prisma)
  const t = createTenantContext(prisma, { user: owner, org, role: 'OWNER' })
  const client = await createClient(prisma, org.id, { name: 'Jordan Lee' })
  return { t, client }
}

describe('invite links', () => {
  test('a link carries at least 128 random bits and only its SHA-256 is stored', async () => {
    const { t, client } = await setup()
    const { token, link } = await issueInviteLink(t, client.id)
    expect(token).toMatch(/^[a-z2-7]{32}$/) // 160 bits in base32
    const stored = await prisma.clientAccessLink.findUniqueOrThrow({ where: { id: link.id } })
    expect(stored.tokenHash).toBe(hashAccessToken(token))
    expect(JSON.stringify(stored)).not.toContain(token)
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBeGreaterThanOrEqual(30 * 24 * 3600 * 1000 - 1000)
  })

  test('re-issuing stops the old link at once; revoking stops the current one', async () => {
    const { t, client } = await setup()
    const first = await issueInviteLink(t, client.id)
    const second = await issueInviteLink(t, client.id)
    const old = await prisma.clientAccessLink.findUniqueOrThrow({ where: { id: first.link.id } })
    expect(isLinkLive(old)).toBe(false)
    expect(isLinkLive(second.link)).toBe(true)
    expect(await revokeInviteLinks(t, client.id)).toBe(1)
    const latest = await findLatestInvite(t, client.id)
    expect(latest?.id).toBe(second.link.id)
    expect(latest?.revokedAt).not.toBeNull()
  })

  test('emailing a link sends a fresh one through the outbox, and the email holds the link', async () => {
    const { t, client } = await setup()
    const { url } = await emailInviteLink(t, { ...client, coach: { name: 'Sam Rivera' } }, 'http://localhost:3000')
    const email = await prisma.outboundEmail.findFirstOrThrow({
      where: { organizationId: t.org.id, kind: 'client-invite' },
    })
    expect(email.to).toBe(client.email)
    expect(email.status).toBe('OUTBOX')
    expect(email.html).toContain(url)
    expect(email.text).toContain(url)
  })

  test("a coach of another practice can't issue or revoke this client's links", async () => {
    const { client } = await setup()
    const other = await createPracticeWithOwner(prisma)
    const stranger = createTenantContext(prisma, { user: other.owner, org: other.org, role: 'OWNER' })
    await expect(issueInviteLink(stranger, client.id)).rejects.toThrow()
    expect(await revokeInviteLinks(stranger, client.id)).toBe(0)
    expect(await prisma.clientAccessLink.count({ where: { clientId: client.id } })).toBe(0)
  })
})
