import { describe, expect, test } from 'vitest'
import {
  clearClientCookieHeader,
  clientCookieHeaderFor,
  linkLimits,
  redeemAccessLink,
  requireClient,
} from '~/auth/client-session.server'
import { cookieHeaderFor, createSession } from '~/auth/session.server'
import { sessionPolicy } from '~/auth/session-token.server'
import {
  hashAccessToken,
  issueInviteLink,
  issueSignInLink,
  revokeInviteLinks,
} from '~/domain/clients/access-links.server'
import { prisma } from '~/lib/db.server'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import { createClient, createPracticeWithOwner, unique } from '../../tests/factories'
import { portalRequest } from '../../tests/portal-helpers'

const start = new Date('2026-03-02T09:00:00Z')
const day = 24 * 3600_000
const at = (ms: number) => new Date(start.getTime() + ms)
// Each test its own address, so the per-IP bucket of one test does not touch another's.
const ip = () => unique('10.0.')

async function practiceWithClient(data: { status?: 'ACTIVE' | 'ARCHIVED' | 'PAUSED' } = {}) {
  const { org, owner, membership } = await createPracticeWithOwner(prisma)
  const client = await createClient(prisma, org.id, { name: 'Riley Rivera', ...data })
  const t = createTenantContext(prisma, { user: owner, org, role: 'OWNER', membership })
  return { org, owner, client, t }
}

function tokenOfCookie(setCookie: string) {
  return setCookie.split(';')[0]!.split('=')[1]!
}

describe('redeeming an invite link', () => {
  test('a live invite link starts a client session, sets the rb_client cookie and records when it was used', async () => {
    const { t, client } = await practiceWithClient()
    const now = new Date()
    const { token, link } = await issueInviteLink(t, client.id, new Date(now.getTime() - day))
    const result = await redeemAccessLink(token, { ip: ip(), now })
    expect(result).toMatchObject({ ok: true, clientId: client.id })
    if (!result.ok) throw new Error('expected a session')
    expect(result.cookie).toMatch(/^rb_client=[a-z2-7]+\.[a-z2-7]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/)
    expect(await prisma.clientSession.count({ where: { clientId: client.id } })).toBe(1)
    expect(await prisma.clientAccessLink.findUniqueOrThrow({ where: { id: link.id } })).toMatchObject({
      lastUsedAt: now,
      revokedAt: null,
    })
    const c = await requireClient(portalRequest(clientCookieHeaderFor(tokenOfCookie(result.cookie)), '/me'))
    expect(c.client).toMatchObject({ id: client.id, name: 'Riley Rivera' })
    expect(c.pipeline).toMatchObject({
      clientId: client.id,
      organizationId: client.organizationId,
      actor: { type: 'CLIENT' },
    })
  })

  test('an invite link works again until it expires', async () => {
    const { t, client } = await practiceWithClient()
    const { token } = await issueInviteLink(t, client.id, start)
    expect((await redeemAccessLink(token, { ip: ip(), now: at(day) })).ok).toBe(true)
    expect((await redeemAccessLink(token, { ip: ip(), now: at(2 * day) })).ok).toBe(true)
  })

  test('an expired link starts no session', async () => {
    const { t, client } = await practiceWithClient()
    const { token } = await issueInviteLink(t, client.id, start)
    expect(await redeemAccessLink(token, { ip: ip(), now: at(31 * day) })).toEqual({ ok: false, reason: 'invalid' })
    expect(await prisma.clientSession.count({ where: { clientId: client.id } })).toBe(0)
  })

  test('a revoked link starts no session', async () => {
    const { t, client } = await practiceWithClient()
    const { token } = await issueInviteLink(t, client.id, start)
    await revokeInviteLinks(t, client.id, at(1000))
    expect(await redeemAccessLink(token, { ip: ip(), now: at(day) })).toEqual({ ok: false, reason: 'invalid' })
    expect(await prisma.clientSession.count({ where: { clientId: client.id } })).toBe(0)
  })

  test('re-issuing the link stops the old one at once; the new one works', async () => {
    const { t, client } = await practiceWithClient()
    const old = await issueInviteLink(t, client.id, start)
    const fresh = await issueInviteLink(t, client.id, at(1000))
    expect(await redeemAccessLink(old.token, { ip: ip(), now: at(2000) })).toEqual({ ok: false, reason: 'invalid' })
    expect((await redeemAccessLink(fresh.token, { ip: ip(), now: at(2000) })).ok).toBe(true)
  })

  test('an archived client’s link starts no session', async () => {
    const { t, client } = await practiceWithClient({ status: 'ARCHIVED' })
    const { token } = await issueInviteLink(t, client.id, start)
    expect(await redeemAccessLink(token, { ip: ip(), now: at(day) })).toEqual({ ok: false, reason: 'invalid' })
  })

  test('a paused client still gets in', async () => {
    const { t, client } = await practiceWithClient({ status: 'PAUSED' })
    const { token } = await issueInviteLink(t, client.id, start)
    expect((await redeemAccessLink(token, { ip: ip(), now: at(day) })).ok).toBe(true)
  })

  test('an unknown or malformed token starts no session', async () => {
    expect(await redeemAccessLink('a'.repeat(32), { ip: ip(), now: start })).toEqual({ ok: false, reason: 'invalid' })
    expect(await redeemAccessLink('../../etc/passwd', { ip: ip(), now: start })).toEqual({
      ok: false,
      reason: 'invalid',
    })
  })

  test('only the SHA-256 of the token is stored', async () => {
    const { t, client } = await practiceWithClient()
    const { token, link } = await issueInviteLink(t, client.id, start)
    expect(token.length * 5).toBeGreaterThanOrEqual(128)
    const row = await prisma.clientAccessLink.findUniqueOrThrow({ where: { id: link.id } })
    expect(row.tokenHash).toBe(hashAccessToken(token))
    expect(JSON.stringify(row)).not.toContain(token)
  })
})

describe('sign-in links', () => {
  test('a sign-in link works once', async () => {
    const { t, client } = await practiceWithClient()
    const { token, link } = await issueSignInLink({ db: t.db, organizationId: t.org.id, clientId: client.id }, start)
    expect((await redeemAccessLink(token, { ip: ip(), now: at(60_000) })).ok).toBe(true)
    expect(await redeemAccessLink(token, { ip: ip(), now: at(120_000) })).toEqual({ ok: false, reason: 'invalid' })
    expect(await prisma.clientAccessLink.findUniqueOrThrow({ where: { id: link.id } })).toMatchObject({
      revokedAt: at(60_000),
      lastUsedAt: at(60_000),
    })
    expect(await prisma.clientSession.count({ where: { clientId: client.id } })).toBe(1)
  })
})

describe('rate limits', () => {
  test('one address that keeps trying is refused with a time to wait, even with a valid link', async () => {
    const { t, client } = await practiceWithClient()
    const { token } = await issueInviteLink(t, client.id, start)
    const address = ip()
    for (let i = 0; i < linkLimits.perIp.capacity; i++)
      await redeemAccessLink(unique('zz'), { ip: address, now: start })
    const result = await redeemAccessLink(token, { ip: address, now: start })
    expect(result).toMatchObject({ ok: false, reason: 'rate-limited' })
    if (result.ok || result.reason !== 'rate-limited') throw new Error('expected a limit')
    expect(result.retryAfterSeconds).toBeGreaterThan(0)
    expect(await prisma.clientSession.count({ where: { clientId: client.id } })).toBe(0)
  })

  test('one link tried from many addresses is limited too', async () => {
    const { t, client } = await practiceWithClient()
    const { token } = await issueInviteLink(t, client.id, start)
    for (let i = 0; i < linkLimits.perLink.capacity; i++) await redeemAccessLink(token, { ip: ip(), now: start })
    expect(await redeemAccessLink(token, { ip: ip(), now: start })).toMatchObject({ ok: false, reason: 'rate-limited' })
  })
})

describe('client sessions', () => {
  async function signedIn(now = start) {
    const { t, client } = await practiceWithClient()
    const { token } = await issueInviteLink(t, client.id, now)
    const result = await redeemAccessLink(token, { ip: ip(), now })
    if (!result.ok) throw new Error('expected a session')
    return { client, cookie: clientCookieHeaderFor(tokenOfCookie(result.cookie)), sessionId: result.sessionId }
  }

  async function redirectOf(promise: Promise<unknown>) {
    const thrown = await promise.then(
      () => null,
      (e: unknown) => e,
    )
    if (!(thrown instanceof Response)) throw new Error('expected a redirect')
    return thrown
  }

  test('signed out, requireClient sends the client to the signed-out page', async () => {
    const response = await redirectOf(requireClient(portalRequest(null, '/me')))
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/me/signed-out')
  })

  test('a session unused for longer than the inactivity limit is over, and its cookie is cleared', async () => {
    const { cookie, sessionId } = await signedIn(new Date(Date.now() - sessionPolicy.inactivityMs - day))
    const response = await redirectOf(requireClient(portalRequest(cookie, '/me')))
    expect(response.headers.get('Location')).toBe('/me/signed-out')
    expect(response.headers.get('Set-Cookie')).toBe(clearClientCookieHeader())
    expect(await prisma.clientSession.count({ where: { id: sessionId } })).toBe(0)
  })

  test('archiving the client ends their session', async () => {
    const { client, cookie } = await signedIn(new Date())
    await prisma.client.update({ where: { id: client.id }, data: { status: 'ARCHIVED' } })
    const response = await redirectOf(requireClient(portalRequest(cookie, '/me')))
    expect(response.headers.get('Location')).toBe('/me/signed-out')
    expect(await prisma.clientSession.count({ where: { clientId: client.id } })).toBe(0)
  })

  test('a coach’s session cookie does not open the portal, and a client cookie is not a coach session', async () => {
    const { owner } = await practiceWithClient()
    const { token } = await createSession(owner.id)
    // the coach's token sent under the client cookie's name: no such client session
    await redirectOf(requireClient(portalRequest(clientCookieHeaderFor(token), '/me')))
    await redirectOf(requireClient(portalRequest(cookieHeaderFor(token), '/me')))
  })

  test('the portal context names the client as a pseudo-user, never a real user', async () => {
    const { client, cookie } = await signedIn(new Date())
    const c = await requireClient(portalRequest(cookie, '/me'))
    expect(c.org).toEqual({ id: client.organizationId, name: expect.any(String) })
    expect(await prisma.user.count({ where: { id: `client:${client.id}` } })).toBe(0)
  })
})
