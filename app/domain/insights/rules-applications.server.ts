import type { Seniority } from '~/generated/prisma/enums'
import { insightRule } from './find.server'
import {
  activeApplications,
  cap,
  clamp,
  daysBefore,
  ratio,
  reachedScreen,
  rejectedByEmployer,
  sentApplications,
  sql,
} from './sql.server'

// Rules about getting past the application stage: APPLICATION_STAGE_WALL, SENIORITY_REACH, LOW_TAILORING.
// "Reached a screen" means a StageEvent took the application to SCREEN or beyond.

/** 15+ applications in 60 days, under 5% of them reached a screen. */
export const applicationStageWall = insightRule('APPLICATION_STAGE_WALL', 'applicationStageWall', (s, ctx, t) => ({
  query: (org) => sql`
    WITH apps AS MATERIALIZED (
      SELECT ja."clientId", ja.id, ja."appliedOn",
             ${reachedScreen(org)} AS screened
      FROM ${sentApplications(t, org, ctx.today, s.windowDays)}
    )
    SELECT "clientId", count(*)::int AS applications, count(*) FILTER (WHERE screened)::int AS screens,
           (array_agg(id ORDER BY "appliedOn" DESC, id) FILTER (WHERE NOT screened))[1:${cap}] AS "applicationIds"
    FROM apps
    GROUP BY "clientId"
    HAVING count(*) >= ${s.minApplications} AND count(*) FILTER (WHERE screened) < ${s.maxScreenRate}::float8 * count(*)`,
  figures: (r: { applications: number; screens: number }) => ({
    severity: clamp(60 + (r.applications - s.minApplications), 60, 85),
    evidence: {
      applications: r.applications,
      screens: r.screens,
      screenRate: ratio(r.screens, r.applications),
      windowDays: s.windowDays,
    },
    evidenceSize: r.applications,
  }),
}))

/** 60%+ of the application-stage rejections (in 90 days) are for roles above the client's own level. */
export const seniorityReach = insightRule('SENIORITY_REACH', 'seniorityReach', (s, ctx, t) => ({
  query: (org) => sql`
    SELECT ja."clientId", c.seniority AS "clientSeniority",
           count(*)::int AS rejections,
           count(*) FILTER (WHERE ja.seniority > c.seniority)::int AS above,
           (array_agg(ja.id ORDER BY ja."lastEventAt" DESC, ja.id) FILTER (WHERE ja.seniority > c.seniority))[1:${cap}] AS "applicationIds"
    FROM ${activeApplications(t, org)} AND c.seniority IS NOT NULL
      AND ${rejectedByEmployer} AND ja."rejectionStage" = 'APPLIED'
      AND ja.seniority IS NOT NULL AND ja."lastEventAt" >= ${daysBefore(ctx.now, s.windowDays)}
    GROUP BY ja."clientId", c.seniority
    HAVING count(*) >= ${s.minRejections}
       AND count(*) FILTER (WHERE ja.seniority > c.seniority) >= ${s.minShare}::float8 * count(*)`,
  figures: (r: { clientSeniority: Seniority; rejections: number; above: number }) => {
    const share = ratio(r.above, r.rejections)
    return {
      severity: clamp(45 + share * 20 + (r.above - s.minRejections), 45, 75),
      evidence: {
        clientSeniority: r.clientSeniority,
        applicationStageRejections: r.rejections,
        aboveLevel: r.above,
        aboveLevelShare: share,
        windowDays: s.windowDays,
      },
      evidenceSize: r.above,
    }
  },
}))

/**
 * Under 30% of the applications in 60 days tailored, and a response rate (share that reached a
 * screen or beyond) below the caseload's median. The median is over active clients with 5+ applications.
 */
export const lowTailoring = insightRule('LOW_TAILORING', 'lowTailoring', (s, ctx, t) => ({
  query: (org) => sql`
    WITH apps AS MATERIALIZED (
      SELECT ja."clientId", ja.id, ja."appliedOn", ja."resumeTailored" AS tailored,
             ${reachedScreen(org)} AS responded
      FROM ${sentApplications(t, org, ctx.today, s.windowDays)}
    ), per_client AS (
      SELECT "clientId", count(*)::int AS applications,
             count(*) FILTER (WHERE tailored)::int AS tailored,
             count(*) FILTER (WHERE responded)::int AS responses,
             (array_agg(id ORDER BY "appliedOn" DESC, id) FILTER (WHERE NOT tailored))[1:${cap}] AS "applicationIds"
      FROM apps GROUP BY "clientId"
    ), median AS (
      SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY responses::float8 / applications) AS value
      FROM per_client WHERE applications >= 5
    )
    SELECT p.*, m.value AS "caseloadMedian"
    FROM per_client p CROSS JOIN median m
    WHERE p.applications >= ${s.minApplications}
      AND p.tailored < ${s.maxTailoredShare}::float8 * p.applications
      AND p.responses::float8 / p.applications < m.value`,
  figures: (r: { applications: number; tailored: number; responses: number; caseloadMedian: number }) => {
    const responseRate = ratio(r.responses, r.applications)
    return {
      severity: clamp(40 + (r.caseloadMedian - responseRate) * 100, 40, 65),
      evidence: {
        applications: r.applications,
        tailored: r.tailored,
        tailoredShare: ratio(r.tailored, r.applications),
        responses: r.responses,
        responseRate,
        caseloadMedianResponseRate: Math.round(r.caseloadMedian * 1000) / 1000,
        windowDays: s.windowDays,
      },
      evidenceSize: r.applications - r.tailored,
    }
  },
}))
