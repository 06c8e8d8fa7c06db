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
  const [[factors], members, auditEvents, erased, sso] = await Promise.all([
    queryTenantSql<{ enrolled: number }>(
      t,
      (org) => sql`SELECT count(*)::int AS enrolled FROM "Membership" m WHERE m."organizationId" = ${org}
        AND (EXISTS (SELECT 1 FROM "TotpCredential" c WHERE c."userId" = m."userId")
          OR EXISTS (SELECT 1 FROM "Passkey" k WHERE k."userId" = m."userId"))`,
    ),
    t.db.membership.count(),
    t.db.auditEvent.count({ where: { createdAt: { gte: since } } }),
    t.db.client.count({ where: { erasedAt: { not: null } } }),
    t.db.ssoConnection.findFirst({ select: { issuer: true, ssoOnly: true, allowedDomains: true } }),
  ])
  return {
    requireTwoFactor: t.org.requireTwoFactor,
    members,
    membersWithTwoFactor: factors?.enrolled ?? 0,
    archivedClientRetentionMonths: t.org.archivedClientRetentionMonths,
    auditEventsLast30Days: auditEvents,
    erasedClients: erased,
    sso,
    ...deployment,
  }
}
