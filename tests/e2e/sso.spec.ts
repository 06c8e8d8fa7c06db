import { expect, test, type Page } from '@playwright/test'
import { envValue } from '../../app/lib/env.server'
import { startOidcProvider, type LocalOidcProvider } from '../oidc-provider'
import { expectAccessible } from './axe'
import { logOut, shootAtBothWidths, signUpPractice, uniqueSuffix } from './helpers'

// Single sign-on in the built app against a real OpenID provider (oidc-provider) that this test runs on
// the next port: the owner sets it up, invites a member, and the member signs in through the provider's
// own sign-in page. A stranger and a wrong domain are refused with kind words.

const appPort = envValue('E2E_PORT')
const client = {
  clientId: 'rebound-e2e',
  clientSecret: 'e2e-client-secret-0123456789abcdef',
  redirectUri: `http://localhost:${appPort}/login/sso/callback`,
}
let idp: LocalOidcProvider

test.beforeAll(async () => {
  idp = await startOidcProvider({ clients: [client], port: appPort + 1 })
})
test.afterAll(async () => {
  await idp?.close()
})

/** From the sign-in page, through "Sign in with your organisation", to the provider's page and back. */
async function signInWithOrganisation(page: Page, email: string, subject: string) {
  // Another person at the same computer: the provider's own session of the last one is gone.
  await page.context().clearCookies({ domain: '127.0.0.1' })
  await page.goto('/login')
  await page.getByRole('link', { name: 'Sign in with your organisation' }).click()
  await expect(page).toHaveURL(/\/login\/sso/)
  await page.getByLabel('Work email or practice address').fill(email)
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/interaction/`))
  await page.locator('input[name="login"]').fill(subject)
  await page.locator('input[name="password"]').fill('any password: the provider checks it, not Rebound')
  await page.locator('button[type="submit"]').click()
}

test('an owner sets up single sign-on; an invited member signs in through the provider; others are refused', async ({
  page,
}) => {
  test.setTimeout(300_000)
  const suffix = uniqueSuffix()
  const domain = `uni-${suffix}.example.test`
  const { practicePath, slug } = await signUpPractice(page, {
    name: 'Olive Owner',
    email: `olive-${suffix}@example.test`,
    practice: `Campus Careers ${suffix}`,
    landsOn: /\/orgs\/campus-careers/,
  })

  // The owner finds single sign-on in the practice settings and sets the provider up.
  await page.goto(`${practicePath}/settings`)
  await page.getByRole('link', { name: 'Single sign-on' }).click()
  await expect(page.getByRole('heading', { name: 'Single sign-on' })).toBeVisible()
  await expect(page.getByLabel('Redirect address to register')).toHaveValue(client.redirectUri)
  await page.getByLabel('Issuer address').fill(idp.issuer)
  await page.getByLabel('Client ID').fill(client.clientId)
  await page.getByLabel('Client secret').fill(client.clientSecret)
  await page.getByLabel('Email domains that may sign in').fill(domain)
  await page.getByRole('button', { name: 'Save single sign-on' }).click()
  await expect(page.getByText('Single sign-on is on')).toBeVisible()
  // The secret is never written back into the page.
  expect(await page.content()).not.toContain(client.clientSecret)
  await expect(page.getByLabel('Client secret')).toHaveValue('')
  await expectAccessible(page)
  await shootAtBothWidths(page, 'sso-settings')

  // The owner invites a member by the address the provider knows them by.
  const memberEmail = `ivy-${suffix}@${domain}`
  await page.goto(`${practicePath}/members`)
  await page.getByLabel('Email').fill(memberEmail)
  await page.getByLabel('Role', { exact: true }).selectOption('COACH')
  await page.getByRole('button', { name: /invite|send/i }).click()
  await expect(page.getByText(memberEmail).first()).toBeVisible()
  await logOut(page, 'Olive Owner')

  // The invited member signs in through the provider: no password at Rebound, straight into the practice.
  idp.addAccount(`ivy-${suffix}`, { email: memberEmail, name: 'Ivy Invited' })
  await page.goto('/login/sso')
  await expectAccessible(page)
  await shootAtBothWidths(page, 'sso-sign-in')
  await signInWithOrganisation(page, memberEmail, `ivy-${suffix}`)
  await expect(page).toHaveURL(new RegExp(`/orgs/${slug}$`))
  await expect(page.getByText('Welcome back, Ivy Invited')).toBeVisible()
  await logOut(page, 'Ivy Invited')

  // A colleague from the same university without an invite is told what to do.
  const strangerEmail = `sam-${suffix}@${domain}`
  idp.addAccount(`sam-${suffix}`, { email: strangerEmail })
  await signInWithOrganisation(page, strangerEmail, `sam-${suffix}`)
  await expect(page.getByRole('heading', { name: 'We couldn’t sign you in' })).toBeVisible()
  await expect(page.getByRole('alert')).toContainText(`Ask the practice’s owner to invite ${strangerEmail}`)
  await expectAccessible(page)
  await shootAtBothWidths(page, 'sso-refused')

  // Someone whose provider account is at another domain is refused too.
  const outsiderEmail = `max-${suffix}@elsewhere.example.test`
  idp.addAccount(`max-${suffix}`, { email: outsiderEmail })
  await page.context().clearCookies({ domain: '127.0.0.1' })
  await page.goto('/login/sso')
  await page.getByLabel('Work email or practice address').fill(slug)
  await page.getByRole('button', { name: 'Continue' }).click()
  await page.locator('input[name="login"]').fill(`max-${suffix}`)
  await page.locator('input[name="password"]').fill('x')
  await page.locator('button[type="submit"]').click()
  await expect(page.getByRole('alert')).toContainText(`${outsiderEmail} isn’t an address`)

  // Nobody is signed in after the refusals (a tampered state, nonce or PKCE: tests/sso-routes.test.ts).
  await page.goto(practicePath)
  await expect(page).toHaveURL(/\/login/)
})
