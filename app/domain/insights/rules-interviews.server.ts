import type { RejectionReason } from '~/generated/prisma/enums'
import { insightRule } from './find.server'
import { activeApplications, cap, clamp, daysBefore, latestApplicationIds, rejectedByEmployer, sql } from './sql.server'

// Rules about interviews: FIRST_INTERVIEW_WALL, FINAL_ROUND_WALL, FEEDBACK_NOT_REQUESTED.

/**
 * 3+ first interviews (reached in 120 days, by StageEvents) that ended there, rejected by the
 * employer or ghosted, and none of the client's interviews in that time went further. Interviews
 * still in progress don't count either way.
 */
export const firstInterviewWall = insightRule('FIRST_INTERVIEW_WALL', 'firstInterviewWall', (s, ctx, t) => ({
  query: (org) => sql`
    WITH interviewed AS (
      SELECT DISTINCT e."applicationId" AS id FROM "StageEvent" e
      WHERE e."organizationId" = ${org} AND e."toStage" = 'INTERVIEW'
        AND e."occurredAt" >= ${daysBefore(ctx.now, s.windowDays)}
    ), apps AS MATERIALIZED (
      SELECT ja."clientId", ja.id, ja."lastEventAt",
             (${rejectedByEmployer}) OR ja.outcome = 'GHOSTED' AS closed,
             ja.outcome = 'ACTIVE' AS open,
             (SELECT max(e."toStage") FROM "StageEvent" e
              WHERE e."organizationId" = ${org} AND e."applicationId" = ja.id) AS top
      FROM ${activeApplications(t, org)}
        AND ja.id IN (SELECT id FROM interviewed)
    )
    SELECT "clientId",
           count(*) FILTER (WHERE top = 'INTERVIEW' AND closed)::int AS ended,
           count(*) FILTER (WHERE top = 'INTERVIEW' AND open)::int AS "inProgress",
           (array_agg(id ORDER BY "lastEventAt" DESC, id) FILTER (WHERE top = 'INTERVIEW' AND closed))[1:${cap}] AS "applicationIds"
    FROM apps
    GROUP BY "clientId"
    HAVING count(*) FILTER (WHERE top = 'INTERVIEW' AND closed) >= ${s.minInterviews}
       AND count(*) FILTER (WHERE top > 'INTERVIEW') = 0`,
  figures: (r: { ended: number; inProgress: number }) => ({
    severity: clamp(55 + 5 * (r.ended - s.minInterviews), 55, 80),
    evidence: {
      firstInterviewsEnded: r.ended,
      wentFurther: 0,
      inProgress: r.inProgress,
      windowDays: s.windowDays,
    },
    evidenceSize: r.ended,
  }),
}))

/** 2+ employer rejections at the final round in 180 days. */
export const finalRoundWall = insightRule('FINAL_ROUND_WALL', 'finalRoundWall', (s, ctx, t) => ({
  query: (org) => sql`
    SELECT ja."clientId", count(*)::int AS rejections,
           array_agg(DISTINCT ja."rejectionReason"::text) FILTER (WHERE ja."rejectionReason" IS NOT NULL) AS reasons,
           ${latestApplicationIds}
    FROM ${activeApplications(t, org)}
      AND ${rejectedByEmployer} AND ja."rejectionStage" = 'FINAL'
      AND ja."lastEventAt" >= ${daysBefore(ctx.now, s.windowDays)}
    GROUP BY ja."clientId"
    HAVING count(*) >= ${s.minRejections}`,
  figures: (r: { rejections: number; reasons: RejectionReason[] }) => ({
    severity: clamp(50 + 5 * (r.rejections - s.minRejections), 50, 75),
    evidence: {
      finalRoundRejections: r.rejections,
      reasons: r.reasons ?? [],
      windowDays: s.windowDays,
    },
    evidenceSize: r.rejections,
  }),
}))

/**
 * Rejected by the employer after an interview (interview, final round or offer), 7 to 30 days ago,
 * with no feedback requested (or received) since: the week to ask has passed.
 */
export const feedbackNotRequested = insightRule('FEEDBACK_NOT_REQUESTED', 'feedbackNotRequested', (s, ctx, t) => ({
  query: (org) => sql`
    SELECT ja."clientId", count(*)::int AS rejections,
           ${latestApplicationIds}
    FROM ${activeApplications(t, org)}
      AND ${rejectedByEmployer} AND ja."rejectionStage" IN ('INTERVIEW', 'FINAL', 'OFFER')
      AND ja."feedbackRequestedOn" IS NULL AND NOT ja."feedbackReceived"
      AND ja."lastEventAt" < ${daysBefore(ctx.now, s.withinDays)}
      AND ja."lastEventAt" >= ${daysBefore(ctx.now, s.lookbackDays)}
    GROUP BY ja."clientId"`,
  figures: (r: { rejections: number }) => ({
    severity: clamp(35 + 5 * r.rejections, 40, 55),
    evidence: {
      rejectionsWithoutFeedbackRequest: r.rejections,
      withinDays: s.withinDays,
      lookbackDays: s.lookbackDays,
    },
    evidenceSize: r.rejections,
  }),
}))
