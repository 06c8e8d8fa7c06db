import { expect, test } from '@playwright/test'
import { expectAccessible } from './axe'
import { addClientTo, docScreenshot, expectNoSidewaysScroll, signUpOwner } from './helpers'

// An owner adds a custom client field, sets it on two clients with the roster's bulk action and filters
// the roster by it, at 1440 px and on a 375 px phone.

test('an owner adds a field, sets it by bulk action and filters the roster by it', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 1000 })
  const slug = await signUpOwner(page, 'Fran Fields', 'Field Works')
  await addClientTo(page, slug, 'Ana Costa')
  await addClientTo(page, slug, 'Bea Silva')
  await addClientTo(page, slug, 'Caio Lima')

  await page.goto(`/orgs/${slug}/settings`)
  await page.getByRole('link', { name: 'Client fields' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Client fields' })).toBeVisible()
  await page.getByLabel('Name').fill('Programme')
  await page.getByLabel('Kind').selectOption('CHOICE')
  await page.getByLabel(/Choices/).fill('Data')
  await page.getByRole('button', { name: 'Add field' }).click()
  await expect(page.getByText('Give at least two choices, one a line')).toBeVisible()
  await expect(page.getByLabel('Name')).toHaveValue('Programme')
  await page.getByLabel(/Choices/).fill('Data\nDesign\nSales')
  await page.getByRole('button', { name: 'Add field' }).click()
  await expect(page.getByRole('heading', { level: 2, name: /Programme/ })).toBeVisible()
  await expect(page.getByLabel('Name').last()).toHaveValue('')
  await page.getByLabel('Name').last().fill('Budget')
  await page.getByLabel('Kind').last().selectOption('NUMBER')
  await page.getByRole('button', { name: 'Add field' }).click()
  await expect(page.getByRole('heading', { level: 2, name: /Budget/ })).toBeVisible()
  await expectAccessible(page)
  await docScreenshot(page, 'docs/screenshots/custom-fields-settings-1440.png', { fullPage: true })

  await page.goto(`/orgs/${slug}/clients`)
  await page.getByLabel('Select Ana Costa').check()
  await page.getByLabel('Select Caio Lima').check()
  await page.getByLabel('Action').selectOption('field')
  await page.getByLabel('Field', { exact: true }).selectOption({ label: 'Programme' })
  await page.locator('#bulk-value').selectOption('Data')
  await page.getByRole('button', { name: 'Set field…' }).click()
  await page.getByRole('button', { name: /Yes, set field \(2\)/ }).click()
  await expect(page.getByText('Set field: done for 2 of 2 clients.')).toBeVisible()

  await page.getByRole('search', { name: 'Filter clients' }).getByLabel('Programme').selectOption('Data')
  await expect(page).toHaveURL(/field\.[^=]+=Data/)
  await expect(page.getByRole('link', { name: 'Ana Costa' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Caio Lima' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Bea Silva' })).toHaveCount(0)
  await expect(page.getByRole('cell', { name: 'Data' }).first()).toBeVisible()
  await expectAccessible(page)
  await docScreenshot(page, 'docs/screenshots/custom-fields-roster-1440.png')

  await page.setViewportSize({ width: 375, height: 740 })
  await page.reload()
  await expectNoSidewaysScroll(page)
  await docScreenshot(page, 'docs/screenshots/custom-fields-roster-375.png', { fullPage: true })
  await page.goto(`/orgs/${slug}/settings/fields`)
  await expectNoSidewaysScroll(page)
  await docScreenshot(page, 'docs/screenshots/custom-fields-settings-375.png', { fullPage: true })
})
