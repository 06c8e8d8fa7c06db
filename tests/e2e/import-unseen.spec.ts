import { expect, test, type Page } from '@playwright/test'
import pg from 'pg'
import { expectAccessible } from './axe'
import { e2eDatabaseUrl } from './database-url'
import { logIn } from './helpers'
import { addImportClient, fixtureFile, pauseClient, severalClients, uploadImport } from './import-helpers'

// A tracker the importer was not built on (m/d/yy dates, two Excel serial numbers, typos, a yes/no
// "Remote?" column, a "Heard back" date and a recruiter's contact column), uploaded as "several clients":
// the preview asks whose file it is, explains each column, names each refused row and the duplicate by
// its number, and the import lands with the counts a person would make by hand.

const shot = (page: Page, what: string, width: 1440 | 375) =>
  page.screenshot({ path: `docs/screenshots/imports-${what}-${width}.png`, fullPage: true })

async function atBothSizes(page: Page, what: string) {
  await page.setViewportSize({ width: 1440, height: 900 })
  await shot(page, what, 1440)
  await page.setViewportSize({ width: 375, height: 740 })
  await shot(page, what, 375)
  // Nothing sideways at 375: the tables scroll inside their own boxes, if at all.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
  await page.setViewportSize({ width: 1440, height: 900 })
}

test('an unseen personal tracker imports through the page with no hand mapping, its client chosen in the preview', async ({
  page,
}) => {
  test.setTimeout(240_000)
  await logIn(page, 'coach@northstar.test')
  const { clientName, email } = await addImportClient(page)

  await uploadImport(page, fixtureFile('Job search 2025 (1).csv', 'job-search-2025.csv'), severalClients)

  // No client email column (the recruiter's contact column is not one, and is not kept): the preview asks.
  await expect(page.getByRole('heading', { name: 'Whose applications are these?' })).toBeVisible({ timeout: 60_000 })
  await expect(page.getByLabel('Recruiter Contact', { exact: true })).toHaveCount(0)
  await expect(page.locator('option[value="clientEmail"]:checked')).toHaveCount(0)
  await page.getByLabel('Client', { exact: true }).selectOption({ label: `${clientName} (${email})` })
  await page.getByRole('button', { name: 'Use this client' }).click()

  // 21 applications, 3 rows refused and 1 duplicate, counted by hand; every column mapped with its reason.
  await expect(page.getByText(/21 rows ready · 3 rejected · 1 duplicates/)).toBeVisible({ timeout: 60_000 })
  await expect(page.getByLabel('Date Applied', { exact: true })).toHaveValue('appliedOn')
  await expect(page.getByLabel('Company Name', { exact: true })).toHaveValue('company')
  await expect(page.getByLabel('Position', { exact: true })).toHaveValue('roleTitle')
  await expect(page.getByLabel('Status', { exact: true })).toHaveValue('status')
  await expect(page.getByLabel('Remote?', { exact: true })).toHaveValue('workMode')
  await expect(page.getByLabel('Heard back', { exact: true })).toHaveValue('respondedOn')
  await expect(page.getByText(/96% of its values are status words/)).toBeVisible()
  const rejected = page.getByRole('region', { name: /rejected/i })
  await expect(rejected.getByRole('row', { name: /^24 .*The company is empty/ })).toBeVisible()
  await expect(rejected.getByRole('row', { name: /^25 .*“sometime in march” is not a date/ })).toBeVisible()
  await expect(rejected.getByRole('row', { name: /^27 .*Unknown status “ask Jenna”/ })).toBeVisible()
  await expect(page.getByText('Same company, title and applied date as row 2')).toBeVisible()
  await expect(page.getByText(/“ask Jenna” \(1 row/)).toBeVisible()
  await expectAccessible(page)
  await atBothSizes(page, 'unseen-preview')

  await page.getByRole('button', { name: 'Import 21 rows' }).click()
  await expect(page.getByRole('heading', { name: '21 applications imported' })).toBeVisible({ timeout: 60_000 })
  await expect(page.getByRole('link', { name: 'Patterns over this period' })).toBeVisible()
  await expectAccessible(page)
  await atBothSizes(page, 'unseen-result')

  // What went in, against the hand counts: rejections, interviews reached and offers do not depend on today.
  const databaseUrl = e2eDatabaseUrl()
  if (databaseUrl) {
    const db = new pg.Client({ connectionString: databaseUrl })
    await db.connect()
    try {
      const { rows } = await db.query(
        `SELECT count(*)::int AS applications,
                count(*) FILTER (WHERE a.outcome = 'REJECTED')::int AS rejections,
                count(*) FILTER (WHERE a.outcome IN ('GHOSTED', 'ACTIVE'))::int AS "ghostedOrOpen",
                count(*) FILTER (WHERE a.stage IN ('INTERVIEW', 'FINAL', 'OFFER'))::int AS interviews,
                count(*) FILTER (WHERE a.stage = 'OFFER')::int AS offers,
                count(*) FILTER (WHERE a."workMode" = 'ONSITE')::int AS onsite
           FROM "JobApplication" a JOIN "Client" c ON c.id = a."clientId" WHERE c.email = $1`,
        [email],
      )
      expect(rows[0]).toEqual({
        applications: 21,
        rejections: 6,
        ghostedOrOpen: 12,
        interviews: 8,
        offers: 2,
        onsite: 6,
      })
    } finally {
      await db.end()
    }
  }
  await pauseClient(page, clientName)
})
