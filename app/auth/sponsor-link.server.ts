import { hashSponsorToken, sponsorReport } from '~/domain/outcomes/sponsor-links.server'
import { prisma } from '~/lib/db.server'
import { systemTenantContext } from '~/tenancy/system-context.server'

// A sponsor's link opens one cohort's aggregate report without an account: the token in the path is
// the credential. Unknown, revoked and expired links all read as "no such page" (null, a 404).

export async function openSponsorLink(token: string, now = new Date()) {
  if (!/^[A-Za-z0-9_-]{32,64}$/.test(token)) return null
  const link = await prisma.sponsorLink.findUnique({ where: { tokenHash: hashSponsorToken(token) } })
  if (!link || link.revokedAt || link.expiresAt <= now) return null
  const t = await systemTenantContext({ id: link.organizationId })
  if (!t) return null
  const report = await sponsorReport(t, link.cohortId, now)
  if (!report) return null
  await prisma.sponsorLink.update({ where: { id: link.id }, data: { lastOpenedAt: now } })
  return report
}
