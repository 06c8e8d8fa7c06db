import { expect, test } from '@playwright/test'
import { expectAccessible } from './axe'
import { logIn, uniqueSuffix } from './helpers'

test('a coach previews a digest with a note and sends it; it lands in the outbox; its unsubscribe link works with no session', async ({
  page,
  playwright,
  baseURL,
}) => {
  const suffix = uniqueSuffix()
  const clientName = `Aaron Abbott ${suffix}`
  const clientEmail = `aaron-${suffix}@example.test`

  await logIn(page, 'coach@northstar.test')
  await page.goto('/orgs/northstar/clients/new')
  await page.getByLabel('Name').fill(clientName)
  await page.getByLabel('Email').fill(clientEmail)
  await page.getByRole('button', { name: 'Add client' }).click()
  await expect(page.getByRole('heading', { level: 1, name: clientName })).toBeVisible()

  await page.goto('/orgs/northstar/digests')
  await expectAccessible(page)
  const row = page.getByRole('listitem').filter({ hasText: clientEmail })
  await row.getByText('Add a note for this week').click()
  await row.getByLabel(`Note to ${clientName} in this week’s digest`).fill('Great start this week: keep going!')
  await row.getByRole('button', { name: /save/i }).click()
  await expect(row.getByText('Edit this week’s note')).toBeVisible()

  await row.getByRole('link', { name: /Preview/ }).click()
  const preview = page.frameLocator(`iframe[title*="${clientName.split(' ')[0]}"]`).first()
  await expect(preview.getByText('Great start this week: keep going!')).toBeVisible()
  await expectAccessible(page)

  await page
    .getByRole('listitem')
    .filter({ hasText: clientEmail })
    .getByRole('button', { name: /Send now/ })
    .click()
  await expect(
    page
      .getByRole('listitem')
      .filter({ hasText: clientEmail })
      .getByText(/sent|outbox/i)
      .first(),
  ).toBeVisible()

  // The digest is in the outbox, with RFC 8058 one-click unsubscribe headers.
  await page.goto('/orgs/northstar/outbox')
  await page
    .getByRole('link', { name: new RegExp(`To ${clientEmail.replace(/[.]/g, '\\.')}`) })
    .first()
    .click()
  await expect(page.getByText('List-Unsubscribe=One-Click')).toBeVisible()
  const header = await page.locator('dt:has-text("List-Unsubscribe") + dd').first().textContent()
  const unsubscribeUrl = header?.match(/<(https?:\/\/[^>]+)>/)?.[1]
  expect(unsubscribeUrl).toMatch(/\/unsubscribe\//)
  await expectAccessible(page)

  // A mail provider's one-click POST from its own server: no cookie, no session, its own Origin.
  const anonymous = await playwright.request.newContext({ baseURL })
  const response = await anonymous.post(new URL(unsubscribeUrl!).pathname, {
    headers: { Origin: 'https://mail-provider.example' },
    form: { 'List-Unsubscribe': 'One-Click' },
  })
  expect(response.status()).toBe(200)
  await anonymous.dispose()

  // Honoured at once.
  await page.goto('/orgs/northstar/digests')
  await expect(
    page
      .getByRole('listitem')
      .filter({ hasText: clientEmail })
      .getByText(/unsubscribed/),
  ).toBeVisible()
})
