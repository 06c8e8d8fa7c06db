import { prisma } from '~/lib/db.server'
import { verifyCoachUnsubscribeToken, verifyUnsubscribeToken } from '~/lib/unsubscribe-links.server'

// One-click unsubscribe, acted on: reads and writes by the signed ids, so it uses the raw client like auth does.
// A client's link stops their digest and every email of the practice; a coach's link stops the emails
// between digests (their three choices in account settings).

export type UnsubscribeTarget = { audience: 'client' | 'coach'; practiceName: string | null; subscribed: boolean }

/** What the unsubscribe page shows before the click, or null for a bad or stale link. */
export async function findUnsubscribeTarget(token: string): Promise<UnsubscribeTarget | null> {
  const coach = verifyCoachUnsubscribeToken(token)
  if (coach) {
    const user = await prisma.user.findUnique({
      where: { id: coach.userId },
      select: { notifyClientMessages: true, notifyRejections: true, notifyLowMood: true },
    })
    if (!user) return null
    const subscribed = user.notifyClientMessages || user.notifyRejections || user.notifyLowMood
    return { audience: 'coach', practiceName: null, subscribed }
  }
  const ids = verifyUnsubscribeToken(token)
  if (!ids) return null
  const client = await prisma.client.findFirst({
    where: { id: ids.clientId, organizationId: ids.organizationId },
    select: { digestOptIn: true, organization: { select: { name: true } } },
  })
  return client ? { audience: 'client', practiceName: client.organization.name, subscribed: client.digestOptIn } : null
}

/** Stops the emails at once. Returns false for a bad or stale link. */
export async function unsubscribeByToken(token: string) {
  const coach = verifyCoachUnsubscribeToken(token)
  if (coach) {
    const { count } = await prisma.user.updateMany({
      where: { id: coach.userId },
      data: { notifyClientMessages: false, notifyRejections: false, notifyLowMood: false },
    })
    return count === 1
  }
  const ids = verifyUnsubscribeToken(token)
  if (!ids) return false
  const { count } = await prisma.client.updateMany({
    where: { id: ids.clientId, organizationId: ids.organizationId },
    data: { digestOptIn: false },
  })
  return count === 1
}
