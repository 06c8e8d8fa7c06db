import { readFileSync } from 'node:fs'
import { expect, type Page } from '@playwright/test'
import { addClient, uniqueSuffix } from './helpers'

// Import specs import into a client of their own, named to sort last, and pause it afterwards: later
// specs open the roster's first client and must find the demo caseload as it was.

/** Adds a "Zz Import <suffix>" client through the form; the coach lands on the client's page. */
export async function addImportClient(page: Page) {
  const suffix = uniqueSuffix()
  const clientName = `Zz Import ${suffix}`
  const email = `zz-import-${suffix}@example.test`
  await addClient(page, clientName, email)
  return { clientName, email, clientId: page.url().split('/').at(-1)! }
}

/** Pauses the import's client from the roster. */
export async function pauseClient(page: Page, clientName: string) {
  await page.goto(`/orgs/northstar/clients?q=${encodeURIComponent(clientName)}`)
  await page.getByRole('checkbox', { name: `Select ${clientName}` }).check()
  await page.getByLabel('Action').selectOption('pause')
  await page.getByRole('button', { name: 'Pause…' }).click()
  await page.getByRole('button', { name: 'Yes, pause (1)' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Pause: done' })).toBeVisible({ timeout: 30_000 })
}

/** A file of tests/fixtures/imports, under the name it is uploaded as. */
export const fixtureFile = (name: string, fixture: string) => ({
  name,
  buffer: readFileSync(`tests/fixtures/imports/${fixture}`),
})

/** The client choice for a file whose rows name their clients by email. */
export const severalClients = { label: 'Several clients: the file has a client email column' }

/** Uploads a file on the practice's imports page for the client chosen (a value, label or index) and asks for the preview. */
export async function uploadImport(
  page: Page,
  file: { name: string; buffer: Buffer; mimeType?: string },
  client: string | { label: string } | { index: number },
  slug = 'northstar',
) {
  await page.goto(`/orgs/${slug}/imports`)
  await page.getByLabel('File').setInputFiles({ mimeType: 'text/csv', ...file })
  await page.getByLabel('Client').selectOption(client)
  await page.getByRole('button', { name: 'Upload and preview' }).click()
}
