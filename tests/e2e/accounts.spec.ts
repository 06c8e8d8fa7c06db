import { expect, test } from '@playwright/test'
import { expectAccessible } from './axe'
import { linkFromOutbox, logIn, logOut, uniqueSuffix } from './helpers'

test('sign up, invite a coach who accepts from the outbox email, switch practices, log out', async ({ page }) => {
  const suffix = uniqueSuffix()
  const email = `dana-${suffix}@example.test`
  const password = 'a long enough password'

  // Sign up: a new practice with you as its owner.
  await page.goto('/signup')
  await expectAccessible(page)
  await page.getByLabel('Your name').fill('Dana Brooks')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByLabel('Practice name').fill(`Brooks Coaching ${suffix}`)
  await page.getByRole('button', { name: /create|sign up|start/i }).click()
  await expect(page).toHaveURL(/\/orgs\/brooks-coaching/)
  await expectAccessible(page)
  await logOut(page, 'Dana Brooks')

  // The Northstar owner invites Dana as a coach.
  await logIn(page, 'owner@northstar.test')
  await page.goto('/orgs/northstar/members')
  await expectAccessible(page)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Role', { exact: true }).selectOption('COACH')
  await page.getByRole('button', { name: /invite|send/i }).click()
  await expect(page.getByText(email).first()).toBeVisible()
  const joinPath = await linkFromOutbox(page, 'northstar', email, /\/join\//)
  await expectAccessible(page)
  await logOut(page, 'Nora Quinn')

  // Dana signs in and accepts.
  await logIn(page, email, password)
  await page.goto(joinPath)
  await expectAccessible(page)
  await page.getByRole('button', { name: /accept|join/i }).click()
  await expect(page).toHaveURL(/\/orgs\/northstar/)

  // Two practices now: switch between them.
  await page.locator('summary', { hasText: 'Switch practice' }).click()
  await page.getByRole('link', { name: new RegExp(`Brooks Coaching ${suffix}`) }).click()
  await expect(page).toHaveURL(/\/orgs\/brooks-coaching/)
  await expectAccessible(page)

  await logOut(page, 'Dana Brooks')
  await page.goto('/orgs')
  await expect(page).toHaveURL(/\/login/)
  await expectAccessible(page)
})
