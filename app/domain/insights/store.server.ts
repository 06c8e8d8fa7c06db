import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import type { Insight } from '~/generated/prisma/client'
import type { InsightKind } from '~/generated/prisma/enums'
import { todayIn, isCalendarDay, notACalendarDay } from '~/lib/dates'
import { ownClientsCondition, queryTenantSql } from '~/tenancy/sql.server'
import { isOwnClientsOnly, type TenantContext } from '~/tenancy/scoped-client.server'
import { systemTenantContext } from '~/tenancy/system-context.server'
import { analyticsContext } from '~/tenancy/read-replica.server'
import { startOfDayIn } from '~/lib/weeks'
import { computeInsights } from './compute.server'
import { sql } from './sql.server'
import type { InsightEvidence } from './types'
import { InputError } from '~/lib/input-error'
import { emitWebhookEvent, isWebhookEventWanted } from '../webhooks/emit.server'
import { insightPayload } from '../webhooks/payloads'

// Stored insights: the dashboard reads these, the refresh job writes them. One row per
// (practice, kind, fingerprint) keeps a coach's dismissal or snooze across recomputations.

const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz'
function newId() {
  let id = 'c'
  for (const byte of randomBytes(24)) id += alphabet[byte % alphabet.length]
  return id
}

export type RefreshSummary = { current: number; created: number; open: number; resolved: number }

/**
 * Recomputes the practice's insights and stores them in one statement: new ones open; current ones
 * get their new evidence; resolved ones that hold again reopen; dismissed ones reopen when their
 * evidence grows past the size they were dismissed at, snoozed ones also when the snooze ends.
 * Open and snoozed insights that no longer hold are resolved; dismissed ones stay dismissed.
 */
export async function refreshInsights(t: TenantContext, now = new Date()): Promise<RefreshSummary> {
  if (isOwnClientsOnly(t))
    throw new Error('Insights are refreshed for the whole practice: use an owner or admin context')
  // Computed where analytics read (the replica when current), stored on the primary.
  const insights = await computeInsights(await analyticsContext(t), now)
  const wanted = await isWebhookEventWanted({ db: t.db, organizationId: t.org.id }, 'insight.opened')
  const openBefore = wanted
    ? new Set((await t.db.insight.findMany({ where: { status: 'OPEN' }, select: { id: true } })).map((i) => i.id))
    : null
  const input = JSON.stringify(
    insights.map((i) => ({
      id: newId(),
      clientId: i.clientId,
      kind: i.kind,
      fingerprint: i.fingerprint,
      severity: i.severity,
      evidence: i.evidence,
      evidenceSize: i.evidenceSize,
      suggestedTaskType: i.suggestedTask.type,
    })),
  )
  const reopen = sql`(
    "Insight".status = 'RESOLVED'
    OR ("Insight".status = 'DISMISSED' AND EXCLUDED."evidenceSize" > coalesce("Insight"."dismissedAtSize", 0))
    OR ("Insight".status = 'SNOOZED' AND ("Insight"."snoozedUntil" IS NULL OR "Insight"."snoozedUntil" <= ${now}
        OR EXCLUDED."evidenceSize" > coalesce("Insight"."dismissedAtSize", 0))))`
  const [summary] = await queryTenantSql<RefreshSummary>(
    t,
    (org) => sql`
      WITH input AS (
        SELECT * FROM jsonb_to_recordset(${input}::jsonb) AS x(
          id text, "clientId" text, kind text, fingerprint text, severity int, evidence jsonb,
          "evidenceSize" int, "suggestedTaskType" text)
      ), upserted AS (
        INSERT INTO "Insight" (id, "organizationId", "clientId", kind, fingerprint, severity, evidence, "evidenceSize",
                               "suggestedTaskType", status, "computedAt", "createdAt")
        SELECT id, ${org}, "clientId", kind::"InsightKind", fingerprint, severity, evidence, "evidenceSize",
               "suggestedTaskType"::"TaskType", 'OPEN', ${now}, ${now}
        FROM input
        ON CONFLICT ("organizationId", kind, fingerprint) DO UPDATE SET
          "clientId" = EXCLUDED."clientId",
          severity = EXCLUDED.severity,
          evidence = EXCLUDED.evidence,
          "evidenceSize" = EXCLUDED."evidenceSize",
          "suggestedTaskType" = EXCLUDED."suggestedTaskType",
          "computedAt" = EXCLUDED."computedAt",
          status = CASE WHEN ${reopen} THEN 'OPEN'::"InsightStatus" ELSE "Insight".status END,
          "statusReason" = CASE WHEN ${reopen} THEN NULL ELSE "Insight"."statusReason" END,
          "snoozedUntil" = CASE WHEN ${reopen} THEN NULL ELSE "Insight"."snoozedUntil" END,
          "dismissedAtSize" = CASE WHEN ${reopen} THEN NULL ELSE "Insight"."dismissedAtSize" END
        RETURNING status, (xmax = 0) AS created
      ), resolved AS (
        UPDATE "Insight" i SET status = 'RESOLVED', "snoozedUntil" = NULL, "computedAt" = ${now}
        WHERE i."organizationId" = ${org} AND i.status IN ('OPEN', 'SNOOZED')
          AND NOT EXISTS (SELECT 1 FROM input x WHERE x.kind = i.kind::text AND x.fingerprint = i.fingerprint)
        RETURNING i.id
      )
      SELECT (SELECT count(*) FROM upserted)::int AS current,
             (SELECT count(*) FROM upserted WHERE created)::int AS created,
             (SELECT count(*) FROM upserted WHERE status = 'OPEN')::int AS open,
             (SELECT count(*) FROM resolved)::int AS resolved`,
  )
  if (openBefore) {
    const open = await t.db.insight.findMany({ where: { status: 'OPEN', computedAt: now } })
    for (const insight of open.filter((i) => !openBefore.has(i.id)))
      await emitWebhookEvent({ db: t.db, organizationId: t.org.id }, 'insight.opened', insightPayload(insight), now)
  }
  return summary!
}

const clientFields = { select: { id: true, name: true, email: true, coachId: true, status: true } } as const

type OpenInsightsOptions = { clientId?: string; kind?: InsightKind; caseloadOnly?: boolean; take?: number }

function openInsightsQuery(options: OpenInsightsOptions) {
  return {
    where: {
      status: 'OPEN' as const,
      ...(options.clientId ? { clientId: options.clientId } : options.caseloadOnly ? { clientId: null } : {}),
      ...(options.kind && { kind: options.kind }),
      // A client paused since the last refresh drops out at once.
      OR: [{ clientId: null }, { client: { status: 'ACTIVE' as const } }],
    },
    orderBy: [{ severity: 'desc' as const }, { computedAt: 'desc' as const }, { id: 'asc' as const }],
    take: options.take ?? 200,
  }
}

/** Open insights, most severe first: a client's, or the whole practice's (caseload ones included). */
export function listOpenInsights(t: TenantContext, options: OpenInsightsOptions = {}) {
  return t.db.insight.findMany({ ...openInsightsQuery(options), include: { client: clientFields } })
}

/** One client's open insights, most severe first, without the client (the caller has it): one statement. */
export function listClientOpenInsights(t: TenantContext, clientId: string, take: number) {
  // openInsightsQuery's rules for one client, in plain SQL: a paused client's insights drop out at once.
  return queryTenantSql<Insight>(
    t,
    (organizationId) => sql`
      SELECT i.* FROM "Insight" i
      JOIN "Client" c ON c."organizationId" = ${organizationId} AND c.id = i."clientId"
      WHERE i."organizationId" = ${organizationId} AND i."clientId" = ${clientId} AND i.status = 'OPEN'
        AND c.status = 'ACTIVE' AND ${ownClientsCondition(t)}
      ORDER BY i.severity DESC, i."computedAt" DESC, i.id ASC
      LIMIT ${take}`,
  )
}

/** The insight, or null when it is not in this practice (or not this coach's client's). */
export function findInsight(t: TenantContext, id: string) {
  return t.db.insight.findFirst({ where: { id }, include: { client: clientFields } })
}

export function evidenceOf(insight: { evidence: unknown }): InsightEvidence {
  const evidence = (insight.evidence ?? {}) as Partial<InsightEvidence>
  return {
    ...evidence,
    applicationIds: Array.isArray(evidence.applicationIds) ? evidence.applicationIds : [],
    ...(Array.isArray(evidence.clientIds) && { clientIds: evidence.clientIds }),
  }
}

/** The applications behind an insight, most recent change first. */
/** The applications behind an insight, newest applied first (a page of them when `take` is given). */
export function listInsightApplications(
  t: TenantContext,
  insight: { evidence: unknown },
  page: { skip?: number; take?: number } = {},
) {
  return t.db.jobApplication.findMany({
    where: { id: { in: evidenceOf(insight).applicationIds } },
    skip: page.skip,
    take: page.take,
    select: {
      id: true,
      clientId: true,
      company: true,
      roleTitle: true,
      seniority: true,
      appliedOn: true,
      stage: true,
      outcome: true,
      lastEventAt: true,
      rejectionStage: true,
      rejectionReason: true,
      client: { select: { id: true, name: true } },
    },
    orderBy: [{ appliedOn: { sort: 'desc', nulls: 'last' } }, { lastEventAt: 'desc' }, { id: 'asc' }],
  })
}

export function countInsightApplications(t: TenantContext, insight: { evidence: unknown }) {
  return t.db.jobApplication.count({ where: { id: { in: evidenceOf(insight).applicationIds } } })
}

/** The clients a caseload insight names (evidence.clientIds), by name. */
export function listInsightClients(t: TenantContext, insight: { evidence: unknown }) {
  return t.db.client.findMany({
    where: { id: { in: evidenceOf(insight).clientIds ?? [] } },
    select: { id: true, name: true, email: true, status: true, coachId: true },
    orderBy: { name: 'asc' },
  })
}

const reason = z
  .string()
  .trim()
  .max(500, 'Use at most 500 characters')
  .optional()
  .transform((v) => v || null)

export const DismissInsightInput = z.object({ reason })
export const SnoozeInsightInput = z.object({
  until: z
    .string({ error: 'Choose a date' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-11-23')
    .refine(isCalendarDay, notACalendarDay),
  reason,
})

/** Dismissed until its evidence grows past today's size. Null when the insight is not in view. */
export async function dismissInsight(t: TenantContext, id: string, reason: string | null = null) {
  const insight = await findInsight(t, id)
  if (!insight) return null
  return t.db.insight.update({
    where: { id: insight.id },
    data: { status: 'DISMISSED', statusReason: reason, dismissedAtSize: insight.evidenceSize, snoozedUntil: null },
  })
}

/**
 * Snoozed until the start of `until` (a date in the practice's timezone, after today) or until its
 * evidence grows, whichever comes first. Null when the insight is not in view.
 */
export async function snoozeInsight(
  t: TenantContext,
  id: string,
  until: string,
  reason: string | null = null,
  now = new Date(),
) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(until) || until <= todayIn(t.org.timezone, now))
    throw new InputError('until', 'Choose a date after today')
  const insight = await findInsight(t, id)
  if (!insight) return null
  return t.db.insight.update({
    where: { id: insight.id },
    data: {
      status: 'SNOOZED',
      statusReason: reason,
      snoozedUntil: startOfDayIn(until, t.org.timezone),
      dismissedAtSize: insight.evidenceSize,
    },
  })
}

/** Back to open at once (undo of dismiss or snooze). */
export async function reopenInsight(t: TenantContext, id: string) {
  const insight = await findInsight(t, id)
  if (!insight) return null
  return t.db.insight.update({
    where: { id: insight.id },
    data: { status: 'OPEN', statusReason: null, snoozedUntil: null, dismissedAtSize: null },
  })
}

/**
 * "Recompute now": the whole practice's insights, whoever asks. A coach who sees only their own clients
 * cannot compute the practice's insights in their own context, so the practice's owner context does.
 * Null when the practice has no owner left.
 */
export async function recomputeInsights(t: TenantContext, now = new Date()) {
  const practice = isOwnClientsOnly(t) ? await systemTenantContext({ id: t.org.id }) : t
  return practice ? refreshInsights(practice, now) : null
}
