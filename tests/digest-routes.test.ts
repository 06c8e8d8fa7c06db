import { afterEach, describe, expect, test } from 'vitest'
import { unsubscribeToken } from '~/lib/unsubscribe-links.server'
import { runPracticeDigests } from '~/domain/digests/run.server'
import { prisma } from '~/lib/db.server'
import { signSvix } from '~/lib/resend-webhooks.server'
import { action as unsubscribeAction, loader as unsubscribeLoader } from '~/routes/unsubscribe.$token'
import { action as webhookAction } from '~/routes/webhooks.resend'
import { practiceWithClients } from './digest-helpers'
import { createClient, unique } from './factories'

// The public digest routes, called as Remix calls them: one-click unsubscribe without any cookie,
// and Resend's signed webhooks.

const week = '2026-W48'
const now = new Date('2026-11-23T14:00:00Z')
const secret = `whsec_${Buffer.from('a test webhook secret of 32 bytes!').toString('base64')}`

afterEach(() => {
  delete process.env.RESEND_WEBHOOK_SECRET
})

async function callAction<T>(fn: (args: never) => Promise<T>, request: Request, params: Record<string, string> = {}) {
  try {
    return await fn({ request, params, context: {} } as never)
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}

describe('one-click unsubscribe', () => {
  test('a POST without any cookie unsubscribes at once, and the next claim skips the client', async () => {
    const { org, t } = await practiceWithClients(0)
    const client = await createClient(prisma, org.id)
    const token = unsubscribeToken(org.id, client.id)
    const request = new Request(`http://localhost/unsubscribe/${token}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    })
    expect(await callAction(unsubscribeAction, request, { token })).toEqual({ unsubscribed: true })
    expect((await prisma.client.findUniqueOrThrow({ where: { id: client.id } })).digestOptIn).toBe(false)
    await runPracticeDigests(t, week, now)
    const row = await prisma.digestDelivery.findFirstOrThrow({ where: { recipientId: client.id } })
    expect(row).toMatchObject({ status: 'SKIPPED', error: 'Unsubscribed from digests' })
  })

  test('the page opens without unsubscribing, and a forged token is a 404', async () => {
    const { org } = await practiceWithClients(0)
    const client = await createClient(prisma, org.id)
    const token = unsubscribeToken(org.id, client.id)
    const page = await callAction(unsubscribeLoader, new Request(`http://localhost/unsubscribe/${token}`), { token })
    expect(page).toMatchObject({ subscribed: true, practiceName: org.name })
    expect((await prisma.client.findUniqueOrThrow({ where: { id: client.id } })).digestOptIn).toBe(true)
    const other = await createClient(prisma, org.id)
    const forged = token.replace(client.id, other.id)
    const response = await callAction(
      unsubscribeAction,
      new Request(`http://localhost/unsubscribe/${forged}`, { method: 'POST' }),
      { token: forged },
    )
    expect((response as Response).status).toBe(404)
    expect((await prisma.client.findUniqueOrThrow({ where: { id: other.id } })).digestOptIn).toBe(true)
  })
})

function signedWebhook(event: object, options: { id?: string; timestamp?: number; signWith?: string } = {}) {
  const body = JSON.stringify(event)
  const id = options.id ?? `msg_${unique()}`
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000))
  return new Request('http://localhost/webhooks/resend', {
    method: 'POST',
    headers: {
      'svix-id': id,
      'svix-timestamp': timestamp,
      'svix-signature': `v1,${signSvix(options.signWith ?? secret, id, timestamp, body)}`,
    },
    body,
  })
}

describe('POST /webhooks/resend', () => {
  test('without RESEND_WEBHOOK_SECRET the route does not exist', async () => {
    const response = await callAction(webhookAction, signedWebhook({ type: 'email.bounced' }))
    expect((response as Response).status).toBe(404)
  })

  test('a bad signature or a stale timestamp is refused', async () => {
    process.env.RESEND_WEBHOOK_SECRET = secret
    const other = `whsec_${Buffer.from('another secret entirely, 32 bytes').toString('base64')}`
    expect(
      ((await callAction(webhookAction, signedWebhook({ type: 'x' }, { signWith: other }))) as Response).status,
    ).toBe(400)
    const stale = Math.floor(Date.now() / 1000) - 6 * 60
    expect(
      ((await callAction(webhookAction, signedWebhook({ type: 'x' }, { timestamp: stale }))) as Response).status,
    ).toBe(400)
  })

  test('a bounce suppresses the address for every client with it, once, and the client page can show it', async () => {
    process.env.RESEND_WEBHOOK_SECRET = secret
    const { org } = await practiceWithClients(0)
    const client = await createClient(prisma, org.id)
    const event = { type: 'email.bounced', data: { email_id: `em_${unique()}`, to: [client.email.toUpperCase()] } }
    const id = `msg_${unique()}`
    const first = (await callAction(webhookAction, signedWebhook(event, { id }))) as Response
    expect(await first.json()).toEqual({ ok: true, duplicate: false })
    const second = (await callAction(webhookAction, signedWebhook(event, { id }))) as Response
    expect(await second.json()).toEqual({ ok: true, duplicate: true })
    const row = await prisma.client.findUniqueOrThrow({ where: { id: client.id } })
    expect(row.emailSuppression).toBe('bounce')
    expect(row.emailSuppressedAt).not.toBeNull()
    expect(await prisma.emailSuppression.findUnique({ where: { email: client.email } })).toMatchObject({
      reason: 'bounce',
    })
    expect(await prisma.webhookEvent.count({ where: { id } })).toBe(1)
  })
})
