import { randomBytes } from 'node:crypto'
// The tenancy door checks raw SQL by its Sql class; the generated client's Prisma.sql is this same tag.
import { sqltag as sql } from '@prisma/client/runtime/client'
import type { Outcome, Stage } from '~/generated/prisma/enums'
import { queryTenantSql } from '~/tenancy/sql.server'
import { type TenantContext } from '~/tenancy/scoped-client.server'
import { importLimits, previewText, rememberMapping, type ValidRow } from './preview.server'
import { enqueue, queues, requestInsightsRefresh, runningQueue } from '~/jobs/queue.server'
import { recordTenantEvent } from '../practices/audit.server'
import { previewChoices } from './batches.server'
import { InputError } from '~/lib/input-error'

// The commit: every valid row with its stage events, or none of them. The rows, their events, the
// clients' last activity and the import's counts are written by ONE SQL statement, which PostgreSQL
// runs atomically (docs/decisions/0006-csv-imports.md: why not createMany in an interactive transaction).

/** Hands a large import to the job queue. */
export type ImportQueue = (batchId: string, organizationId: string) => Promise<unknown>

const jobQueue: ImportQueue = (batchId, organizationId) =>
  enqueue(queues.importApplications, { batchId, organizationId })

/** A run that has shown no sign of life for this long is taken to have died: the import can be retried. */
export const stalledAfterMs = 3 * 60_000

/**
 * Confirms an import in its mapping step. A file over the inline limit goes to the job queue at once
 * (the job checks it and writes it, with its progress); a smaller one is checked and written now.
 * Rejected rows and duplicates are skipped.
 */
export async function commitImport(
  t: TenantContext,
  batchId: string,
  options: { queue?: ImportQueue; now?: Date } = {},
) {
  const batch = await t.db.importBatch.findFirst({ where: { id: batchId } })
  if (!batch) return null
  if (batch.status !== 'PREVIEW' || !batch.sourceText) throw new InputError(null, 'This import has already started.')
  // Without a running queue in this process (a script, jobs off) a large file is written inline.
  const queue = options.queue ?? (runningQueue() ? jobQueue : null)
  if (batch.rowCount > importLimits.inlineRows && queue) {
    if (!(await claim(t, batchId, 'QUEUED'))) throw new InputError(null, 'This import has already started.')
    await recordImportCommitted(t, batch, batch.rowCount, true)
    try {
      await queue(batchId, t.org.id)
    } catch (error) {
      await t.db.importBatch.updateMany({ where: { id: batchId, status: 'QUEUED' }, data: { status: 'PREVIEW' } })
      throw error
    }
    return { status: 'QUEUED' as const }
  }
  const preview = await previewText(t, batch.sourceText, { ...previewChoices(batch), now: options.now })
  if (preview.problems.length) throw new InputError(null, preview.problems.join(' '))
  if (!preview.valid.length) throw new InputError(null, nothingToImport)
  if (!(await claim(t, batchId, 'RUNNING'))) throw new InputError(null, 'This import has already started.')
  await recordImportCommitted(t, batch, preview.valid.length, false)
  return runImport(t, batchId, { now: options.now })
}

function recordImportCommitted(
  t: TenantContext,
  batch: { id: string; fileName: string },
  rows: number,
  queued: boolean,
) {
  return recordTenantEvent(
    t,
    'import.committed',
    { type: 'ImportBatch', id: batch.id },
    { fileName: batch.fileName, rows, queued },
  )
}

const nothingToImport = 'No row can be imported: every row was rejected or is a duplicate.'

function claim(t: TenantContext, batchId: string, status: 'QUEUED' | 'RUNNING') {
  return t.db.importBatch
    .updateMany({
      where: { id: batchId, status: 'PREVIEW' },
      data: { status, processedRows: 0, heartbeatAt: new Date(), error: null },
    })
    .then((claimed) => claimed.count > 0)
}

/**
 * Checks the kept file again and writes it: the job's work, and the commit of a small file. Safe to run
 * twice, at once or after a crash: the write takes the import's row lock and only writes while the
 * import is RUNNING, and marks it COMMITTED in the same statement, so rows go in once.
 */
export async function runImport(t: TenantContext, batchId: string, options: { now?: Date } = {}) {
  const claimed = await t.db.importBatch.updateMany({
    where: { id: batchId, status: { in: ['QUEUED', 'RUNNING'] } },
    data: { status: 'RUNNING', heartbeatAt: new Date() },
  })
  const batch = await t.db.importBatch.findFirst({ where: { id: batchId } })
  if (!claimed.count || !batch?.sourceText) return { status: batch?.status ?? ('FAILED' as const) }
  try {
    const preview = await previewText(t, batch.sourceText, {
      ...previewChoices(batch),
      now: options.now,
      onProgress: (rows) => setProgress(t, batchId, rows),
    })
    if (preview.problems.length) throw new InputError(null, preview.problems.join(' '))
    if (!preview.valid.length) throw new InputError(null, nothingToImport)
    await rememberMapping(t, preview.headers, preview.mapping)
    await setProgress(t, batchId, preview.rowCount)
    const imported = await writeImportRows(t, batchId, preview.valid, {
      duplicateCount: preview.duplicateCount,
      rejected: preview.rejected,
      now: options.now,
    })
    requestInsightsRefresh(t.org.id)
    return { status: 'COMMITTED' as const, imported }
  } catch (error) {
    const message = error instanceof InputError ? error.message : 'The import failed; nothing was imported.'
    await t.db.importBatch.updateMany({
      where: { id: batchId, status: 'RUNNING' },
      data: { status: 'FAILED', error: message, finishedAt: new Date() },
    })
    throw error
  }
}

async function setProgress(t: TenantContext, batchId: string, rows: number) {
  await t.db.importBatch.updateMany({
    where: { id: batchId, status: 'RUNNING' },
    data: { processedRows: rows, heartbeatAt: new Date() },
  })
}

/** Whether the coach may send the import back to its preview: it failed, or its run died. */
export function canRetryImport(
  batch: { status: string; heartbeatAt: Date | null; finishedAt: Date | null },
  now = new Date(),
) {
  if (batch.status === 'FAILED') return true
  const alive = batch.heartbeatAt && now.getTime() - batch.heartbeatAt.getTime() < stalledAfterMs
  return (batch.status === 'RUNNING' || batch.status === 'QUEUED') && !alive
}

/**
 * Sends a failed or stalled import back to its preview, to be checked and committed again. Nothing of
 * it was written (the write is one statement), and rows written since are duplicates, so this never
 * writes a row twice. False when the import is not failed or stalled (or its file is gone).
 */
export async function retryImport(t: TenantContext, batchId: string, now = new Date()) {
  const stalledSince = new Date(now.getTime() - stalledAfterMs)
  const reset = await t.db.importBatch.updateMany({
    where: {
      id: batchId,
      sourceText: { not: null },
      OR: [
        { status: 'FAILED' },
        { status: { in: ['QUEUED', 'RUNNING'] }, OR: [{ heartbeatAt: null }, { heartbeatAt: { lt: stalledSince } }] },
      ],
    },
    data: { status: 'PREVIEW', processedRows: 0, error: null, finishedAt: null, heartbeatAt: null },
  })
  return reset.count > 0
}

const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz'
/** A cuid-shaped id, like the ones Prisma makes, for rows inserted by SQL. */
function newId() {
  let id = 'c'
  for (const byte of randomBytes(24)) id += alphabet[byte % alphabet.length]
  return id
}

type EventRow = {
  id: string
  applicationId: string
  fromStage: Stage | null
  toStage: Stage
  fromOutcome: Outcome | null
  toOutcome: Outcome
  occurredAt: string
}

const latest = (...times: string[]) => times.reduce((a, b) => (a > b ? a : b))

/**
 * The events of an imported application, as the app itself would have written them: saved or sent,
 * then a move to the stage reached (when past APPLIED) at the first response, then the outcome (when
 * not in progress) at the status date, the first response, or the date history closed it.
 */
export function importedHistory(row: ValidRow, applicationId: string, now: Date): EventRow[] {
  const first: Stage = row.stage === 'SAVED' ? 'SAVED' : 'APPLIED'
  const start = row.appliedAt ?? now.toISOString()
  const responded = latest(start, row.respondedAt ?? row.statusAt ?? start)
  const ended = latest(responded, row.closedAt ?? (row.stage === first ? responded : (row.statusAt ?? responded)))
  const event = (e: Omit<EventRow, 'id' | 'applicationId'>) => ({ id: newId(), applicationId, ...e })
  const events = [event({ fromStage: null, toStage: first, fromOutcome: null, toOutcome: 'ACTIVE', occurredAt: start })]
  if (row.stage !== first)
    events.push(
      event({
        fromStage: first,
        toStage: row.stage,
        fromOutcome: 'ACTIVE',
        toOutcome: 'ACTIVE',
        occurredAt: responded,
      }),
    )
  if (row.outcome !== 'ACTIVE')
    events.push(
      event({
        fromStage: row.stage,
        toStage: row.stage,
        fromOutcome: 'ACTIVE',
        toOutcome: row.outcome,
        occurredAt: ended,
      }),
    )
  return events
}

/**
 * Writes the rows in one statement and marks the import COMMITTED. A row that became a duplicate since
 * the preview is skipped and counted. Either all of it is written or, on any error, none of it.
 */
export async function writeImportRows(
  t: TenantContext,
  batchId: string,
  rows: ValidRow[],
  summary: { duplicateCount: number; rejected: unknown[]; now?: Date },
) {
  const now = summary.now ?? new Date()
  const applications = rows.map((row) => {
    const id = newId()
    const events = importedHistory(row, id, now)
    // The client was last active at the last date the file gives, not when history closed the row.
    const activityAt = [row.appliedAt, row.respondedAt, row.statusAt].filter(Boolean).sort().at(-1)
    return { row, id, events, lastEventAt: events.at(-1)!.occurredAt, activityAt: activityAt ?? events[0]!.occurredAt }
  })
  const appJson = JSON.stringify(
    applications.map(({ row, id, events, lastEventAt, activityAt }) => ({
      id,
      clientId: row.clientId,
      company: row.company,
      roleTitle: row.roleTitle,
      seniority: row.seniority,
      industry: row.industry,
      location: row.location,
      workMode: row.workMode,
      source: row.source,
      jobUrl: row.jobUrl,
      appliedOn: row.appliedOn,
      resumeTailored: row.resumeTailored,
      coverLetter: row.coverLetter,
      salaryMin: row.salaryMin,
      salaryMax: row.salaryMax,
      notes: row.notes,
      rejectionReason: row.rejectionReason,
      stage: row.stage,
      outcome: row.outcome,
      lastEventAt,
      activityAt,
      // Each application carries its events, so the statement never joins two large sets (a join
      // the planner misjudged as small took minutes for 20,000 rows).
      events: events.map(({ applicationId: _, ...event }) => event),
    })),
  )
  const rejectedJson = JSON.stringify(summary.rejected)
  const [result] = await queryTenantSql<{ imported: number; batches: number }>(
    t,
    (organizationId) => sql`
    WITH input AS (
      SELECT x.* FROM jsonb_to_recordset(${appJson}::jsonb) AS x(
        id text, "clientId" text, company text, "roleTitle" text, seniority text, industry text, location text,
        "workMode" text, source text, "jobUrl" text, "appliedOn" date, "resumeTailored" boolean,
        "coverLetter" boolean, "salaryMin" integer, "salaryMax" integer, notes text, "rejectionReason" text,
        stage text, outcome text, "lastEventAt" timestamp(3), "activityAt" timestamp(3), events jsonb)
    ),
    batch AS (
      -- The row lock makes a second run of the same import wait, then find it COMMITTED and write nothing.
      SELECT id FROM "ImportBatch" WHERE id = ${batchId} AND "organizationId" = ${organizationId} AND status = 'RUNNING'
      FOR UPDATE
    ),
    fresh AS (
      SELECT i.* FROM input i
      JOIN "Client" c ON c.id = i."clientId" AND c."organizationId" = ${organizationId}
      WHERE EXISTS (SELECT 1 FROM batch)
        AND NOT EXISTS (
          SELECT 1 FROM "JobApplication" j
          WHERE j."organizationId" = ${organizationId} AND j."clientId" = i."clientId"
            AND j."appliedOn" IS NOT DISTINCT FROM i."appliedOn"
            AND lower(trim(j.company)) = lower(trim(i.company)) AND lower(trim(j."roleTitle")) = lower(trim(i."roleTitle")))
    ),
    apps AS (
      INSERT INTO "JobApplication" (id, "organizationId", "clientId", company, "roleTitle", seniority, industry,
        location, "workMode", source, "jobUrl", "appliedOn", "resumeTailored", "coverLetter", "salaryMin",
        "salaryMax", notes, stage, outcome, "lastEventAt", "rejectionStage", "endedBy", "rejectionReason",
        "importBatchId", "createdAt", "updatedAt")
      SELECT i.id, ${organizationId}, i."clientId", i.company, i."roleTitle", i.seniority::"Seniority", i.industry,
        i.location, i."workMode"::"WorkMode", i.source::"ApplicationSource", i."jobUrl", i."appliedOn",
        i."resumeTailored", i."coverLetter", i."salaryMin", i."salaryMax", i.notes, i.stage::"Stage",
        i.outcome::"Outcome", i."lastEventAt",
        CASE WHEN i.outcome = 'REJECTED' THEN i.stage::"Stage" END,
        CASE WHEN i.outcome = 'REJECTED' THEN 'EMPLOYER'::"EndedBy" END,
        CASE WHEN i.outcome = 'REJECTED' THEN coalesce(i."rejectionReason", 'NO_REASON_GIVEN')::"RejectionReason" END,
        ${batchId}, ${now}, ${now}
      FROM fresh i
      RETURNING id, "clientId", "lastEventAt"
    ),
    events AS (
      INSERT INTO "StageEvent" (id, "organizationId", "applicationId", "clientId", "fromStage", "toStage",
        "fromOutcome", "toOutcome", "actorType", "actorUserId", "occurredAt")
      SELECT e.id, ${organizationId}, f.id, f."clientId", e."fromStage"::"Stage", e."toStage"::"Stage",
        e."fromOutcome"::"Outcome", e."toOutcome"::"Outcome", 'IMPORT'::"ActorType", ${t.user.id}, e."occurredAt"
      FROM fresh f CROSS JOIN LATERAL jsonb_to_recordset(f.events) AS e(id text, "fromStage" text,
        "toStage" text, "fromOutcome" text, "toOutcome" text, "occurredAt" timestamp(3))
      RETURNING 1
    ),
    touched AS (
      UPDATE "Client" c SET "lastActivityAt" = GREATEST(c."lastActivityAt", m.latest)
      FROM (SELECT "clientId", max("activityAt") AS latest FROM fresh GROUP BY 1) m
      WHERE c.id = m."clientId" AND c."organizationId" = ${organizationId}
      RETURNING 1
    ),
    done AS (
      UPDATE "ImportBatch" SET status = 'COMMITTED', "importedCount" = (SELECT count(*) FROM apps),
        "duplicateCount" = ${summary.duplicateCount} + (SELECT count(*) FROM input) - (SELECT count(*) FROM apps),
        "rejectedRows" = ${rejectedJson}::jsonb, "processedRows" = "rowCount", "sourceText" = NULL,
        "finishedAt" = ${now}, error = NULL
      WHERE id IN (SELECT id FROM batch)
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM apps)::int AS imported, (SELECT count(*) FROM done)::int AS batches,
      (SELECT count(*) FROM events)::int AS events, (SELECT count(*) FROM touched)::int AS clients
  `,
  )
  if (!result?.batches) throw new InputError(null, 'This import is not running.')
  return result.imported
}
