import { render } from '@react-email/render'
import { createElement } from 'react'
import type { DeliveryStatus } from '~/generated/prisma/enums'
import { clientScope, type TenantContext } from '~/tenancy/scoped-client.server'
import ClientDigestEmail from '../../../emails/client-digest'
import { practiceSettingsOf, updatePracticeSettings } from '../practices/practices.server'
import { buildClientDigest } from './content.server'
import { clientDigestLinks } from './render.server'
import { isoWeekOf } from '~/lib/weeks'
import { digestDueAt, dueDigestWeek, firstDigestWeek } from './weeks'
import { InputError } from '~/lib/input-error'

// The digests page: this week's status per client, past weeks, notes, previews and the schedule.

export const digestsPageSize = 50

export async function loadDigestsPage(t: TenantContext, page = 1, now = new Date()) {
  const isoWeek = isoWeekOf(now, t.org.timezone)
  const scope = clientScope(t)
  const [clients, total, counts, history] = await Promise.all([
    t.db.client.findMany({
      where: scope,
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      skip: (page - 1) * digestsPageSize,
      take: digestsPageSize,
      select: { id: true, name: true, email: true, status: true, digestOptIn: true, emailSuppressedAt: true },
    }),
    t.db.client.count({ where: scope }),
    t.db.digestDelivery.groupBy({ by: ['status'], where: { isoWeek }, _count: true }),
    t.db.digestDelivery.groupBy({
      by: ['isoWeek', 'status'],
      where: { isoWeek: { lt: isoWeek } },
      _count: true,
      orderBy: { isoWeek: 'desc' },
      take: 4 * 12,
    }),
  ])
  const ids = clients.map((c) => c.id)
  const [deliveries, notes] = await Promise.all([
    t.db.digestDelivery.findMany({
      where: { isoWeek, recipientType: 'CLIENT', recipientId: { in: ids } },
      select: { recipientId: true, status: true, error: true, sentAt: true, providerMessageId: true },
    }),
    t.db.digestNote.findMany({ where: { isoWeek, clientId: { in: ids } }, select: { clientId: true, body: true } }),
  ])
  const deliveryBy = new Map(deliveries.map((d) => [d.recipientId, d]))
  const noteBy = new Map(notes.map((n) => [n.clientId, n.body]))
  const weeks = new Map<string, Partial<Record<DeliveryStatus, number>>>()
  for (const row of history) weeks.set(row.isoWeek, { ...weeks.get(row.isoWeek), [row.status]: row._count })
  return {
    isoWeek,
    dueAt: digestDueAt(t.org, isoWeek),
    isDue: dueDigestWeek(t.org, now) === isoWeek,
    startedAt: t.org.digestsStartedAt,
    firstWeek: t.org.digestsStartedAt ? firstDigestWeek({ ...t.org, digestsStartedAt: t.org.digestsStartedAt }) : null,
    schedule: {
      digestDay: t.org.digestDay,
      digestHour: t.org.digestHour,
      digestSkipInactive: t.org.digestSkipInactive,
      timezone: t.org.timezone,
    },
    counts: Object.fromEntries(counts.map((c) => [c.status, c._count])) as Partial<Record<DeliveryStatus, number>>,
    clients: clients.map((c) => ({ ...c, delivery: deliveryBy.get(c.id) ?? null, note: noteBy.get(c.id) ?? '' })),
    total,
    page,
    pageSize: digestsPageSize,
    history: [...weeks.entries()].map(([week, byStatus]) => ({ isoWeek: week, ...byStatus })),
  }
}

/** The client's digest of this week as it would look now (the real one carries a fresh sign-in link). */
export async function previewClientDigest(t: TenantContext, clientId: string, now = new Date()) {
  const isoWeek = isoWeekOf(now, t.org.timezone)
  const content = await buildClientDigest(t, clientId, isoWeek, now)
  if (!content) return null
  const html = await render(
    createElement(ClientDigestEmail, { ...content, ...clientDigestLinks(t.org.id, clientId, null) }),
  )
  return { html, quiet: content.quiet, skippedIfQuiet: t.org.digestSkipInactive }
}

/** Saves the coach's note for the client's digest of this week; an empty note removes it. */
export async function saveDigestNote(t: TenantContext, clientId: string, body: string, now = new Date()) {
  const client = await t.db.client.findFirst({ where: { id: clientId }, select: { id: true } })
  if (!client) return null
  const isoWeek = isoWeekOf(now, t.org.timezone)
  if (!body) {
    await t.db.digestNote.deleteMany({ where: { clientId, isoWeek } })
    return { isoWeek, body }
  }
  const existing = await t.db.digestNote.findFirst({ where: { clientId, isoWeek }, select: { id: true } })
  if (existing) await t.db.digestNote.update({ where: { id: existing.id }, data: { body, authorId: t.user.id } })
  else
    await t.db.digestNote.create({ data: { organizationId: t.org.id, clientId, isoWeek, body, authorId: t.user.id } })
  return { isoWeek, body }
}

/** The practice's digest day, hour and quiet-week setting, through the practice settings update (audited). */
export function updateDigestSchedule(
  t: TenantContext,
  input: { digestDay: number; digestHour: number; digestSkipInactive: boolean },
  ip?: string | null,
) {
  const { digestDay, digestHour, digestSkipInactive } = input
  return updatePracticeSettings(t, { ...practiceSettingsOf(t.org), digestDay, digestHour, digestSkipInactive }, ip)
}

const scheduleChangedMessage =
  'The schedule changed since this page was opened. Check it, preview a digest again, then start.'

/**
 * Starts the weekly digests on the schedule the owner saw beside a preview. The first digests go
 * out at the next digest hour after now: no week whose hour has passed is caught up.
 */
export async function startDigests(
  t: TenantContext,
  seen: { digestDay: number; digestHour: number; previewedClientId: string },
  ip?: string | null,
  now = new Date(),
) {
  if (t.org.digestsStartedAt) return t.org
  if (seen.digestDay !== t.org.digestDay || seen.digestHour !== t.org.digestHour)
    throw new InputError(null, scheduleChangedMessage)
  const previewed = await t.db.client.findFirst({ where: { id: seen.previewedClientId }, select: { id: true } })
  if (!previewed) throw new InputError(null, scheduleChangedMessage)
  return t.db.$transaction(async (tx) => {
    const org = await tx.organization.update({ where: { id: t.org.id }, data: { digestsStartedAt: now } })
    await tx.auditEvent.create({
      data: {
        organizationId: t.org.id,
        actorUserId: t.user.id,
        action: 'practice.digests_started',
        targetType: 'Organization',
        targetId: t.org.id,
        metadata: { digestDay: seen.digestDay, digestHour: seen.digestHour, timezone: t.org.timezone },
        ip: ip ?? null,
      },
    })
    return org
  })
}
