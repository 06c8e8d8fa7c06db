import type { InsightKind } from '~/generated/prisma/enums'
import { queryTenantSql, type Sql } from '~/tenancy/sql.server'
import { type TenantContext } from '~/tenancy/scoped-client.server'
import { caseloadInsight, clientInsight } from './found'
import type { ComputedInsight } from './types'

// How a rule runs: its query finds rows, and each row becomes an insight whose evidence ends with
// the applications behind it (none when the query names none).

type Figures = { severity: number; evidence: Record<string, unknown>; evidenceSize: number }
type Behind = { applicationIds?: string[] | null }

const withApplications = (figures: Figures, row: Behind) => ({
  ...figures,
  evidence: { ...figures.evidence, applicationIds: row.applicationIds ?? [] },
})

/**
 * A rule about one client: each row its query finds (the client's id, the applications behind it and
 * the rule's own figures, `Found`) is one client's insight.
 */
export async function findClientInsights<Found>(
  t: TenantContext,
  kind: InsightKind,
  query: (organizationId: string) => Sql,
  figures: (row: Found & Behind & { clientId: string }) => Figures,
): Promise<ComputedInsight[]> {
  const rows = await queryTenantSql<Found & Behind & { clientId: string }>(t, query)
  return rows.map((r) => clientInsight(kind, r.clientId, withApplications(figures(r), r)))
}

/** A caseload rule: each row its query finds is one subject's insight (a reason, an employer). */
export async function findCaseloadInsights<Found>(
  t: TenantContext,
  kind: InsightKind,
  query: (organizationId: string) => Sql,
  subject: (row: Found & Behind) => string,
  figures: (row: Found & Behind) => Figures,
): Promise<ComputedInsight[]> {
  const rows = await queryTenantSql<Found & Behind>(t, query)
  return rows.map((r) => caseloadInsight(kind, subject(r), withApplications(figures(r), r)))
}
