import type { RejectionReason, TaskType } from '~/generated/prisma/enums'
import { addDays } from '~/lib/dates'
import { queryTenantSql, type TenantContext } from '~/tenancy/scoped-client.server'
import { reasonLabels } from '../applications/pipeline'
import { insightSuggestions, suggestionFor } from './kinds'
import { activeClient, byEmployer, cap, clamp, daysBefore, ratio, raw, sql } from './sql.server'
import type { ComputedInsight, RuleContext } from './types'

// Caseload insights (no client of their own): REASON_CLUSTER and EMPLOYER_GHOSTING. Each names
// the active clients behind it in evidence.clientIds, so its task can go to all of them at once.

const pick = ({ type, title }: { type: TaskType; title: string }) => ({ type, title })

/** How many client ids a caseload insight names at most. */
const clientCap = raw('200')

/** One rejection reason (of the practice's chosen ones) from employers across 3+ clients in 30 days. */
export async function reasonCluster(t: TenantContext, ctx: RuleContext): Promise<ComputedInsight[]> {
  const s = ctx.settings.reasonCluster
  if (s.reasons.length === 0) return []
  const rows = await queryTenantSql<{
    reason: RejectionReason
    clients: number
    rejections: number
    clientIds: string[]
    applicationIds: string[]
  }>(
    t,
    (org) => sql`
      SELECT ja."rejectionReason" AS reason, count(DISTINCT ja."clientId")::int AS clients, count(*)::int AS rejections,
             (array_agg(DISTINCT ja."clientId"))[1:${clientCap}] AS "clientIds",
             (array_agg(ja.id ORDER BY ja."lastEventAt" DESC, ja.id))[1:${cap}] AS "applicationIds"
      FROM "JobApplication" ja
      JOIN "Client" c ON c.id = ja."clientId"
      WHERE ja."organizationId" = ${org} AND ${activeClient(t)}
        AND ja.outcome = 'REJECTED' AND ${byEmployer()}
        AND ja."rejectionReason"::text = ANY(${s.reasons})
        AND ja."lastEventAt" >= ${daysBefore(ctx.now, s.windowDays)} AND ja."lastEventAt" <= ${ctx.now}
      GROUP BY ja."rejectionReason"
      HAVING count(DISTINCT ja."clientId") >= ${s.minClients}`,
  )
  return rows.map((r) => ({
    kind: 'REASON_CLUSTER',
    fingerprint: r.reason,
    clientId: null,
    severity: clamp(40 + 5 * (r.clients - s.minClients), 40, 70),
    evidence: {
      reason: r.reason,
      reasonLabel: reasonLabels[r.reason],
      clients: r.clients,
      rejections: r.rejections,
      windowDays: s.windowDays,
      clientIds: r.clientIds,
      applicationIds: r.applicationIds ?? [],
    },
    evidenceSize: r.clients,
    suggestedTask: pick(insightSuggestions.REASON_CLUSTER),
  }))
}

/**
 * One employer (company name, ignoring case and spaces) ghosted 3+ active clients of applications
 * sent in 180 days, and 70%+ of the caseload's applications to it: most employers ghost some
 * applications, so the share keeps this to the ones that ghost as a habit.
 */
export async function employerGhosting(t: TenantContext, ctx: RuleContext): Promise<ComputedInsight[]> {
  const s = ctx.settings.employerGhosting
  const rows = await queryTenantSql<{
    employer: string
    company: string
    applications: number
    ghosted: number
    clients: number
    clientIds: string[]
    applicationIds: string[]
  }>(
    t,
    (org) => sql`
      SELECT lower(btrim(ja.company)) AS employer, min(ja.company) AS company,
             count(*)::int AS applications,
             count(*) FILTER (WHERE ja.outcome = 'GHOSTED')::int AS ghosted,
             count(DISTINCT ja."clientId") FILTER (WHERE ja.outcome = 'GHOSTED')::int AS clients,
             (array_agg(DISTINCT ja."clientId") FILTER (WHERE ja.outcome = 'GHOSTED'))[1:${clientCap}] AS "clientIds",
             (array_agg(ja.id ORDER BY ja."lastEventAt" DESC, ja.id) FILTER (WHERE ja.outcome = 'GHOSTED'))[1:${cap}] AS "applicationIds"
      FROM "JobApplication" ja
      JOIN "Client" c ON c.id = ja."clientId"
      WHERE ja."organizationId" = ${org} AND ${activeClient(t)}
        AND ja.stage <> 'SAVED' AND ja."appliedOn" >= ${addDays(ctx.today, -s.windowDays)}::date
      GROUP BY lower(btrim(ja.company))
      HAVING count(DISTINCT ja."clientId") FILTER (WHERE ja.outcome = 'GHOSTED') >= ${s.minClients}
         AND count(*) FILTER (WHERE ja.outcome = 'GHOSTED') >= ${s.minGhostedShare}::float8 * count(*)`,
  )
  return rows.map((r) => ({
    kind: 'EMPLOYER_GHOSTING',
    fingerprint: r.employer,
    clientId: null,
    severity: clamp(25 + 5 * (r.clients - s.minClients), 25, 50),
    evidence: {
      company: r.company,
      applications: r.applications,
      ghosted: r.ghosted,
      ghostedShare: ratio(r.ghosted, r.applications),
      clients: r.clients,
      windowDays: s.windowDays,
      clientIds: r.clientIds,
      applicationIds: r.applicationIds ?? [],
    },
    evidenceSize: r.clients,
    suggestedTask: pick(suggestionFor('EMPLOYER_GHOSTING', { company: r.company })),
  }))
}
