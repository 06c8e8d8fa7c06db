import type { RejectionReason } from '~/generated/prisma/enums'
import { insightRule } from './find.server'
import { reasonLabels } from '../applications/pipeline'
import {
  activeApplications,
  cap,
  clamp,
  daysBefore,
  latestApplicationIds,
  ratio,
  raw,
  rejectedByEmployer,
  sentApplications,
  sql,
} from './sql.server'
import { silenceClock, silentStages } from './silence.server'

// Caseload insights (no client of their own): REASON_CLUSTER and EMPLOYER_GHOSTING. Each names
// the active clients behind it in evidence.clientIds, so its task can go to all of them at once.

/** How many client ids a caseload insight names at most. */
const clientCap = raw('200')

/** One rejection reason (of the practice's chosen ones) from employers across 3+ clients in 30 days. */
export const reasonCluster = insightRule('REASON_CLUSTER', 'reasonCluster', (s, ctx, t) => {
  if (s.reasons.length === 0) return null
  return {
    query: (org) => sql`
      SELECT ja."rejectionReason" AS reason, count(DISTINCT ja."clientId")::int AS clients, count(*)::int AS rejections,
             (array_agg(DISTINCT ja."clientId"))[1:${clientCap}] AS "clientIds",
             ${latestApplicationIds}
      FROM ${activeApplications(t, org)}
        AND ${rejectedByEmployer}
        AND ja."rejectionReason"::text = ANY(${s.reasons})
        AND ja."lastEventAt" >= ${daysBefore(ctx.now, s.windowDays)} AND ja."lastEventAt" <= ${ctx.now}
      GROUP BY ja."rejectionReason"
      HAVING count(DISTINCT ja."clientId") >= ${s.minClients}`,
    subject: 'reason',
    figures: (r: { reason: RejectionReason; clients: number; rejections: number; clientIds: string[] }) => ({
      severity: clamp(40 + 5 * (r.clients - s.minClients), 40, 70),
      evidence: {
        reason: r.reason,
        reasonLabel: reasonLabels[r.reason],
        clients: r.clients,
        rejections: r.rejections,
        windowDays: s.windowDays,
        clientIds: r.clientIds,
      },
      evidenceSize: r.clients,
    }),
  }
})

/**
 * One employer (company name, ignoring case and spaces) ghosted 3+ active clients of applications
 * sent in 180 days, and 70%+ of the caseload's applications to it: most employers ghost some
 * applications, so the share keeps this to the ones that ghost as a habit. Ghosted means marked
 * GHOSTED, or silent past the practice's threshold whether or not the sweep has marked it yet.
 */
export const employerGhosting = insightRule('EMPLOYER_GHOSTING', 'employerGhosting', async (s, ctx, t) => {
  const clock = await silenceClock(t, ctx.now)
  return {
    query: (org) => sql`
      WITH sent AS (
        SELECT ja.id, ja."clientId", ja.company, ja."lastEventAt",
               ja.outcome = 'GHOSTED'
               OR (ja.outcome = 'ACTIVE' AND ja.stage IN ${silentStages} AND ${clock.silentSince()} < ${clock.cutoff}) AS ghosted
        FROM ${sentApplications(t, org, ctx.today, s.windowDays)}
      )
      SELECT lower(btrim(company)) AS employer, min(company) AS company,
             count(*)::int AS applications,
             count(*) FILTER (WHERE ghosted)::int AS ghosted,
             count(DISTINCT "clientId") FILTER (WHERE ghosted)::int AS clients,
             (array_agg(DISTINCT "clientId") FILTER (WHERE ghosted))[1:${clientCap}] AS "clientIds",
             (array_agg(id ORDER BY "lastEventAt" DESC, id) FILTER (WHERE ghosted))[1:${cap}] AS "applicationIds"
      FROM sent
      GROUP BY lower(btrim(company))
      HAVING count(DISTINCT "clientId") FILTER (WHERE ghosted) >= ${s.minClients}
         AND count(*) FILTER (WHERE ghosted) >= ${s.minGhostedShare}::float8 * count(*)`,
    subject: 'employer',
    figures: (r: {
      employer: string
      company: string
      applications: number
      ghosted: number
      clients: number
      clientIds: string[]
    }) => ({
      severity: clamp(25 + 5 * (r.clients - s.minClients), 25, 50),
      evidence: {
        company: r.company,
        applications: r.applications,
        ghosted: r.ghosted,
        ghostedShare: ratio(r.ghosted, r.applications),
        clients: r.clients,
        windowDays: s.windowDays,
        clientIds: r.clientIds,
      },
      evidenceSize: r.clients,
    }),
  }
})
