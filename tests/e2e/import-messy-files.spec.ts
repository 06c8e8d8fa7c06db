import { readFileSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { expectAccessible } from './axe'
import { logIn, shootAtBothWidths } from './helpers'
import { addImportClient, pauseClient, uploadImport } from './import-helpers'

// The messy files people keep, uploaded through the page for one client with no hand mapping: a European
// Excel sheet (semicolons, dd.mm.yyyy, a totals row), a TSV of text dates and free-word statuses, Google
// Sheets' tracker template (a title row above the headers), and a career changer's log the importer was
// not built on. Each preview is shot at 1440 and 375 without sideways scrolling, and each import lands
// with the counts a person makes by hand. What depends on today (which recent rows are still open) is not
// checked here: the unit tests fix the day.

type MessyFile = {
  name: string
  ready: RegExp
  columns: Record<string, string>
  refused: RegExp[]
  imported: number
  counts: RegExp
}

const files: MessyFile[] = [
  {
    name: 'european-excel.csv',
    ready: /5 rows ready · 2 rejected · 0 duplicates/,
    columns: { Applied: 'appliedOn', Reply: 'respondedOn', Remote: 'workMode', 'Found via': 'source' },
    refused: [/^6 .*“31\.02\.2026” is not a date/, /^9 .*A “Total” row of the spreadsheet’s own sums/],
    imported: 5,
    counts: /^2 rejected · .* · 2 reached an interview · 1 an offer$/,
  },
  {
    name: 'text-dates.tsv',
    ready: /6 rows ready · 0 rejected · 0 duplicates/,
    columns: { 'Date applied': 'appliedOn', Status: 'status', 'Last update': 'statusDate' },
    refused: [],
    imported: 6,
    counts: /^2 rejected · 2 no response · 1 withdrawn · 0 still open · 2 reached an interview · 1 an offer$/,
  },
  {
    name: 'google-sheets-tracker.csv',
    ready: /6 rows ready · 0 rejected · 0 duplicates/,
    columns: { 'Date Applied': 'appliedOn', 'Application Status': 'status', 'Interview Date': 'respondedOn' },
    refused: [],
    imported: 6,
    counts: /^1 rejected · .* · 2 reached an interview · 1 an offer$/,
  },
  {
    // Counted by hand: tests/fixtures/imports/career-switch-log.truth.json. Every row is over a year old.
    name: 'career-switch-log.csv',
    ready: /75 rows ready · 3 rejected · 1 duplicates/,
    columns: {
      When: 'appliedOn',
      'Where it ended up': 'status',
      '1st reply': 'respondedOn',
      'Remote (y/n)': 'workMode',
      'Where I saw it': 'source',
      'Offer?': 'offer',
    },
    refused: [/^25 .*A note in the spreadsheet/, /^48 .*Unknown status “maybe\?”/, /^85 .*A note in the spreadsheet/],
    imported: 75,
    counts: /^35 rejected · 33 no response · 3 withdrawn · 0 still open · 20 reached an interview · 4 an offer$/,
  },
]

/** Uploads a file for one client: a fixture by its name, or the text given. */
async function upload(page: Page, name: string, client: string, text?: string) {
  const file = {
    name,
    mimeType: name.endsWith('.tsv') ? 'text/tab-separated-values' : 'text/csv',
    buffer: text === undefined ? readFileSync(`tests/fixtures/imports/${name}`) : Buffer.from(text),
  }
  await uploadImport(page, file, { label: client })
}

test('messy spreadsheets import through the page with no hand mapping, previewed on a laptop and a phone', async ({
  page,
}) => {
  test.setTimeout(300_000)
  await page.setViewportSize({ width: 1440, height: 900 })
  await logIn(page, 'coach@northstar.test')
  const { clientName, email } = await addImportClient(page)

  for (const file of files) {
    await upload(page, file.name, `${clientName} (${email})`)
    await expect(page.getByText(file.ready)).toBeVisible({ timeout: 60_000 })
    for (const [header, field] of Object.entries(file.columns))
      await expect(page.getByLabel(header, { exact: true }), `${file.name}: ${header}`).toHaveValue(field)
    const rejected = page.getByRole('region', { name: /rejected rows/i })
    for (const row of file.refused) await expect(rejected.getByRole('row', { name: row })).toBeVisible()
    await expectAccessible(page)
    await shootAtBothWidths(page, `import-${file.name.replace(/\.\w+$/, '')}-preview`)

    await page.getByRole('button', { name: `Import ${file.imported} rows` }).click()
    await expect(page.getByRole('heading', { name: `${file.imported} applications imported` })).toBeVisible({
      timeout: 60_000,
    })
    await expect(page.getByText(file.counts)).toBeVisible()
    await expect(page.getByRole('link', { name: 'Patterns over this period' })).toBeVisible()
  }
  await shootAtBothWidths(page, 'import-career-switch-log-imported')
  await pauseClient(page, clientName)
})

test('a file whose dates read either way says how it read them, and the coach can say otherwise', async ({ page }) => {
  test.setTimeout(180_000)
  await page.setViewportSize({ width: 1440, height: 900 })
  await logIn(page, 'coach@northstar.test')
  const { clientName, email } = await addImportClient(page)
  const csv = 'Company,Title,Applied,Status\nAcme,Analyst,02/04/2026,Applied\nGlobex,Analyst,05/06/2026,Rejected\n'
  await upload(page, 'either way.csv', `${clientName} (${email})`, csv)
  await expect(page.getByText(/2 rows ready/)).toBeVisible({ timeout: 60_000 })
  // Nothing in the file tells: the reason under the column says which way it read them, and why.
  await expect(
    page.getByText(/Its dates read either way \(02\/04\/2026\): (month first \(4 Feb\)|day first \(2 Apr\)), as/),
  ).toBeVisible()
  const order = page.getByLabel('Dates that read either way, like 02/04/2025')
  await order.selectOption('day')
  await page.getByRole('button', { name: 'Apply choices' }).click()
  await expect(page.getByText('Its dates read either way (02/04/2026): day first (2 Apr), as you chose.')).toBeVisible({
    timeout: 60_000,
  })
  await expect(page.getByRole('row', { name: /^2 Acme Analyst 2026-04-02/ })).toBeVisible()
  await expect(order).toHaveValue('day')
  await expectAccessible(page)
  await shootAtBothWidths(page, 'import-either-way-preview')
  await order.selectOption('month')
  await page.getByRole('button', { name: 'Apply choices' }).click()
  await expect(page.getByRole('row', { name: /^2 Acme Analyst 2026-02-04/ })).toBeVisible({ timeout: 60_000 })
  await pauseClient(page, clientName)
})
