import { requestRetentionRun } from '~/jobs/queue.server'
import { PracticeSettingsInput, type PracticeSettings } from './practices-schema'
import type { TenantContext } from '~/tenancy/scoped-client.server'

// The practice itself: its settings page. The list of a user's practices lives in the door
// (listUserPractices in app/tenancy.server.ts), since it spans practices.

/** The settings the form edits, read from the practice (in the form's order). */
export function practiceSettingsOf(org: TenantContext['org']): PracticeSettings {
  const keys = PracticeSettingsInput.keyof().options
  return Object.fromEntries(keys.map((key) => [key, org[key]])) as PracticeSettings
}

export async function updatePracticeSettings(t: TenantContext, input: PracticeSettings, ip?: string | null) {
  const before = practiceSettingsOf(t.org)
  const changed = Object.fromEntries(
    Object.entries(input).filter(([key, value]) => before[key as keyof PracticeSettings] !== value),
  )
  if (Object.keys(changed).length === 0) return t.org
  return t.db
    .$transaction(async (tx) => {
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
    .then((org) => {
      if (org.archivedClientRetentionMonths && 'archivedClientRetentionMonths' in changed) requestRetentionRun(org.id)
      return org
    })
}
