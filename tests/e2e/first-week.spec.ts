import { expect, test, type Page } from '@playwright/test'
import { expectAccessible } from './axe'
import { coachInvitesClient, logIn, logOut, openPortalOnPhone, signUpPractice, uniqueSuffix } from './helpers'

// A new coach's first week: signing in after a typo, a new practice's timezone, and digests that
// wait for the owner. The browser says it is in Lisbon.
test.use({ timezoneId: 'Europe/Lisbon' })

async function signUp(page: Page, name: string, password: string) {
  const suffix = uniqueSuffix()
  const email = `fw-${suffix}@example.test`
  const { slug } = await signUpPractice(page, {
    name,
    email,
    password,
    practice: `First Week ${suffix}`,
    landsOn: /\/orgs\/first-week-/,
  })
  return { email, slug }
}

test('after a wrong password, one press of Sign in with the right one signs in', async ({ page }) => {
  const password = 'a long enough password'
  const { email } = await signUp(page, 'Tess Typo', password)
  await logOut(page, 'Tess Typo')

  await page.goto('/login')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill('not the password')
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect(page.getByRole('alert')).toContainText('don’t match')

  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect(page).toHaveURL(/\/orgs\//)
})

test('a new practice takes the browser’s timezone, and so do its clients; digests wait for the owner’s start', async ({
  page,
}) => {
  const { slug } = await signUp(page, 'Lia Lisbon', 'a long enough password')
  await page.goto(`/orgs/${slug}/settings`)
  await expect(page.getByLabel('Time zone')).toHaveValue('Europe/Lisbon')
  await expect(page.getByLabel('Time zone').locator('option[value="UTC"]')).toHaveCount(1)

  await page.goto(`/orgs/${slug}/clients/new`)
  const timezone = page.getByLabel('Timezone')
  await expect(timezone).toHaveValue('Europe/Lisbon')
  await expect(timezone.locator('option[value="UTC"]')).toHaveCount(1)
  await page.getByLabel('Name').fill('Ana Costa')
  await page.getByLabel('Email').fill(`ana-${uniqueSuffix()}@example.test`)
  await page.getByRole('button', { name: 'Add client' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Ana Costa' })).toBeVisible()
  await page.goto(`${new URL(page.url()).pathname}/edit`)
  await expect(page.getByLabel('Timezone')).toHaveValue('Europe/Lisbon')

  // Nothing is emailed until the owner has chosen the day and hour and seen a preview.
  await page.goto(`/orgs/${slug}/digests`)
  await expect(page.getByRole('status').filter({ hasText: 'Weekly digests are off' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Start weekly digests' })).toHaveCount(0)
  await page.getByLabel('Day').selectOption('3')
  await page.getByLabel('Hour (practice time)').selectOption('9')
  await page.getByRole('button', { name: 'Save schedule' }).click()
  await expect(page.getByText('Digest schedule saved')).toBeVisible()
  await page.getByRole('link', { name: /Preview/ }).click()
  await expect(page.getByRole('heading', { name: 'Preview: Ana Costa' })).toBeInViewport()
  await expect(page.getByText(/every Wednesday at 09:00 \(Europe\/Lisbon\)/)).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Start weekly digests' }).click()
  await expect(page.getByText('Weekly digests started')).toBeVisible()
  await expect(page.getByText('Weekly digests are off')).toHaveCount(0)
  await expect(page.getByText(/Every Wednesday at 09:00 \(Europe\/Lisbon\)/)).toBeVisible()
  await expect(page.getByText(/first digest comes after their first full week/)).toBeVisible()
})

test('a digest preview far down the list scrolls into view', async ({ page }) => {
  await logIn(page, 'owner@northstar.test')
  await page.goto('/orgs/northstar/digests')
  const links = page.getByRole('link', { name: /^Preview/ })
  expect(await links.count()).toBeGreaterThan(5)
  await links.nth(2).click()
  await expect(page).toHaveURL(/preview=/)
  await expect(page.getByRole('heading', { name: /^Preview: / })).toBeInViewport()
  await expect(page.getByRole('heading', { name: /^Preview: / })).toBeFocused()
})

test('members: the invite says whose email it wants, keeps its place, clears after sending; dates read one way', async ({
  page,
}) => {
  await logIn(page, 'owner@northstar.test')
  await page.goto('/orgs/northstar/members')
  const email = page.getByLabel('Their email')
  const send = page.getByRole('button', { name: 'Send invitation' })
  const before = await send.boundingBox()
  await email.fill('not-an-email')
  await send.click()
  await expect(page.getByText('Enter an email address such as name@example.com')).toBeVisible()
  expect(await send.boundingBox()).toEqual(before)
  await email.fill('')
  await send.click()
  await expect(page.getByText('Enter the email address of the person to invite')).toBeVisible()
  await expect(page.getByText('Enter your email address')).toHaveCount(0)

  const invitee = `invitee-${uniqueSuffix()}@example.test`
  await email.fill(invitee)
  await send.click()
  await expect(page.getByText(`Invitation sent to ${invitee}`)).toBeVisible()
  await expect(page.getByLabel('Their email')).toHaveValue('')
  const pending = page.getByRole('listitem').filter({ hasText: invitee })
  await expect(pending).toContainText(/expires [A-Z][a-z]{2} \d{1,2}, \d{4}/)
  // "Save role" stays on one line.
  const save = page.getByRole('button', { name: 'Save role' }).first()
  const box = await save.boundingBox()
  expect(box!.height).toBeLessThan(44)
})

test('portal forms: a check-in error goes once a value is chosen; a job link without https:// is completed', async ({
  browser,
}) => {
  const { suffix, coachContext, inviteUrl } = await coachInvitesClient(browser, 'Form Tester')
  const { phoneContext, phone } = await openPortalOnPhone(browser, inviteUrl)

  await phone.goto('/me/check-in')
  await phone.getByRole('button', { name: 'Check in' }).click()
  await expect(phone.getByText('Choose how your mood is, from 1 to 5')).toBeVisible()
  await phone.getByRole('group', { name: /Mood/ }).locator('label').nth(3).click()
  await expect(phone.getByText('Choose how your mood is, from 1 to 5')).toHaveCount(0)
  await expect(phone.getByText('Choose how your energy is, from 1 to 5')).toBeVisible()

  await phone.goto('/me/applications/new')
  await phone.getByLabel('Company').fill(`Linkless ${suffix}`)
  await phone
    .getByLabel(/job title|role/i)
    .first()
    .fill('Analyst')
  await phone.getByText('More details (optional)').click()
  await phone.getByLabel('Link to the job').fill('careers.example.com/jobs/42')
  await phone
    .getByRole('button', { name: /save|add/i })
    .last()
    .click()
  await expect(phone.getByText('Enter a web link')).toHaveCount(0)
  await expect(phone).not.toHaveURL(/\/new$/)
  await expect(phone).toHaveURL(/\/me\/applications\/\w+$/)
  await expect(phone.getByLabel('Link to the job')).toHaveValue('https://careers.example.com/jobs/42')
  await coachContext.close()
  await phoneContext.close()
})
