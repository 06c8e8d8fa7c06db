import { prisma } from '~/lib/db.server'
import { createTenantContext } from '~/tenancy/scoped-client.server'

// Jobs and scripts act for a practice without a request: as its first owner, who sees every client.

/** The practice's context as its first owner, or null when the practice (or an owner) is gone. */
export async function systemTenantContext(where: { id: string } | { slug: string }) {
  const org = await prisma.organization.findUnique({ where })
  if (!org) return null
  const owner = await prisma.membership.findFirst({
    where: { organizationId: org.id, role: 'OWNER' },
    orderBy: { createdAt: 'asc' },
    include: { user: { select: { id: true, email: true, name: true } } },
  })
  if (!owner) return null
  const { user, ...membership } = owner
  return createTenantContext(prisma, { user, org, role: 'OWNER', membership })
}
