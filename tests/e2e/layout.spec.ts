import { expect, test, type Page } from '@playwright/test'
import { logIn, uniqueSuffix } from './helpers'
import { newPortalClient } from './portal-session'

// Pages fit their screens: the coach's tables at 1440 × 900 with their default columns and the
// demo data, and every portal page on a 375 px phone.

const sideways = (page: Page) =>
  page.evaluate(() => {
    const wide = [...document.querySelectorAll<HTMLElement>('*')].filter((el) => {
      const style = getComputedStyle(el)
      return /(auto|scroll)/.test(style.overflowX) && el.scrollWidth > el.clientWidth + 1
    })
    return {
      page: document.documentElement.scrollWidth > window.innerWidth + 1,
      scrollers: wide.map((el) => `${el.tagName.toLowerCase()}.${el.className.split(' ').slice(0, 3).join('.')}`),
    }
  })

test.describe('at 1440 × 900', () => {
  test.use({ viewport: { width: 1440, height: 900 } })

  for (const [name, path] of [
    ['roster', '/orgs/northstar/clients'],
    ['applications', '/orgs/northstar/applications'],
  ] as const) {
    test(`the ${name} table shows its default columns without a horizontal scrollbar`, async ({ page }) => {
      await logIn(page, 'owner@northstar.test')
      await page.goto(path)
      await expect(page.getByRole('table')).toBeVisible()
      expect(await sideways(page)).toEqual({ page: false, scrollers: [] })
    })
  }

  test('a table narrower than its columns keeps its first column in view when scrolled sideways', async ({ page }) => {
    await page.setViewportSize({ width: 900, height: 900 })
    await logIn(page, 'owner@northstar.test')
    await page.goto('/orgs/northstar/applications?hide=')
    const scroller = page.locator('div.overflow-x-auto').filter({ has: page.getByRole('table') })
    await scroller.evaluate((el) => (el.scrollLeft = el.scrollWidth))
    const firstCell = page.getByRole('table').locator('tbody tr').first().locator('td').first()
    await expect(firstCell).toBeInViewport({ ratio: 1 })
  })
})

test('no portal page scrolls sideways on a 375 px phone', async ({ browser }) => {
  const { phone, close } = await newPortalClient(browser)
  await phone.goto('/me/applications/new')
  await phone.getByLabel('Company').fill(`Wide Corp ${uniqueSuffix()}`)
  await phone.getByLabel('Job title').fill('Senior Principal Staff Software Engineer, Platform Infrastructure')
  await phone
    .getByRole('button', { name: /save|add/i })
    .last()
    .click()
  await expect(phone).toHaveURL(/\/me\/applications\/\w+$/)
  const applicationPath = new URL(phone.url()).pathname
  for (const path of ['/me', '/me/applications/new', applicationPath, '/me/tasks', '/me/check-in', '/me/preferences']) {
    await phone.goto(path)
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), path).toBe(true)
  }
  await close()
})

test('the practice menu is one row on a 375 px phone, with the other pages under "More"', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 })
  await logIn(page, 'owner@northstar.test')
  await page.goto('/orgs/northstar/clients')
  const menu = page.getByRole('navigation', { name: 'Practice' })
  const links = menu.getByRole('link')
  await expect(links).toHaveText(['Home', 'Clients', 'Applications', 'Tasks'])
  const rows = () =>
    menu.evaluate(
      (nav) =>
        new Set(
          [...nav.querySelectorAll('a, summary')]
            .filter((el) => el.checkVisibility())
            .map((el) => Math.round(el.getBoundingClientRect().top)),
        ).size,
    )
  expect(await rows()).toBe(1)
  await menu.locator('summary', { hasText: 'More' }).click()
  await menu.getByRole('link', { name: 'Patterns' }).click()
  await expect(page).toHaveURL(/\/orgs\/northstar\/patterns$/)
  await expect(menu.locator('summary')).toHaveText('More: Patterns ▾')
  await expect(menu.locator('summary')).toHaveClass(/bg-brand-700/)
  await expect(menu.getByRole('link', { name: 'Patterns' })).toBeHidden()
  expect(await rows()).toBe(1)
  expect((await sideways(page)).page).toBe(false)
  await page.screenshot({ path: 'docs/screenshots/practice-menu-375.png' })
  await menu.locator('summary').click()
  await expect(menu.getByRole('link', { name: 'Outcomes' })).toBeVisible()
  await page.screenshot({ path: 'docs/screenshots/practice-menu-open-375.png' })
  await page.setViewportSize({ width: 1440, height: 900 })
  await expect(menu.getByRole('link')).toHaveCount(12)
  await page.screenshot({ path: 'docs/screenshots/practice-menu-1440.png' })
})

// On a phone the roster and the applications table come into view under their search, with the other filters
// folded behind a button that says how many are set; from 768 px up every filter shows and the button does not.
for (const [name, path, first, set, kept] of [
  ['roster', '/orgs/northstar/clients?status=ALL', 'Coach', 'More filters (1 set)', /status=ALL/],
  [
    'applications',
    '/orgs/northstar/applications?stage=APPLIED&outcome=ACTIVE',
    'Stage',
    'More filters (2 set)',
    /stage=APPLIED/,
  ],
] as const) {
  test(`the ${name} page's filters fold on a 375 px phone and its table is in view`, async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 740 })
    await logIn(page, 'owner@northstar.test')
    await page.goto(path)
    const filters = page.getByRole('search')
    const toggle = filters.getByRole('button', { name: set })
    await expect(toggle).toHaveAttribute('aria-expanded', 'false')
    await expect(filters.getByLabel(first, { exact: true })).toBeHidden()
    await expect(page.getByRole('table').locator('tbody tr').first()).toBeInViewport()
    await page.screenshot({ path: `docs/screenshots/${name}-filters-folded-375.png` })

    // From the keyboard: open, choose, and the filters stay open on the page the choice leads to.
    await toggle.focus()
    await page.keyboard.press('Enter')
    const open = filters.getByRole('button', { name: 'Fewer filters' })
    await expect(open).toHaveAttribute('aria-expanded', 'true')
    await expect(filters.getByLabel(first, { exact: true })).toBeVisible()
    await page.screenshot({ path: `docs/screenshots/${name}-filters-open-375.png` })
    expect((await sideways(page)).page).toBe(false)
    // A folded filter is still sent: searching keeps the filters set.
    await open.click()
    await filters.getByRole('searchbox').first().fill('a')
    await filters.getByRole('searchbox').first().press('Enter')
    await expect(page).toHaveURL(kept)

    await page.setViewportSize({ width: 1440, height: 900 })
    await expect(filters.getByRole('button', { name: /More filters|Fewer filters/ })).toBeHidden()
    await expect(filters.getByLabel(first, { exact: true })).toBeVisible()
  })
}
