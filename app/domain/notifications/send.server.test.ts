import { describe, expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import { clientSpeaker, coachSpeaker, postMessage } from '../conversations/messages.server'
import { assignTask } from '../tasks/tasks.server'
import { recordCheckIn } from '../clients/checkins.server'
import { createPortalClient } from '../../../tests/portal-helpers'
import { sendNotifications } from './send.server'

// Word between digests: gathered into one email per recipient, at most one every 15 minutes, sent
// once however many workers race for it, and never to an unsubscribed or suppressed address.

const t0 = new Date('2026-12-01T10:00:00Z')
const later = (ms: number) => new Date(t0.getTime() + ms)

async function setup(client: NonNullable<Parameters<typeof createPortalClient>[0]>['client'] = {}) {
  const portal = await createPortalClient({ client })
  const owner = await prisma.user.findFirstOrThrow({ where: { id: portal.owner.id } })
  const t = createTenantContext(prisma, { user: owner, org: portal.org, role: 'OWNER' })
  return { ...portal, t }
}

const emailsTo = (to: string) => prisma.outboundEmail.findMany({ where: { to }, orderBy: { createdAt: 'asc' } })
const toClient = (clientId: string) => ({ recipientType: 'CLIENT' as const, recipientId: clientId })

describe('word between digests', () => {
  test('a message and a task assigned moments later arrive in one email with both', async () => {
    const { t, client } = await setup()
    await postMessage(coachSpeaker(t), client.id, null, 'Nice work on the screen', t0)
    await assignTask(
      t,
      {
        clientIds: [client.id],
        type: 'MOCK_INTERVIEW',
        title: 'Mock interview',
        instructions: '',
        dueOn: '2026-12-04',
        applicationId: null,
        insightId: null,
        message: 'Let us practise before Friday',
      },
      later(5_000),
    )
    expect((await sendNotifications(t, toClient(client.id), later(60_000)))?.status).toBe('SENT')
    const emails = await emailsTo(client.email)
    expect(emails).toHaveLength(1)
    expect(emails[0]!.text).toContain('Nice work on the screen')
    expect(emails[0]!.text).toContain('Mock interview')
    expect(emails[0]!.text).toContain('Let us practise before Friday')
    expect(emails[0]!.headers).toMatchObject({ 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' })
  })

  test('two workers racing send one email; a second within 15 minutes waits for the window', async () => {
    const { t, client } = await setup()
    await postMessage(coachSpeaker(t), client.id, null, 'One', t0)
    const results = await Promise.all(
      Array.from({ length: 4 }, () => sendNotifications(t, toClient(client.id), later(60_000))),
    )
    expect(results.filter((r) => r?.status === 'SENT')).toHaveLength(1)
    await postMessage(coachSpeaker(t), client.id, null, 'Two', later(120_000))
    expect(await sendNotifications(t, toClient(client.id), later(5 * 60_000))).toBeNull()
    expect(await emailsTo(client.email)).toHaveLength(1)
    expect((await sendNotifications(t, toClient(client.id), later(16 * 60_000)))?.status).toBe('SENT')
    const emails = await emailsTo(client.email)
    expect(emails).toHaveLength(2)
    expect(emails[1]!.text).toContain('Two')
    expect(emails[1]!.text).not.toContain('One')
  })

  test('nothing goes to an unsubscribed client or a suppressed address', async () => {
    const unsubscribed = await setup({ digestOptIn: false })
    await postMessage(coachSpeaker(unsubscribed.t), unsubscribed.client.id, null, 'Hi', t0)
    const a = await sendNotifications(unsubscribed.t, toClient(unsubscribed.client.id), later(60_000))
    expect(a).toMatchObject({ status: 'SKIPPED' })
    expect(await emailsTo(unsubscribed.client.email)).toHaveLength(0)

    const suppressed = await setup()
    await prisma.emailSuppression.create({ data: { email: suppressed.client.email, reason: 'bounce' } })
    await postMessage(coachSpeaker(suppressed.t), suppressed.client.id, null, 'Hi', t0)
    const b = await sendNotifications(suppressed.t, toClient(suppressed.client.id), later(60_000))
    expect(b).toMatchObject({ status: 'SKIPPED' })
    expect(await emailsTo(suppressed.client.email)).toHaveLength(0)
  })

  test('a client who turned messages off hears nothing about them', async () => {
    const { t, client } = await setup({ notifyMessages: false })
    await postMessage(coachSpeaker(t), client.id, null, 'Hi', t0)
    expect(await prisma.notification.count({ where: { clientId: client.id } })).toBe(0)
  })

  test('the coach hears when the client writes and when their mood is 2 or less', async () => {
    const { t, p, client, owner } = await setup()
    await postMessage(clientSpeaker(p), client.id, null, 'I am struggling', t0)
    await recordCheckIn(p, { mood: 2, energy: 3, confidence: 3, note: '' }, later(1000))
    const result = await sendNotifications(t, { recipientType: 'COACH', recipientId: owner.id }, later(60_000))
    expect(result?.status).toBe('SENT')
    const [email] = await emailsTo(owner.email)
    expect(email!.text).toContain('I am struggling')
    expect(email!.text).toContain('mood 2 of 5')
    // A coach email carries no sign-in link of any client.
    expect(email!.text).not.toMatch(/\/invite\//)
  })
})

describe('a coach’s email between digests', () => {
  test('carries a one-click unsubscribe that turns the coach’s emails off; a forged link changes nothing', async () => {
    const { t, p, client, owner } = await setup()
    await postMessage(clientSpeaker(p), client.id, null, 'Can we talk?', t0)
    expect((await sendNotifications(t, { recipientType: 'COACH', recipientId: owner.id }, later(60_000)))?.status).toBe(
      'SENT',
    )
    const [email] = await emailsTo(owner.email)
    const header = (email!.headers as Record<string, string>)['List-Unsubscribe']!
    expect(email!.headers).toMatchObject({ 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' })
    const token = /\/unsubscribe\/([^>]+)>/.exec(header)![1]!
    expect(email!.text).toContain(`/unsubscribe/${token}`)
    const { findUnsubscribeTarget, unsubscribeByToken } = await import('~/auth/unsubscribe.server')
    expect(await findUnsubscribeTarget(token)).toEqual({ audience: 'coach', practiceName: null, subscribed: true })
    // A forged signature changes nothing.
    expect(await unsubscribeByToken(`${token.slice(0, -2)}xx`)).toBe(false)
    expect(await unsubscribeByToken(token)).toBe(true)
    expect(await prisma.user.findUniqueOrThrow({ where: { id: owner.id } })).toMatchObject({
      notifyClientMessages: false,
      notifyRejections: false,
      notifyLowMood: false,
    })
    // Nothing more is gathered for them.
    await postMessage(clientSpeaker(p), client.id, null, 'Hello again', later(120_000))
    expect(await prisma.notification.count({ where: { recipientId: owner.id, batchId: null } })).toBe(0)
  })
})
