import type { Prisma } from '~/generated/prisma/client'
import { prisma } from '~/lib/db.server'
import { createClient, createMember, createPracticeWithOwner } from './factories'

// A practice in New York with two coaches (Ada and Ben) and one cohort, for the outcome report's
// hand-worked tests: events at noon there fall on the day they name.

export const noon = (day: string) => new Date(`${day}T16:00:00Z`)
export const date = (day: string) => new Date(`${day}T00:00:00Z`)

export async function cohortPractice(
  cohortData: Omit<Prisma.CohortUncheckedCreateInput, 'organizationId'>,
  org: Partial<Prisma.OrganizationCreateInput> = {},
) {
  const practice = await createPracticeWithOwner(prisma, { org: { timezone: 'America/New_York', ...org } })
  const organizationId = practice.org.id
  const ada = await createMember(prisma, organizationId, { name: 'Ada Coach' })
  const ben = await createMember(prisma, organizationId, { name: 'Ben Coach' })
  const cohort = await prisma.cohort.create({ data: { ...cohortData, organizationId } })
  /** A client added at noon on `added`, in the cohort unless told otherwise. */
  const client = async (name: string, coachId: string | null, added: string, inCohort = true) => {
    const c = await createClient(prisma, organizationId, { name, coachId, createdAt: noon(added) })
    if (inCohort) await prisma.clientCohort.create({ data: { organizationId, cohortId: cohort.id, clientId: c.id } })
    return c
  }
  /** The client's placement, accepted on the day given. */
  const placement = (clientId: string, acceptedOn: string, employer = 'Northwind') =>
    prisma.placement.create({
      data: {
        organizationId,
        clientId,
        employer,
        roleTitle: 'Analyst',
        acceptedOn: date(acceptedOn),
        startsOn: date('2026-10-01'),
        inTargetField: true,
        recordedByType: 'COACH',
      },
    })
  return { ...practice, organizationId, ada, ben, cohort, client, placement }
}
