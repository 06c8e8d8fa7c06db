import { expect, type Browser, type Locator, type Page } from '@playwright/test'
import { envValue } from '../../app/lib/env.server'

export const demoPassword = 'rebound-demo'
export const uniqueSuffix = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`

/**
 * Signs in with the password. The whole suite signs in from one address, often as the same demo account, faster
 * than any person would: when the sign-in limit answers "Try again in N seconds", this waits as a person would
 * and tries again (twice at most), rather than have the product's limits loosened for tests.
 */
export async function logIn(page: Page, email: string, password = demoPassword) {
  await page.goto('/login')
  const refused = page.getByRole('alert').filter({ hasText: /Too many sign-in attempts/ })
  for (let attempt = 0; ; attempt++) {
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password').fill(password)
    await page.getByRole('button', { name: /^(sign in|log in)$/i }).click()
    // Signed in (the practice's pages) or refused (the limit's message), whichever comes first.
    const settled = { timeout: 10_000 }
    await Promise.race([page.waitForURL(/\/orgs\//, settled).catch(() => {}), refused.waitFor(settled).catch(() => {})])
    const wait = attempt < 2 && (await refused.isVisible()) ? retryAfterMs(await refused.innerText()) : null
    if (wait === null) break
    await page.waitForTimeout(wait)
  }
  await expect(page).toHaveURL(/\/orgs\//)
}

/** "Try again in 9 seconds." / "in 2 minutes." as milliseconds, with a second to spare. */
function retryAfterMs(message: string) {
  const match = /in (\d+) (second|minute)/.exec(message)
  if (!match) return null
  return (Number(match[1]) * (match[2] === 'minute' ? 60 : 1) + 1) * 1000
}

export async function logOut(page: Page, userName: string) {
  await page.locator('summary', { hasText: userName }).click()
  await page.getByRole('button', { name: 'Log out' }).click()
  await expect(page).not.toHaveURL(/\/orgs\//)
}

/** The first link in the newest outbox email to `to` whose path matches `pattern`. */
export async function linkFromOutbox(page: Page, slug: string, to: string, pattern: RegExp) {
  await page.goto(`/orgs/${slug}/outbox`)
  await page
    .getByRole('link', { name: new RegExp(`To ${to.replace(/[.+]/g, '\\$&')}`) })
    .first()
    .click()
  const text = await page.getByTestId('email-text').textContent()
  const url = text?.match(/https?:\/\/\S+/g)?.find((u) => pattern.test(u))
  expect(url, `a link matching ${pattern} in the email to ${to}`).toBeTruthy()
  return new URL(url!).pathname
}

/**
 * A picture of a page (or part of one) for docs/screenshots/, taken only when SCREENSHOTS is set, so that a
 * test run leaves the checkout as it found it.
 */
export async function docScreenshot(target: Page | Locator, path: string, options: { fullPage?: boolean } = {}) {
  if (!envValue('SCREENSHOTS')) return
  await target.screenshot({ path, ...options })
}

/** A Northstar coach adds a client through the form and lands on the client's page. */
export async function addClient(coach: Page, name: string, email: string) {
  await coach.goto('/orgs/northstar/clients/new')
  await coach.getByLabel('Name').fill(name)
  await coach.getByLabel('Email').fill(email)
  await coach.getByRole('button', { name: 'Add client' }).click()
  await expect(coach.getByRole('heading', { level: 1, name })).toBeVisible()
}

/** On a client's page: creates the portal invite link and reads it back from the clipboard. */
export async function copyInviteLink(coach: Page) {
  await coach.getByRole('button', { name: 'Create link' }).click()
  await coach.getByRole('button', { name: 'Copy link' }).click()
  await expect(coach.getByRole('button', { name: 'Copied' })).toBeVisible()
  return coach.evaluate(() => navigator.clipboard.readText())
}

/**
 * The Northstar coach signs in, in a window of their own whose pages may use the clipboard, adds a client named
 * `name` and a unique suffix, and copies their portal invite link; the coach stays on the client's page
 * (`clientPage`).
 */
export async function coachInvitesClient(browser: Browser, name: string, viewport?: { width: number; height: number }) {
  const suffix = uniqueSuffix()
  const clientName = `${name} ${suffix}`
  const coachContext = await browser.newContext({
    ...(viewport ? { viewport } : {}),
    permissions: ['clipboard-read', 'clipboard-write'],
  })
  const coach = await coachContext.newPage()
  await logIn(coach, 'coach@northstar.test')
  await addClient(coach, clientName, `${name.split(' ')[0]!.toLowerCase()}-${suffix}@example.test`)
  const clientPage = coach.url()
  const inviteUrl = await copyInviteLink(coach)
  return { suffix, clientName, coachContext, coach, clientPage, inviteUrl }
}

/** A 375 px phone, touch and all, for the client portal. */
export async function newPhone(browser: Browser) {
  const phoneContext = await browser.newContext({
    viewport: { width: 375, height: 740 },
    isMobile: true,
    hasTouch: true,
  })
  return { phoneContext, phone: await phoneContext.newPage() }
}

/** The client follows their invite link on a phone and signs in to the portal. */
export async function openPortalOnPhone(browser: Browser, inviteUrl: string) {
  const { phoneContext, phone } = await newPhone(browser)
  await phone.goto(new URL(inviteUrl).pathname)
  await phone.getByRole('button', { name: 'Continue' }).click()
  await expect(phone).toHaveURL(/\/me$/)
  return { phoneContext, phone }
}

/**
 * Signs up a new practice through the form, its owner signed in on its home page (whose URL must match
 * `landsOn`); returns the home page's path and the practice's slug.
 */
export async function signUpPractice(
  page: Page,
  owner: { name: string; email: string; password?: string; practice: string; landsOn: RegExp },
) {
  await page.goto('/signup')
  await page.getByLabel('Your name').fill(owner.name)
  await page.getByLabel('Email').fill(owner.email)
  await page.getByLabel('Password').fill(owner.password ?? 'a long enough password')
  await page.getByLabel('Practice name').fill(owner.practice)
  await page.getByRole('button', { name: /create my practice/i }).click()
  await expect(page).toHaveURL(owner.landsOn)
  const practicePath = new URL(page.url()).pathname
  return { practicePath, slug: practicePath.split('/')[2]! }
}

/**
 * The page at 1440 px and on a 375 px phone, full length, for docs/screenshots/<name>-<width>.png, checking
 * that neither width scrolls sideways. With `onlyWhenShooting`, the widths are checked only when SCREENSHOTS
 * is set.
 */
export async function shootAtBothWidths(page: Page, name: string, { onlyWhenShooting = false } = {}) {
  if (onlyWhenShooting && !envValue('SCREENSHOTS')) return
  for (const [width, height] of [
    [1440, 900],
    [375, 740],
  ] as const) {
    await page.setViewportSize({ width, height })
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)
    expect(sideways, `${name} scrolls sideways at ${width}px`).toBe(false)
    await docScreenshot(page, `docs/screenshots/${name}-${width}.png`, { fullPage: true })
  }
  await page.setViewportSize({ width: 1280, height: 720 })
}

/** Signs up a new owner with a practice of their own (name and slug start with `practice`); returns its slug. */
export async function signUpOwner(page: Page, owner: string, practice: string) {
  const suffix = uniqueSuffix()
  const email = `owner-${suffix}@example.test`
  return (await signUpPractice(page, { name: owner, email, practice: `${practice} ${suffix}`, landsOn: /\/orgs\// }))
    .slug
}

/** Adds a client through the form of the practice `slug`; returns the client page's path. */
export async function addClientTo(
  page: Page,
  slug: string,
  name: string,
  email = `${name.split(' ')[0]!.toLowerCase()}-${uniqueSuffix()}@example.test`,
) {
  await page.goto(`/orgs/${slug}/clients/new`)
  await page.getByLabel('Name').fill(name)
  await page.getByLabel('Email').fill(email)
  await page.getByRole('button', { name: 'Add client' }).click()
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
  return new URL(page.url()).pathname
}

/** Whether the page fits its window's width (a pixel of rounding allowed). */
export const noSideScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)

export async function expectNoSidewaysScroll(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  expect(width).toBeLessThanOrEqual(page.viewportSize()!.width)
}

/**
 * Signs up a new practice (its name and its owner's email made unique) and opens the two-factor set-up from
 * the account page; returns what signing in again takes and the practice's home path.
 */
export async function signUpAndOpenTwoFactorSetup(
  page: Page,
  owner: { name: string; handle: string; practice: string; landsOn: RegExp },
) {
  const suffix = uniqueSuffix()
  const email = `${owner.handle}-${suffix}@example.test`
  const password = 'a long enough password'
  const { practicePath } = await signUpPractice(page, {
    name: owner.name,
    email,
    password,
    practice: `${owner.practice} ${suffix}`,
    landsOn: owner.landsOn,
  })
  await page.goto('/settings')
  await page.getByRole('link', { name: 'Set up two-factor sign-in' }).click()
  return { email, password, practicePath }
}

/** The password step of signing in, for an account with two-factor on: it leads to the second step. */
export async function signInToSecondStep(page: Page, email: string, password: string) {
  await page.goto('/login')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect(page).toHaveURL(/\/login\/two-factor/)
}

/** In the portal: adds an application at `stage` through the form and lands on its page. */
export async function addPortalApplication(phone: Page, company: string, stage: string, jobTitle = 'Data analyst') {
  await phone.goto('/me/applications/new')
  await phone.getByLabel('Stage').selectOption(stage)
  await phone.getByLabel('Company').fill(company)
  await phone.getByLabel('Job title').fill(jobTitle)
  await phone.getByRole('button', { name: 'Add application' }).click()
  await expect(phone.getByRole('heading', { level: 1, name: company })).toBeVisible()
}

/** In the portal, on an application's page: records its rejection, with the reason and what the employer said when given. */
export async function recordRejection(phone: Page, feedback?: { reason: string; said: string }) {
  await phone.getByText('Record a rejection').click()
  if (feedback) {
    await phone.getByLabel('The reason, if you know it').selectOption(feedback.reason)
    await phone.getByLabel('I received feedback').check()
    await phone.getByLabel('What they said').fill(feedback.said)
  }
  await phone.getByRole('button', { name: 'Save the rejection' }).click()
}
