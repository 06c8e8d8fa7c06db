import { decodeBase32IgnorePadding } from '@oslojs/encoding'
import { generateHOTP } from '@oslojs/otp'
import { describe, expect, test } from 'vitest'
import { cookieHeaderFor, createSession, validateSession } from '~/auth/session.server'
import { enableTotp, startTotpEnrolment } from '~/auth/two-factor.server'
import { prisma } from '~/lib/db.server'
import * as login from '~/routes/login'
import * as twoFactorSignIn from '~/routes/login_.two-factor'
import * as twoFactorSettings from '~/routes/settings_.two-factor/route'
import { createPracticeWithOwner, defaultPassword } from './factories'
import { call, postFromOwnAddress } from './route-calls'

// The two-factor pages' loaders and actions, called the way Remix calls them, with real requests.

const origin = 'http://localhost:3000'
const codeAt = (key: Uint8Array, at: number) => generateHOTP(key, BigInt(Math.floor(at / 30_000)), 6)

const post = (path: string, fields: Record<string, string>, cookie?: string) =>
  postFromOwnAddress('198.51.100', path, fields, cookie)

async function enrolledOwner() {
  const { org, owner } = await createPracticeWithOwner(prisma)
  const { sessionId } = await createSession(owner.id)
  const enrolment = await startTotpEnrolment(owner)
  const key = decodeBase32IgnorePadding(enrolment.secret.replace(/ /g, ''))
  const enabled = await enableTotp({
    userId: owner.id,
    sessionId,
    sealedKey: enrolment.sealedKey,
    code: codeAt(key, Date.now()),
  })
  if (!enabled.ok) throw new Error('enrolment failed')
  return { org, owner, key }
}

/** Signs in with the password and returns the cookie of the pending session it gives. */
async function passwordStep(email: string) {
  const answer = await call(login.action, post('/login', { email, password: defaultPassword, redirectTo: '/orgs' }))
  expect(answer.status).toBe(302)
  expect(answer.headers.get('Location')).toBe(`/login/two-factor?redirectTo=${encodeURIComponent('/orgs')}`)
  const token = answer.headers
    .getSetCookie()
    .find((c) => c.startsWith('rb_session='))!
    .split(';')[0]!
    .slice('rb_session='.length)
  return { token, cookie: cookieHeaderFor(token) }
}

describe('the code step of signing in', () => {
  test('the password step leads to the code page; a right code gives a new, full session', async () => {
    const { owner, key } = await enrolledOwner()
    const { token, cookie } = await passwordStep(owner.email)
    expect((await validateSession(token))?.twoFactorPending).toBe(true)

    const code = codeAt(key, Date.now() + 30_000)
    const answer = await call(
      twoFactorSignIn.action,
      post('/login/two-factor', { intent: 'totp', code, redirectTo: '/orgs' }, cookie),
    )
    expect(answer.status).toBe(302)
    expect(answer.headers.get('Location')).toBe('/orgs')
    const next = answer.headers.getSetCookie().find((c) => c.startsWith('rb_session='))!
    const nextToken = next.split(';')[0]!.slice('rb_session='.length)
    expect(nextToken).not.toBe(token)
    expect(await validateSession(token)).toBeNull()
    expect((await validateSession(nextToken))?.twoFactorPending).toBe(false)
  })

  test('hostile input gets a 400 with a message; a sixth wrong code gets 429 with Retry-After', async () => {
    const { owner } = await enrolledOwner()
    const { cookie } = await passwordStep(owner.email)
    const hostile: Record<string, string>[] = [
      { intent: 'totp', code: '12\u0000ab' },
      { intent: 'totp', code: '9'.repeat(40) },
      { intent: 'recovery', recoveryCode: '<script>' },
      { intent: 'nope' },
    ]
    for (const fields of hostile) {
      const answer = await call(twoFactorSignIn.action, post('/login/two-factor', fields, cookie))
      expect(answer.status, JSON.stringify(fields)).toBe(400)
      expect(JSON.stringify(answer.data)).toMatch(/Enter|recovery code|Invalid/)
    }
    const statuses = []
    for (let i = 0; i < 6; i++) {
      const answer = await call(
        twoFactorSignIn.action,
        post('/login/two-factor', { intent: 'totp', code: '000 000' }, cookie),
      )
      statuses.push(answer.status)
      if (answer.status === 429) {
        expect(Number(answer.headers.get('Retry-After'))).toBeGreaterThan(0)
        expect(JSON.stringify(answer.data)).toMatch(/Too many codes tried/)
      }
    }
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429])
  })

  test('without a pending session the code page sends you to sign in, and a full session onwards', async () => {
    const signedOut = await call(twoFactorSignIn.loader, new Request(`${origin}/login/two-factor`))
    expect(signedOut.headers.get('Location')).toBe('/login')
    const { owner } = await createPracticeWithOwner(prisma)
    const { token } = await createSession(owner.id)
    const full = await call(
      twoFactorSignIn.action,
      post('/login/two-factor', { intent: 'totp', code: '123456', redirectTo: '//evil.test' }, cookieHeaderFor(token)),
    )
    expect(full.status).toBe(302)
    expect(full.headers.get('Location')).toBe('/orgs')
  })
})

describe('the two-factor settings page', () => {
  test('a pending session cannot open it, nor turn two-factor off', async () => {
    const { owner } = await enrolledOwner()
    const { cookie } = await passwordStep(owner.email)
    const answer = await call(twoFactorSettings.action, post('/settings/two-factor', { intent: 'remove' }, cookie))
    expect(answer.status).toBe(302)
    expect(answer.headers.get('Location')).toMatch(/^\/login\/two-factor\?/)
    expect(await prisma.totpCredential.count({ where: { userId: owner.id } })).toBe(1)
  })

  test('turning it off from an old sign-in is refused with the reason', async () => {
    const { owner } = await enrolledOwner()
    const { token } = await createSession(owner.id, new Date(Date.now() - 20 * 60_000), { twoFactorVerified: true })
    const answer = await call(
      twoFactorSettings.action,
      post('/settings/two-factor', { intent: 'remove' }, cookieHeaderFor(token)),
    )
    expect(answer.status).toBe(400)
    expect(JSON.stringify(answer.data)).toMatch(/sign-in from the last 10 minutes/)
    expect(await prisma.totpCredential.count({ where: { userId: owner.id } })).toBe(1)
  })

  test('a mistyped code keeps the same key on the page', async () => {
    const { owner } = await createPracticeWithOwner(prisma)
    const { token } = await createSession(owner.id)
    const enrolment = await startTotpEnrolment(owner)
    const answer = await call(
      twoFactorSettings.action,
      post(
        '/settings/two-factor',
        { intent: 'enable', sealedKey: enrolment.sealedKey, code: '000000' },
        cookieHeaderFor(token),
      ),
    )
    expect(answer.status).toBe(400)
    expect((answer.data as { enrolment: { secret: string } }).enrolment.secret).toBe(enrolment.secret)
  })
})
