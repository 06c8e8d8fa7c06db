import { describe, expect, test } from 'vitest'
import { finishPasskeyRegistration, relyingParty, startPasskeyRegistration } from '~/auth/passkeys.server'
import { requireTenant } from '~/auth/require-tenant.server'
import { cookieHeaderFor, createSession, validateSession } from '~/auth/session.server'
import { prisma } from '~/lib/db.server'
import * as login from '~/routes/login'
import * as passkeyOptions from '~/routes/passkeys.options'
import * as twoFactorSettings from '~/routes/settings_.two-factor/route'
import { createPracticeWithOwner } from './factories'
import { call as callRoute, postFromOwnAddress, type Handler } from './route-calls'
import { SoftwareAuthenticator } from './fakes/webauthn-authenticator'

// The passkey routes' actions, called the way Remix calls them, with real requests and a software
// authenticator signing real challenges.

const origin = 'http://localhost:3000'

const post = (path: string, fields: Record<string, string>, cookie?: string) =>
  postFromOwnAddress('203.0.113', path, fields, cookie)
/** What the route answered, a JSON body read into `data` (the passkey challenge route answers JSON). */
async function call(fn: Handler, request: Request) {
  const answer = await callRoute(fn, request)
  const json = answer.response?.headers.get('Content-Type')?.includes('json')
  return json ? { ...answer, data: await answer.response!.json() } : answer
}

async function ownerWithPasskey() {
  const { org, owner } = await createPracticeWithOwner(prisma)
  const { sessionId } = await createSession(owner.id)
  const authenticator = new SoftwareAuthenticator(relyingParty().origin)
  const response = authenticator.register(await startPasskeyRegistration(owner))
  const added = await finishPasskeyRegistration({ userId: owner.id, sessionId, name: 'Laptop', response })
  if (!added.ok) throw new Error(added.reason)
  return { org, owner, authenticator }
}

describe('passkey challenges', () => {
  test('anyone may ask for a sign-in challenge; registering and the second step need their sessions', async () => {
    const signIn = await call(passkeyOptions.action, post('/passkeys/options', { purpose: 'sign-in' }))
    expect(signIn.status).toBe(200)
    const { options } = signIn.data as { options: { challenge: string; rpId: string } }
    expect(options.rpId).toBe(relyingParty().id)
    expect(await prisma.webAuthnChallenge.findUnique({ where: { challenge: options.challenge } })).toMatchObject({
      purpose: 'sign-in',
      userId: null,
    })
    for (const purpose of ['register', 'second-factor']) {
      const refused = await call(passkeyOptions.action, post('/passkeys/options', { purpose }))
      expect(refused.status, purpose).toBe(401)
    }
    const junk = await call(passkeyOptions.action, post('/passkeys/options', { purpose: '<script>' }))
    expect(junk.status).toBe(400)
  })
})

describe('signing in with a passkey on /login', () => {
  test('a signed challenge opens a full session at once; a garbled answer gets a 400 with a message', async () => {
    const { owner, authenticator } = await ownerWithPasskey()
    const asked = await call(passkeyOptions.action, post('/passkeys/options', { purpose: 'sign-in' }))
    const response = authenticator.authenticate((asked.data as { options: never }).options)
    const answer = await call(
      login.action,
      post('/login', { intent: 'passkey', response: JSON.stringify(response), redirectTo: '/orgs' }),
    )
    expect(answer.status).toBe(302)
    expect(answer.headers.get('Location')).toBe('/orgs')
    const token = answer.headers
      .getSetCookie()
      .find((c) => c.startsWith('rb_session='))!
      .split(';')[0]!
      .slice('rb_session='.length)
    expect(await validateSession(token)).toMatchObject({ user: { id: owner.id }, twoFactorPending: false })

    for (const garbled of ['{', '"text"', JSON.stringify({ id: 'x', response: {} }), JSON.stringify(response)]) {
      const refused = await call(login.action, post('/login', { intent: 'passkey', response: garbled }))
      expect(refused.status, garbled.slice(0, 20)).toBe(400)
      expect(JSON.stringify(refused.data)).toMatch(/passkey/)
    }
  })
})

describe('the two-factor settings page', () => {
  test('removing a passkey from an old sign-in is refused with the reason; another member’s passkey is a 404', async () => {
    const { owner } = await ownerWithPasskey()
    const passkey = await prisma.passkey.findFirstOrThrow({ where: { userId: owner.id } })
    const { token } = await createSession(owner.id, new Date(Date.now() - 20 * 60_000), { twoFactorVerified: true })
    const old = await call(
      twoFactorSettings.action,
      post('/settings/two-factor', { intent: 'remove-passkey', passkeyId: passkey.id }, cookieHeaderFor(token)),
    )
    expect(old.status).toBe(400)
    expect(JSON.stringify(old.data)).toMatch(/sign-in from the last 10 minutes/)

    const { owner: stranger } = await createPracticeWithOwner(prisma)
    const { token: strangerToken } = await createSession(stranger.id)
    const theirs = await call(
      twoFactorSettings.action,
      post('/settings/two-factor', { intent: 'remove-passkey', passkeyId: passkey.id }, cookieHeaderFor(strangerToken)),
    )
    expect(theirs.status).toBe(404)
    expect(await prisma.passkey.count({ where: { userId: owner.id } })).toBe(1)
  })
})

describe('a practice that requires two-factor sign-in', () => {
  test('a member without a factor is sent to set one up; a passkey is enough to get in', async () => {
    const { org, owner } = await createPracticeWithOwner(prisma)
    await prisma.organization.update({ where: { id: org.id }, data: { requireTwoFactor: true } })
    const { token } = await createSession(owner.id)
    const page = new Request(`${origin}/orgs/${org.slug}/clients`, { headers: { Cookie: cookieHeaderFor(token) } })
    const refused = await requireTenant(page, { org: org.slug }).catch((thrown: unknown) => thrown)
    expect(refused).toBeInstanceOf(Response)
    expect((refused as Response).headers.get('Location')).toBe(
      `/settings/two-factor?redirectTo=${encodeURIComponent(`/orgs/${org.slug}/clients`)}`,
    )

    const session = await validateSession(token)
    const authenticator = new SoftwareAuthenticator(relyingParty().origin)
    const response = authenticator.register(await startPasskeyRegistration(owner))
    await finishPasskeyRegistration({ userId: owner.id, sessionId: session!.sessionId, name: 'Phone', response })
    const again = new Request(`${origin}/orgs/${org.slug}/clients`, { headers: { Cookie: cookieHeaderFor(token) } })
    expect((await requireTenant(again, { org: org.slug })).org.id).toBe(org.id)
  })
})
