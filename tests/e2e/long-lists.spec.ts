import { expect, test, type Page } from '@playwright/test'
import { expectAccessible } from './axe'
import { logIn, uniqueSuffix, docScreenshot } from './helpers'

// Pages that stay readable with a busy caseload: the client page's timeline in words and in pages,
// the tasks board a page per column, task templates a practice edits, acting on several clients at
// once from the roster, and toasts that keep out of the way on a phone. Each page is looked at at
// 1440 × 900 and 375 × 740 (docs/screenshots/first-week/).

const shots = 'docs/screenshots/first-week'

async function look(page: Page, name: string) {
  for (const [width, height] of [
    [1440, 900],
    [375, 740],
  ] as const) {
    await page.setViewportSize({ width, height })
    await docScreenshot(page, `${shots}/${name}-${width}.png`, { fullPage: width === 1440 })
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1)
    expect(sideways, `${name} scrolls sideways at ${width} px`).toBe(false)
  }
  await page.setViewportSize({ width: 1440, height: 900 })
}

test('the client page’s timeline says what happened, a page at a time', async ({ page }) => {
  await logIn(page, 'owner@northstar.test')
  await page.goto('/orgs/northstar/clients?sort=activeApplications&dir=desc')
  await page.getByRole('table').getByRole('link').first().click()
  const timeline = page.getByRole('region', { name: 'Timeline' })
  await expect(timeline).toBeVisible()
  await expect(timeline).not.toContainText('→')
  await expect(timeline.getByRole('listitem').first()).toContainText(
    /Added at|Saved for later|Moved (back )?to|Rejected|No response|Withdrawn|Offer|Reopened/,
  )
  expect(await timeline.getByRole('listitem').count()).toBeLessThanOrEqual(15)
  await expect(page.getByText(/Every screen you reach/)).toHaveCount(0)
  const pager = timeline.getByRole('navigation', { name: 'Timeline pages' })
  if (await pager.count()) {
    await pager.getByRole('link', { name: 'Next' }).click()
    await expect(page).toHaveURL(/timeline=2/)
    await expect(timeline.getByText('Page 2 of')).toBeVisible()
  }
  await expectAccessible(page)
  await look(page, 'client-page')
})

test('the tasks board pages its columns', async ({ page }) => {
  await logIn(page, 'owner@northstar.test')
  await page.goto('/orgs/northstar/tasks')
  for (const name of ['To do', 'Done', 'Skipped']) {
    const column = page.getByRole('region', { name: new RegExp(`^${name} \\(`) })
    expect(await column.getByRole('article').count()).toBeLessThanOrEqual(20)
  }
  await expectAccessible(page)
  await look(page, 'tasks')
})

test('an owner edits, adds and retires task templates; the task form offers the edited one', async ({ page }) => {
  await logIn(page, 'owner@northstar.test')
  await page.goto('/orgs/northstar/settings')
  await page.getByRole('link', { name: 'Task templates' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Task templates' })).toBeVisible()
  await expectAccessible(page)
  await look(page, 'templates')

  const title = `Networking ${uniqueSuffix()}`
  const add = page.getByRole('region', { name: 'Add a template' })
  await add.getByLabel('Type of task').selectOption('NETWORKING')
  await add.getByLabel('Title').fill('')
  await add.getByRole('button', { name: 'Add template' }).click()
  await expect(add.getByText('Give the template a title')).toBeVisible()
  await add.getByLabel('Title').fill(title)
  await add.getByLabel('Instructions').fill('- Two **coffees**\n- [A guide](https://example.com)\n<script>x</script>')
  await add.getByRole('button', { name: 'Add template' }).click()
  await expect(page.getByText('Template added')).toBeVisible()
  const card = page.getByRole('article', { name: title })
  await card.getByText('Read and edit').click()
  await expect(card.locator('li strong', { hasText: 'coffees' })).toBeVisible()
  await expect(card.getByRole('link', { name: 'A guide' })).toHaveAttribute('href', 'https://example.com')
  await expect(card.locator('p', { hasText: '<script>x</script>' })).toBeVisible()
  await expect(card.locator('script')).toHaveCount(0)

  // Retire every other networking template: the new one is the one offered.
  const networking = page.getByRole('region', { name: 'Networking', exact: true })
  for (;;) {
    const labels = await networking
      .getByRole('button', { name: /^Retire: / })
      .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label')))
    const next = labels.find((label) => label !== `Retire: ${title}`)
    if (!next) break
    await networking.getByRole('button', { name: next, exact: true }).first().click()
    await expect(page.getByRole('status').filter({ hasText: 'Template retired' })).toBeVisible()
  }
  await page.goto('/orgs/northstar/tasks?type=NETWORKING')
  await expect(page.getByLabel('Title', { exact: true })).toHaveValue(title)

  await page.goto('/orgs/northstar/settings/templates')
  await page.getByRole('button', { name: `Retire: ${title}` }).click()
  await expect(page.getByText('Template retired')).toBeVisible()
  await page.goto('/orgs/northstar/audit')
  // The log's entries, not the filter's list of actions that names the same words.
  await expect(page.getByRole('listitem').filter({ hasText: 'retired a task template' }).first()).toBeVisible()
})

test('a coach pauses two clients from the roster after a confirmation that says how many', async ({ page }) => {
  await logIn(page, 'owner@northstar.test')
  // Two clients of a practice of its own, so the demo's clients stay as they are.
  await page.goto('/orgs/northstar/clients')
  const names = []
  for (const who of ['Bulk Ada', 'Bulk Bo']) {
    const name = `${who} ${uniqueSuffix()}`
    await page.goto('/orgs/northstar/clients/new')
    await page.getByLabel('Name').fill(name)
    await page.getByLabel('Email').fill(`${uniqueSuffix()}@example.test`)
    await page.getByRole('button', { name: 'Add client' }).click()
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
    names.push(name)
  }
  await page.goto(`/orgs/northstar/clients?q=Bulk`)
  await expect(page.getByRole('checkbox', { name: `Select ${names[0]}` })).toBeVisible()
  // Keyboard: focus the first checkbox and press Space.
  await page.getByRole('checkbox', { name: `Select ${names[0]}` }).focus()
  await page.keyboard.press('Space')
  await page.getByRole('checkbox', { name: `Select ${names[1]}` }).check()
  await expect(page.getByText('2 clients selected')).toBeVisible()
  await page.getByLabel('Action').selectOption('pause')
  await page.getByRole('button', { name: 'Pause…' }).click()
  await expect(page.getByRole('alert')).toContainText('Pause 2 clients?')
  await expectAccessible(page)
  await look(page, 'roster-bulk')
  await page.getByRole('button', { name: 'Yes, pause (2)' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Pause: done for 2 of 2 clients' })).toBeVisible()
  await page.goto(`/orgs/northstar/clients?q=Bulk&status=PAUSED`)
  for (const name of names) await expect(page.getByRole('link', { name })).toBeVisible()
})

test('on a phone a toast is one short line at the bottom, and Escape closes it', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 })
  await logIn(page, 'owner@northstar.test')
  await page.goto('/orgs/northstar/settings')
  await page.getByRole('button', { name: 'Save settings' }).click()
  const toast = page.getByTestId('toast')
  await expect(toast).toBeVisible()
  const box = (await toast.boundingBox())!
  expect(box.y).toBeGreaterThan(740 - 100)
  expect(box.height).toBeLessThan(70)
  await page.keyboard.press('Escape')
  await expect(toast).toHaveCount(0)
})

test('a table’s links open their page inside the app, by click and by Enter, and a new tab still works', async ({
  page,
  context,
}) => {
  await logIn(page, 'owner@northstar.test')
  const openTable = async (path: string) => {
    await page.goto(path)
    await page.waitForFunction(
      () => (window as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized,
    )
    await page.evaluate(() => Object.assign(window, { sameDocument: true }))
  }
  const sameDocument = () => page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument === true)

  await openTable('/orgs/northstar/applications')
  const client = page.getByRole('table').getByRole('link').first()
  const name = (await client.textContent())!
  await client.click()
  await expect(page).toHaveURL(/\/orgs\/northstar\/clients\/[^/?#]+$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name)
  expect(await sameDocument(), 'the client page opened without reloading the app').toBe(true)

  await openTable('/orgs/northstar/clients')
  await page.getByRole('table').getByRole('link').first().focus()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/\/orgs\/northstar\/clients\/[^/?]+/)
  expect(await sameDocument(), 'Enter on a roster link opened the client inside the app').toBe(true)

  await openTable('/orgs/northstar/applications')
  const [tab] = await Promise.all([
    context.waitForEvent('page'),
    page
      .getByRole('table')
      .getByRole('link')
      .nth(1)
      .click({ modifiers: ['ControlOrMeta'] }),
  ])
  await tab.waitForLoadState()
  expect(tab.url()).toMatch(/\/orgs\/northstar\/applications\/[^/?]+$/)
  await expect(page).toHaveURL(/\/orgs\/northstar\/applications$/)
  await tab.close()
})
