import { expect, test } from '@playwright/test'
import { expectAccessible } from './axe'
import { logIn } from './helpers'
import { fixtureFile, uploadImport } from './import-helpers'

// A person's own two-year spreadsheet through the web page, with no hand mapping: the preview explains
// each column, then the import lands with its period and a link to the patterns page.

test('a personal spreadsheet imports through the page with no hand mapping, on a laptop and a phone', async ({
  page,
}) => {
  const shots = process.env.SHOTS_DIR
  await logIn(page, 'coach@northstar.test')
  await uploadImport(page, fixtureFile('my job search.csv', 'personal-tracker.csv'), { index: 2 })
  await expect(page.getByText(/\d+ rows ready · 5 rejected · 1 duplicates/)).toBeVisible({ timeout: 60_000 })
  await expect(page.getByLabel('Response', { exact: true })).toHaveValue('status')
  await expect(page.getByLabel('Date sent', { exact: true })).toHaveValue('appliedOn')
  await expect(page.getByLabel('First response', { exact: true })).toHaveValue('respondedOn')
  await expect(page.getByText(/“see notes” \(2 rows/)).toBeVisible()
  await expectAccessible(page)
  if (shots) {
    await page.setViewportSize({ width: 1440, height: 900 })
    await page.screenshot({ path: `${shots}/preview-1440.png`, fullPage: true })
    await page.setViewportSize({ width: 375, height: 740 })
    await page.screenshot({ path: `${shots}/preview-375.png`, fullPage: true })
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
    await page.setViewportSize({ width: 1440, height: 900 })
  }
  // "see notes" means still waiting, for the whole file.
  await page.getByLabel(/“see notes”/).selectOption('APPLIED:ACTIVE')
  await page.getByRole('button', { name: 'Apply choices' }).click()
  await expect(page.getByText(/\d+ rows ready · 3 rejected · 1 duplicates/)).toBeVisible({ timeout: 60_000 })
  await page.getByRole('button', { name: /^Import \d+ rows$/ }).click()
  await expect(page.getByRole('heading', { name: /\d+ applications imported/ })).toBeVisible({ timeout: 60_000 })
  await expect(page.getByRole('link', { name: 'Patterns over this period' })).toBeVisible()
  await expectAccessible(page)
  if (shots) {
    await page.screenshot({ path: `${shots}/imported-1440.png`, fullPage: true })
    await page.setViewportSize({ width: 375, height: 740 })
    await page.screenshot({ path: `${shots}/imported-375.png`, fullPage: true })
  }
})
