import { expect, test } from '@playwright/test'
import { expectAccessible } from './axe'
import { logIn, uniqueSuffix } from './helpers'

test('import a CSV for a client: preview, rejected rows, commit, then find, sort and filter the rows in a shareable view', async ({
  page,
}) => {
  const suffix = uniqueSuffix()
  const csv = [
    'Company,Title,Applied Date,Status',
    `Zephyr Analytics ${suffix},Data Analyst,2026-11-02,Applied`,
    `"Quill, Ink & Co ${suffix}","Research Analyst",11/05/2026,Interview`,
    ',Missing Company,2026-11-06,Applied',
    `Orbit Labs ${suffix},Analyst,not a date,Applied`,
  ].join('\r\n')

  await logIn(page, 'coach@northstar.test')
  await page.goto('/orgs/northstar/imports')
  await expectAccessible(page)
  await page
    .getByLabel('File')
    .setInputFiles({ name: 'my-applications.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
  await page.getByLabel('Client').selectOption({ index: 1 })
  await page.getByRole('button', { name: 'Upload and preview' }).click()

  // The preview: what would be imported, and each rejected row with its number and reason.
  await expect(page.getByText(/2 rows ready · 2 rejected/)).toBeVisible()
  const rejected = page.getByRole('region', { name: /rejected/i })
  await expect(rejected.getByRole('row', { name: /^4 / })).toBeVisible()
  await expect(rejected.getByRole('row', { name: /^5 / })).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Import 2 rows' }).click()
  await expect(page.getByRole('heading', { name: '2 applications imported' })).toBeVisible()
  await expectAccessible(page)

  // The rows are in the applications table; sort and filter, then reload the URL.
  await page.getByRole('link', { name: 'See the applications' }).click()
  await expect(page).toHaveURL(/\/orgs\/northstar\/applications\?/)
  const filters = page.getByRole('search', { name: 'Filter applications' })
  await filters.getByLabel('Search company, title or client').fill(suffix)
  await page
    .getByRole('button', { name: /search|apply|filter/i })
    .first()
    .click()
  const table = page.getByRole('table')
  await expect(table.getByRole('row')).toHaveCount(3) // header + 2
  await table.getByRole('button', { name: /company/i }).click()
  await expect(page).toHaveURL(/sort=company/)
  await filters.getByLabel('Stage').selectOption('INTERVIEW')
  await page
    .getByRole('button', { name: /search|apply|filter/i })
    .first()
    .click()
  await expect(table.getByRole('row')).toHaveCount(2)
  await expect(table.getByText(`Quill, Ink & Co ${suffix}`)).toBeVisible()
  const view = page.url()
  await page.reload()
  expect(page.url()).toBe(view)
  await expect(filters.getByLabel('Stage')).toHaveValue('INTERVIEW')
  await expect(filters.getByLabel('Search company, title or client')).toHaveValue(suffix)
  await expect(table.getByRole('row')).toHaveCount(2)
  await expectAccessible(page)
})
