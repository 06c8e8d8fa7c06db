import { describe, expect, test } from 'vitest'
import { runBulkAction } from '~/domain/clients/bulk.server'
import { updateClient } from '~/domain/clients/clients.server'
import { ClientInput } from '~/domain/clients/client-input'
import { prisma } from '~/lib/db.server'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import { createApplication, createMember } from '../../../tests/factories'
import { createPortalClient } from '../../../tests/portal-helpers'
import { clientSpeaker, postMessage } from './messages.server'
import { applicationThreads, unreadByClient } from './unread.server'

// A coach newly given a client starts with the client's threads read: what the client wrote to an
// earlier coach is history, and only what they write afterwards is unread for the new coach. The same holds
// for a coach who joins the practice: what was written before they joined is not unread for them.

async function clientWithHistory() {
  const portal = await createPortalClient()
  const owner = await prisma.user.findFirstOrThrow({ where: { id: portal.owner.id } })
  const t = createTenantContext(prisma, { user: owner, org: portal.org, role: 'OWNER' })
  const application = await createApplication(prisma, portal.org.id, portal.client.id)
  const earlier = new Date(Date.now() - 3_600_000)
  // The owner has been in the practice since before the client wrote.
  await prisma.membership.updateMany({
    where: { organizationId: portal.org.id, userId: owner.id },
    data: { createdAt: new Date(Date.now() - 7_200_000) },
  })
  await postMessage(clientSpeaker(portal.p), portal.client.id, null, 'Old news one', earlier)
  await postMessage(clientSpeaker(portal.p), portal.client.id, application.id, 'Old news two', earlier)
  const coach = await createMember(prisma, portal.org.id, { name: 'Nia New' })
  const tc = createTenantContext(prisma, { user: coach, org: portal.org, role: 'COACH' })
  return { ...portal, t, tc, coach, application }
}

describe('a newly assigned coach', () => {
  test('given the client on the client form, sees none of the old messages as unread, and new ones as unread', async () => {
    const { t, tc, coach, client, p, application } = await clientWithHistory()
    // The coach joined the practice after the client wrote: nothing old is unread, even before the assignment.
    expect((await unreadByClient(tc)).get(client.id)).toBeUndefined()
    const input = ClientInput.parse({ name: client.name, email: client.email, coachId: coach.id })
    await updateClient(t, client.id, input)
    expect((await unreadByClient(tc)).get(client.id)).toBeUndefined()
    const threads = await applicationThreads(
      { ...clientSpeaker(p), type: 'COACH', userId: coach.id, readerId: coach.id, db: tc.db, clientId: undefined },
      client.id,
    )
    expect(threads.find((th) => th.id === application.id)?.unread).toBe(0)
    await postMessage(clientSpeaker(p), client.id, null, 'Hello new coach')
    expect((await unreadByClient(tc)).get(client.id)).toBe(1)
    // The owner, not reassigned, still has both old messages unread.
    expect((await unreadByClient(t)).get(client.id)).toBe(3)
  })

  test('given the client by the roster’s bulk action, starts read too', async () => {
    const { t, tc, coach, client } = await clientWithHistory()
    await runBulkAction(t, { bulk: 'coach', clientIds: [client.id], coachId: coach.id }, 'http://localhost:3000')
    expect((await prisma.client.findUniqueOrThrow({ where: { id: client.id } })).coachId).toBe(coach.id)
    expect((await unreadByClient(tc)).get(client.id)).toBeUndefined()
  })
})
