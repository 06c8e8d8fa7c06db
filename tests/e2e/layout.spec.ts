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
