import { sql } from '../insights/sql.server'
import { executeTenantSql, type TenantContext } from '~/tenancy/scoped-client.server'

// The ghosting sweep: an application still waiting at APPLIED or SCREEN with no stage change for
// the practice's ghosting threshold is marked GHOSTED, with a StageEvent whose actor is the system.
// Only those two stages: after an interview, silence usually means a slow process, and a coach or
// client should decide. The funnel, response times and the ghosting rate read the events it writes.

/**
 * Marks the practice's silent applications GHOSTED as of `now`. Idempotent: a second run finds
 * nothing more to mark. Returns how many it marked. Runs for every client (the application's
 * state doesn't depend on the client's status) and ignores the coach scope: it is the system acting.
 */
export async function sweepGhosted(t: TenantContext, now = new Date()) {
  const cutoff = new Date(now.getTime() - t.org.ghostingThresholdDays * 86_400_000)
  return executeTenantSql(
    t,
    (org) => sql`
      WITH silent AS (
        SELECT ja.id FROM "JobApplication" ja
        WHERE ja."organizationId" = ${org} AND ja.outcome = 'ACTIVE' AND ja.stage IN ('APPLIED', 'SCREEN')
          AND ja."lastEventAt" < ${cutoff}
          AND NOT EXISTS (SELECT 1 FROM "StageEvent" e
                          WHERE e."organizationId" = ${org} AND e."applicationId" = ja.id AND e."occurredAt" >= ${cutoff})
        FOR UPDATE SKIP LOCKED
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
