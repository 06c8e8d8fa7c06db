import { expect, test } from '@playwright/test'
import { expectAccessible } from './axe'
import { envValue } from '../../app/lib/env.server'
import { spawnBuiltWeb } from './built-web'

test('the home page loads in Chromium with no serious accessibility violations', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible()
  await expectAccessible(page)
})

test('/healthz answers 200 with db ok while the database is up', async ({ request }) => {
  const response = await request.get('/healthz')
  expect(response.status()).toBe(200)
  expect(await response.json()).toEqual({ db: 'ok' })
})

test('/healthz answers 503 when the database does not answer', async ({ request }) => {
  const port = envValue('E2E_PORT') + 1
  // The same build, pointed at a port where no database listens.
  const server = spawnBuiltWeb(port, {
    DATABASE_URL: 'postgresql://postgres@127.0.0.1:9/nothing',
    SESSION_SECRET: 'healthz-test-secret-0123456789abcdef0123',
  })
  try {
    let status = 0
    for (let i = 0; i < 60 && status === 0; i++) {
      status = await request
        .get(`http://localhost:${port}/healthz`, { timeout: 5_000 })
        .then((r) => r.status())
        .catch(() => 0)
      if (status === 0) await new Promise((r) => setTimeout(r, 500))
    }
    expect(status).toBe(503)
    const body = await request.get(`http://localhost:${port}/healthz`).then((r) => r.json())
    expect(body).toEqual({ db: 'down' })
  } finally {
    const exited = new Promise((resolve) => server.once('exit', resolve))
    server.kill('SIGTERM')
    await exited
  }
})

test('every page carries the security headers', async ({ request }) => {
  for (const path of ['/', '/healthz', '/no-such-page']) {
    const response = await request.get(path)
    const headers = response.headers()
    expect(headers['content-security-policy'], path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/)
    expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'")
    expect(headers['x-content-type-options'], path).toBe('nosniff')
    expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin')
  }
})

test('a cross-site POST is refused with 403', async ({ request }) => {
  const attempts: Record<string, string>[] = [{ Origin: 'https://evil.example' }, { 'Sec-Fetch-Site': 'cross-site' }]
  for (const headers of attempts) {
    const response = await request.post('/login', { headers, form: { email: 'a@b.test', password: 'whatever1' } })
    expect(response.status()).toBe(403)
  }
})
