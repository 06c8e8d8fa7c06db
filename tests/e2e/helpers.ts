import { expect, type Locator, type Page } from '@playwright/test'
import { envValue } from '../../app/lib/env.server'

export const demoPassword = 'rebound-demo'
export const uniqueSuffix = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`

export async function logIn(page: Page, email: string, password = demoPassword) {
  await page.goto('/login')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: /^(sign in|log in)$/i }).click()
  await expect(page).toHaveURL(/\/orgs\//)
}

export async function logOut(page: Page, userName: string) {
  await page.locator('summary', { hasText: userName }).click()
  await page.getByRole('button', { name: 'Log out' }).click()
  await expect(page).not.toHaveURL(/\/orgs\//)
}

/** The first link in the newest outbox email to `to` whose path matches `pattern`. */
export async function linkFromOutbox(page: Page, slug: string, to: string, pattern: RegExp) {
  await page.goto(`/orgs/${slug}/outbox`)
  await page
    .getByRole('link', { name: new RegExp(`To ${to.replace(/[.+]/g, '\\$&')}`) })
    .first()
    .click()
  const text = await page.getByTestId('email-text').textContent()
  const url = text?.match(/https?:\/\/\S+/g)?.find((u) => pattern.test(u))
  expect(url, `a link matching ${pattern} in the email to ${to}`).toBeTruthy()
  return new URL(url!).pathname
}

/**
 * A picture of a page (or part of one) for docs/screenshots/, taken only when SCREENSHOTS is set, so that a
 * test run leaves the checkout as it found it.
 */
export async function docScreenshot(target: Page | Locator, path: string, options: { fullPage?: boolean } = {}) {
  if (!envValue('SCREENSHOTS')) return
  await target.screenshot({ path, ...options })
}
