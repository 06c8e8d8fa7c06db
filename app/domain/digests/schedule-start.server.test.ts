import { describe, expect, test } from 'vitest'
import { listPracticesOwingDigests } from '~/jobs/digests.server'
import { prisma } from '~/lib/db.server'
import { practiceWithClients } from '../../../tests/digest-helpers'
import { createClient } from '../../../tests/factories'
import { emptyPracticeSkipReason, newClientSkipReason } from './claims.server'
import { runPracticeDigests } from './run.server'
import { startDigests } from './status.server'
import { InputError } from '~/lib/input-error'

// A practice emails nobody until an owner has started its digests, a new client waits for a
// full week, and nothing is caught up from before the practice or the client existed.

const owes = async (organizationId: string, at: string) =>
  (await listPracticesOwingDigests(new Date(at))).some((p) => p.organizationId === organizationId)

describe('when digests start', () => {
  test('a new practice is owed nothing, whatever the hour, until an owner starts its digests', async () => {
    const { org } = await practiceWithClients(2, { digestsStartedAt: null, digestDay: 1, digestHour: 8 })
    expect(await owes(org.id, '2026-11-23T09:00:00Z')).toBe(false)
    expect(await owes(org.id, '2026-11-26T09:00:00Z')).toBe(false)
  })

  test('started on a Tuesday, the Monday digest of that week is never caught up; the next Monday is due', async () => {
    const { org, t } = await practiceWithClients(2, { digestsStartedAt: null, digestDay: 1, digestHour: 8 })
    const client = await prisma.client.findFirstOrThrow({ where: { organizationId: org.id } })
    await startDigests(
      t,
      { digestDay: 1, digestHour: 8, previewedClientId: client.id },
      null,
      new Date('2026-11-24T15:00:00Z'),
    )
    expect(await owes(org.id, '2026-11-24T16:00:00Z')).toBe(false)
    expect(await owes(org.id, '2026-11-29T23:00:00Z')).toBe(false)
    expect(await owes(org.id, '2026-11-30T08:30:00Z')).toBe(true)
    const audit = await prisma.auditEvent.findFirst({
      where: { organizationId: org.id, action: 'practice.digests_started' },
    })
    expect(audit?.metadata).toMatchObject({ digestDay: 1, digestHour: 8 })
  })

  test('a start that names another day or hour than the saved schedule is refused and changes nothing', async () => {
    const { org, t } = await practiceWithClients(1, { digestsStartedAt: null, digestDay: 1, digestHour: 8 })
    const client = await prisma.client.findFirstOrThrow({ where: { organizationId: org.id } })
    await expect(startDigests(t, { digestDay: 2, digestHour: 8, previewedClientId: client.id })).rejects.toBeInstanceOf(
      InputError,
    )
    await expect(startDigests(t, { digestDay: 1, digestHour: 8, previewedClientId: 'nope' })).rejects.toBeInstanceOf(
      InputError,
    )
    const after = await prisma.organization.findUniqueOrThrow({ where: { id: org.id } })
    expect(after.digestsStartedAt).toBeNull()
  })
})

describe('who gets a digest in their first weeks', () => {
  test('a client added during the week before gets no digest until their first full week is over', async () => {
    const { org, t } = await practiceWithClients(1)
    // 2026-W48 runs Monday Nov 23 to Sunday Nov 29 (UTC practice); the digest of W49 reports on W48.
    const added = await createClient(prisma, org.id, { createdAt: new Date('2026-11-24T10:00:00Z') })
    await runPracticeDigests(t, '2026-W49', new Date('2026-11-30T08:00:00Z'))
    const row = await prisma.digestDelivery.findFirstOrThrow({ where: { recipientId: added.id, isoWeek: '2026-W49' } })
    expect(row).toMatchObject({ status: 'SKIPPED', error: newClientSkipReason })
    expect(await prisma.outboundEmail.count({ where: { organizationId: org.id, to: added.email } })).toBe(0)

    await runPracticeDigests(t, '2026-W50', new Date('2026-12-07T08:00:00Z'))
    const next = await prisma.digestDelivery.findFirstOrThrow({ where: { recipientId: added.id, isoWeek: '2026-W50' } })
    expect(next.status).toBe('SENT')
  })

  test('a practice with no active client sends its coaches no digest', async () => {
    const { org, owner, t } = await practiceWithClients(0)
    await runPracticeDigests(t, '2026-W49', new Date('2026-11-30T08:00:00Z'))
    const row = await prisma.digestDelivery.findFirstOrThrow({
      where: { organizationId: org.id, recipientId: owner.id },
    })
    expect(row).toMatchObject({ status: 'SKIPPED', error: emptyPracticeSkipReason })
    expect(await prisma.outboundEmail.count({ where: { organizationId: org.id } })).toBe(0)
  })
})
