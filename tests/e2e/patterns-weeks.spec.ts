import { expect, test } from '@playwright/test'
import { expectAccessible } from './axe'
import { logIn } from './helpers'

// The built app's week comparisons and patterns windows, as a coach reads them.

test('the home page and client page say which days they compare; the patterns page offers all time and a date range', async ({
  page,
}) => {
  await logIn(page, 'owner@northstar.test')
  await page.goto('/orgs/northstar')
  await expect(
    page.getByText(/^Mon(–\w{3})? so far, against the same days? last week, in the practice’s timezone\.$/),
  ).toBeVisible()
  await expect(page.getByRole('rowheader', { name: 'Same days last week' })).toBeVisible()

  await page.goto('/orgs/northstar/clients')
  await expect(page.getByText(/“This week” counts applications sent Mon/)).toBeVisible()
  await page.getByRole('table').getByRole('link').first().click()
  await expect(page.getByText(/so far, against the same days? last week\./)).toBeVisible()

  await page.goto('/orgs/northstar/patterns')
  await page.getByRole('link', { name: 'All time' }).click()
  await expect(page).toHaveURL(/days=all/)
  await expect(page.getByText('over the applications sent in all time.')).toBeVisible()
  await expect(page.getByText(/small sample/).first()).toBeVisible()
  await expect(page.getByText(/\bMID\b|\bJOB_BOARD\b/)).toHaveCount(0)
  await expectAccessible(page)

  await page.getByLabel('From', { exact: true }).fill('2026-01-01')
  await page.getByLabel('To', { exact: true }).fill('2026-06-30')
  await page.getByRole('button', { name: 'Show this range' }).click()
  await expect(page).toHaveURL(/from=2026-01-01&to=2026-06-30/)
  await expect(page.getByText('over the applications sent in Jan 1, 2026 to Jun 30, 2026.')).toBeVisible()

  const bad = await page.goto('/orgs/northstar/patterns?from=2026-06-30&to=2026-01-01')
  expect(bad?.status()).toBe(200)
  await expect(page.getByRole('status')).toHaveText(
    'The start date is after the end date. Showing the last 30 days instead.',
  )
  const hostile = await page.goto('/orgs/northstar/patterns?from=%3Cscript%3E&to=x')
  expect(hostile?.status()).toBe(200)
  await expect(page.getByRole('status')).toContainText('Dates are written as YYYY-MM-DD.')
})
