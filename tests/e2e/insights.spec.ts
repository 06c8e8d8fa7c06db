import { expect, test } from '@playwright/test'
import { expectAccessible } from './axe'
import { logIn, docScreenshot, openPortalOnPhone } from './helpers'

// The demo seed stores the practice's insights: they are on the dashboard at the first login.

test('a coach assigns an insight’s task to every client it names; a client completes it in the portal; the coach sees it done', async ({
  browser,
}) => {
  // Ten axe scans and two browsers: on a loaded machine this outlasts the default three minutes.
  test.setTimeout(300_000)
  const coachContext = await browser.newContext()
  const coach = await coachContext.newPage()
  await logIn(coach, 'coach@northstar.test')

  // The dashboard shows the insights before anyone presses "Recompute now"; recomputing keeps them.
  await coach.goto('/orgs/northstar')
  await expect(coach.getByRole('heading', { level: 2, name: 'This week against last' })).toBeVisible()
  const atRisk = coach.getByRole('region', { name: 'Clients at risk' })
  await expect(atRisk.getByRole('link', { name: /A rejection reason across clients/ })).toBeVisible()
  await expectAccessible(coach)
  await coach.getByRole('button', { name: 'Recompute now' }).click()
  await expect(coach.getByText('Insights recomputed')).toBeVisible()
  await atRisk.getByRole('link', { name: /A rejection reason across clients/ }).click()
  await expect(coach.getByRole('heading', { level: 1, name: /A rejection reason across clients/ })).toBeVisible()
  await expectAccessible(coach)

  // The insight: its evidence, the clients it names, and the suggested task, assigned to every one of
  // them who has no such task open yet (the demo's clients mostly have one: the page says so).
  const named = coach.getByRole('region', { name: /Clients it names/ }).getByRole('link')
  const clientCount = await named.count()
  expect(clientCount).toBeGreaterThanOrEqual(3)
  const skippedNote = coach.getByRole('note').filter({ hasText: 'skipped: they already have an open' })
  const skipped = (await skippedNote.count()) ? await skippedNote.getByRole('link').count() : 0
  if (skipped) await expect(skippedNote).toContainText(`${skipped} client${skipped === 1 ? '' : 's'} skipped`)
  const assigned = clientCount - skipped
  expect(assigned).toBeGreaterThan(0)
  const title = await coach.getByLabel('Title').inputValue()
  expect(title.length).toBeGreaterThan(0)
  await coach.getByRole('button', { name: /^Assign to (all \d+ clients|the .* without one)$/ }).click()
  await expect(
    coach.getByText(assigned === 1 ? 'Task assigned' : `Task assigned to ${assigned} clients`, { exact: true }),
  ).toBeVisible()
  if (skipped)
    await expect(
      coach.getByText(new RegExp(`^${skipped} clients? skipped: they already have an open skill building task`)),
    ).toBeVisible()
  const fromInsight = coach.getByRole('region', { name: /Tasks from this insight/ })
  await expect(fromInsight.getByRole('listitem')).toHaveCount(assigned)
  await docScreenshot(coach, 'docs/screenshots/insights/insight-skipped-clients-1440.png', { fullPage: true })
  await expectAccessible(coach)

  // The client page of one who got it: the funnel against the caseload, the task, and an invite link.
  const assignee = fromInsight.getByRole('link').first()
  const clientName = (await assignee.textContent())!.trim()
  await assignee.click()
  await expect(coach.getByRole('heading', { level: 1, name: clientName })).toBeVisible()
  await expect(coach.getByRole('region', { name: 'Funnel vs caseload' })).toBeVisible()
  await expect(coach.getByRole('region', { name: 'Tasks' }).getByText(title).first()).toBeVisible()
  const clientId = new URL(coach.url()).pathname.split('/').at(-1)!
  await coach.getByRole('button', { name: /^Create (a new )?link$/ }).click()
  const inviteUrl = await coach.locator('#invite-url').inputValue()
  expect(inviteUrl).toMatch(/\/invite\/[a-z2-7]{32}$/)
  await expectAccessible(coach)

  // The client opens the portal on a phone and completes the task.
  const { phoneContext, phone } = await openPortalOnPhone(browser, inviteUrl)
  await phone.goto('/me/tasks')
  const card = phone.locator('li', { has: phone.getByRole('heading', { name: title }) }).first()
  await expect(card).toBeVisible()
  await expectAccessible(phone)
  await card.getByLabel('A note for your coach (optional)').fill('Signed up for a SQL course.')
  await card.getByRole('button', { name: 'Mark done' }).click()
  await expect(phone.getByText('Done. Nice work.')).toBeVisible()
  await expect(phone.getByRole('region', { name: 'Done' }).getByRole('heading', { name: title }).first()).toBeVisible()

  // The coach sees it done on the tasks board, filtered to that client.
  await coach.goto(`/orgs/northstar/tasks?client=${clientId}`)
  const done = coach.getByRole('region', { name: /^Done/ })
  const doneTask = done.getByRole('article', { name: title }).filter({ hasText: 'Signed up for a SQL course.' })
  await expect(doneTask).toBeVisible()
  await expect(doneTask.getByText('Signed up for a SQL course.')).toBeVisible()
  await expect(coach.getByRole('region', { name: /^To do/ }).getByRole('article', { name: title })).toHaveCount(0)
  await expectAccessible(coach)

  // The other pages of the feature pass the scan too.
  await coach.goto('/orgs/northstar/tasks')
  await expectAccessible(coach)
  await coach.goto('/orgs/northstar/patterns?days=180')
  await expect(coach.getByRole('heading', { level: 2, name: 'Does it work?' })).toBeVisible()
  await expect(coach.locator('svg.recharts-surface').first()).toBeVisible()
  await expectAccessible(coach)

  await phoneContext.close()
  await coachContext.close()
})
