import { expect, test } from '@playwright/test'
import { expectAccessible } from './axe'
import { addPortalApplication, coachInvitesClient, docScreenshot, noSideScroll, openPortalOnPhone } from './helpers'

// A coach at a desk books an interview date on a client's application and, nudged on the home page,
// gives the client a mock interview in one click; the client on a phone sees what is coming and
// subscribes to their calendar, which answers an iCalendar document without any cookie.

test('a coach adds an interview at 1440; the client sees it coming up at 375 and gets a calendar link', async ({
  browser,
  playwright,
}) => {
  test.setTimeout(300_000)
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)

  const { suffix, coachContext, coach, inviteUrl } = await coachInvitesClient(browser, 'Priya Nair', {
    width: 1440,
    height: 900,
  })
  const company = `Contoso ${suffix}`

  // The client adds the application on their phone.
  const { phoneContext, phone } = await openPortalOnPhone(browser, inviteUrl)
  await addPortalApplication(phone, company, 'SCREEN')
  const applicationId = phone.url().split('/').pop()!

  // The coach books the interview on the application page.
  await coach.goto(`/orgs/northstar/applications/${applicationId}`)
  const dates = coach.getByRole('region', { name: 'Interview dates' })
  await expect(dates.getByText('No dates yet.')).toBeVisible()
  await dates.getByText('Add an interview date').click()
  await dates.getByLabel('What kind').selectOption('INTERVIEW')
  await dates.getByLabel('Day', { exact: true }).fill(tomorrow)
  await dates.getByLabel('Time', { exact: true }).fill('14:30')
  await dates.getByLabel('Note (optional)').fill('Panel with the data team; bring the dashboard story.')
  await dates.getByRole('button', { name: 'Add the date' }).click()
  await expect(coach.getByText('Interview date added')).toBeVisible()
  await expect(dates.getByText(/2:30 PM/)).toBeVisible()
  await expect(dates.locator('p', { hasText: 'Panel with the data team; bring the dashboard story.' })).toBeVisible()
  await expectAccessible(coach)
  expect(await noSideScroll(coach)).toBe(true)
  await docScreenshot(coach, 'docs/screenshots/interviews-application-1440.png', { fullPage: true })

  // The home page lists it this week and nudges to prepare; one click gives the mock interview.
  await coach.goto('/orgs/northstar')
  const week = coach.getByRole('region', { name: 'Interviews this week' })
  const row = week.getByRole('listitem').filter({ hasText: company })
  await expect(row.getByText('Within two days, and no mock interview planned.')).toBeVisible()
  await expectAccessible(coach)
  await docScreenshot(coach, 'docs/screenshots/interviews-home-1440.png')
  await row.getByRole('button', { name: 'Assign a mock interview' }).click()
  await expect(coach.getByText('Mock interview assigned')).toBeVisible()
  await expect(row.getByText('Within two days, and no mock interview planned.')).toHaveCount(0)

  // The client sees it coming on their home page, and the task.
  await phone.goto('/me')
  const comingUp = phone.getByRole('region', { name: 'Coming up' })
  await expect(comingUp.getByRole('link', { name: new RegExp(`Interview · ${company}`) })).toBeVisible()
  await expect(comingUp.getByText(/2:30 PM/)).toBeVisible()
  await expect(phone.getByRole('link', { name: '1 open task' })).toBeVisible()
  await expectAccessible(phone)
  expect(await noSideScroll(phone)).toBe(true)
  await docScreenshot(phone, 'docs/screenshots/interviews-portal-375.png', { fullPage: true })
  await comingUp.getByRole('link', { name: new RegExp(company) }).click()
  await expect(phone.getByRole('region', { name: 'Interview dates' }).getByText(/2:30 PM/)).toBeVisible()
  expect(await noSideScroll(phone)).toBe(true)
  await expectAccessible(phone)

  // A calendar link, fetched without any cookie as a calendar app would.
  await phone.goto('/me/preferences')
  await phone.getByRole('button', { name: 'Make a calendar link' }).click()
  const url = await phone.getByLabel('Calendar link').inputValue()
  expect(url).toMatch(/\/calendar\/[\w-]+\.ics$/)
  await expectAccessible(phone)
  expect(await noSideScroll(phone)).toBe(true)
  await docScreenshot(phone, 'docs/screenshots/interviews-calendar-375.png', { fullPage: true })
  const anonymous = await playwright.request.newContext()
  const feed = await anonymous.get(new URL(new URL(url).pathname, coach.url()).toString())
  expect(feed.status()).toBe(200)
  expect(feed.headers()['content-type']).toContain('text/calendar')
  // Unfolded: iCalendar wraps lines at 75 octets.
  const body = (await feed.text()).replace(/\r\n[ \t]/g, '')
  expect(body).toContain(`Interview: ${company}`)
  expect(body).toMatch(new RegExp(`SUMMARY:Task due: [^\r\n]*${company}`))
  await phone.getByRole('button', { name: 'Turn the link off' }).click()
  await expect(phone.getByText('Calendar link turned off')).toBeVisible()
  expect((await anonymous.get(new URL(new URL(url).pathname, coach.url()).toString())).status()).toBe(404)
  await anonymous.dispose()

  await phoneContext.close()
  await coachContext.close()
})
