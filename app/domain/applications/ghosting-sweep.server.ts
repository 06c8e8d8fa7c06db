import { executeTenantSql } from '~/tenancy/sql.server'
import { type TenantContext } from '~/tenancy/scoped-client.server'
import { silenceClock, silentStages } from '../insights/silence.server'
import { sql } from '../insights/sql.server'

// The ghosting sweep: an application still waiting at APPLIED or SCREEN that has heard nothing for
// the practice's ghosting threshold is marked GHOSTED, with a StageEvent whose actor is the system.
// Only those two stages: after an interview, silence usually means a slow process, and a coach or
// client should decide. The funnel, response times and the ghosting rate read the events it writes.
// The mark records what the silence already says: the insights read the silence itself
// (insights/silence.server.ts), so marking never ends a GHOSTED insight.

/**
 * Marks the practice's silent applications GHOSTED as of `now`. Idempotent: a second run finds
 * nothing more to mark. Returns how many it marked. Runs for every client (the application's
 * state doesn't depend on the client's status) and ignores the coach scope: it is the system acting.
 */
export async function sweepGhosted(t: TenantContext, now = new Date()) {
  const clock = await silenceClock(t, now)
  return executeTenantSql(
    t,
    (org) => sql`
      WITH silent AS (
        SELECT ja.id FROM "JobApplication" ja
        JOIN "Client" c ON c.id = ja."clientId"
        WHERE ja."organizationId" = ${org} AND ja.outcome = 'ACTIVE' AND ja.stage IN ${silentStages}
          AND ${clock.silentSince()} < ${clock.cutoff}
        FOR UPDATE OF ja SKIP LOCKED
      ), marked AS (
        UPDATE "JobApplication" ja SET outcome = 'GHOSTED', "lastEventAt" = ${now}, "updatedAt" = ${now}
        FROM silent WHERE ja.id = silent.id AND ja.outcome = 'ACTIVE'
        RETURNING ja.id, ja."clientId", ja.stage
      )
      INSERT INTO "StageEvent" (id, "organizationId", "applicationId", "clientId", "fromStage", "toStage",
                                "fromOutcome", "toOutcome", "actorType", "occurredAt")
      SELECT 'c' || replace(gen_random_uuid()::text, '-', ''), ${org}, m.id, m."clientId", m.stage, m.stage,
             'ACTIVE', 'GHOSTED', 'SYSTEM', ${now}
      FROM marked m`,
  )
}
