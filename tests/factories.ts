import { randomBytes } from 'node:crypto'
import { hashPassword } from '~/auth/password.server'
import type { Db } from '~/lib/db.server'
import type { Prisma } from '~/generated/prisma/client'
import type { Role } from '~/generated/prisma/enums'

// Factories shared by tests and the seed. Each call makes unique rows, so tests that each
// create their own practice can run in parallel on one database without truncating.

export const unique = (prefix = '') => `${prefix}${randomBytes(5).toString('hex')}`

let cachedHash: Promise<string> | undefined
/** Hashing is slow by design; tests share one hash of the default password. */
export const defaultPassword = 'correct horse battery staple'
function defaultPasswordHash() {
  cachedHash ??= hashPassword(defaultPassword)
  return cachedHash
}

export async function createUser(db: Db, data: Partial<Prisma.UserUncheckedCreateInput> & { password?: string } = {}) {
  const { password, ...rest } = data
  return db.user.create({
    data: {
      email: `${unique('user-')}@example.test`,
      name: 'Test Coach',
      ...rest,
      passwordHash: rest.passwordHash ?? (password ? await hashPassword(password) : await defaultPasswordHash()),
    },
  })
}

export async function createOrganization(db: Db, data: Partial<Prisma.OrganizationUncheckedCreateInput> = {}) {
  const slug = data.slug ?? unique('practice-')
  return db.organization.create({ data: { name: `Practice ${slug}`, slug, ...data } })
}

export async function addMember(db: Db, organizationId: string, userId: string, role: Role = 'COACH') {
  return db.membership.create({ data: { organizationId, userId, role } })
}

/** A practice with an owner: the usual starting point of a test. */
export async function createPracticeWithOwner(
  db: Db,
  data: {
    org?: Partial<Prisma.OrganizationUncheckedCreateInput>
    owner?: Partial<Prisma.UserUncheckedCreateInput>
  } = {},
) {
  const org = await createOrganization(db, data.org)
  const owner = await createUser(db, { name: 'Olivia Owner', ...data.owner })
  const membership = await addMember(db, org.id, owner.id, 'OWNER')
  return { org, owner, membership }
}

export async function createClient(
  db: Db,
  organizationId: string,
  data: Partial<Prisma.ClientUncheckedCreateInput> = {},
) {
  return db.client.create({
    data: { organizationId, name: 'Casey Client', email: `${unique('client-')}@example.test`, ...data },
  })
}

export async function createApplication(
  db: Db,
  organizationId: string,
  clientId: string,
  data: Partial<Prisma.JobApplicationUncheckedCreateInput> = {},
) {
  const application = await db.jobApplication.create({
    data: {
      organizationId,
      clientId,
      company: 'Acme Corp',
      roleTitle: 'Product Analyst',
      appliedOn: new Date(),
      ...data,
    },
  })
  await db.stageEvent.create({
    data: {
      organizationId,
      clientId,
      applicationId: application.id,
      toStage: application.stage,
      toOutcome: application.outcome,
      actorType: 'CLIENT',
      occurredAt: application.lastEventAt,
    },
  })
  return application
}
