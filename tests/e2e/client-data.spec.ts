import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { strFromU8, unzipSync } from 'fflate'
import { expectAccessible } from './axe'
import { docScreenshot, logIn } from './helpers'
import { newPortalClient } from './portal-session'

// A client's data, end to end on the built app: the client downloads their records from the portal on
// a phone; the coach emails them the same; an owner erases the client after typing their name.

test('a client downloads their data; the coach sends it; an owner erases the client', async ({ browser }) => {
  test.setTimeout(300_000)
  const { phone, coach, name, close } = await newPortalClient(browser, `Robin Records ${Date.now().toString(36)}`)

  // The client records an application, then downloads everything from Preferences.
  await phone.goto('/me/applications/new')
  await phone.getByLabel('Company').fill('Globex')
  await phone.getByLabel('Job title').fill('Data Analyst')
  await phone.getByRole('button', { name: 'Add application' }).click()
  await expect(phone).toHaveURL(/\/me\/applications\/c/)
  await phone.goto('/me/preferences')
  await phone.getByRole('link', { name: 'Download my data' }).click()
  await expect(phone.getByRole('heading', { level: 1, name: 'Your data' })).toBeVisible()
  await expect(phone.getByText('1 application', { exact: true })).toBeVisible()
  await expectAccessible(phone)
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
  await docScreenshot(phone, 'docs/screenshots/client-data-portal-375.png', { fullPage: true })
  const [download] = await Promise.all([
    phone.waitForEvent('download'),
    phone.getByRole('link', { name: 'Download my data (.zip)' }).click(),
  ])
  expect(download.suggestedFilename()).toMatch(/^rebound-data-robin-records-.*\.zip$/)
  const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)))
  const names = Object.keys(files).map((f) => f.split('/').pop())
  expect(names).toContain('README.txt')
  expect(names).toContain('applications.csv')
  const applications = Object.entries(files).find(([f]) => f.endsWith('/applications.csv'))![1]
  expect(strFromU8(applications)).toContain('Globex,Data Analyst')

  // The coach sends the client their data from the client page.
  await coach.setViewportSize({ width: 1440, height: 900 })
  await coach.reload()
  const card = coach.locator('section', { has: coach.getByRole('heading', { name: 'Their data' }) })
  await expect(card).toBeVisible()
  await docScreenshot(card, 'docs/screenshots/client-data-coach-card-1440.png')
  await card.getByRole('button', { name: 'Email it to them' }).click()
  await expect(coach.getByText('Data sent')).toBeVisible()
  // A coach cannot erase: no link, and the page answers 403.
  await expect(card.getByRole('link', { name: 'Erase client…' })).toHaveCount(0)
  const clientPath = new URL(coach.url()).pathname

  // An owner erases the client after typing the name.
  const ownerContext = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  const owner = await ownerContext.newPage()
  await logIn(owner, 'owner@northstar.test')
  await owner.goto(clientPath)
  await owner.getByRole('link', { name: 'Erase client…' }).click()
  await expect(owner.getByRole('heading', { level: 1, name: `Erase ${name}` })).toBeVisible()
  await expectAccessible(owner)
  await docScreenshot(owner, 'docs/screenshots/client-erase-1440.png', { fullPage: true })
  await owner.setViewportSize({ width: 375, height: 800 })
  expect(await owner.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
  await docScreenshot(owner, 'docs/screenshots/client-erase-375.png', { fullPage: true })
  await owner.setViewportSize({ width: 1440, height: 900 })
  await owner.getByLabel(`Type “${name}” to confirm`).fill('Robin')
  await owner.getByRole('button', { name: `Erase ${name} for good` }).click()
  await expect(owner.getByText('That is not the client’s name.')).toBeVisible()
  await owner.getByLabel(`Type “${name}” to confirm`).fill(name)
  await owner.getByRole('button', { name: `Erase ${name} for good` }).click()
  await expect(owner.getByText('Client erased')).toBeVisible()
  const gone = await owner.goto(clientPath)
  expect(gone?.status()).toBe(404)

  // The security controls page states what is on, for a questionnaire.
  await owner.goto('/orgs/northstar/settings/security')
  await expect(owner.getByRole('heading', { level: 1, name: 'Security controls' })).toBeVisible()
  await expect(owner.getByText('1 client erased so far', { exact: false })).toBeVisible()
  await expectAccessible(owner)
  await docScreenshot(owner, 'docs/screenshots/security-controls-1440.png', { fullPage: true })
  await owner.setViewportSize({ width: 375, height: 800 })
  expect(await owner.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
  await docScreenshot(owner, 'docs/screenshots/security-controls-375.png', { fullPage: true })

  // The client's session ended with them.
  await phone.goto('/me')
  await expect(phone).toHaveURL(/\/me\/signed-out/)
  await ownerContext.close()
  await close()
})
