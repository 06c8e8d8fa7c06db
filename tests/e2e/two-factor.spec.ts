import { decodeBase32IgnorePadding } from '@oslojs/encoding'
import { generateHOTP } from '@oslojs/otp'
import { expect, test } from '@playwright/test'
import { expectAccessible } from './axe'
import { logOut, shootAtBothWidths, signInToSecondStep, signUpAndOpenTwoFactorSetup } from './helpers'

// The authenticator app, played by the test: the code for a 30-second step, computed from the key
// the page shows as text beside its QR code.
const codeFor = (key: Uint8Array, stepsAhead = 0) =>
  generateHOTP(key, BigInt(Math.floor(Date.now() / 30_000) + stepsAhead), 6)

test('a member turns on two-factor sign-in, signs in with a code, and a recovery code works once', async ({ page }) => {
  // Enrol: the account page leads to the set-up, which shows a QR code and the same key as text.
  const { email, password, practicePath } = await signUpAndOpenTwoFactorSetup(page, {
    name: 'Tess Twofold',
    handle: 'tess',
    practice: 'Twofold Coaching',
    landsOn: /\/orgs\/twofold-coaching/,
  })
  await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible()
  await expectAccessible(page)
  await shootAtBothWidths(page, 'two-factor-enrol', { onlyWhenShooting: true })
  const key = decodeBase32IgnorePadding((await page.getByTestId('totp-secret').textContent())!.replace(/\s/g, ''))
  expect(key).toHaveLength(20)

  await page.getByLabel('Code from your app').fill('000000' === codeFor(key) ? '111111' : '000000')
  await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click()
  await expect(page.getByText(/That code didn’t match/)).toBeVisible()
  // The same key is still the one on the page after a mistyped code.
  const again = decodeBase32IgnorePadding((await page.getByTestId('totp-secret').textContent())!.replace(/\s/g, ''))
  expect(Buffer.from(again).equals(Buffer.from(key))).toBe(true)

  await page.getByLabel('Code from your app').fill(codeFor(key))
  await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click()
  const codes = page.getByTestId('recovery-codes').getByRole('listitem')
  await expect(codes).toHaveCount(10)
  const recoveryCode = (await codes.nth(0).textContent())!.trim()
  expect(recoveryCode).toMatch(/^[A-Z2-7]{5}-[A-Z2-7]{5}$/)
  await expectAccessible(page)
  await shootAtBothWidths(page, 'two-factor-recovery-codes', { onlyWhenShooting: true })
  await page.getByRole('link', { name: /saved them/ }).click()

  // Sign out, then in again: the password leads to the code page, which nothing else gets past.
  await page.goto(practicePath)
  await logOut(page, 'Tess Twofold')
  await signInToSecondStep(page, email, password)
  await expectAccessible(page)
  await shootAtBothWidths(page, 'two-factor-sign-in', { onlyWhenShooting: true })
  await page.goto(practicePath)
  await expect(page).toHaveURL(/\/login\/two-factor/)
  // A step ahead: the enrolment used this step's code, and a code works once.
  await page.getByLabel('Code from your app').fill(codeFor(key, 1))
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page).toHaveURL(new RegExp(practicePath))
  await logOut(page, 'Tess Twofold')

  // A recovery code instead of the app: it works once.
  await signInToSecondStep(page, email, password)
  await page.getByText('No access to your app? Use a recovery code').click()
  await page.getByLabel('Recovery code').fill(recoveryCode.toLowerCase())
  await page.getByRole('button', { name: 'Sign in with a recovery code' }).click()
  await expect(page).toHaveURL(/\/orgs\//)
  await expect(page.getByText(/9 left/)).toBeVisible()
  await page.goto(practicePath)
  await logOut(page, 'Tess Twofold')

  await signInToSecondStep(page, email, password)
  await page.getByText('No access to your app? Use a recovery code').click()
  await page.getByLabel('Recovery code').fill(recoveryCode)
  await page.getByRole('button', { name: 'Sign in with a recovery code' }).click()
  await expect(page.getByText(/That recovery code didn’t work/)).toBeVisible()
  await expect(page).toHaveURL(/\/login\/two-factor/)
  await page.getByRole('button', { name: 'Cancel and sign out' }).click()
  // The sign-out lands first; only then is the practice asked for again.
  await page.waitForURL((url) => !url.pathname.startsWith('/login/two-factor'))
  await page.goto(practicePath)
  await expect(page).toHaveURL(/\/login\?/)
})
