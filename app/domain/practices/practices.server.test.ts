import { expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import { createTenantContext, listUserPractices } from '~/tenancy/scoped-client.server'
import { addMember, createPracticeWithOwner } from '../../../tests/factories'
import { PracticeSettingsInput } from './practices-schema'
import { practiceSettingsOf, updatePracticeSettings } from './practices.server'

const valid = {
  name: 'Northern Lights Coaching',
  timezone: 'Europe/Oslo',
  digestDay: '5',
  digestHour: '17',
  digestSkipInactive: true,
  ghostingThresholdDays: '30',
  coachesSeeOwnClientsOnly: true,
}

test('settings accept a real time zone, a weekday 1-7, an hour 0-23 and a ghosting threshold of 7-120 days', () => {
  expect(PracticeSettingsInput.safeParse(valid).success).toBe(true)
  for (const bad of [
    { timezone: 'Mars/Olympus' },
    { digestDay: '0' },
    { digestDay: '8' },
    { digestHour: '24' },
    { digestHour: '-1' },
    { ghostingThresholdDays: '6' },
    { ghostingThresholdDays: '121' },
    { name: ' ' },
  ]) {
    expect(PracticeSettingsInput.safeParse({ ...valid, ...bad }).success, JSON.stringify(bad)).toBe(false)
  }
})

test('changing the settings saves them and records what changed in the audit log', async () => {
  const { org, owner } = await createPracticeWithOwner(prisma)
  const t = createTenantContext(prisma, { user: owner, org, role: 'OWNER' })
  const input = PracticeSettingsInput.parse(valid)
  await updatePracticeSettings(t, input)
  const saved = await prisma.organization.findUniqueOrThrow({ where: { id: org.id } })
  expect(practiceSettingsOf(saved)).toEqual(input)
  const event = await prisma.auditEvent.findFirstOrThrow({
    where: { organizationId: org.id, action: 'practice.settings_changed' },
  })
  expect(event.actorUserId).toBe(owner.id)
  expect(event.metadata).toMatchObject({ from: { timezone: 'UTC' }, to: { timezone: 'Europe/Oslo' } })
})

test('a user sees every practice they belong to, and only those', async () => {
  const a = await createPracticeWithOwner(prisma)
  const b = await createPracticeWithOwner(prisma)
  await createPracticeWithOwner(prisma)
  await addMember(prisma, b.org.id, a.owner.id, 'COACH')
  const practices = await listUserPractices(a.owner.id)
  expect(practices.map((p) => [p.slug, p.role]).sort()).toEqual(
    [
      [a.org.slug, 'OWNER'],
      [b.org.slug, 'COACH'],
    ].sort(),
  )
})
