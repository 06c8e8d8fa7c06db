import type { InsightKind } from '~/generated/prisma/enums'
import { queryTenantSql, type Sql } from '~/tenancy/sql.server'
import { type TenantContext } from '~/tenancy/scoped-client.server'
import { caseloadInsight, clientInsight } from './found'
import type { InsightSettings } from './settings'
import type { ComputedInsight, RuleContext } from './types'

// How a rule runs: its query finds rows, and each row becomes an insight whose evidence ends with
// the applications behind it (none when the query names none).

type Figures = { severity: number; evidence: Record<string, unknown>; evidenceSize: number }
type Behind = { applicationIds?: string[] | null }

const withApplications = (figures: Figures, row: Behind) => ({
  ...figures,
  evidence: { ...figures.evidence, applicationIds: row.applicationIds ?? [] },
})

/** A rule's query and what each row it finds says, as its settings (and the clock, and the practice) make them. */
type RuleParts<Row> = {
  query: (organizationId: string) => Sql
  /** A caseload rule's column that names each row's subject (a reason, an employer); a client rule's rows name their client. */
  subject?: keyof Row & string
  figures: (row: Row & Behind) => Figures
}

/** A rule as the engine runs it (compute.server.ts). */
export type Rule = (t: TenantContext, ctx: RuleContext) => Promise<ComputedInsight[]>

/**
 * A rule of `kind`, with its thresholds at `setting` of the practice's insight settings; `make` gives its
 * query and figures (null: the rule is off, nothing found). Each row the query finds is one insight: its
 * client's (the row's clientId), or with `subject` a caseload insight about the subject that column names.
 */
export function insightRule<K extends keyof InsightSettings, Found>(
  kind: InsightKind,
  setting: K,
  make: (
    s: InsightSettings[K],
    ctx: RuleContext,
    t: TenantContext,
  ) => RuleParts<Found> | null | Promise<RuleParts<Found> | null>,
): Rule {
  return async (t, ctx) => {
    const parts = await make(ctx.settings[setting], ctx, t)
    if (!parts) return []
    const rows = await queryTenantSql<Found & Behind & { clientId?: string }>(t, parts.query)
    return rows.map((r) => {
      const figures = withApplications(parts.figures(r), r)
      return parts.subject
        ? caseloadInsight(kind, String(r[parts.subject]), figures)
        : clientInsight(kind, r.clientId!, figures)
    })
  }
}
