import { describe, expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import { demoPatternClients, seedDemo } from '../../../prisma/seed-demo'
import { unique } from '../../../tests/factories'
import { computeInsights } from './compute.server'
import { insightKinds } from './kinds'

describe('the demo practice', () => {
  test('shows every kind of insight for the client crafted for it', async () => {
    const now = new Date()
    const slug = unique('demo-')
    const { organization } = await seedDemo(prisma, { slug, emailDomain: `${slug}.test`, now })
    const owner = await prisma.membership.findFirstOrThrow({
      where: { organizationId: organization.id, role: 'OWNER' },
      include: { user: true },
    })
    const t = createTenantContext(prisma, { user: owner.user, org: organization, role: 'OWNER' })
    const insights = await computeInsights(t, now)
    const clients = await prisma.client.findMany({
      where: { organizationId: organization.id },
      select: { id: true, email: true },
    })
    const idOf = (email: string) => clients.find((c) => c.email === email)!.id

    const missing = insightKinds.filter((kind) => {
      const id = idOf(demoPatternClients[kind])
      return !insights.some((i) => i.kind === kind && (i.clientId === id || i.evidence.clientIds?.includes(id)))
    })
    expect(missing).toEqual([])
  }, 120_000)
})
