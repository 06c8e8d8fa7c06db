import { expect, test, type Page } from '@playwright/test'
import { addPortalApplication, coachInvitesClient, recordRejection } from './helpers'

// The built server runs the app from its bundle. Writes in that bundle must reach the job queue the
// server started: here a client's own changes in the portal lead to a new insight on the coach's
// home with nobody pressing "Recompute now".

async function addRejectedApplication(phone: Page, company: string) {
  await addPortalApplication(phone, company, 'APPLIED')
  await recordRejection(phone)
  await expect(phone.getByText(/rejected/i).first()).toBeVisible()
}

test('a client’s changes in the portal refresh the coach’s insights with no button pressed', async ({ browser }) => {
  const { suffix, clientName, coach, inviteUrl } = await coachInvitesClient(browser, 'Morgan Lee')

  const phone = await (await browser.newContext({ viewport: { width: 375, height: 740 } })).newPage()
  await phone.goto(new URL(inviteUrl).pathname)
  await phone.getByRole('button', { name: 'Continue' }).click()
  await expect(phone).toHaveURL(/\/me$/)

  // Three rejections in a row, then a very low mood: the morale rule's case.
  for (const n of [1, 2, 3]) await addRejectedApplication(phone, `Quarry ${n} ${suffix}`)
  await phone.goto('/me/check-in')
  for (const legend of ['Mood', 'Energy', 'Confidence'])
    await phone.getByRole('group', { name: legend }).locator('label').first().click()
  await phone.getByRole('button', { name: 'Check in' }).click()
  await expect(phone).toHaveURL(/\/me$/)

  // The refresh is a queued job: this whole test took 38 s alone, and a loaded machine
  // running the whole suite has taken over a minute, so the coach's page is given two.
  const atRisk = coach.getByRole('region', { name: 'Clients at risk' })
  await expect(async () => {
    await coach.goto('/orgs/northstar')
    await expect(atRisk.getByRole('link', { name: new RegExp(`: ${clientName}$`) }).first()).toBeVisible({
      timeout: 1_000,
    })
  }).toPass({ timeout: 120_000, intervals: [2_000] })
})
