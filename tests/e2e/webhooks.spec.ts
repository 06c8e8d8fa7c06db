import { createServer, type IncomingHttpHeaders } from 'node:http'
import { expect, test, type Page } from '@playwright/test'
import { Webhook } from 'standardwebhooks'
import { envValue } from '../../app/lib/env.server'
import { expectAccessible } from './axe'
import { uniqueSuffix } from './helpers'

// API keys and webhooks as an owner sets them up in the built app, with a real receiver on this machine
// (the end-to-end server allows local addresses, as development does): an event from the web app reaches it
// through the job queue, signed so the Standard Webhooks library accepts it.

const receiverPort = envValue('E2E_PORT') + 1
type Received = { headers: IncomingHttpHeaders; body: string }

async function shoot(page: Page, name: string) {
  // Screenshots for the docs, when asked for: SCREENSHOTS=1.
  if (!envValue('SCREENSHOTS')) return
  for (const [width, height] of [
    [1440, 900],
    [375, 740],
  ] as const) {
    await page.setViewportSize({ width, height })
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)
    expect(sideways, `${name} scrolls sideways at ${width}px`).toBe(false)
    await page.screenshot({ path: `docs/screenshots/${name}-${width}.png`, fullPage: true })
  }
  await page.setViewportSize({ width: 1280, height: 720 })
}

test('an owner makes an API key and a webhook endpoint; a client added in the app reaches the receiver signed', async ({
  page,
}) => {
  const received: Received[] = []
  const receiver = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => {
      received.push({ headers: req.headers, body })
      res.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => receiver.listen(receiverPort, '127.0.0.1', resolve))
  try {
    const suffix = uniqueSuffix()
    await page.goto('/signup')
    await page.getByLabel('Your name').fill('Olivia Owner')
    await page.getByLabel('Email').fill(`hooks-${suffix}@example.test`)
    await page.getByLabel('Password').fill('a long enough password')
    await page.getByLabel('Practice name').fill(`Northstar Careers ${suffix}`)
    await page.getByRole('button', { name: /create my practice/i }).click()
    await expect(page).toHaveURL(/\/orgs\/northstar-careers-/)
    const slug = new URL(page.url()).pathname.split('/')[2]!

    // An API key, shown once.
    await page.goto(`/orgs/${slug}/settings`)
    await page.getByRole('link', { name: 'API keys' }).click()
    await expect(page.getByText('No keys yet.')).toBeVisible()
    await page.getByLabel('Name').fill('CRM sync')
    await page.getByLabel('Clients and notes: read').check()
    await page.getByLabel('Tasks: write').check()
    await page.getByRole('button', { name: 'Make key' }).click()
    await expect(page.getByLabel('Your new key')).toHaveValue(/^rb_live_/)
    await expectAccessible(page)
    await shoot(page, 'api-keys')

    // A webhook endpoint: empty at first, then one endpoint and its secret, shown once.
    await page.goto(`/orgs/${slug}/settings`)
    await page.getByRole('link', { name: 'Webhooks' }).click()
    await expect(page.getByText(/No endpoints yet/)).toBeVisible()
    await page.getByRole('button', { name: 'Add endpoint' }).click()
    await expect(page.getByText('Enter the address that receives the events')).toBeVisible()
    await page.getByLabel('Address').fill('ftp://example.com/hooks')
    await page.getByLabel(/A client is added/).check()
    await page.getByRole('button', { name: 'Add endpoint' }).click()
    await expect(page.getByText(/starts with https:\/\//)).toBeVisible()
    await page.getByLabel('Address').fill(`http://localhost:${receiverPort}/hooks/rebound`)
    await page.getByLabel('Description (optional)').fill('CRM')
    await page.getByLabel(/A client is added/).check()
    await page.getByLabel(/A client is placed/).check()
    await page.getByRole('button', { name: 'Add endpoint' }).click()
    const secret = await page.getByLabel('Signing secret').inputValue()
    expect(secret).toMatch(/^whsec_/)
    await expectAccessible(page)
    await shoot(page, 'webhooks')

    // A client added in the web app: the job queue delivers client.created, signed.
    await page.goto(`/orgs/${slug}/clients/new`)
    await page.getByLabel('Name').fill('Robin Reed')
    await page.getByLabel('Email').fill(`robin-${suffix}@example.test`)
    await page.getByRole('button', { name: 'Add client' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Robin Reed' })).toBeVisible()
    await expect.poll(() => received.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(1)
    const first = received[0]!
    const event = new Webhook(secret).verify(first.body, {
      'webhook-id': String(first.headers['webhook-id']),
      'webhook-timestamp': String(first.headers['webhook-timestamp']),
      'webhook-signature': String(first.headers['webhook-signature']),
    }) as { type: string; data: { client: { name: string } } }
    expect(event.type).toBe('client.created')
    expect(event.data.client.name).toBe('Robin Reed')

    // The delivery log, a test event, and the same event sent again with its id.
    await page.goto(`/orgs/${slug}/settings/webhooks`)
    await page.getByRole('link', { name: /Deliveries and settings/ }).click()
    await expect(page.getByText('client.created')).toBeVisible()
    await page.getByRole('button', { name: 'Send test event' }).click()
    await expect(page.getByText('Test event delivered')).toBeVisible()
    await expect(page.getByText('webhook.test')).toBeVisible()
    await page.getByRole('button', { name: /Send client.created of .* again/ }).click()
    await expect(page.getByText('Event delivered', { exact: true })).toBeVisible()
    await expect.poll(() => received.at(-1)!.headers['webhook-id']).toBe(first.headers['webhook-id'])
    await expectAccessible(page)
    await shoot(page, 'webhook-endpoint')
  } finally {
    await new Promise<void>((resolve) => receiver.close(() => resolve()))
  }
})
