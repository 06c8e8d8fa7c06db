import { readFile } from 'node:fs/promises'
import { expect, test } from '@playwright/test'
import { expectAccessible } from './axe'
import { addClientTo, docScreenshot, expectNoSidewaysScroll, signUpOwner } from './helpers'

// An owner makes a cohort, adds clients to it from the roster, records a placement, and reads the
// cohort's outcome report (page and CSV), at 1440 px and on a 375 px phone.

test('an owner groups clients in a cohort, records a placement and reads the outcome report', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 1000 })
  const slug = await signUpOwner(page, 'Olga Outcomes', 'Cohort Works')
  const ana = await addClientTo(page, slug, 'Ana Costa')
  await addClientTo(page, slug, 'Bea Silva')

  await page.goto(`/orgs/${slug}/cohorts`)
  await expect(page.getByRole('heading', { name: 'No cohorts yet' })).toBeVisible()
  await page.getByLabel('Name').fill('Spring intake')
  await page.getByLabel('Sponsor (optional)').fill('Northwind Ltd')
  await page.getByLabel('Starts on').fill('2026-01-05')
  await page.getByLabel('Ends on').fill('2026-01-04')
  await page.getByRole('button', { name: 'Create cohort' }).click()
  await expect(page.getByText('The cohort ends on or after the day it starts')).toBeVisible()
  await page.getByLabel('Ends on').fill('2026-12-18')
  await page.getByRole('button', { name: 'Create cohort' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Spring intake' })).toBeVisible()
  await expect(page.getByText('No clients in this cohort yet')).toBeVisible()

  await page.goto(`/orgs/${slug}/clients`)
  await page.getByLabel('Select all 2 on this page').check()
  await page.getByLabel('Action').selectOption('cohort')
  await page.getByRole('button', { name: 'Add to cohort…' }).click()
  await page.getByRole('button', { name: /Yes, add to cohort \(2\)/ }).click()
  await expect(page.getByText('Add to cohort: done for 2 of 2 clients.')).toBeVisible()
  await page
    .getByRole('search', { name: 'Filter clients' })
    .getByLabel('Cohort')
    .selectOption({ label: 'Spring intake' })
  await expect(page).toHaveURL(/cohort=/)
  await expect(page.getByRole('link', { name: 'Ana Costa' })).toBeVisible()
  await docScreenshot(page, 'docs/screenshots/cohorts-roster-1440.png')

  await page.goto(`${ana}/placement`)
  await page.getByLabel('Employer').fill('Northwind')
  await page.getByLabel('Role', { exact: true }).fill('Data analyst')
  await page.getByLabel('First day in the job').fill('2027-01-04')
  await page.getByLabel('Yes').check()
  await page.getByRole('button', { name: 'Record placement' }).click()
  await expect(page.getByText('Ana Costa is placed')).toBeVisible()

  await page.goto(`/orgs/${slug}/cohorts`)
  await expect(page.getByText('2 clients')).toBeVisible()
  await expectAccessible(page)
  await docScreenshot(page, 'docs/screenshots/cohorts-list-1440.png')
  await page.getByRole('link', { name: 'outcomes', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Outcomes' })).toBeVisible()
  await expect(page.getByText('Spring intake · sponsored by Northwind Ltd')).toBeVisible()
  const served = page.locator('dt', { hasText: 'Clients served' }).locator('..')
  await expect(served.locator('dd')).toHaveText('2')
  await expect(
    page
      .locator('dt', { hasText: /^Placed$/ })
      .locator('..')
      .locator('dd'),
  ).toHaveText('1')
  await expectAccessible(page)
  await docScreenshot(page, 'docs/screenshots/outcomes-1440.png', { fullPage: true })

  const download = page.waitForEvent('download')
  await page.getByRole('link', { name: 'Download CSV' }).click()
  const csv = await readFile(await (await download).path(), 'utf8')
  expect(csv).toContain('All clients (Spring intake),2,')
  expect(csv).toContain('Coach: Olga Outcomes,2,')

  await page.setViewportSize({ width: 375, height: 800 })
  await page.reload()
  await expectNoSidewaysScroll(page)
  await docScreenshot(page, 'docs/screenshots/outcomes-375.png', { fullPage: true })
  await page.goto(`/orgs/${slug}/cohorts`)
  await expectNoSidewaysScroll(page)
  await docScreenshot(page, 'docs/screenshots/cohorts-list-375.png', { fullPage: true })
  await page.goto(`${ana}/placement`)
  await expectNoSidewaysScroll(page)
  await docScreenshot(page, 'docs/screenshots/placement-375.png', { fullPage: true })
})
