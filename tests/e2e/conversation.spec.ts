import { expect, test, type Page } from '@playwright/test'
import { docScreenshot } from './helpers'
import { expectAccessible } from './axe'
import { newPortalClient } from './portal-session'

// The conversation, end to end on the built app: the client writes from a phone, the coach sees the
// unread count on the roster, reads and replies, and assigns a mock interview with a message; the
// client gets one email with both (the dev outbox), answers in the portal, and the coach sees it.

test('a client and a coach talk in the portal and on the client page, with one email between', async ({ browser }) => {
  test.setTimeout(300_000)
  const { phone, coach, name, close } = await newPortalClient(browser)
  await coach.setViewportSize({ width: 1440, height: 900 })
  const first = name.split(' ')[0]!

  // The client writes from their phone.
  await phone.getByRole('link', { name: /^Messages/ }).click()
  await expect(phone.getByRole('heading', { level: 1, name: 'Messages' })).toBeVisible()
  await phone
    .getByRole('textbox', { name: 'Your message', exact: true })
    .fill('Hi! I had a first interview today. Notes: https://example.test/notes')
  await phone.getByRole('button', { name: 'Send' }).click()
  await expect(said(phone, 'I had a first interview today')).toBeVisible()
  await expect(phone.getByRole('link', { name: 'https://example.test/notes' })).toHaveAttribute(
    'rel',
    'noopener nofollow',
  )
  await expectAccessible(phone)
  await docScreenshot(phone, 'docs/screenshots/conversation-portal-375.png')
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)

  // The coach sees the unread count on the roster, opens the client, reads and replies.
  await coach.goto('/orgs/northstar/clients')
  const row = coach.getByRole('row').filter({ hasText: name })
  await expect(row.getByText('1 unread messages')).toBeVisible()
  await row.getByRole('link', { name }).click()
  await expect(coach.getByRole('heading', { level: 2, name: `Conversation with ${first}` })).toBeVisible()
  await expect(said(coach, 'I had a first interview today')).toBeVisible()
  const clientEmail = await emailOf(coach, name)
  await coach
    .getByRole('textbox', { name: 'Your message', exact: true })
    .fill('Well done! Let us get you ready for the next round.')
  await coach.getByRole('button', { name: 'Send' }).click()
  await expect(said(coach, 'Let us get you ready for the next round.')).toBeVisible()

  // Straight away, a mock interview task with a message: the client hears of both in one email.
  await coach.getByRole('link', { name: 'Assign a task' }).click()
  const form = coach.locator('form#assign-task')
  await form.getByLabel('Type').selectOption('MOCK_INTERVIEW')
  await form.getByLabel('Title').fill('Mock interview for the next round')
  await form.getByLabel('Message to the client (optional)').fill('I booked us Thursday at 10.')
  await form.getByRole('button', { name: 'Assign task' }).click()
  await expect(coach.getByText('Task assigned')).toBeVisible()

  await coach.goto(`/orgs/northstar/clients`)
  await coach.getByRole('row').filter({ hasText: name }).getByRole('link', { name }).click()
  await expectAccessible(coach)
  await docScreenshot(coach.locator('#conversation'), 'docs/screenshots/conversation-coach-1440.png')

  // The roster count is gone once read.
  await coach.goto('/orgs/northstar/clients')
  await expect(coach.getByRole('row').filter({ hasText: name }).getByText('unread messages')).toHaveCount(0)

  // One email to the client, with both, once the gathering delay has passed.
  const emailLink = coach.getByRole('link', { name: new RegExp(`To ${clientEmail.replace(/[.+]/g, '\\$&')}`) })
  await expect(async () => {
    await coach.goto('/orgs/northstar/outbox')
    await expect(emailLink).toHaveCount(1, { timeout: 1000 })
  }).toPass({ timeout: 150_000, intervals: [5_000] })
  await emailLink.click()
  const text = (await coach.getByTestId('email-text').textContent()) ?? ''
  expect(text).toContain('Let us get you ready for the next round.')
  expect(text).toContain('Mock interview for the next round')
  expect(text).toContain('I booked us Thursday at 10.')
  await coach.waitForTimeout(3_000)
  await coach.goto('/orgs/northstar/outbox')
  await expect(emailLink).toHaveCount(1)

  // The client answers in the portal; the coach sees the reply.
  await phone.goto('/me/messages')
  await expect(said(phone, 'I booked us Thursday at 10.')).toBeVisible()
  await phone.getByRole('textbox', { name: 'Your message', exact: true }).fill('Thursday works. Thank you!')
  await phone.getByRole('button', { name: 'Send' }).click()
  await expect(said(phone, 'Thursday works. Thank you!')).toBeVisible()
  await docScreenshot(phone, 'docs/screenshots/conversation-portal-reply-375.png', { fullPage: true })

  await coach.goto('/orgs/northstar/clients')
  await expect(coach.getByRole('row').filter({ hasText: name }).getByText('1 unread messages')).toBeVisible()
  await coach.goto('/orgs/northstar')
  await expect(coach.getByRole('heading', { name: 'Unread messages' })).toBeVisible()
  await expectAccessible(coach)
  await docScreenshot(coach, 'docs/screenshots/conversation-home-1440.png')
  await coach.getByRole('link', { name, exact: true }).first().click()
  await expect(said(coach, 'Thursday works. Thank you!')).toBeVisible()
  await coach.setViewportSize({ width: 375, height: 740 })
  await coach.locator('#conversation').scrollIntoViewIfNeeded()
  await docScreenshot(coach, 'docs/screenshots/conversation-coach-375.png')
  expect(await coach.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
  await coach.setViewportSize({ width: 1440, height: 900 })

  // Preferences in the portal and the coach's account settings.
  await phone.goto('/me/preferences')
  await expect(phone.getByLabel('my coach writes to me')).toBeChecked()
  await expectAccessible(phone)
  await coach.goto('/settings')
  await expect(coach.getByLabel('A client writes to me')).toBeChecked()
  await expectAccessible(coach)
  await close()
})

async function emailOf(page: Page, name: string) {
  const line = await page
    .getByText(/@example\.test/)
    .first()
    .textContent()
  const email = line?.match(/[\w.+-]+@example\.test/)?.[0]
  expect(email, `the email of ${name} on their page`).toBeTruthy()
  return email!
}

/** A message as shown in a thread (not the edit box that holds the same words). */
const said = (page: Page, text: string) => page.locator('article p', { hasText: text })
