import { describe, expect, test } from 'vitest'
import { findCheckInForWeek, listCheckIns, recordCheckIn } from '~/domain/clients/checkins.server'
import { prisma } from '~/lib/db.server'
import { createCheckIn, createClient } from '../../../tests/factories'
import { createPortalClient } from '../../../tests/portal-helpers'

const monday = new Date('2026-03-02T09:00:00Z')
const day = 24 * 3600_000
const good = { mood: '4', energy: '3', confidence: '5', note: 'Two interviews booked.' }

describe('weekly check-ins', () => {
  test('a check-in is stored for the Monday of the client’s week', async () => {
    const { p, client } = await createPortalClient()
    const checkIn = await recordCheckIn(p, good, new Date(monday.getTime() + 2 * day))
    expect(checkIn).toMatchObject({
      clientId: client.id,
      mood: 4,
      energy: 3,
      confidence: 5,
      note: 'Two interviews booked.',
    })
    expect(checkIn.weekOf.toISOString().slice(0, 10)).toBe('2026-03-02')
  })

  test('the week is the client’s: late Sunday in Los Angeles is still the week before', async () => {
    const { p } = await createPortalClient({ client: { timezone: 'America/Los_Angeles' } })
    // Monday 02:00 UTC is Sunday 18:00 in Los Angeles
    const checkIn = await recordCheckIn(p, good, new Date('2026-03-02T02:00:00Z'))
    expect(checkIn.weekOf.toISOString().slice(0, 10)).toBe('2026-02-23')
  })

  test('a second check-in in the same week updates the first', async () => {
    const { p, client } = await createPortalClient()
    await recordCheckIn(p, good, monday)
    await recordCheckIn(p, { mood: '2', energy: '2', confidence: '2' }, new Date(monday.getTime() + 4 * day))
    const rows = await prisma.checkIn.findMany({ where: { clientId: client.id } })
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ mood: 2, energy: 2, confidence: 2, note: null })
    await recordCheckIn(p, good, new Date(monday.getTime() + 7 * day))
    expect(await prisma.checkIn.count({ where: { clientId: client.id } })).toBe(2)
  })

  test.each([
    ['mood', { ...good, mood: '0' }],
    ['energy', { ...good, energy: '6' }],
    ['confidence', { ...good, confidence: '2.5' }],
    ['mood', { ...good, mood: 'great' }],
    ['note', { ...good, note: 'x'.repeat(2001) }],
  ])('a bad %s is refused on that field and nothing is stored', async (field, input) => {
    const { p, client } = await createPortalClient()
    await expect(recordCheckIn(p, input, monday)).rejects.toMatchObject({ name: 'InputError', field })
    expect(await prisma.checkIn.count({ where: { clientId: client.id } })).toBe(0)
  })

  test('a client lists and finds only their own check-ins, newest week first', async () => {
    const { p, org } = await createPortalClient()
    await recordCheckIn(p, good, monday)
    await recordCheckIn(p, { ...good, mood: '1' }, new Date(monday.getTime() + 7 * day))
    const other = await createClient(prisma, org.id)
    await createCheckIn(prisma, org.id, other.id, { weekOf: new Date('2026-03-09T00:00:00Z'), mood: 5 })
    const list = await listCheckIns(p, { take: 10 })
    expect(list.map((c) => c.mood)).toEqual([1, 4])
    expect((await findCheckInForWeek(p, new Date(monday.getTime() + 8 * day)))?.mood).toBe(1)
    expect(await findCheckInForWeek(p, new Date(monday.getTime() + 14 * day))).toBeNull()
  })
})
