import { afterEach, describe, expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import { practiceWithClients } from '../../../tests/digest-helpers'
import { createApplicationWithHistory, createClient, createTask } from '../../../tests/factories'
import { buildClientDigest } from './content.server'
import { runPracticeDigests, sendDigestNow } from './run.server'
import { saveDigestNote } from './status.server'

const week = '2026-W48'
const now = new Date('2026-11-23T14:00:00Z')
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000)

afterEach(() => {
  delete process.env.RESEND_API_KEY
})

describe('what a client digest says', () => {
  test('the week against the goal, stage moves, interviews ahead, rejections reframed, tasks and the coach’s note', async () => {
    const { org, t } = await practiceWithClients(0)
    const client = await createClient(prisma, org.id, { name: 'Jordan Lee', weeklyGoal: 5, timezone: 'Europe/Berlin' })
    await createApplicationWithHistory(prisma, org.id, client.id, {
      company: 'Brightline',
      path: [
        { stage: 'APPLIED', at: daysAgo(20) },
        { stage: 'SCREEN', at: daysAgo(10) },
        { stage: 'INTERVIEW', at: daysAgo(2) },
      ],
    })
    await createApplicationWithHistory(prisma, org.id, client.id, {
      company: 'Acme',
      path: [
        { stage: 'APPLIED', at: daysAgo(30) },
        { stage: 'FINAL', at: daysAgo(9) },
        { stage: 'FINAL', outcome: 'REJECTED', at: daysAgo(1) },
      ],
      rejection: { reason: 'POSITION_FILLED' },
    })
    await createApplicationWithHistory(prisma, org.id, client.id, {
      company: 'Fresh Co',
      path: [{ stage: 'APPLIED', at: daysAgo(3) }],
    })
    await createTask(prisma, org.id, client.id, { title: 'Ask Acme for feedback', dueOn: new Date('2026-11-20') })
    await createTask(prisma, org.id, client.id, { title: 'Mock interview prep', dueOn: new Date('2026-11-26') })
    await saveDigestNote(t, client.id, 'Proud of this week. Thursday we prepare for Brightline.', now)

    const digest = (await buildClientDigest(t, client.id, week, now))!
    // Built on the client's Monday: the whole week that just ended.
    expect(digest).toMatchObject({ quiet: false, goal: 5, appliedThisWeek: 1, weekLabel: 'Nov 16 – Nov 22, 2026' })
    expect(digest.stageMoves).toEqual([
      { company: 'Brightline', roleTitle: 'Product Analyst', detail: 'moved to Interview' },
    ])
    expect(digest.upcoming.map((u) => u.company)).toEqual(['Brightline'])
    expect(digest.rejectionGroups).toEqual([
      { title: 'After the final round', count: 1, items: [expect.objectContaining({ company: 'Acme' })], more: 0 },
    ])
    expect(digest.reframe!.message).toContain('You reached the final round')
    expect(digest.reframe!.ask).toContain('Worth asking Acme')
    expect(digest.overdueTasks.map((x) => x.title)).toEqual(['Ask Acme for feedback'])
    expect(digest.dueTasks.map((x) => x.title)).toEqual(['Mock interview prep'])
    expect(digest.note).toBe('Proud of this week. Thursday we prepare for Brightline.')
  })

  test('a week with no activity, no tasks and no note is a short nudge, never an empty email', async () => {
    const { org, t } = await practiceWithClients(0)
    const client = await createClient(prisma, org.id, { createdAt: daysAgo(30) })
    await runPracticeDigests(t, week, now)
    const email = await prisma.outboundEmail.findFirstOrThrow({ where: { organizationId: org.id, to: client.email } })
    expect(email.subject).toContain('a quiet week is fine')
    expect(email.text).toContain('One small step keeps things moving')
    expect(email.text).toMatch(/\/invite\/[a-z2-7]{32}/)
  })

  test('when the practice skips quiet weeks, a quiet client is SKIPPED with the reason and gets nothing', async () => {
    const { org, t } = await practiceWithClients(0, { digestSkipInactive: true })
    const quiet = await createClient(prisma, org.id, { createdAt: daysAgo(30) })
    const busy = await createClient(prisma, org.id, { createdAt: daysAgo(30) })
    await createApplicationWithHistory(prisma, org.id, busy.id, { path: [{ stage: 'APPLIED', at: daysAgo(1) }] })
    await runPracticeDigests(t, week, now)
    const rows = await prisma.digestDelivery.findMany({ where: { organizationId: org.id, recipientType: 'CLIENT' } })
    expect(rows.find((r) => r.recipientId === quiet.id)).toMatchObject({
      status: 'SKIPPED',
      error: expect.stringContaining('No activity'),
    })
    expect(rows.find((r) => r.recipientId === busy.id)).toMatchObject({ status: 'SENT' })
    expect(await prisma.outboundEmail.count({ where: { organizationId: org.id, to: quiet.email } })).toBe(0)
  })

  test('paused, archived, unsubscribed and suppressed clients are skipped with a reason', async () => {
    const { org, t } = await practiceWithClients(0)
    const paused = await createClient(prisma, org.id, { status: 'PAUSED' })
    const archived = await createClient(prisma, org.id, { status: 'ARCHIVED' })
    const optedOut = await createClient(prisma, org.id, { digestOptIn: false })
    const bounced = await createClient(prisma, org.id)
    await prisma.emailSuppression.create({ data: { email: bounced.email, reason: 'bounce' } })
    await runPracticeDigests(t, week, now)
    const reasons = Object.fromEntries(
      (await prisma.digestDelivery.findMany({ where: { organizationId: org.id, recipientType: 'CLIENT' } })).map(
        (r) => [r.recipientId, [r.status, r.error]],
      ),
    )
    expect(reasons[paused.id]).toEqual(['SKIPPED', 'Client is paused'])
    expect(reasons[archived.id]).toEqual(['SKIPPED', 'Client is archived'])
    expect(reasons[optedOut.id]).toEqual(['SKIPPED', 'Unsubscribed from digests'])
    expect(reasons[bounced.id]).toEqual(['SKIPPED', 'Email address suppressed (bounce)'])
  })
})

describe('send now', () => {
  test('sends through the same claim row, at most once a week, and the weekly run does not send it again', async () => {
    const { org, t } = await practiceWithClients(0)
    const client = await createClient(prisma, org.id)
    const first = await sendDigestNow(t, client.id, now)
    expect(first).toEqual({ status: 'outbox', isoWeek: week })
    expect(await sendDigestNow(t, client.id, now)).toMatchObject({ status: 'already' })
    await runPracticeDigests(t, week, now)
    expect(await prisma.outboundEmail.count({ where: { organizationId: org.id, to: client.email } })).toBe(1)
    const row = await prisma.digestDelivery.findFirstOrThrow({
      where: { organizationId: org.id, recipientId: client.id },
    })
    expect(row.status).toBe('SENT')
  })

  test('an unsubscribed client is not sent one', async () => {
    const { org, t } = await practiceWithClients(0)
    const client = await createClient(prisma, org.id, { digestOptIn: false })
    expect(await sendDigestNow(t, client.id, now)).toMatchObject({
      status: 'skipped',
      reason: 'Unsubscribed from digests',
    })
  })
})
