import { createServer, type IncomingHttpHeaders } from 'node:http'
import { expect, test } from '@playwright/test'
import { Webhook } from 'standardwebhooks'
import { envValue } from '../../app/lib/env.server'
import { expectAccessible } from './axe'
import { shootAtBothWidths, signUpPractice, uniqueSuffix } from './helpers'

// API keys and webhooks as an owner sets them up in the built app, with a real receiver on this machine
// (the end-to-end server allows local addresses, as development does): an event from the web app reaches it
// through the job queue, signed so the Standard Webhooks library accepts it.

const receiverPort = envValue('E2E_PORT') + 1
type Received = { headers: IncomingHttpHeaders; body: string }

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
    const { slug } = await signUpPractice(page, {
      name: 'Olivia Owner',
      email: `hooks-${suffix}@example.test`,
      practice: `Northstar Careers ${suffix}`,
      landsOn: /\/orgs\/northstar-careers-/,
    })

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
    await shootAtBothWidths(page, 'api-keys', { onlyWhenShooting: true })

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
    await shootAtBothWidths(page, 'webhooks', { onlyWhenShooting: true })

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
    const deliveries = page.getByRole('region', { name: 'Deliveries' })
    await expect(deliveries.getByText('client.created')).toBeVisible()
    await page.getByRole('button', { name: 'Send test event' }).click()
    await expect(page.getByText('Test event delivered')).toBeVisible()
    await expect(deliveries.getByText('webhook.test')).toBeVisible()
    await page.getByRole('button', { name: /Send client.created of .* again/ }).click()
    await expect(page.getByText('Event delivered', { exact: true })).toBeVisible()
    await expect.poll(() => received.at(-1)!.headers['webhook-id']).toBe(first.headers['webhook-id'])
    await expectAccessible(page)
    await shootAtBothWidths(page, 'webhook-endpoint', { onlyWhenShooting: true })
  } finally {
    await new Promise<void>((resolve) => receiver.close(() => resolve()))
  }
})
