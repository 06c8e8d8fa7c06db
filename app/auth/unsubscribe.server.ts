import { prisma } from '~/lib/db.server'
import { verifyUnsubscribeToken } from '~/lib/unsubscribe-links.server'

// One-click unsubscribe, acted on: reads and writes by the signed ids, so it uses the raw client like auth does.

/** What the unsubscribe page shows before the click, or null for a bad or stale link. */
export async function findUnsubscribeTarget(token: string) {
  const ids = verifyUnsubscribeToken(token)
  if (!ids) return null
  const client = await prisma.client.findFirst({
    where: { id: ids.clientId, organizationId: ids.organizationId },
    select: { digestOptIn: true, organization: { select: { name: true } } },
  })
  return client ? { practiceName: client.organization.name, subscribed: client.digestOptIn } : null
}

/** Stops the client's digests at once. Returns false for a bad or stale link. */
export async function unsubscribeByToken(token: string) {
  const ids = verifyUnsubscribeToken(token)
  if (!ids) return false
  const { count } = await prisma.client.updateMany({
    where: { id: ids.clientId, organizationId: ids.organizationId },
    data: { digestOptIn: false },
  })
  return count === 1
}
