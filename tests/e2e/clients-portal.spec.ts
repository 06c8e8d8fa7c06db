import { expect, test } from '@playwright/test'
import { expectAccessible } from './axe'
import { logIn, uniqueSuffix, copyInviteLink, newPhone, recordRejection, noSideScroll } from './helpers'

test('a coach adds a client and copies the link; the client works their pipeline on a phone; the coach sees it all', async ({
  browser,
}) => {
  const suffix = uniqueSuffix()
  const clientName = `Riley Park ${suffix}`
  const clientEmail = `riley-${suffix}@example.test`
  const company = `Lumen Labs ${suffix}`

  // The coach adds a client and makes an invite link.
  const coachContext = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] })
  const coach = await coachContext.newPage()
  await logIn(coach, 'coach@northstar.test')
  await coach.goto('/orgs/northstar/clients')
  await expectAccessible(coach)
  await coach.getByRole('link', { name: 'Add client' }).click()
  await expectAccessible(coach)
  await coach.getByLabel('Name').fill(clientName)
  await coach.getByLabel('Email').fill(clientEmail)
  await coach.getByLabel('Target role').fill('Data analyst')
  await coach.getByRole('button', { name: 'Add client' }).click()
  await expect(coach.getByRole('heading', { level: 1, name: clientName })).toBeVisible()
  const clientPage = coach.url()
  const inviteUrl = await copyInviteLink(coach)
  expect(inviteUrl).toMatch(/\/invite\/[a-z2-7]{32}$/)
  await expectAccessible(coach)

  // The client opens it on a phone-sized screen.
  const { phoneContext, phone } = await newPhone(browser)
  await phone.goto(new URL(inviteUrl).pathname)
  await expectAccessible(phone)
  await phone.getByRole('button', { name: 'Continue' }).click()
  await expect(phone).toHaveURL(/\/me$/)
  await expectAccessible(phone)
  expect(await noSideScroll(phone)).toBe(true)

  await phone
    .getByRole('link', { name: /add( an)? application/i })
    .first()
    .click()
  await expectAccessible(phone)
  await phone.getByLabel('Stage').selectOption('APPLIED')
  await phone.getByLabel('Company').fill(company)
  await phone.getByLabel('Job title').fill('Junior data analyst')
  await phone.getByRole('button', { name: 'Add application' }).click()
  await expect(phone).toHaveURL(/\/me\/applications\/\w+/)
  await expect(phone.getByRole('heading', { level: 1, name: company })).toBeVisible()
  await expectAccessible(phone)
  expect(await noSideScroll(phone)).toBe(true)

  await phone.getByRole('button', { name: 'Interview', exact: true }).click()
  await expect(phone.getByRole('button', { name: 'Interview', exact: true })).toHaveAttribute('aria-pressed', 'true')
  await phone.getByRole('button', { name: 'Final round', exact: true }).click()
  await expect(phone.getByRole('button', { name: 'Final round', exact: true })).toHaveAttribute('aria-pressed', 'true')

  await recordRejection(phone, {
    reason: 'INTERNAL_CANDIDATE',
    said: 'Strong final interview; they chose an internal candidate.',
  })
  await expect(phone.getByText(/final round/i).first()).toBeVisible()
  await expect(phone.getByText(/ask for feedback|keep in touch/i).first()).toBeVisible()
  await expectAccessible(phone)

  // The coach sees all of it on the client page and in the roster.
  await coach.goto(clientPage)
  const timeline = coach.getByRole('region', { name: 'Timeline' })
  await expect(timeline.getByText(company).first()).toBeVisible()
  // Each event says what happened, in words (never "Final round → Final round · Rejected").
  await expect(timeline.getByText('Moved to Final round')).toBeVisible()
  await expect(timeline.getByText('Rejected after the final round')).toBeVisible()
  await coach.getByRole('link', { name: 'Table' }).click()
  await expect(coach.getByRole('cell', { name: /Rejected \(Internal candidate\)/ })).toBeVisible()
  await expectAccessible(coach)
  await coach.goto(`/orgs/northstar/clients?q=${encodeURIComponent(suffix)}`)
  const row = coach.getByRole('row', { name: new RegExp(clientName) })
  await expect(row).toBeVisible()
  await expect(row.getByRole('cell').nth(6)).toHaveText('1') // rejections in the last 30 days
  await expectAccessible(coach)

  await phoneContext.close()
  await coachContext.close()
})
