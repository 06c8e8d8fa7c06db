import { describe, expect, test } from 'vitest'
import { findDigestPreferences, updateDigestPreferences } from '~/domain/clients/client-preferences.server'
import { prisma } from '~/lib/db.server'
import { createClient } from '../../../tests/factories'
import { createPortalClient } from '../../../tests/portal-helpers'

describe('digest preferences', () => {
  test('a client turns the digest off and sets their timezone', async () => {
    const { p, client } = await createPortalClient()
    await updateDigestPreferences(p, { timezone: 'Europe/Lisbon' })
    expect(await prisma.client.findUniqueOrThrow({ where: { id: client.id } })).toMatchObject({
      digestOptIn: false,
      timezone: 'Europe/Lisbon',
    })
    await updateDigestPreferences(p, { digestOptIn: 'on', timezone: 'Europe/Lisbon' })
    expect(await findDigestPreferences(p)).toEqual({
      digestOptIn: true,
      timezone: 'Europe/Lisbon',
      notifyMessages: true,
      notifyTasks: true,
    })
  })

  test.each(['Mars/Olympus_Mons', '', 'Europe/Lisbon; DROP TABLE'])(
    'the timezone %j is refused and nothing changes',
    async (timezone) => {
      const { p, client } = await createPortalClient({ client: { timezone: 'UTC', digestOptIn: true } })
      await expect(updateDigestPreferences(p, { timezone })).rejects.toMatchObject({ field: 'timezone' })
      expect(await prisma.client.findUniqueOrThrow({ where: { id: client.id } })).toMatchObject({
        timezone: 'UTC',
        digestOptIn: true,
      })
    },
  )

  test('only the client’s own row changes', async () => {
    const { p, org } = await createPortalClient()
    const other = await createClient(prisma, org.id, { timezone: 'UTC' })
    await updateDigestPreferences(p, { timezone: 'Asia/Tokyo' })
    expect(await prisma.client.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({
      timezone: 'UTC',
      digestOptIn: true,
    })
  })
})
