import { readFile } from 'node:fs/promises'
import { expect, test, type Page } from '@playwright/test'
import { PDFParse } from 'pdf-parse'
import { expectAccessible } from './axe'
import { addAllToCohort, createCohort } from './cohort-helpers'
import {
  addClientTo,
  docScreenshot,
  expectNoSidewaysScroll,
  linkFromOutbox,
  signUpOwner,
  uniqueSuffix,
} from './helpers'

// An owner makes a cohort, adds clients to it from the roster, records a placement, and reads the
// cohort's outcome report (page and CSV), at 1440 px and on a 375 px phone. Then, with five clients,
// downloads its PDF, shares it with the sponsor by a link the sponsor opens signed out (and downloads
// as a PDF too), and revokes it; the placed client answers the survey emailed to them, once.

const emailOf = (name: string) => `${name.split(' ')[0]!.toLowerCase()}-${uniqueSuffix()}@example.test`

async function recordPlacement(page: Page, clientPath: string, name: string) {
  await page.goto(`${clientPath}/placement`)
  await page.getByLabel('Employer').fill('Northwind')
  await page.getByLabel('Role', { exact: true }).fill('Data analyst')
  await page.getByLabel('First day in the job').fill('2027-01-04')
  await page.getByLabel('Yes').check()
  await page.getByRole('button', { name: 'Record placement' }).click()
  await expect(page.getByText(`${name} is placed`)).toBeVisible()
}

async function pdfTextOf(page: Page, link: string) {
  const download = page.waitForEvent('download')
  await page.getByRole('link', { name: link }).click()
  const bytes = await readFile(await (await download).path())
  return (await new PDFParse({ data: new Uint8Array(bytes) }).getText()).text
}

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

  await addAllToCohort(page, slug, 2)
  await page
    .getByRole('search', { name: 'Filter clients' })
    .getByLabel('Cohort')
    .selectOption({ label: 'Spring intake' })
  await expect(page).toHaveURL(/cohort=/)
  await expect(page.getByRole('link', { name: 'Ana Costa' })).toBeVisible()
  await docScreenshot(page, 'docs/screenshots/cohorts-roster-1440.png')

  await recordPlacement(page, ana, 'Ana Costa')

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

test('an owner shares a cohort’s report with its sponsor, who opens it signed out', async ({ page, browser }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  const slug = await signUpOwner(page, 'Olga Outcomes', 'Cohort Works')
  const names = ['Ana Costa', 'Bea Silva', 'Caio Lima', 'Dora Reis', 'Edu Mota']
  const clients: { path: string; email: string }[] = []
  for (const name of names) {
    const email = emailOf(name)
    clients.push({ path: await addClientTo(page, slug, name, email), email })
  }

  await createCohort(page, slug, {
    name: 'Spring intake',
    sponsor: 'Northwind Ltd',
    startsOn: '2026-01-05',
    endsOn: '2026-12-18',
  })
  await addAllToCohort(page, slug, 5)

  await recordPlacement(page, clients[0]!.path, 'Ana Costa')

  // The owner's report and its PDF.
  await page.goto(`/orgs/${slug}/outcomes`)
  await page.getByLabel('Cohort').selectOption({ label: 'Spring intake' })
  await page.getByRole('button', { name: 'Show' }).click()
  await expect(page.getByText('Spring intake · sponsored by Northwind Ltd')).toBeVisible()
  await expect(page.locator('dt', { hasText: 'Clients served' }).locator('..').locator('dd')).toHaveText('5')
  const ownerPdf = await pdfTextOf(page, 'Download PDF')
  expect(ownerPdf).toContain('Outcome report')
  expect(ownerPdf).toContain('Spring intake · sponsored by Northwind Ltd')
  expect(ownerPdf).toMatch(/Clients served\s*5/)
  expect(ownerPdf).toContain('Funnel')
  expect(ownerPdf).toContain('Olga Outcomes')

  // A sponsor link, shown once.
  await page.getByLabel('Link works for').selectOption('30')
  await page.getByRole('button', { name: 'Create sponsor link' }).click()
  const linkBox = page.getByLabel('Sponsor link', { exact: true })
  await expect(linkBox).toHaveValue(/\/sponsor\/[A-Za-z0-9_-]{43}$/)
  const sponsorUrl = new URL(await linkBox.inputValue()).pathname
  await expect(page.getByRole('region', { name: 'Sponsor links' }).getByText('Active')).toBeVisible()
  await expectAccessible(page)
  await docScreenshot(page, 'docs/screenshots/outcomes-sponsor-links-1440.png', { fullPage: true })

  // The sponsor, signed out.
  const sponsor = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  const sp = await sponsor.newPage()
  await sp.goto(sponsorUrl)
  await expect(sp.getByRole('heading', { level: 1, name: /Outcome report/ })).toBeVisible()
  await expect(sp.locator('dt', { hasText: 'Clients served' }).locator('..').locator('dd').first()).toHaveText('5')
  for (const name of [...names, 'Olga Outcomes']) await expect(sp.getByText(name)).toHaveCount(0)
  await expectAccessible(sp)
  await docScreenshot(sp, 'docs/screenshots/sponsor-report-1440.png', { fullPage: true })
  const sponsorPdf = await pdfTextOf(sp, 'Download PDF')
  expect(sponsorPdf).toMatch(/Clients served\s*5/)
  expect(sponsorPdf).toContain('Aggregates only')
  for (const name of [...names, 'Olga Outcomes']) expect(sponsorPdf).not.toContain(name)
  await sp.setViewportSize({ width: 375, height: 740 })
  await sp.reload()
  await expectNoSidewaysScroll(sp)
  await docScreenshot(sp, 'docs/screenshots/sponsor-report-375.png', { fullPage: true })

  // The placed client answers the survey emailed to them, once.
  let surveyPath = ''
  await expect(async () => {
    surveyPath = await linkFromOutbox(page, slug, clients[0]!.email, /\/survey\//)
  }).toPass({ timeout: 30_000 })
  await sp.goto(surveyPath)
  await expect(sp.getByRole('heading', { name: 'Ana, how much did coaching help?' })).toBeVisible()
  await expectNoSidewaysScroll(sp)
  await docScreenshot(sp, 'docs/screenshots/survey-375.png', { fullPage: true })
  await sp.getByLabel(/^4\s*A lot$/).check()
  await sp.getByRole('button', { name: 'Send my answer' }).click()
  await expect(sp.getByRole('heading', { name: 'Thank you' })).toBeVisible()
  await sp.goto(surveyPath)
  await expect(sp.getByRole('heading', { name: 'Thank you' })).toBeVisible()

  // The owner sees the answer counted, then revokes the link: the sponsor gets a 404.
  await page.goto(`/orgs/${slug}/outcomes`)
  await page.getByLabel('Cohort').selectOption({ label: 'Spring intake' })
  await page.getByRole('button', { name: 'Show' }).click()
  await expect(
    page.locator('dt', { hasText: 'How much coaching helped' }).locator('..').locator('dd').first(),
  ).toHaveText('4 of 5')
  await page.getByRole('button', { name: 'Revoke' }).click()
  await expect(page.getByRole('region', { name: 'Sponsor links' }).getByText('Revoked')).toBeVisible()
  const gone = await sp.goto(sponsorUrl)
  expect(gone?.status()).toBe(404)

  await page.setViewportSize({ width: 375, height: 740 })
  await page.reload()
  await docScreenshot(page, 'docs/screenshots/outcomes-sponsor-links-375.png', { fullPage: true })
  await expectNoSidewaysScroll(page)
  await sponsor.close()
})
