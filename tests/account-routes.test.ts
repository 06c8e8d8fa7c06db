import { describe, expect, test } from 'vitest'
import { isResetTokenUsable, requestPasswordReset } from '~/auth/accounts.server'
import { consume, limits } from '~/auth/rate-limit.server'
import { cookieHeaderFor, createSession, validateSession } from '~/auth/session.server'
import { prisma } from '~/lib/db.server'
import * as forgotPassword from '~/routes/forgot-password'
import * as login from '~/routes/login'
import * as resetPasswordRoute from '~/routes/reset-password'
import * as logout from '~/routes/logout'
import * as settings from '~/routes/settings'
import * as signup from '~/routes/signup'
import { createUser, defaultPassword, unique } from './factories'
import { call, type Answer, type Handler } from './route-calls'

// The account pages' actions, called the way Remix calls them, with real requests.

const origin = 'http://localhost:3000'

function post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return new Request(`${origin}${path}`, {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin, ...headers },
  })
}

const callAction = (fn: Handler, request: Request) => call(fn, request)

function sessionTokenFrom(headers: Headers) {
  const cookie = headers.getSetCookie().find((c) => c.startsWith('rb_session='))
  return cookie?.split(';')[0]?.slice('rb_session='.length) ?? null
}

const ip = () => ({ 'X-Forwarded-For': `198.51.100.${Math.floor(Math.random() * 250)}-${unique()}` })
/** A sign-in attempt, from a fresh address unless told otherwise. */
const signIn = (email: string, password: string, headers: Record<string, string> = ip()) =>
  callAction(login.action, post('/login', { email, password }, headers))

describe('/login', () => {
  test('signs in, sets the session cookie, and goes to redirectTo when it is a path on this site', async () => {
    const user = await createUser(prisma)
    const request = post(
      '/login',
      { email: user.email, password: defaultPassword, redirectTo: '/orgs/x/clients' },
      ip(),
    )
    const result = await callAction(login.action, request)
    expect(result.status).toBe(302)
    expect(result.headers.get('Location')).toBe('/orgs/x/clients')
    const token = sessionTokenFrom(result.headers)
    expect(token).not.toBeNull()
    expect((await validateSession(token!))?.user.id).toBe(user.id)
    const cookie = result.headers.getSetCookie().find((c) => c.startsWith('rb_session='))!
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
  })

  test('a redirectTo off this site is ignored', async () => {
    const user = await createUser(prisma)
    for (const redirectTo of [
      'https://evil.example/',
      '//evil.example',
      '/\\evil.example',
      'javascript:alert(1)',
      '/a/../\\evil.example',
    ]) {
      const request = post('/login', { email: user.email, password: defaultPassword, redirectTo }, ip())
      expect((await callAction(login.action, request)).headers.get('Location')).toBe('/orgs')
    }
  })

  test('an unknown email and a wrong password get the same reply, and the password is not sent back', async () => {
    const user = await createUser(prisma)
    const wrong = await signIn(user.email, 'nope nope')
    const email = `${unique('nobody-')}@example.test`
    const unknown = await signIn(email, 'nope nope')
    expect(wrong.status).toBe(400)
    expect(unknown.status).toBe(400)
    const errors = (r: Answer) => (r.data as { result: { error: unknown } }).result.error
    expect(errors(wrong)).toEqual(errors(unknown))
    expect(JSON.stringify(wrong.data)).not.toContain('nope nope')
    expect(JSON.stringify(wrong.data)).toContain(user.email)
  })

  test('too many attempts on one account get 429 with Retry-After, even with the right password', async () => {
    const user = await createUser(prisma)
    for (let i = 0; i < limits.loginPerAccount.capacity; i++) {
      await signIn(user.email, 'wrong guess')
    }
    const result = await signIn(user.email, defaultPassword)
    expect(result.status).toBe(429)
    expect(Number(result.headers.get('Retry-After'))).toBeGreaterThan(0)
    expect(JSON.stringify(result.data)).toMatch(/Try again in \d+ seconds?/)
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0)
  })

  test('guesses from everywhere do not lock the owner out of a browser that signed in before', async () => {
    const user = await createUser(prisma)
    const first = await signIn(user.email, defaultPassword)
    const device = first.headers.getSetCookie().find((c) => c.startsWith('rb_device='))
    expect(device).toMatch(/HttpOnly; SameSite=Lax/)
    // Strangers, one guess each from many addresses, then many from one.
    for (let i = 0; i < limits.loginPerAccount.capacity + 5; i++) {
      await signIn(user.email, 'a wrong guess')
    }
    const stranger = await signIn(user.email, defaultPassword)
    expect(stranger.status).toBe(429)
    expect(Number(stranger.headers.get('Retry-After'))).toBeGreaterThan(0)

    const owner = await signIn(user.email, defaultPassword, { ...ip(), Cookie: device!.split(';')[0]! })
    expect(owner.status).toBe(302)
    expect(sessionTokenFrom(owner.headers)).not.toBeNull()
  })

  test('a browser known for one account gets no pass for another', async () => {
    const [a, b] = [await createUser(prisma), await createUser(prisma)]
    const first = await signIn(a.email, defaultPassword)
    const cookie = first.headers
      .getSetCookie()
      .find((c) => c.startsWith('rb_device='))!
      .split(';')[0]!
    for (let i = 0; i < limits.loginPerAccount.capacity; i++) {
      await signIn(b.email, 'a wrong guess')
    }
    const result = await signIn(b.email, defaultPassword, { ...ip(), Cookie: cookie })
    expect(result.status).toBe(429)
    expect(Number(result.headers.get('Retry-After'))).toBeGreaterThan(0)
  })

  test('one address guessing one account is held back on its own', async () => {
    const user = await createUser(prisma)
    const headers = ip()
    for (let i = 0; i < limits.loginPerAccountAndIp.capacity; i++) {
      await signIn(user.email, 'a wrong guess', headers)
    }
    const result = await signIn(user.email, defaultPassword, headers)
    expect(result.status).toBe(429)
    expect(Number(result.headers.get('Retry-After'))).toBeGreaterThan(0)
  })

  test('too many attempts from one address get 429 with Retry-After', async () => {
    const headers = ip()
    const key = `login:ip:${headers['X-Forwarded-For']}`
    for (let i = 0; i < limits.loginPerIp.capacity; i++) await consume(key, limits.loginPerIp)
    const user = await createUser(prisma)
    const result = await signIn(user.email, defaultPassword, headers)
    expect(result.status).toBe(429)
    expect(result.headers.get('Retry-After')).toBe(String(Math.ceil(1 / limits.loginPerIp.refillPerSecond)))
  })
})

test('signed in, the login page’s redirectTo with dot segments and a backslash stays on this site', async () => {
  const user = await createUser(prisma)
  const { token } = await createSession(user.id)
  const request = new Request(`${origin}/login?redirectTo=${encodeURIComponent('/a/../\\evil.example')}`, {
    headers: { Cookie: cookieHeaderFor(token) },
  })
  const result = await callAction(login.loader, request)
  expect(result.headers.get('Location')).toBe('/orgs')
})

describe('/signup', () => {
  test('creates the practice, signs in, and goes to the practice', async () => {
    const practiceName = `Harbour Coaching ${unique()}`
    const email = `${unique('founder-')}@example.test`
    const fields = { name: 'Hana Harbour', email, password: 'eight+chars', practiceName }
    const result = await callAction(signup.action, post('/signup', fields, ip()))
    expect(result.status).toBe(302)
    const org = await prisma.organization.findFirstOrThrow({ where: { name: practiceName } })
    expect(result.headers.get('Location')).toBe(`/orgs/${org.slug}`)
    const session = await validateSession(sessionTokenFrom(result.headers)!)
    expect(session?.user.email).toBe(email)
  })

  test('a redirectTo with dot segments and a backslash is ignored', async () => {
    const practiceName = `Harbour Coaching ${unique()}`
    const email = `${unique('founder-')}@example.test`
    const fields = { name: 'Hana', email, password: 'eight+chars', practiceName, redirectTo: '/a/../\\evil.example' }
    const result = await callAction(signup.action, post('/signup', fields, ip()))
    const org = await prisma.organization.findFirstOrThrow({ where: { name: practiceName } })
    expect(result.headers.get('Location')).toBe(`/orgs/${org.slug}`)
  })

  test('a taken email comes back inline, keeping what was typed except the password', async () => {
    const user = await createUser(prisma)
    const fields = { name: 'Dup', email: user.email, password: 'eight+chars', practiceName: 'Dup practice' }
    const result = await callAction(signup.action, post('/signup', fields, ip()))
    expect(result.status).toBe(400)
    const json = JSON.stringify(result.data)
    expect(json).toContain('An account already uses this email')
    expect(json).toContain('Dup practice')
    expect(json).not.toContain('eight+chars')
  })
})

describe('/logout', () => {
  test('a POST deletes the session row and clears the cookie', async () => {
    const user = await createUser(prisma)
    const { token, sessionId } = await createSession(user.id)
    const result = await callAction(logout.action, post('/logout', {}, { Cookie: cookieHeaderFor(token) }))
    expect(result.status).toBe(302)
    expect(await prisma.session.findUnique({ where: { id: sessionId } })).toBeNull()
    expect(result.headers.getSetCookie().some((c) => /^rb_session=;.*Max-Age=0/.test(c))).toBe(true)
  })

  test('a GET signs nobody out and goes home', async () => {
    const result = await call(logout.loader, new Request(origin + '/logout'))
    expect(result.status).toBe(302)
    expect(result.headers.get('Location')).toBe('/')
  })
})

describe('/forgot-password', () => {
  test('gives the same reply for an unknown address and a real one; only the real one gets an email', async () => {
    const user = await createUser(prisma)
    const nobody = `${unique('nobody-')}@example.test`
    const forUser = await callAction(forgotPassword.action, post('/forgot-password', { email: user.email }, ip()))
    const forNobody = await callAction(forgotPassword.action, post('/forgot-password', { email: nobody }, ip()))
    expect(forUser.status).toBe(forNobody.status)
    const shape = (r: Answer) => JSON.stringify(r.data).replace(user.email, 'EMAIL').replace(nobody, 'EMAIL')
    expect(shape(forUser)).toBe(shape(forNobody))

    // The email goes out after the reply.
    await expect.poll(() => prisma.outboundEmail.count({ where: { to: user.email } }), { timeout: 5000 }).toBe(1)
    expect(await prisma.outboundEmail.count({ where: { to: nobody } })).toBe(0)
  })

  test('does the same work for an address without an account: a token made and the email rendered, nothing stored', async () => {
    const nobody = `${unique('nobody-')}@example.test`
    expect(await requestPasswordReset({ email: nobody })).toEqual({ sent: false, rendered: true })
    expect(await prisma.outboundEmail.count({ where: { to: nobody } })).toBe(0)
    const user = await createUser(prisma)
    expect(await requestPasswordReset({ email: user.email })).toEqual({ sent: true, rendered: true })
  })

  test('a newer reset link makes the older ones stop working', async () => {
    const user = await createUser(prisma)
    await requestPasswordReset({ email: user.email })
    await requestPasswordReset({ email: user.email })
    const emails = await prisma.outboundEmail.findMany({ where: { to: user.email }, orderBy: { createdAt: 'asc' } })
    const [older, newer] = emails.map((e) => e.text.match(/token=([a-z2-7]+)/)![1]!)
    expect(await isResetTokenUsable(older!)).toBe(false)
    expect(await isResetTokenUsable(newer!)).toBe(true)
    const fields = { token: older!, password: 'a brand new one' }
    expect((await callAction(resetPasswordRoute.action, post('/reset-password', fields, ip()))).status).toBe(400)
    const fresh = { token: newer!, password: 'a brand new one' }
    expect((await callAction(resetPasswordRoute.action, post('/reset-password', fresh, ip()))).status).toBe(302)
  })

  test('too many requests for one address get 429 with Retry-After', async () => {
    const email = `${unique('flood-')}@example.test`
    for (let i = 0; i < limits.resetPerAccount.capacity; i++) {
      expect((await callAction(forgotPassword.action, post('/forgot-password', { email }, ip()))).status).toBe(200)
    }
    const result = await callAction(forgotPassword.action, post('/forgot-password', { email }, ip()))
    expect(result.status).toBe(429)
    expect(Number(result.headers.get('Retry-After'))).toBeGreaterThan(0)
  })
})

describe('/settings', () => {
  test('a signed-out visitor is sent to the login page', async () => {
    const result = await callAction(settings.action, post('/settings', { intent: 'profile', name: 'X' }))
    expect(result.status).toBe(302)
    expect(result.headers.get('Location')).toBe('/login?redirectTo=%2Fsettings')
  })

  test('changing the password ends every session and carries on in a new one, with a new id', async () => {
    const user = await createUser(prisma)
    const current = await createSession(user.id)
    const other = await createSession(user.id)
    const fields = { intent: 'password', currentPassword: defaultPassword, newPassword: 'a fresh password' }
    const result = await callAction(
      settings.action,
      post('/settings', fields, { Cookie: cookieHeaderFor(current.token), ...ip() }),
    )
    expect(result.status).toBe(302)
    expect(await validateSession(current.token)).toBeNull()
    expect(await validateSession(other.token)).toBeNull()
    const rotated = await validateSession(sessionTokenFrom(result.headers)!)
    expect(rotated?.user.id).toBe(user.id)
    expect(rotated?.sessionId).not.toBe(current.sessionId)
    expect(result.headers.getSetCookie().some((c) => c.startsWith('rb_session='))).toBe(true)
  })

  test('a wrong current password comes back inline and changes nothing', async () => {
    const user = await createUser(prisma)
    const current = await createSession(user.id)
    const other = await createSession(user.id)
    const fields = { intent: 'password', currentPassword: 'not it at all', newPassword: 'a fresh password' }
    const result = await callAction(
      settings.action,
      post('/settings', fields, { Cookie: cookieHeaderFor(current.token), ...ip() }),
    )
    expect(result.status).toBe(400)
    expect(JSON.stringify(result.data)).toContain('current password')
    expect(await validateSession(other.token)).not.toBeNull()
  })

  test('saves the name', async () => {
    const user = await createUser(prisma)
    const { token } = await createSession(user.id)
    const result = await callAction(
      settings.action,
      post('/settings', { intent: 'profile', name: 'Renamed Coach' }, { Cookie: cookieHeaderFor(token) }),
    )
    expect(result.status).toBe(302)
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe('Renamed Coach')
  })
})
