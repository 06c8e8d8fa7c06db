import { expect, type Page } from '@playwright/test'

/** Creates a cohort through the form on the practice's cohorts page and lands on the cohort's page. */
export async function createCohort(
  page: Page,
  slug: string,
  cohort: { name: string; sponsor?: string; startsOn: string; endsOn: string },
) {
  await page.goto(`/orgs/${slug}/cohorts`)
  await page.getByLabel('Name').fill(cohort.name)
  if (cohort.sponsor !== undefined) await page.getByLabel('Sponsor (optional)').fill(cohort.sponsor)
  await page.getByLabel('Starts on').fill(cohort.startsOn)
  await page.getByLabel('Ends on').fill(cohort.endsOn)
  await page.getByRole('button', { name: 'Create cohort' }).click()
  await expect(page.getByRole('heading', { level: 1, name: cohort.name })).toBeVisible()
}

/** Selects all `count` clients on the roster's page and adds them to the cohort the bulk action offers. */
export async function addAllToCohort(page: Page, slug: string, count: number) {
  await page.goto(`/orgs/${slug}/clients`)
  await page.getByLabel(`Select all ${count} on this page`).check()
  await page.getByLabel('Action').selectOption('cohort')
  await page.getByRole('button', { name: 'Add to cohort…' }).click()
  await page.getByRole('button', { name: new RegExp(`Yes, add to cohort \\(${count}\\)`) }).click()
  await expect(page.getByText(`Add to cohort: done for ${count} of ${count} clients.`)).toBeVisible()
}
