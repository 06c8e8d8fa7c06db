import { prisma } from '~/lib/db.server'
import { createClient, createMember, createPracticeWithOwner } from './factories'
import { cookieFor } from './route-calls'

/**
 * A practice whose coaches see only their own clients: its owner, Cole Coach, the coach's client Mia
 * Mine and the owner's Omar Other, with a signed-in cookie for the owner and the coach.
 */
export async function ownClientsPractice() {
  const { org, owner } = await createPracticeWithOwner(prisma, { org: { coachesSeeOwnClientsOnly: true } })
  const coach = await createMember(prisma, org.id, { name: 'Cole Coach' })
  const mine = await createClient(prisma, org.id, { name: 'Mia Mine', coachId: coach.id })
  const others = await createClient(prisma, org.id, { name: 'Omar Other', coachId: owner.id })
  return {
    org,
    owner,
    coach,
    mine,
    others,
    ownerCookie: await cookieFor(owner.id),
    coachCookie: await cookieFor(coach.id),
  }
}
