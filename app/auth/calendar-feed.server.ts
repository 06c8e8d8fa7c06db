import { prisma } from '~/lib/db.server'
import { createPortalDb, createTenantContext } from '~/tenancy/scoped-client.server'
import { buildClientCalendar, buildCoachCalendar } from '~/domain/calendar/calendar.server'
import { hashFeedToken } from '~/domain/calendar/feeds.server'

// A calendar subscription URL opens one client's or one coach's calendar without a cookie: the token
// is the credential. It is looked up by its hash; revoked, unknown, an archived client or a coach who
// left the practice all read as "no such calendar" (null, a 404 to the route).

export async function openCalendarFeed(token: string, appUrl: string, now = new Date()) {
  if (!/^[A-Za-z0-9_-]{32,64}$/.test(token)) return null
  const feed = await prisma.calendarFeed.findUnique({
    where: { tokenHash: hashFeedToken(token) },
    include: { organization: true },
  })
  if (!feed || feed.revokedAt) return null
  if (feed.clientId) {
    const client = await prisma.client.findFirst({
      where: { id: feed.clientId, organizationId: feed.organizationId, status: { not: 'ARCHIVED' } },
      select: { id: true, timezone: true },
    })
    if (!client) return null
    const db = createPortalDb(prisma, feed.organizationId, client.id)
    const pipeline = {
      db,
      organizationId: feed.organizationId,
      clientId: client.id,
      timezone: client.timezone,
      actor: { type: 'CLIENT' as const },
    }
    return buildClientCalendar(pipeline, appUrl, now)
  }
  if (!feed.userId) return null
  const membership = await prisma.membership.findFirst({
    where: { organizationId: feed.organizationId, userId: feed.userId },
    include: { user: { select: { id: true, email: true, name: true } } },
  })
  if (!membership) return null
  const { user, ...rest } = membership
  const t = createTenantContext(prisma, { user, org: feed.organization, role: membership.role, membership: rest })
  return buildCoachCalendar(t, appUrl, now)
}
