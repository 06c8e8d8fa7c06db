import { prisma } from '~/lib/db.server'
import { resetEmailRateLimiter } from '~/lib/email-batch.server'
import type { Prisma } from '~/generated/prisma/client'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import { createPracticeWithOwner, unique } from './factories'
import type { FakeResend } from './fakes/resend'

// Digest tests: a practice with many clients, and the real Resend SDK pointed at the local fake.

export async function practiceWithClients(count: number, org: Partial<Prisma.OrganizationUncheckedCreateInput> = {}) {
  const { org: practice, owner } = await createPracticeWithOwner(prisma, { org })
  const tag = unique()
  await prisma.client.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      organizationId: practice.id,
      name: `Client ${i} Test`,
      email: `d-${tag}-${i}@example.test`,
      coachId: owner.id,
      // Clients of long standing: a new client's first digest waits for their first full week.
      createdAt: new Date('2020-01-06T00:00:00Z'),
    })),
  })
  const t = createTenantContext(prisma, { user: owner, org: practice, role: 'OWNER' })
  return { org: practice, owner, t }
}

export function useFakeResend(fake: FakeResend, rateLimit = 50) {
  process.env.RESEND_API_KEY = 're_test_key'
  process.env.RESEND_BASE_URL = fake.url
  process.env.RESEND_RATE_LIMIT = String(rateLimit)
  resetEmailRateLimiter()
}

export function stopFakeResend() {
  delete process.env.RESEND_API_KEY
  delete process.env.RESEND_BASE_URL
  delete process.env.RESEND_RATE_LIMIT
  resetEmailRateLimiter()
}

/** How many emails the fake really sent to each address (idempotent replays excluded). */
export function sendsPerRecipient(fake: FakeResend) {
  const counts = new Map<string, number>()
  for (const email of fake.sent) counts.set(email.to, (counts.get(email.to) ?? 0) + 1)
  return counts
}
