import { expect, type Browser } from '@playwright/test'
import { logIn, uniqueSuffix } from './helpers'

/**
 * A new Northstar client, added by a coach, signed in to the portal on a phone-sized page
 * through their invite link. Returns the phone page, the coach's page and the client's name.
 */
export async function newPortalClient(browser: Browser, name = `Pat Portal ${uniqueSuffix()}`) {
  const coachContext = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] })
  const coach = await coachContext.newPage()
  await logIn(coach, 'coach@northstar.test')
  await coach.goto('/orgs/northstar/clients/new')
  await coach.getByLabel('Name').fill(name)
  await coach.getByLabel('Email').fill(`portal-${uniqueSuffix()}@example.test`)
  await coach.getByRole('button', { name: 'Add client' }).click()
  await expect(coach.getByRole('heading', { level: 1, name })).toBeVisible()
  await coach.getByRole('button', { name: 'Create link' }).click()
  await coach.getByRole('button', { name: 'Copy link' }).click()
  await expect(coach.getByRole('button', { name: 'Copied' })).toBeVisible()
  const inviteUrl = await coach.evaluate(() => navigator.clipboard.readText())

  const phoneContext = await browser.newContext({
    viewport: { width: 375, height: 740 },
    isMobile: true,
    hasTouch: true,
  })
  const phone = await phoneContext.newPage()
  await phone.goto(new URL(inviteUrl).pathname)
  await phone.getByRole('button', { name: 'Continue' }).click()
  await expect(phone).toHaveURL(/\/me$/)
  const close = async () => {
    await coachContext.close()
    await phoneContext.close()
  }
  return { phone, coach, name, close }
}
