import { addDays, isoDate } from '~/lib/dates'
import { mondayOf } from '~/lib/weeks'
import { insightRule } from './find.server'
import { followedUp, silenceClock, silentStages } from './silence.server'
import {
  DAY_MS,
  activeApplications,
  activeClient,
  cap,
  clamp,
  daysBefore,
  latestApplicationIds,
  raw,
  rejectedByEmployer,
  sql,
} from './sql.server'

// Rules about the client's activity and wellbeing: GHOSTED, MOMENTUM_DROP, MORALE_DROP.

/**
 * Applications sent (at APPLIED or SCREEN) that have heard nothing for the practice's ghosting
 * threshold, whether or not the ghosting sweep has marked them GHOSTED, with no follow-up done since
 * they went silent (see silence.server.ts), as long as the silence began in the last 60 days. The
 * insight holds until the follow-up is done, the coach dismisses it, or the applications move.
 */
export const ghosted = insightRule('GHOSTED', 'ghosted', async (s, ctx, t) => {
  const clock = await silenceClock(t, ctx.now)
  return {
    query: (org) => sql`
      WITH silent AS (
        SELECT ja.id, ja."organizationId", ja."clientId", ja.outcome, ${clock.silentSince()} AS since
        FROM ${activeApplications(t, org)}
          AND ja.outcome IN ('ACTIVE', 'GHOSTED') AND ja.stage IN ${silentStages}
      )
      SELECT ja."clientId", count(*)::int AS applications,
             count(*) FILTER (WHERE ja.outcome = 'GHOSTED')::int AS marked,
             min(ja.since) AS "oldestAt",
             (array_agg(ja.id ORDER BY ja.since, ja.id))[1:${cap}] AS "applicationIds"
      FROM silent ja
      WHERE ja.since < ${clock.cutoff} AND ja.since >= ${daysBefore(ctx.now, s.lookbackDays)}
        AND NOT ${followedUp(raw('ja.since'))}
      GROUP BY ja."clientId"
      HAVING count(*) >= ${s.minApplications}`,
    figures: (r: { applications: number; marked: number; oldestAt: Date }) => ({
      severity: clamp(30 + 2 * r.applications, 30, 45),
      evidence: {
        applicationsWithoutResponse: r.applications,
        markedGhosted: r.marked,
        thresholdDays: clock.thresholdDays,
        longestSilenceDays: Math.floor((ctx.now.getTime() - new Date(r.oldestAt).getTime()) / DAY_MS),
      },
      evidenceSize: r.applications,
    }),
  }
})

/**
 * Under the weekly application goal two (complete, practice-timezone) weeks running and not back
 * on track this week, or no update (a pipeline change by anyone but the system, or a check-in) for
 * 14 days. Only weeks after the client joined count.
 */
export const momentumDrop = insightRule('MOMENTUM_DROP', 'momentumDrop', (s, ctx, t) => {
  const monday = mondayOf(ctx.today)
  const lookbackWeeks = 8
  return {
    query: (org) => sql`
      WITH clients AS (
        SELECT c.id, c."weeklyGoal", c."createdAt", c."lastActivityAt",
               least(${lookbackWeeks}, greatest(0, (${monday}::date - (c."createdAt"::date)) / 7)) AS "fullWeeks"
        FROM "Client" c WHERE ${activeClient(t)}
      ), weekly AS (
        SELECT ja."clientId",
               CASE WHEN ja."appliedOn" >= ${monday}::date THEN 0
                    ELSE (${monday}::date - ja."appliedOn" - 1) / 7 + 1 END AS k,
               count(*)::int AS n
        FROM "JobApplication" ja JOIN clients c ON c.id = ja."clientId"
        WHERE ja."organizationId" = ${org} AND ja.stage <> 'SAVED'
          AND ja."appliedOn" >= ${addDays(monday, -7 * lookbackWeeks)}::date AND ja."appliedOn" <= ${ctx.today}::date
        GROUP BY 1, 2
      ), measured AS (
        SELECT c.id AS "clientId", c."weeklyGoal", c."createdAt" AS "joinedAt",
               coalesce((SELECT w.n FROM weekly w WHERE w."clientId" = c.id AND w.k = 0), 0) AS "thisWeek",
               least(c."fullWeeks", (
                 SELECT coalesce(min(g.k), ${lookbackWeeks + 1}) - 1
                 FROM generate_series(1, ${lookbackWeeks}) g(k)
                 LEFT JOIN weekly w ON w."clientId" = c.id AND w.k = g.k
                 WHERE coalesce(w.n, 0) >= c."weeklyGoal")) AS "weeksUnder",
               ARRAY(SELECT coalesce(w.n, 0) FROM generate_series(1, 4) g(k)
                     LEFT JOIN weekly w ON w."clientId" = c.id AND w.k = g.k ORDER BY g.k) AS "recentWeeks",
               greatest(
                 c."lastActivityAt",
                 (SELECT e."occurredAt" FROM "StageEvent" e
                  WHERE e."organizationId" = ${org} AND e."clientId" = c.id AND e."actorType" <> 'SYSTEM'
                    AND e."occurredAt" <= ${ctx.now}
                  ORDER BY e."occurredAt" DESC LIMIT 1),
                 (SELECT max(ci."createdAt") FROM "CheckIn" ci
                  WHERE ci."organizationId" = ${org} AND ci."clientId" = c.id AND ci."createdAt" <= ${ctx.now})
               ) AS "lastUpdateAt"
        FROM clients c
      )
      SELECT * FROM measured
      WHERE ("weeklyGoal" > 0 AND "weeksUnder" >= ${s.weeksUnderGoal} AND "thisWeek" < "weeklyGoal")
         OR ("joinedAt" < ${daysBefore(ctx.now, s.noUpdateDays)}
             AND coalesce("lastUpdateAt", "joinedAt") < ${daysBefore(ctx.now, s.noUpdateDays)})`,
    figures: (r: {
      weeklyGoal: number
      thisWeek: number
      weeksUnder: number
      recentWeeks: number[]
      lastUpdateAt: Date | null
      joinedAt: Date
    }) => {
      const since = new Date(r.lastUpdateAt ?? r.joinedAt)
      const daysSinceUpdate = Math.floor((ctx.now.getTime() - since.getTime()) / DAY_MS)
      const weeks = Math.max(r.weeksUnder, Math.floor(daysSinceUpdate / 7))
      return {
        severity: clamp(50 + 5 * weeks, 55, 80),
        evidence: {
          weeklyGoal: r.weeklyGoal,
          applicationsThisWeek: r.thisWeek,
          /** Applications in each of the last four complete weeks, most recent first. */
          applicationsByWeek: r.recentWeeks,
          weeksUnderGoal: r.weeksUnder,
          lastUpdateOn: r.lastUpdateAt ? isoDate(new Date(r.lastUpdateAt)) : null,
          daysSinceUpdate,
        },
        evidenceSize: weeks,
      }
    },
  }
})

/**
 * The latest check-in (this week or last) is 2+ points below the best of the two weeks before it,
 * or is 2 or less after a rejection streak: 3+ employer rejections in 14 days with no step forward
 * (a move to a screen or beyond) since the first of them.
 */
export const moraleDrop = insightRule('MORALE_DROP', 'moraleDrop', (s, ctx, t) => {
  const monday = mondayOf(ctx.today)
  return {
    query: (org) => sql`
      WITH latest AS (
        SELECT DISTINCT ON (ci."clientId") ci."clientId", ci."weekOf", ci.mood
        FROM "CheckIn" ci JOIN "Client" c ON c.id = ci."clientId"
        WHERE ci."organizationId" = ${org} AND ${activeClient(t)}
          AND ci."weekOf" >= ${addDays(monday, -7)}::date AND ci."weekOf" <= ${monday}::date
        ORDER BY ci."clientId", ci."weekOf" DESC
      ), previous AS (
        SELECT l."clientId", max(ci.mood) AS mood
        FROM latest l JOIN "CheckIn" ci ON ci."organizationId" = ${org} AND ci."clientId" = l."clientId"
         AND ci."weekOf" >= l."weekOf" - 14 AND ci."weekOf" < l."weekOf"
        GROUP BY l."clientId"
      ), advanced AS (
        SELECT l."clientId", max(e."occurredAt") AS at
        FROM latest l JOIN "StageEvent" e ON e."organizationId" = ${org} AND e."clientId" = l."clientId"
         AND e."toOutcome" = 'ACTIVE' AND e."toStage" >= 'SCREEN' AND e."fromStage" IS DISTINCT FROM e."toStage"
         AND e."occurredAt" <= ${ctx.now}
        GROUP BY l."clientId"
      ), streak AS (
        SELECT l."clientId", count(*)::int AS rejections,
               ${latestApplicationIds}
        FROM latest l
        LEFT JOIN advanced a ON a."clientId" = l."clientId"
        JOIN "JobApplication" ja ON ja."organizationId" = ${org} AND ja."clientId" = l."clientId"
         AND ${rejectedByEmployer}
         AND ja."lastEventAt" >= ${daysBefore(ctx.now, s.streakDays)} AND ja."lastEventAt" <= ${ctx.now}
         AND (a.at IS NULL OR ja."lastEventAt" > a.at)
        GROUP BY l."clientId"
      )
      SELECT l."clientId", l.mood AS "latestMood", l."weekOf" AS "latestWeekOf", p.mood AS "previousMood",
             coalesce(st.rejections, 0) AS rejections, st."applicationIds"
      FROM latest l
      LEFT JOIN previous p ON p."clientId" = l."clientId"
      LEFT JOIN streak st ON st."clientId" = l."clientId"
      WHERE p.mood - l.mood >= ${s.moodDrop}
         OR (l.mood <= ${s.lowMood} AND coalesce(st.rejections, 0) >= ${s.streakRejections})`,
    figures: (r: { latestMood: number; latestWeekOf: Date; previousMood: number | null; rejections: number }) => {
      const drop = r.previousMood === null ? 0 : Math.max(0, r.previousMood - r.latestMood)
      const streak = r.rejections >= s.streakRejections
      return {
        severity: clamp(70 + 5 * drop + (streak ? 5 : 0), 70, 95),
        evidence: {
          latestMood: r.latestMood,
          latestWeekOf: isoDate(new Date(r.latestWeekOf)),
          previousMood: r.previousMood,
          moodDrop: drop,
          rejectionStreak: r.rejections,
        },
        evidenceSize: drop + r.rejections,
      }
    },
  }
})
