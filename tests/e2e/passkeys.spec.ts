import { expect, test, type Page } from '@playwright/test'
import { expectAccessible } from './axe'
import { logOut, shootAtBothWidths, signInToSecondStep, signUpAndOpenTwoFactorSetup } from './helpers'

// Passkeys with Chromium's virtual authenticator (DevTools protocol): a platform authenticator that
// keeps discoverable credentials and verifies its user, as a phone or laptop with a fingerprint does.

async function addVirtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('WebAuthn.enable', { enableUI: false })
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  })
  return { cdp, authenticatorId }
}

test('a member adds a passkey, signs in with it alone and as the second step, and a removed passkey no longer works', async ({
  page,
}) => {
  const { cdp, authenticatorId } = await addVirtualAuthenticator(page)
  // Add a passkey from the account's two-factor page: the first factor comes with recovery codes.
  const { email, password, practicePath } = await signUpAndOpenTwoFactorSetup(page, {
    name: 'Piper Passkey',
    handle: 'piper',
    practice: 'Passkey Coaching',
    landsOn: /\/orgs\/passkey-coaching/,
  })
  await expect(page.getByText('No passkeys yet.')).toBeVisible()
  await expectAccessible(page)
  await shootAtBothWidths(page, 'passkeys-settings-empty')
  await page.getByLabel('Name for the new passkey').fill('Work laptop')
  await page.getByRole('button', { name: 'Add a passkey' }).click()
  await expect(page.getByTestId('recovery-codes').getByRole('listitem')).toHaveCount(10)
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId })
  expect(credentials).toHaveLength(1)
  expect(credentials[0]!.isResidentCredential).toBe(true)
  await page.getByRole('link', { name: /saved them/ }).click()

  await page.goto('/settings/two-factor')
  const list = page.getByRole('list', { name: 'Your passkeys' })
  await expect(list.getByRole('listitem')).toHaveCount(1)
  await expect(list.getByText('Work laptop')).toBeVisible()
  await expect(list.getByText(/not used yet/)).toBeVisible()
  await expectAccessible(page)
  await shootAtBothWidths(page, 'passkeys-settings')

  // Signed out, "Sign in with a passkey" alone signs in: the authenticator offers the passkey it keeps.
  await page.goto(practicePath)
  await logOut(page, 'Piper Passkey')
  await page.goto(`/login?redirectTo=${encodeURIComponent(practicePath)}`)
  await expectAccessible(page)
  await shootAtBothWidths(page, 'passkeys-login')
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click()
  await expect(page).toHaveURL(new RegExp(`${practicePath}$`))
  await logOut(page, 'Piper Passkey')

  // The password alone is not enough now: the passkey is the second step.
  await signInToSecondStep(page, email, password)
  await expect(page.getByRole('heading', { name: 'Confirm it’s you' })).toBeVisible()
  await expectAccessible(page)
  await shootAtBothWidths(page, 'passkeys-second-step')
  await page.goto(practicePath)
  await expect(page).toHaveURL(/\/login\/two-factor/)
  await page.getByRole('button', { name: 'Use a passkey' }).click()
  await expect(page).toHaveURL(new RegExp(`${practicePath}$`))

  // The list says when it was last used; removing it (this sign-in is recent) turns two-factor off.
  await page.goto('/settings/two-factor')
  await expect(list.getByText(/last used/)).toBeVisible()
  await page.getByRole('button', { name: 'Remove passkey Work laptop' }).click()
  await expect(page.getByText('Passkey “Work laptop” removed')).toBeVisible()
  await expect(page.getByText('No passkeys yet.')).toBeVisible()

  // The authenticator still holds the credential, but Rebound no longer accepts it.
  await page.goto(practicePath)
  await logOut(page, 'Piper Passkey')
  await page.goto('/login')
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click()
  await expect(page.getByRole('alert')).toContainText('isn’t registered with Rebound')
  await expect(page).toHaveURL(/\/login/)
  await expectAccessible(page)
  // And the password alone signs in again, with no second step.
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect(page).toHaveURL(/\/orgs\//)
})
