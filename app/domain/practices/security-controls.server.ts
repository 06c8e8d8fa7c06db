import type { TenantContext } from '~/tenancy/scoped-client.server'
import { queryTenantSql, sql } from '~/tenancy/sql.server'

// What the practice's security page states, for a buyer's questionnaire: each line read from the
// practice's settings and data, or from how this deployment is configured, never a claim made here.

export type DeploymentFacts = {
  dataLocation: string | null
  encryptionAtRest: string | null
  emailProvider: boolean
  https: boolean
}

export async function securityControls(t: TenantContext, deployment: DeploymentFacts, now = new Date()) {
  const since = new Date(now.getTime() - 30 * 86_400_000)
  const [[factors], members, auditEvents, erased] = await Promise.all([
    queryTenantSql<{ enrolled: number }>(
      t,
      (org) => sql`SELECT count(*)::int AS enrolled FROM "Membership" m
        JOIN "TotpCredential" c ON c."userId" = m."userId" WHERE m."organizationId" = ${org}`,
    ),
    t.db.membership.count(),
    t.db.auditEvent.count({ where: { createdAt: { gte: since } } }),
    t.db.client.count({ where: { erasedAt: { not: null } } }),
  ])
  return {
    requireTwoFactor: t.org.requireTwoFactor,
    members,
    membersWithTwoFactor: factors?.enrolled ?? 0,
    archivedClientRetentionMonths: t.org.archivedClientRetentionMonths,
    auditEventsLast30Days: auditEvents,
    erasedClients: erased,
    ...deployment,
  }
}
