import { spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { chromium, type Page } from '@playwright/test'
import { chromiumHelp, findChromium } from '../tests/e2e/chromium'
import { childEnv, envValue } from '~/lib/env.server'

// npm run screenshots: the coach's main pages at 1440 × 900 and 375 × 740 with the demo data, into docs/screenshots/,
// so a newcomer sees what the pages look like. Serves the current build (npm run build first) on a
// database of its own, exactly as the end-to-end tests do, and removes it afterwards.

const root = path.resolve(import.meta.dirname, '..')
const outDir = path.join(root, 'docs/screenshots')
const port = envValue('SCREENSHOTS_PORT')
const baseURL = `http://localhost:${port}`

const executablePath = findChromium()
if (!executablePath) throw new Error(chromiumHelp)

const server = spawn(process.execPath, ['--import', 'tsx', 'tests/e2e/serve.ts'], {
  cwd: root,
  env: childEnv({ PORT: String(port), APP_URL: baseURL }),
  stdio: ['ignore', 'ignore', 'inherit'],
})
const stopServer = () =>
  new Promise<void>((resolve) =>
    server.exitCode !== null ? resolve() : (server.once('exit', () => resolve()), server.kill('SIGTERM')),
  )

async function waitForServer() {
  for (let i = 0; i < 240; i++) {
    if (server.exitCode !== null) throw new Error('The app stopped before it answered')
    const ok = await fetch(`${baseURL}/healthz`).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) return
    await new Promise((r) => setTimeout(r, 1000))
  }
  throw new Error('The app never answered /healthz')
}

const phone = { width: 375, height: 740 }

/** Each page at 1440 × 900 (`<name>.png`) and on a 375 px phone (`<name>-375.png`), saying when a page scrolls sideways. */
async function shoot(page: Page, name: string, url: string) {
  for (const [size, suffix] of [
    [{ width: 1440, height: 900 }, ''],
    [phone, '-375'],
  ] as const) {
    await page.setViewportSize(size)
    await page.goto(url)
    await page.waitForLoadState('networkidle')
    await page.screenshot({ path: path.join(outDir, `${name}${suffix}.png`) })
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1)
    console.log(`docs/screenshots/${name}${suffix}.png  ${url}${sideways ? '  (scrolls sideways)' : ''}`)
  }
}

try {
  await waitForServer()
  mkdirSync(outDir, { recursive: true })
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] })
  const page = await browser.newPage({
    viewport: { width: 1440, height: 900 },
    baseURL,
    timezoneId: 'America/New_York',
  })
  await page.goto('/login')
  await page.getByLabel('Email').fill('owner@northstar.test')
  await page.getByLabel('Password').fill('rebound-demo')
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await page.waitForURL(/\/orgs\/northstar/)
  // Toasts from signing in would cover the first picture.
  await page.goto('/orgs/northstar/clients')
  const clientHref = await page.locator('tbody a[href*="/clients/"]').first().getAttribute('href')

  await shoot(page, 'home', '/orgs/northstar')
  await shoot(page, 'roster', '/orgs/northstar/clients')
  await shoot(page, 'client', clientHref!)
  await shoot(page, 'applications', '/orgs/northstar/applications')
  await shoot(page, 'patterns', '/orgs/northstar/patterns')
  await shoot(page, 'digests', '/orgs/northstar/digests')
  await shoot(page, 'tasks', '/orgs/northstar/tasks')
  await shoot(page, 'cohorts', '/orgs/northstar/cohorts')
  await shoot(page, 'outcomes', '/orgs/northstar/outcomes')
  await shoot(page, 'outbox', '/orgs/northstar/outbox')
  await shoot(page, 'members', '/orgs/northstar/members')
  await shoot(page, 'settings', '/orgs/northstar/settings')
  await browser.close()
} finally {
  await stopServer()
}
