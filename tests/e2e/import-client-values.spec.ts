import { expect, test, type Page } from '@playwright/test'
import { expectAccessible } from './axe'
import { createCohort } from './cohort-helpers'
import { addClientTo, shootAtBothWidths, signUpOwner } from './helpers'
import { fixtureFile, severalClients, uploadImport } from './import-helpers'

// A bootcamp's tracker for several students (tests/fixtures/imports/bootcamp-tracker.csv), uploaded into a
// practice with a Spring 2026 cohort and four client fields: the preview maps the Cohort column and each
// field's column by its header and says so, reports the values that do not fit, offers to create the cohort
// the practice lacks and to map an unknown choice once, and the summary counts what the clients got (Fay is
// not yet in Spring 2026 here, so three students join it).

async function addField(page: Page, slug: string, name: string, kind: string, choices?: string) {
  await page.goto(`/orgs/${slug}/settings/fields`)
  await page.getByLabel('Name').last().fill(name)
  await page.getByLabel('Kind').last().selectOption(kind)
  if (choices)
    await page
      .getByLabel(/Choices/)
      .last()
      .fill(choices)
  await page.getByRole('button', { name: 'Add field' }).click()
  await expect(page.getByRole('heading', { level: 2, name: new RegExp(name) })).toBeVisible()
}

test('a bootcamp tracker sets its students’ cohorts and client fields through the import page', async ({ page }) => {
  test.setTimeout(240_000)
  await page.setViewportSize({ width: 1440, height: 900 })
  const slug = await signUpOwner(page, 'Bo Bootcamp', 'Bootcamp Works')
  for (const name of ['ana', 'ben', 'cleo', 'dev', 'fay']) await addClientTo(page, slug, name, `${name}@bootcamp.test`)
  await addField(page, slug, 'Programme', 'CHOICE', 'Data Science\nUX Design\nWeb Development')
  await addField(page, slug, 'Graduation date', 'DATE')
  await addField(page, slug, 'Skills', 'MULTI_CHOICE', 'Python\nSQL\nFigma\nJavaScript\nReact')
  await addField(page, slug, 'Tuition paid', 'NUMBER')
  await createCohort(page, slug, { name: 'Spring 2026', startsOn: '2026-01-12', endsOn: '2026-06-30' })

  await uploadImport(page, fixtureFile('Bootcamp tracker.csv', 'bootcamp-tracker.csv'), severalClients, slug)

  // Ten applications, two rows refused (no email; not a client); the client columns mapped by their headers.
  await expect(page.getByText(/10 rows ready · 2 rejected/)).toBeVisible({ timeout: 60_000 })
  await expect(page.getByLabel('Cohort', { exact: true })).toHaveValue('cohort')
  await expect(page.getByLabel('Programme', { exact: true })).toHaveValue(/^field:/)
  await expect(page.getByText('The header is the name of your client field “Programme”')).toBeVisible()
  await expect(page.getByText('The header is the name of your client field “Graduation date”')).toBeVisible()
  await expect(page.getByText('The header is the name of your client field “Skills”')).toBeVisible()
  await expect(page.getByText('The header is the name of your client field “Tuition paid”')).toBeVisible()
  await expect(page.getByLabel(/Create “Evening 2026” \(3 rows: 5, 8, 9\)/)).not.toBeChecked()
  await expect(page.getByLabel(/Create “Autumn 2026” \(1 row: 6\)/)).toBeVisible()
  const clients = page.getByRole('region', { name: 'The clients' })
  await expect(clients).toContainText(
    'Fields set on 4 clients (Programme: 4, Graduation date: 4, Skills: 4, Tuition paid: 4) · added to cohort Spring 2026: 3',
  )
  const disagree = page.getByRole('region', { name: 'Rows that disagree' })
  await expect(disagree.getByRole('row', { name: /^3 Programme .*row 3, applied latest, wins/ })).toBeVisible()
  const leftOut = page.getByRole('region', { name: 'Values left out' })
  await expect(leftOut.getByRole('row', { name: /^6 Programme “Web Dev” is not one of the choices/ })).toBeVisible()
  await expect(leftOut.getByRole('row', { name: /^8 Tuition paid “lots” is not a number/ })).toBeVisible()

  // "Web Dev" means Web Development, once for the file; Evening 2026 is created with the import.
  await page.getByLabel('Programme: “Web Dev” (1 row: 6)').selectOption('Web Development')
  await page.getByLabel(/Create “Evening 2026”/).check()
  await page.getByRole('button', { name: 'Apply choices' }).click()
  await expect(clients).toContainText('added to cohort Evening 2026: 2 (new cohort)', { timeout: 60_000 })
  await expect(leftOut.getByRole('row', { name: /^6 Programme/ })).toHaveCount(0)
  await expectAccessible(page)
  await shootAtBothWidths(page, 'imports-fields-preview')
  await page.setViewportSize({ width: 1440, height: 900 })

  await page.getByRole('button', { name: 'Import 10 rows' }).click()
  await expect(page.getByRole('heading', { name: '10 applications imported' })).toBeVisible({ timeout: 60_000 })
  await expect(
    page.getByText(
      /Fields set on 4 clients .* · added to cohort Spring 2026: 3 · added to cohort Evening 2026: 2 \(new cohort\)/,
    ),
  ).toBeVisible()
  await expectAccessible(page)
  await shootAtBothWidths(page, 'imports-fields-result')

  await page.goto(`/orgs/${slug}/cohorts`)
  await expect(page.getByRole('link', { name: 'Evening 2026' })).toBeVisible()
})
