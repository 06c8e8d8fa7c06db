import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { cookieHeaderFor, readSessionToken, validateSession } from '~/auth/session.server'
import { saveSsoConnection, findSsoSettings } from '~/domain/sso/sso-connection.server'
import { SsoSettingsInput } from '~/domain/sso/sso-schema'
import { prisma } from '~/lib/db.server'
import { InputError } from '~/lib/input-error'
import { sealSecret, unsealSecret } from '~/lib/sealed-secret.server'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import * as login from '~/routes/login'
import * as ssoStart from '~/routes/login_.sso'
import * as ssoCallback from '~/routes/login_.sso_.callback'
import * as practiceHome from '~/routes/orgs.$org._index/route'
import * as ssoSettings from '~/routes/orgs.$org.settings_.sso'
import { addMember, createMember, createPracticeWithOwner, defaultPassword, unique } from './factories'
import { startOidcProvider, type LocalOidcProvider } from './oidc-provider'
import { call, cookieFor, origin, request } from './route-calls'

// Single sign-on end to end against a real OpenID provider (oidc-provider) on a local port: the app's
// sign-in page and callback are called as Remix calls them; the provider's sign-in page is played with
// fetch and a cookie jar.

process.env.SSO_ALLOW_LOCAL_HTTP_ISSUERS = 'true'

const redirectUri = `${origin}/login/sso/callback`
const clients = [
  { clientId: 'rebound-a', clientSecret: 'secret-of-practice-a-0123456789', redirectUri },
  { clientId: 'rebound-b', clientSecret: 'secret-of-practice-b-0123456789', redirectUri },
]
let idp: LocalOidcProvider

beforeAll(async () => {
  idp = await startOidcProvider({ clients })
})
afterAll(async () => {
  await idp?.close()
})

const ip = () => `198.51.100.${Math.floor(Math.random() * 250)}-${unique()}`

/** A practice with single sign-on through the local provider, for its own email domain. */
async function ssoPractice(options: { ssoOnly?: boolean; client?: (typeof clients)[number] } = {}) {
  const { org, owner } = await createPracticeWithOwner(prisma)
  const domain = `${unique('d')}.example.test`
  const client = options.client ?? clients[0]!
  const t = createTenantContext(prisma, { user: owner, org, role: 'OWNER' })
  const input = SsoSettingsInput.parse({
    issuer: idp.issuer,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    allowedDomains: domain,
    ssoOnly: options.ssoOnly ?? false,
  })
  await saveSsoConnection(t, input)
  return { org, owner, domain, t }
}

function newAccount(email: string, extra: { emailVerified?: boolean; name?: string } = {}) {
  const subject = unique('sub-')
  idp.addAccount(subject, { email, ...extra })
  return subject
}

async function invite(organizationId: string, email: string, role: 'COACH' | 'ADMIN' = 'COACH') {
  return prisma.memberInvite.create({
    data: { organizationId, email, role, tokenHash: unique('h'), expiresAt: new Date(Date.now() + 86_400_000) },
  })
}

/** Presses "Continue" on /login/sso: the provider's authorization URL and the flow cookie it set. */
async function start(identifier: string) {
  const answer = await call(
    ssoStart.action,
    request(null, '/login/sso', { identifier, redirectTo: '' }, { 'X-Forwarded-For': ip() }),
  )
  expect(answer.status, JSON.stringify(answer.data)).toBe(302)
  const flowCookie = answer.headers.get('Set-Cookie')!.split(';')[0]!
  return { url: answer.location!, flowCookie }
}

/** The provider's answer arriving at the app with this cookie. */
function callback(url: URL | string, cookie: string | null) {
  const u = new URL(url)
  return call(ssoCallback.loader, request(cookie, `${u.pathname}${u.search}`, undefined, { 'X-Forwarded-For': ip() }))
}

function sessionCookieOf(answer: { headers: Headers }) {
  const set = answer.headers.get('Set-Cookie') ?? ''
  const token = /rb_session=([^;,]+)/.exec(set)?.[1]
  return token ? cookieHeaderFor(token) : null
}

async function signInThroughProvider(identifier: string, subject: string) {
  const { url, flowCookie } = await start(identifier)
  const back = await idp.signIn(url, subject)
  return { answer: await callback(back, flowCookie), back, flowCookie }
}

const reasonOf = (answer: { data: unknown }) => (answer.data as { reason?: string } | null)?.reason

describe('signing in with the practice’s provider', () => {
  test('an invited person signs in for the first time: account, membership and link are made, and the session opens the practice', async () => {
    const { org, domain } = await ssoPractice()
    const email = `${unique('jo-')}@${domain}`
    await invite(org.id, email, 'COACH')
    const subject = newAccount(email, { name: 'Jo Invited' })

    const { answer } = await signInThroughProvider(email, subject)
    expect(answer.status).toBe(302)
    expect(answer.location).toBe(`/orgs/${org.slug}`)
    const cookie = sessionCookieOf(answer)!
    const session = await validateSession(readSessionToken(new Request(origin, { headers: { Cookie: cookie } }))!)
    expect(session?.user.email).toBe(email)
    expect(session?.ssoOrganizationId).toBe(org.id)

    const user = await prisma.user.findUniqueOrThrow({ where: { email }, include: { memberships: true } })
    expect(user.name).toBe('Jo Invited')
    expect(user.memberships.map((m) => [m.organizationId, m.role])).toEqual([[org.id, 'COACH']])
    expect(await prisma.ssoIdentity.findMany({ where: { userId: user.id } })).toMatchObject([
      { organizationId: org.id, issuer: idp.issuer, subject, email },
    ])
    expect(
      (await prisma.memberInvite.findFirstOrThrow({ where: { organizationId: org.id, email } })).acceptedAt,
    ).not.toBeNull()
    const actions = (await prisma.auditEvent.findMany({ where: { organizationId: org.id } })).map((e) => e.action)
    expect(actions).toEqual(
      expect.arrayContaining(['member.invite_accepted', 'sso.identity_linked', 'user.signed_in_sso']),
    )

    const home = await call(practiceHome.loader, request(cookie, `/orgs/${org.slug}`), { org: org.slug })
    expect(home.status).toBe(200)

    // The second time, the link is used: nothing new is made.
    const again = await signInThroughProvider(email, subject)
    expect(again.answer.status).toBe(302)
    expect(await prisma.ssoIdentity.count({ where: { userId: user.id } })).toBe(1)
  })

  test('an existing member with an address at the domain is linked at their first single sign-on', async () => {
    const { org, domain } = await ssoPractice()
    const member = await createMember(prisma, org.id, { email: `${unique('sam-')}@${domain}` })
    const { answer } = await signInThroughProvider(member.email, newAccount(member.email))
    expect(answer.status).toBe(302)
    expect(await prisma.ssoIdentity.count({ where: { userId: member.id, organizationId: org.id } })).toBe(1)
  })

  test('an address at another domain is refused kindly, and nothing is made', async () => {
    const { org, domain } = await ssoPractice()
    const email = `${unique('kim-')}@elsewhere.example.test`
    await invite(org.id, email)
    // The person names the practice; the provider vouches for an address the practice does not allow.
    const { answer } = await signInThroughProvider(org.slug, newAccount(email))
    expect(answer.status).toBe(403)
    expect(reasonOf(answer)).toBe('wrong-domain')
    expect(sessionCookieOf(answer)).toBeNull()
    expect(await prisma.user.count({ where: { email } })).toBe(0)
    const refused = await prisma.auditEvent.findFirstOrThrow({
      where: { organizationId: org.id, action: 'sso.sign_in_refused' },
    })
    expect(refused.metadata).toMatchObject({ reason: 'wrong-domain', email })
    expect(domain).not.toBe('elsewhere.example.test')
  })

  test('a stranger from the domain without an invite gets a clear refusal', async () => {
    const { org, domain } = await ssoPractice()
    const email = `${unique('stranger-')}@${domain}`
    const { answer } = await signInThroughProvider(email, newAccount(email))
    expect(answer.status).toBe(403)
    expect(reasonOf(answer)).toBe('not-invited')
    expect(answer.data).toMatchObject({ practice: org.name, email })
    expect(await prisma.user.count({ where: { email } })).toBe(0)
  })

  test('an email the provider has not verified is refused', async () => {
    const { org, domain } = await ssoPractice()
    const email = `${unique('unverified-')}@${domain}`
    await invite(org.id, email)
    const { answer } = await signInThroughProvider(email, newAccount(email, { emailVerified: false }))
    expect(answer.status).toBe(403)
    expect(reasonOf(answer)).toBe('email-unverified')
    expect(await prisma.user.count({ where: { email } })).toBe(0)
  })
})

describe('the checks of the flow', () => {
  async function invitedAnswer() {
    const { org, domain } = await ssoPractice()
    const email = `${unique('lee-')}@${domain}`
    await invite(org.id, email)
    const subject = newAccount(email)
    const { url, flowCookie } = await start(email)
    const back = await idp.signIn(url, subject)
    return { org, email, back, flowCookie }
  }

  test('a tampered state is refused before the code is spent (the untouched answer still works)', async () => {
    const { back, flowCookie, email } = await invitedAnswer()
    const tampered = new URL(back)
    tampered.searchParams.set('state', `${tampered.searchParams.get('state')}x`)
    const refused = await callback(tampered, flowCookie)
    expect(refused.status).toBe(400)
    expect(reasonOf(refused)).toBe('provider')
    expect(sessionCookieOf(refused)).toBeNull()
    expect(await prisma.user.count({ where: { email } })).toBe(0)

    const honest = await callback(back, flowCookie)
    expect(honest.status).toBe(302)
  })

  test('an answer arriving without the browser’s flow cookie is refused', async () => {
    const { back } = await invitedAnswer()
    const answer = await callback(back, null)
    expect(answer.status).toBe(400)
    expect(reasonOf(answer)).toBe('expired')
  })

  test('a replayed code is refused, with or without the cookie', async () => {
    const { back, flowCookie } = await invitedAnswer()
    expect((await callback(back, flowCookie)).status).toBe(302)
    const replay = await callback(back, flowCookie)
    expect(replay.status).toBe(400)
    expect(reasonOf(replay)).toBe('provider')
    expect(sessionCookieOf(replay)).toBeNull()
    expect(reasonOf(await callback(back, null))).toBe('expired')
  })

  // The flow cookie is sealed with the server's key; a test holding that key can change what is inside.
  function resealed(flowCookie: string, change: Record<string, string>) {
    const [name, value] = flowCookie.split('=') as [string, string]
    const flow = JSON.parse(unsealSecret(Buffer.from(value, 'base64url'), 'sso sign-in flow', name)!) as object
    const sealed = sealSecret(JSON.stringify({ ...flow, ...change }), 'sso sign-in flow', name)
    return `${name}=${Buffer.from(sealed).toString('base64url')}`
  }

  test('a wrong PKCE verifier is refused by the provider', async () => {
    const { back, flowCookie, email } = await invitedAnswer()
    const answer = await callback(back, resealed(flowCookie, { codeVerifier: 'x'.repeat(64) }))
    expect(answer.status).toBe(400)
    expect(reasonOf(answer)).toBe('provider')
    expect(await prisma.user.count({ where: { email } })).toBe(0)
  })

  test('an ID token with another nonce is refused', async () => {
    const { back, flowCookie, email, org } = await invitedAnswer()
    const answer = await callback(back, resealed(flowCookie, { nonce: 'a-nonce-this-flow-never-sent' }))
    expect(answer.status).toBe(400)
    expect(reasonOf(answer)).toBe('provider')
    expect(await prisma.user.count({ where: { email } })).toBe(0)
    const refused = await prisma.auditEvent.findFirstOrThrow({
      where: { organizationId: org.id, action: 'sso.sign_in_refused' },
    })
    expect(refused.metadata).toMatchObject({ reason: 'provider' })
  })
})

describe('one practice’s provider and another practice', () => {
  test('a member of practice A signing in through practice B’s provider gets nothing of A or B', async () => {
    const a = await ssoPractice({ ssoOnly: true })
    const b = await ssoPractice({ client: clients[1] })
    const member = await createMember(prisma, a.org.id, { email: `${unique('ana-')}@${a.domain}` })
    // B allows A's domain too, so the provider's answer passes B's domain check.
    await saveSsoConnection(
      b.t,
      SsoSettingsInput.parse({
        issuer: idp.issuer,
        clientId: clients[1]!.clientId,
        allowedDomains: `${b.domain}, ${a.domain}`,
      }),
    )
    const { answer } = await signInThroughProvider(b.org.slug, newAccount(member.email))
    expect(answer.status).toBe(403)
    expect(reasonOf(answer)).toBe('not-invited')
    expect(await prisma.membership.count({ where: { userId: member.id } })).toBe(1)
    expect(await prisma.ssoIdentity.count({ where: { userId: member.id } })).toBe(0)
  })

  test('a code issued to practice A’s client does not finish practice B’s flow', async () => {
    const a = await ssoPractice()
    const b = await ssoPractice({ client: clients[1] })
    const email = `${unique('bo-')}@${a.domain}`
    await invite(a.org.id, email)
    await invite(b.org.id, email)
    await saveSsoConnection(
      b.t,
      SsoSettingsInput.parse({ issuer: idp.issuer, clientId: clients[1]!.clientId, allowedDomains: a.domain }),
    )
    const subject = newAccount(email)
    const flowA = await start(a.org.slug)
    const backA = await idp.signIn(flowA.url, subject)
    const flowB = await start(b.org.slug)
    // A's code, dressed with B's state so that only the client binding can catch it.
    const forged = new URL(backA)
    forged.searchParams.set('state', new URL(flowB.url).searchParams.get('state')!)
    const answer = await callback(forged, flowB.flowCookie)
    expect(answer.status).toBe(400)
    expect(reasonOf(answer)).toBe('provider')
    expect(await prisma.user.count({ where: { email } })).toBe(0)
  })

  test('a session from practice B’s provider does not open SSO-only practice A', async () => {
    const a = await ssoPractice({ ssoOnly: true })
    const b = await ssoPractice({ client: clients[1] })
    const member = await createMember(prisma, a.org.id, { email: `${unique('cy-')}@${b.domain}` })
    await addMember(prisma, b.org.id, member.id, 'COACH')
    const { answer } = await signInThroughProvider(member.email, newAccount(member.email))
    expect(answer.status).toBe(302)
    const cookie = sessionCookieOf(answer)!
    expect((await call(practiceHome.loader, request(cookie, `/orgs/${b.org.slug}`), { org: b.org.slug })).status).toBe(
      200,
    )
    const intoA = await call(practiceHome.loader, request(cookie, `/orgs/${a.org.slug}`), { org: a.org.slug })
    expect(intoA.status).toBe(302)
    expect(intoA.location).toMatch(new RegExp(`^/login/sso\\?practice=${a.org.slug}&`))
  })
})

describe('SSO only', () => {
  test('a member’s password sign-in is refused with a way to their organisation; the owner keeps theirs', async () => {
    const { org, owner, domain } = await ssoPractice({ ssoOnly: true })
    const member = await createMember(prisma, org.id, { email: `${unique('dee-')}@${domain}` })
    const form = (email: string) => ({ email, password: defaultPassword, redirectTo: '' })
    const refused = await call(login.action, request(null, '/login', form(member.email), { 'X-Forwarded-For': ip() }))
    expect(refused.status).toBe(403)
    expect(refused.data).toMatchObject({ sso: org.slug })
    expect(JSON.stringify(refused.data)).toContain('signs in through your organisation')
    expect(sessionCookieOf(refused)).toBeNull()
    expect(
      await prisma.auditEvent.count({
        where: { organizationId: org.id, action: 'user.password_sign_in_refused_sso_only' },
      }),
    ).toBe(1)

    const owners = await call(login.action, request(null, '/login', form(owner.email), { 'X-Forwarded-For': ip() }))
    expect(owners.status).toBe(302)
    expect(sessionCookieOf(owners)).not.toBeNull()

    // A wrong password still says only that it is wrong.
    const wrong = await call(
      login.action,
      request(null, '/login', { ...form(member.email), password: 'not the password' }, { 'X-Forwarded-For': ip() }),
    )
    expect(wrong.status).toBe(400)
  })

  test('a password session of a member of another practice too is sent to the provider at the SSO-only practice', async () => {
    const { org } = await ssoPractice({ ssoOnly: true })
    const other = await createPracticeWithOwner(prisma)
    const member = await createMember(prisma, org.id)
    await addMember(prisma, other.org.id, member.id, 'COACH')
    const cookie = await cookieFor(member.id)
    const answer = await call(practiceHome.loader, request(cookie, `/orgs/${org.slug}`), { org: org.slug })
    expect(answer.status).toBe(302)
    expect(answer.location).toBe(
      `/login/sso?practice=${org.slug}&redirectTo=${encodeURIComponent(`/orgs/${org.slug}`)}`,
    )
    const otherHome = await call(practiceHome.loader, request(cookie, `/orgs/${other.org.slug}`), {
      org: other.org.slug,
    })
    expect(otherHome.status).toBe(200)
  })
})

describe('the settings', () => {
  test('the secret is sealed, never shown back and never audited; an empty secret keeps it', async () => {
    const { org, t } = await ssoPractice()
    const row = await prisma.ssoConnection.findUniqueOrThrow({ where: { organizationId: org.id } })
    expect(Buffer.from(row.clientSecretSealed).toString('utf8')).not.toContain(clients[0]!.clientSecret)
    const owner = await prisma.user.findUniqueOrThrow({ where: { id: t.user.id } })
    const page = await call(ssoSettings.loader, request(await cookieFor(owner.id), `/orgs/${org.slug}/settings/sso`), {
      org: org.slug,
    })
    expect(page.status).toBe(200)
    expect(JSON.stringify(page.data)).not.toContain(clients[0]!.clientSecret)
    const audit = await prisma.auditEvent.findMany({ where: { organizationId: org.id } })
    expect(JSON.stringify(audit)).not.toContain(clients[0]!.clientSecret)
    expect(audit.map((e) => e.action)).toContain('sso.configured')

    await saveSsoConnection(
      t,
      SsoSettingsInput.parse({
        issuer: idp.issuer,
        clientId: 'rebound-a',
        allowedDomains: 'x.example.test',
        ssoOnly: true,
      }),
    )
    expect(await findSsoSettings(t)).toMatchObject({ allowedDomains: ['x.example.test'], ssoOnly: true })
    const after = await prisma.ssoConnection.findUniqueOrThrow({ where: { organizationId: org.id } })
    expect(Buffer.from(after.clientSecretSealed)).toEqual(Buffer.from(row.clientSecretSealed))
  })

  test('an issuer that does not answer discovery is refused at the form', async () => {
    const { org, owner } = await createPracticeWithOwner(prisma)
    const t = createTenantContext(prisma, { user: owner, org, role: 'OWNER' })
    const form = {
      issuer: 'http://127.0.0.1:9/nothing-here',
      clientId: 'x',
      clientSecret: 'y',
      allowedDomains: 'example.test',
    }
    await expect(saveSsoConnection(t, SsoSettingsInput.parse(form))).rejects.toThrow(InputError)
    await expect(
      saveSsoConnection(t, SsoSettingsInput.parse({ ...form, issuer: 'http://login.example.test' })),
    ).rejects.toThrow('must start with https://')
    expect(await prisma.ssoConnection.count({ where: { organizationId: org.id } })).toBe(0)
  })

  test('only an owner reaches the page; an admin gets 403', async () => {
    const { org } = await ssoPractice()
    const admin = await createMember(prisma, org.id, {}, 'ADMIN')
    const answer = await call(
      ssoSettings.loader,
      request(await cookieFor(admin.id), `/orgs/${org.slug}/settings/sso`),
      {
        org: org.slug,
      },
    )
    expect(answer.status).toBe(403)
  })
})
