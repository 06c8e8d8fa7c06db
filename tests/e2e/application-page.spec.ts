import { expect, test } from '@playwright/test'
import { expectAccessible } from './axe'
import { coachInvitesClient, docScreenshot, noSideScroll, openPortalOnPhone, recordRejection } from './helpers'

// A client on a phone records a rejection with the employer's feedback; the coach at a desk opens
// that application from the client page and reads it all. Stage moves can be undone from the toast.

test('a client records a rejection on a phone; the coach opens the application from the client page and reads it', async ({
  browser,
}) => {
  // Two browsers, three axe scans and a dozen round trips: slow on a shared two-core machine.
  test.setTimeout(300_000)
  const { suffix, clientName, coachContext, coach, clientPage, inviteUrl } = await coachInvitesClient(
    browser,
    'Noor Haddad',
    { width: 1440, height: 900 },
  )
  const company = `Fabrikam ${suffix}`

  // The client, on a 375 px phone.
  const { phoneContext, phone } = await openPortalOnPhone(browser, inviteUrl)
  await phone.goto('/me/applications/new')
  await phone.getByLabel('Stage').selectOption('APPLIED')
  await phone.getByLabel('Company').fill(company)
  await phone.getByLabel('Job title').fill('Operations analyst')
  await phone.getByText('More details (optional)').click()
  await phone.getByLabel('Link to the job').fill('https://careers.fabrikam.test/jobs/7')
  await phone.getByLabel('Notes').fill('Panel of three; the second interviewer asked about forecasting.')
  await phone.getByRole('button', { name: 'Add application' }).click()
  await expect(phone.getByRole('heading', { level: 1, name: company })).toBeVisible()

  // A move, undone from its toast: back at Applied, and the timeline holds no move.
  await phone.getByRole('button', { name: 'Interview', exact: true }).click()
  await expect(phone.getByRole('button', { name: 'Interview', exact: true })).toHaveAttribute('aria-pressed', 'true')
  await phone.getByRole('button', { name: /^Undo/ }).click()
  // On a phone the toast shows its title alone (the page says the rest).
  await expect(phone.getByTestId('toast')).toContainText('Back at Applied')
  await expect(phone.getByRole('button', { name: 'Applied', exact: true })).toHaveAttribute('aria-pressed', 'true')
  await expect(phone.getByText('Moved to Interview')).toHaveCount(0)

  // A move backwards asks first.
  await phone.getByRole('button', { name: 'Interview', exact: true }).click()
  await expect(phone.getByRole('button', { name: 'Interview', exact: true })).toHaveAttribute('aria-pressed', 'true')
  await phone.getByRole('button', { name: 'Saved', exact: true }).click()
  await expect(phone.getByText('Move back from Interview to Saved?')).toBeVisible()
  await expectAccessible(phone)
  await phone.getByRole('link', { name: 'Keep it at Interview' }).click()
  await expect(phone.getByRole('button', { name: 'Interview', exact: true })).toHaveAttribute('aria-pressed', 'true')

  await recordRejection(phone, { reason: 'EXPERIENCE_LEVEL', said: 'They wanted someone who had run a team already.' })
  await expect(phone.getByText('Rejection recorded')).toBeVisible()
  expect(await noSideScroll(phone)).toBe(true)

  // The coach opens it from the client page's pipeline.
  await coach.goto(clientPage)
  await coach.getByText(/^Closed \(/).click()
  await coach
    .getByRole('link', { name: new RegExp(company) })
    .first()
    .click()
  await expect(coach).toHaveURL(/\/orgs\/northstar\/applications\/\w+$/)
  await expect(coach.getByRole('heading', { level: 1, name: new RegExp(company) })).toBeVisible()
  const rejection = coach.getByRole('region', { name: /Rejected at Interview/ })
  await expect(rejection.getByText('Experience level')).toBeVisible()
  await expect(rejection.getByText('They wanted someone who had run a team already.')).toBeVisible()
  await expect(
    coach
      .getByRole('region', { name: 'Details' })
      .getByText('Panel of three; the second interviewer asked about forecasting.'),
  ).toBeVisible()
  await expect(coach.getByRole('link', { name: /careers\.fabrikam\.test/ })).toHaveAttribute(
    'href',
    'https://careers.fabrikam.test/jobs/7',
  )
  const timeline = coach.getByRole('region', { name: 'Timeline' })
  await expect(timeline.getByText('Rejected after an interview')).toBeVisible()
  await expect(timeline.getByText(new RegExp(`by ${clientName} \\(client\\)`)).first()).toBeVisible()
  await expect(coach.locator('section#conversation')).toBeVisible()
  await expectAccessible(coach)
  expect(await noSideScroll(coach)).toBe(true)
  await docScreenshot(coach, 'docs/screenshots/application-page-1440.png', { fullPage: true })

  // The applications table filters by the reason, and its rows open the page.
  await coach.goto(`/orgs/northstar/applications?q=${encodeURIComponent(suffix)}&reason=SALARY`)
  await expect(coach.getByRole('link', { name: company })).toHaveCount(0)
  await coach.goto(`/orgs/northstar/applications?q=${encodeURIComponent(suffix)}&reason=EXPERIENCE_LEVEL&hide=`)
  await expect(coach.getByRole('cell', { name: 'Experience level' })).toBeVisible()
  await coach.getByRole('link', { name: company }).click()
  await expect(coach.getByRole('heading', { level: 1, name: new RegExp(company) })).toBeVisible()

  // The coach moves it on from the page, and takes it back from the toast.
  await coach.getByRole('button', { name: 'Back in progress' }).click()
  await expect(coach.getByText('Marked in progress')).toBeVisible()
  await coach.getByRole('button', { name: 'Final round', exact: true }).click()
  await expect(timeline.getByText('Moved to Final round')).toBeVisible()
  await expect(timeline.getByText(/by Casey Coach \(coach\)|\(coach\)/).first()).toBeVisible()
  await coach.getByRole('button', { name: /^Undo/ }).click()
  await expect(coach.getByText('The move was undone.')).toBeVisible()
  await expect(timeline.getByText('Moved to Final round')).toHaveCount(0)

  // Usable at 375 px too.
  await coach.setViewportSize({ width: 375, height: 740 })
  await coach.reload()
  expect(await noSideScroll(coach)).toBe(true)
  await expectAccessible(coach)
  await docScreenshot(coach, 'docs/screenshots/application-page-375.png', { fullPage: true })

  await phoneContext.close()
  await coachContext.close()
})
