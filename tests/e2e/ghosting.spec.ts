import { expect, test, type Page } from '@playwright/test'
import { expectAccessible } from './axe'
import { e2eDatabaseUrl, runInsightsCommand } from './database-url'
import { coachInvitesClient, docScreenshot } from './helpers'

// Ghosting is a state of silence, not a mark, on the built app: a client records three applications
// sent a month ago with no word since; the daily ghosting sweep marks them ghosted (run as the
// command-line job does, against the server's database); the coach still sees the client as ghosted
// and assigns the follow-up; once the client has done it, the built server's own refresh closes the
// insight, with no button pressed.

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10)

async function recordApplication(phone: Page, company: string, appliedOn: string) {
  await phone.goto('/me/applications/new')
  await phone.getByLabel('Company').fill(company)
  await phone.getByLabel('Job title').fill('Operations analyst')
  await phone.getByLabel('Applied on').fill(appliedOn)
  await phone.getByRole('button', { name: 'Add application' }).click()
  await expect(phone.getByRole('heading', { level: 1, name: company })).toBeVisible()
}

test('three silent applications stay GHOSTED through the sweep until the follow-up is done', async ({ browser }) => {
  const databaseUrl = e2eDatabaseUrl()
  test.skip(!databaseUrl, 'The sweep runs from the command line against the server’s database: set TEST_DATABASE_URL')
  test.setTimeout(300_000)
  const { suffix, clientName, coachContext, coach, clientPage, inviteUrl } = await coachInvitesClient(
    browser,
    'Riley Park',
  )

  // The client, on a phone, records three applications sent a month ago that never got an answer.
  const phoneContext = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true })
  const phone = await phoneContext.newPage()
  await phone.goto(new URL(inviteUrl).pathname)
  await phone.getByRole('button', { name: 'Continue' }).click()
  await expect(phone).toHaveURL(/\/me$/)
  for (const [n, days] of [30, 32, 35].entries())
    await recordApplication(phone, `Stillwater ${n + 1} ${suffix}`, daysAgo(days))

  // The daily sweep marks them ghosted; the refresh after it still finds the client ghosted.
  const printed = JSON.parse(runInsightsCommand(databaseUrl!, ['--org', 'northstar', '--sweep', '--json'])) as {
    kind: string
    client: { name: string } | null
    evidence: { applicationsWithoutResponse: number; markedGhosted: number }
  }[]
  const ghosted = printed.find((insight) => insight.kind === 'GHOSTED' && insight.client?.name === clientName)
  expect(ghosted?.evidence).toMatchObject({ applicationsWithoutResponse: 3, markedGhosted: 3 })

  // The coach sees it on the client's page, opens it and assigns the follow-up it suggests.
  await coach.goto(clientPage)
  const openInsights = coach.getByRole('region', { name: 'Open insights' })
  await expect(openInsights.getByText('3 applications with no response for 21+ days')).toBeVisible()
  await openInsights.getByRole('link', { name: 'Applications with no response' }).click()
  await expect(
    coach.getByRole('heading', { level: 1, name: `Applications with no response: ${clientName}` }),
  ).toBeVisible()
  const behind = coach.getByRole('region', { name: /Applications behind it/ })
  await expect(behind.getByRole('row', { name: /Stillwater .* No response/ })).toHaveCount(3)
  await expect(coach.getByRole('heading', { level: 2, name: 'Suggested task: Follow-up' })).toBeVisible()
  const title = await coach.getByLabel('Title').inputValue()
  await expectAccessible(coach)
  await coach.getByRole('button', { name: `Assign to ${clientName}` }).click()
  await expect(coach.getByText('Task assigned', { exact: true })).toBeVisible()
  const insightPage = coach.url()
  await docScreenshot(coach, 'docs/screenshots/insights/ghosted-insight-assigned-1440.png', { fullPage: true })

  // The client follows up and marks the task done.
  await phone.goto('/me/tasks')
  const card = phone.locator('li', { has: phone.getByRole('heading', { name: title }) }).first()
  await card.getByRole('button', { name: 'Mark done' }).click()
  await expect(phone.getByText('Done. Nice work.')).toBeVisible()

  // The server's own insights refresh (queued by the completed task) closes the insight.
  await expect(async () => {
    await coach.goto(insightPage)
    await expect(coach.getByText('Resolved', { exact: true })).toBeVisible({ timeout: 1_000 })
  }).toPass({ timeout: 180_000, intervals: [3_000] })
  await coach.goto(clientPage)
  await expect(
    coach.getByRole('region', { name: 'Open insights' }).getByRole('link', { name: 'Applications with no response' }),
  ).toHaveCount(0)

  await phoneContext.close()
  await coachContext.close()
})
