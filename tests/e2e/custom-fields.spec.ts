import { expect, test } from '@playwright/test'
import { expectAccessible } from './axe'
import { addClientTo, docScreenshot, expectNoSidewaysScroll, signUpOwner, uniqueSuffix } from './helpers'

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

// The applications table sorted by a client's number field (both ways, from the keyboard too), its export
// link carrying that order, and the patterns page narrowed to one choice of a multiple-choice field.
test('an owner sorts the applications by a field and shows the patterns of one multiple choice', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  const slug = await signUpOwner(page, 'Sol Sorter', 'Sort Works')
  const suffix = uniqueSuffix()
  const people = [
    { name: 'Ana Costa', budget: '900', skills: ['SQL', 'Python'] },
    { name: 'Bea Silva', budget: '50', skills: ['Python'] },
    { name: 'Caio Lima', budget: '', skills: [] },
  ].map((p) => ({ ...p, email: `${p.name.split(' ')[0]!.toLowerCase()}-${suffix}@example.test` }))

  await page.goto(`/orgs/${slug}/settings/fields`)
  await page.getByLabel('Name').fill('Budget')
  await page.getByLabel('Kind').selectOption('NUMBER')
  await page.getByRole('button', { name: 'Add field' }).click()
  await expect(page.getByRole('heading', { level: 2, name: /Budget/ })).toBeVisible()
  await page.getByLabel('Name').last().fill('Skills')
  await page.getByLabel('Kind').last().selectOption('MULTI_CHOICE')
  await page
    .getByLabel(/Choices/)
    .last()
    .fill('SQL\nPython\nFigma')
  await page.getByRole('button', { name: 'Add field' }).click()
  await expect(page.getByRole('heading', { level: 2, name: /Skills/ })).toBeVisible()

  for (const p of people) {
    const path = await addClientTo(page, slug, p.name, p.email)
    await page.goto(`${path}/edit`)
    if (p.budget) await page.getByLabel('Budget').fill(p.budget)
    for (const skill of p.skills) await page.getByRole('group', { name: 'Skills' }).getByLabel(skill).check()
    await page.getByRole('button', { name: 'Save client' }).click()
    await expect(page.getByRole('heading', { level: 1, name: p.name })).toBeVisible()
  }

  // Applications for the three clients, from a practice-wide CSV (dates within the last 30 days).
  const day = (ago: number) => new Date(Date.now() - ago * 86_400_000).toISOString().slice(0, 10)
  const rows = [
    [people[0]!.email, `Acme ${suffix}`, 'Analyst', day(10), 'Interview'],
    [people[0]!.email, `Birch ${suffix}`, 'Analyst', day(8), 'Applied'],
    [people[1]!.email, `Cedar ${suffix}`, 'Analyst', day(6), 'Screen'],
    [people[2]!.email, `Delta ${suffix}`, 'Analyst', day(4), 'Applied'],
  ]
  const csv = ['Client Email,Company,Job Title,Applied Date,Status', ...rows.map((r) => r.join(','))].join('\r\n')
  await page.goto(`/orgs/${slug}/imports`)
  await page.getByLabel('File').setInputFiles({ name: 'caseload.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
  await page.getByRole('button', { name: 'Upload and preview' }).click()
  await page.getByRole('button', { name: 'Import 4 rows' }).click()
  await expect(page.getByRole('heading', { name: '4 applications imported' })).toBeVisible()

  await page.goto(`/orgs/${slug}/applications`)
  const table = page.getByRole('table')
  const companies = () => table.getByRole('row').locator('td:nth-child(2)').allInnerTexts()
  await table.getByRole('button', { name: 'Budget' }).click()
  await expect(page).toHaveURL(/sort=field\.[^&]+&dir=asc/)
  await expect(table.getByRole('columnheader', { name: /Budget/ })).toHaveAttribute('aria-sort', 'ascending')
  // Bea (50), then Ana (900), then Caio with no budget.
  // Ana's two applications come in the order of their ids, whichever the import gave them.
  const byClient = async () => {
    const c = (await companies()).map((name) => name.split(' ')[0]!)
    return [c[0], [c[1], c[2]].sort().join('+'), c[3]].concat(c.slice(4))
  }
  await expect.poll(byClient).toEqual(['Cedar', 'Acme+Birch', 'Delta'])
  // From the keyboard: the header's button takes Enter; no budget stays last.
  await table.getByRole('button', { name: 'Budget' }).focus()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/dir=desc/)
  await expect
    .poll(async () => {
      const c = (await companies()).map((name) => name.split(' ')[0]!)
      return [[c[0], c[1]].sort().join('+'), ...c.slice(2)]
    })
    .toEqual(['Acme+Birch', 'Cedar', 'Delta'])
  await expect(page.getByRole('link', { name: 'Export CSV' })).toHaveAttribute('href', /sort=field\.[^&]+&dir=desc/)
  await expectAccessible(page)
  await docScreenshot(page, 'docs/screenshots/applications-field-sort-1440.png')
  await page.setViewportSize({ width: 375, height: 740 })
  await page.reload()
  await expectNoSidewaysScroll(page)
  // The table scrolls inside its own box on a phone: bring the sorted column into view.
  await table.getByRole('button', { name: 'Budget' }).scrollIntoViewIfNeeded()
  await docScreenshot(page, 'docs/screenshots/applications-field-sort-375.png', { fullPage: true })

  await page.setViewportSize({ width: 1440, height: 900 })
  await page.goto(`/orgs/${slug}/patterns`)
  await page.getByLabel('Clients', { exact: true }).selectOption({ label: 'Skills: SQL' })
  await page.getByRole('button', { name: 'Show these clients' }).click()
  await expect(page).toHaveURL(/group=field%3A[^&]+%3ASQL|group=field:[^&]+:SQL/)
  await expect(page.getByText('What the applications of Skills: SQL say')).toBeVisible()
  await expect(page.locator('figcaption', { hasText: 'By Skills' })).toBeVisible()
  await expectAccessible(page)
  await docScreenshot(page, 'docs/screenshots/patterns-multi-choice-1440.png', { fullPage: true })
  await page.setViewportSize({ width: 375, height: 740 })
  await page.reload()
  await expectNoSidewaysScroll(page)
  await docScreenshot(page, 'docs/screenshots/patterns-multi-choice-375.png')
})
