import { z } from 'zod'
import type { TenantContext } from '~/tenancy.server'

// The practice itself: its settings page. The list of a user's practices lives in the door
// (listUserPractices in app/tenancy.server.ts), since it spans practices.

const timeZones = new Set(Intl.supportedValuesOf('timeZone'))
timeZones.add('UTC')

const intIn = (min: number, max: number, message: string) =>
  z.coerce.number({ error: message }).int(message).min(min, message).max(max, message)

export const PracticeSettingsInput = z.object({
  name: z.string({ error: 'Enter the practice name' }).trim().min(1, 'Enter the practice name').max(100),
  timezone: z
    .string({ error: 'Choose a time zone' })
    .refine((tz) => timeZones.has(tz), 'Choose a time zone from the list'),
  digestDay: intIn(1, 7, 'Choose a day of the week'),
  digestHour: intIn(0, 23, 'Choose an hour between 0 and 23'),
  digestSkipInactive: z.boolean().default(false),
  ghostingThresholdDays: intIn(7, 120, 'Use a number of days between 7 and 120'),
  coachesSeeOwnClientsOnly: z.boolean().default(false),
})
export type PracticeSettings = z.infer<typeof PracticeSettingsInput>

export const timeZoneOptions = [...timeZones].sort()

export function practiceSettingsOf(org: TenantContext['org']): PracticeSettings {
  const { name, timezone, digestDay, digestHour, digestSkipInactive, ghostingThresholdDays, coachesSeeOwnClientsOnly } =
    org
  return { name, timezone, digestDay, digestHour, digestSkipInactive, ghostingThresholdDays, coachesSeeOwnClientsOnly }
}

export async function updatePracticeSettings(t: TenantContext, input: PracticeSettings, ip?: string | null) {
  const before = practiceSettingsOf(t.org)
  const changed = Object.fromEntries(
    Object.entries(input).filter(([key, value]) => before[key as keyof PracticeSettings] !== value),
  )
  if (Object.keys(changed).length === 0) return t.org
  return t.db.$transaction(async (tx) => {
    const org = await tx.organization.update({ where: { id: t.org.id }, data: changed })
    await tx.auditEvent.create({
      data: {
        organizationId: t.org.id,
        actorUserId: t.user.id,
        action: 'practice.settings_changed',
        targetType: 'Organization',
        targetId: t.org.id,
        metadata: {
          changed: Object.keys(changed),
          from: Object.fromEntries(Object.keys(changed).map((k) => [k, before[k as keyof PracticeSettings]])),
          to: changed as Record<string, string | number | boolean>,
        },
        ip: ip ?? null,
      },
    })
    return org
  })
}
