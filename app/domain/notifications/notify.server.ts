import type { NotificationKind } from '~/generated/prisma/enums'
import { requestNotificationSend } from '~/jobs/queue.server'
import type { TenantDb } from '~/tenancy/scoped-client.server'

// Word between digests, recorded: one Notification row per recipient and event, then a send is asked
// for. The rows are what the email summarises (app/domain/notifications/send.server.ts) and what the
// app shows. Each kind is checked against the recipient's preferences here, when it happens.

type Source = { db: TenantDb; organizationId: string }

const clientPreference: Partial<Record<NotificationKind, 'notifyMessages' | 'notifyTasks'>> = {
  MESSAGE: 'notifyMessages',
  TASK: 'notifyTasks',
}
const coachPreference: Partial<
  Record<NotificationKind, 'notifyClientMessages' | 'notifyRejections' | 'notifyLowMood'>
> = {
  MESSAGE: 'notifyClientMessages',
  REJECTION: 'notifyRejections',
  LOW_MOOD: 'notifyLowMood',
}

/** Up to `max` characters of a message, on one line, for a summary. */
export function excerpt(text: string, max = 280) {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length > max ? `${line.slice(0, max - 1)}…` : line
}

/** What happened, about which client, and where it is seen: the same for every recipient. */
type NoticeArgs = [clientId: string, kind: NotificationKind, summary: string, path: string, now?: Date]

/** One Notification row for each recipient, then a send asked for each. How many were told. */
async function recordNotice(
  s: Source,
  recipientType: 'CLIENT' | 'COACH',
  recipientIds: string[],
  [clientId, kind, summary, path, now = new Date()]: NoticeArgs,
) {
  if (!recipientIds.length) return 0
  await s.db.notification.createMany({
    data: recipientIds.map((recipientId) => ({
      organizationId: s.organizationId,
      clientId,
      recipientType,
      recipientId,
      kind,
      summary,
      path,
      createdAt: now,
    })),
  })
  for (const recipientId of recipientIds)
    requestNotificationSend({ organizationId: s.organizationId, recipientType, recipientId })
  return recipientIds.length
}

/** Tells the client (unless they turned this kind off, or are archived). */
export async function notifyClient(s: Source, ...notice: NoticeArgs) {
  const [clientId, kind] = notice
  const client = await s.db.client.findFirst({
    where: { id: clientId, status: { not: 'ARCHIVED' } },
    select: { id: true, notifyMessages: true, notifyTasks: true },
  })
  const preference = clientPreference[kind]
  if (!client || (preference && !client[preference])) return 0
  return recordNotice(s, 'CLIENT', [clientId], notice)
}

/**
 * Tells the client's coach, or the practice's owners and admins when the client has none, each
 * unless they turned this kind off.
 */
export async function notifyCoaches(s: Source, ...notice: NoticeArgs) {
  const [clientId, kind] = notice
  const client = await s.db.client.findFirst({ where: { id: clientId }, select: { coachId: true } })
  if (!client) return 0
  const members = await s.db.membership.findMany({
    where: client.coachId ? { userId: client.coachId } : { role: { in: ['OWNER', 'ADMIN'] } },
    select: { userId: true },
  })
  const preference = coachPreference[kind]
  const users = await s.db.user.findMany({
    where: { id: { in: members.map((m) => m.userId) } },
    select: { id: true, notifyClientMessages: true, notifyRejections: true, notifyLowMood: true },
  })
  const recipients = users.filter((u) => !preference || u[preference])
  return recordNotice(
    s,
    'COACH',
    recipients.map((u) => u.id),
    notice,
  )
}

/** The coach's latest notifications in the app (their home page), newest first. */
export function listCoachNotifications(s: Source & { userId: string }, take = 8) {
  return s.db.notification.findMany({
    where: { recipientType: 'COACH', recipientId: s.userId },
    orderBy: { createdAt: 'desc' },
    take,
    select: { id: true, kind: true, summary: true, path: true, createdAt: true },
  })
}
