import { randomBytes } from 'node:crypto'
import type { Outcome, Stage } from '~/generated/prisma/enums'
import { emptySql, queryTenantSql, sql } from '~/tenancy/sql.server'
import { type TenantContext } from '~/tenancy/scoped-client.server'
import { duplicateKey, importLimits, previewText, rememberMapping, type ValidRow } from './preview.server'
import { enqueue, queues, requestInsightsRefresh, runningQueue } from '~/jobs/queue.server'
import { recordTenantEvent } from '../practices/audit.server'
import { previewChoices } from './batches.server'
import { InputError } from '~/lib/input-error'
import { breather } from '~/lib/event-loop'
import { emitImportCompleted } from '../webhooks/import-completed.server'
import { clientWriteInputs, noClientChanges, type ClientChanges } from './client-values.server'

// The commit: every valid row with its stage events, or none of them. The rows are written in batches of
// a thousand, one SQL statement each (its applications, their events, the clients' last activity and the
// import's progress), behind a cursor that only the run holding it can move: docs/decisions/0006,
// 0014 and 0018 say why.

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
 * twice, at once or after a crash: each batch of the write takes the import's row lock and moves its
 * cursor on only from the value this run last saw, and a run that finds rows of an earlier run of the
 * same import leaves them and writes the rest, so every row goes in once.
 */
export async function runImport(t: TenantContext, batchId: string, options: WriteOptions = {}) {
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
      importBatchId: batchId,
      onProgress: (rows) => setProgress(t, batchId, rows),
    })
    if (preview.problems.length) throw new InputError(null, preview.problems.join(' '))
    if (!preview.valid.length) throw new InputError(null, nothingToImport)
    await rememberMapping(t, preview.headers, preview.mapping)
    await setProgress(t, batchId, preview.rowCount)
    const imported = await writeImportRows(t, batchId, preview.valid, {
      ...options,
      duplicateCount: preview.duplicateCount,
      rejected: preview.rejected,
      clientChanges: preview.clientChanges,
    })
    // Another run of this import moved it on: that run finishes it.
    if (imported === null) return { status: 'RUNNING' as const }
    requestInsightsRefresh(t.org.id)
    await emitImportCompleted(t, batchId, options.now)
    return { status: 'COMMITTED' as const, imported }
  } catch (error) {
    const message = error instanceof InputError ? error.message : 'The import failed; nothing was imported.'
    await failImport(t, batchId, message)
    throw error
  }
}

/** Marks a running import FAILED and takes back what it wrote, so that a failed import wrote nothing. */
async function failImport(t: TenantContext, batchId: string, message: string) {
  await queryTenantSql(
    t,
    (organizationId) => sql`
    WITH batch AS (
      SELECT id FROM "ImportBatch" WHERE id = ${batchId} AND "organizationId" = ${organizationId} AND status = 'RUNNING'
      FOR UPDATE
    ),
    gone AS (
      DELETE FROM "JobApplication" WHERE "organizationId" = ${organizationId} AND "importBatchId" IN (SELECT id FROM batch)
      RETURNING 1
    )
    UPDATE "ImportBatch" SET status = 'FAILED', error = ${message}, "finishedAt" = ${new Date()},
      "writtenRows" = 0, "rowsToWrite" = 0
    WHERE id IN (SELECT id FROM batch)
    RETURNING 1`,
  )
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
 * Sends a failed or stalled import back to its preview, to be checked and committed again. What a run
 * that died had written of it is taken back in the same statement, so the preview is the whole file
 * again and the import, once committed, holds each row once. False when the import is not failed or
 * stalled (or its file is gone).
 */
export async function retryImport(t: TenantContext, batchId: string, now = new Date()) {
  const stalledSince = new Date(now.getTime() - stalledAfterMs)
  const [reset] = await queryTenantSql<{ count: number }>(
    t,
    (organizationId) => sql`
    WITH batch AS (
      SELECT id FROM "ImportBatch"
      WHERE id = ${batchId} AND "organizationId" = ${organizationId} AND "sourceText" IS NOT NULL
        AND (status = 'FAILED'
          OR (status IN ('QUEUED', 'RUNNING') AND ("heartbeatAt" IS NULL OR "heartbeatAt" < ${stalledSince})))
      FOR UPDATE
    ),
    gone AS (
      DELETE FROM "JobApplication" WHERE "organizationId" = ${organizationId} AND "importBatchId" IN (SELECT id FROM batch)
      RETURNING 1
    ),
    reset AS (
      UPDATE "ImportBatch" SET status = 'PREVIEW', "processedRows" = 0, "writtenRows" = 0, "rowsToWrite" = 0,
        error = NULL, "finishedAt" = NULL, "heartbeatAt" = NULL
      WHERE id IN (SELECT id FROM batch)
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM reset)::int AS count`,
  )
  return (reset?.count ?? 0) > 0
}

const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz'
// Random bytes drawn a few thousand ids at a time: one call per id was a good part of a batch's time.
let pool = Buffer.alloc(0)
let used = 0
/** A cuid-shaped id, like the ones Prisma makes, for rows inserted by SQL. */
function newId() {
  if (used + 24 > pool.length) [pool, used] = [randomBytes(24 * 4096), 0]
  let id = 'c'
  for (let i = used; i < used + 24; i++) id += alphabet[pool[i]! % alphabet.length]
  used += 24
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

type WriteOptions = {
  now?: Date
  /** Rows per statement (tests make it small to see several batches). */
  batchRows?: number
  /** Called after each batch is written, with the import's cursor. */
  afterBatch?: (writtenRows: number) => Promise<void> | void
}

/** Rows written per statement: big enough that round trips do not count, small enough to show progress. */
export const writeBatchRows = 1_000

/**
 * Writes the rows in batches, one statement each, and marks the import COMMITTED with the last one.
 * A row that became a duplicate since the preview is skipped and counted; rows an earlier run of this
 * import already wrote are left as they are. Returns the number of applications the import holds, or
 * null when another run of the same import moved it on first (that run finishes it). A batch that fails
 * writes nothing of itself; the caller takes back the batches before it (failImport).
 */
export async function writeImportRows(
  t: TenantContext,
  batchId: string,
  rows: ValidRow[],
  summary: WriteOptions & { duplicateCount: number; rejected: unknown[]; clientChanges?: ClientChanges },
): Promise<number | null> {
  const now = summary.now ?? new Date()
  const size = summary.batchRows ?? writeBatchRows
  const state = await t.db.importBatch.findFirst({
    where: { id: batchId },
    select: { status: true, writtenRows: true },
  })
  if (state?.status !== 'RUNNING') throw new InputError(null, 'This import is not running.')
  // In a fixed order (by client and applied date, so that a batch's duplicate check reads a few days of
  // applications), so that a run taking over from one that died starts where it stopped.
  // (Plain code-unit comparison: localeCompare took a second over 20,000 rows, the server unanswering.)
  const ordered = [...rows].sort(
    (a, b) => compare(a.clientId, b.clientId) || compare(a.appliedOn ?? '', b.appliedOn ?? '') || a.row - b.row,
  )
  const cursor = Math.min(state.writtenRows, ordered.length)
  for (let start = cursor; start === cursor || start < ordered.length; start += size) {
    const slice = ordered.slice(start, start + size)
    // Rows saved since the preview (by hand, another import, or this import's run that died) are skipped.
    const existing = await existingKeys(t, slice)
    const last = start + size >= ordered.length
    const result = await writeBatch(
      t,
      batchId,
      slice.filter((row) => !existing.has(duplicateKey(row))),
      {
        now,
        cursor: start,
        next: start + slice.length,
        total: ordered.length,
        final: last
          ? {
              duplicateCount: summary.duplicateCount,
              rejected: summary.rejected,
              clientChanges: summary.clientChanges ?? noClientChanges(),
            }
          : null,
      },
    )
    if (!result) return null
    await summary.afterBatch?.(start + slice.length)
    if (last) return result.imported
  }
  return null
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** The keys of the applications already saved for these rows' clients and applied dates. */
async function existingKeys(t: TenantContext, rows: ValidRow[]) {
  if (!rows.length) return new Set<string>()
  const days = rows
    .map((r) => r.appliedOn)
    .filter((d): d is string => Boolean(d))
    .sort()
  const saved = await t.db.jobApplication.findMany({
    where: {
      clientId: { in: [...new Set(rows.map((r) => r.clientId))] },
      OR: [
        { appliedOn: null },
        ...(days.length ? [{ appliedOn: { gte: new Date(days[0]!), lte: new Date(days.at(-1)!) } }] : []),
      ],
    },
    select: { clientId: true, company: true, roleTitle: true, appliedOn: true },
  })
  return new Set(saved.map((w) => duplicateKey({ ...w, appliedOn: w.appliedOn?.toISOString().slice(0, 10) ?? null })))
}

async function applicationsJson(rows: ValidRow[], now: Date) {
  const breathe = breather()
  const applications = []
  for (const row of rows) {
    await breathe()
    applications.push(applicationOf(row, now))
  }
  return JSON.stringify(applications)
}

function applicationOf(row: ValidRow, now: Date) {
  const id = newId()
  const events = importedHistory(row, id, now)
  // The client was last active at the last date the file gives, not when history closed the row.
  const activityAt = [row.appliedAt, row.respondedAt, row.statusAt].filter(Boolean).sort().at(-1)
  return {
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
    lastEventAt: events.at(-1)!.occurredAt,
    activityAt: activityAt ?? events[0]!.occurredAt,
    // Each application carries its events, so the statement never joins two large sets.
    events: events.map(({ applicationId: _, ...event }) => event),
  }
}

/**
 * One batch: its applications, their events and the clients' last activity, and the import's cursor
 * moved from `cursor` on (the last batch also marks it COMMITTED with its counts and drops its file, and
 * writes what the file gives its clients: custom fields, cohorts, their audit entries), in one statement. The statement writes only while the import is RUNNING at that cursor, under its row
 * lock: a second run of the import, or a run that was given up for dead, writes nothing. Null then.
 */
async function writeBatch(
  t: TenantContext,
  batchId: string,
  rows: ValidRow[],
  options: {
    now: Date
    cursor: number
    next: number
    total: number
    final: { duplicateCount: number; rejected: unknown[]; clientChanges: ClientChanges } | null
  },
) {
  const { now, cursor, next, total, final } = options
  const input = await applicationsJson(rows, now)
  const client = clientWriteInputs(t, final?.clientChanges ?? noClientChanges(), batchId)
  const finish = final
    ? sql`, status = 'COMMITTED', "importedCount" = (SELECT count(*) FROM "JobApplication" j
          WHERE j."organizationId" = ${t.org.id} AND j."importBatchId" = ${batchId}) + (SELECT count(*) FROM apps),
        "duplicateCount" = ${final.duplicateCount + total} - (SELECT count(*) FROM "JobApplication" j
          WHERE j."organizationId" = ${t.org.id} AND j."importBatchId" = ${batchId}) - (SELECT count(*) FROM apps),
        "rejectedRows" = ${JSON.stringify(final.rejected)}::jsonb, "processedRows" = "rowCount", "sourceText" = NULL,
        "clientChanges" = ${client.summary}::jsonb,
        "finishedAt" = ${now}, error = NULL`
    : emptySql
  const [result] = await queryTenantSql<{ imported: number; batches: number }>(
    t,
    (organizationId) => sql`
    WITH input AS (
      SELECT x.* FROM jsonb_to_recordset(${input}::jsonb) AS x(
        id text, "clientId" text, company text, "roleTitle" text, seniority text, industry text, location text,
        "workMode" text, source text, "jobUrl" text, "appliedOn" date, "resumeTailored" boolean,
        "coverLetter" boolean, "salaryMin" integer, "salaryMax" integer, notes text, "rejectionReason" text,
        stage text, outcome text, "lastEventAt" timestamp(3), "activityAt" timestamp(3), events jsonb)
    ),
    batch AS (
      -- The row lock makes a second run wait, then find the cursor moved (or the import COMMITTED) and write nothing.
      SELECT id FROM "ImportBatch"
      WHERE id = ${batchId} AND "organizationId" = ${organizationId} AND status = 'RUNNING' AND "writtenRows" = ${cursor}
      FOR UPDATE
    ),
    fresh AS MATERIALIZED (
      SELECT i.* FROM input i
      JOIN "Client" c ON c.id = i."clientId" AND c."organizationId" = ${organizationId}
      WHERE EXISTS (SELECT 1 FROM batch)
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
      RETURNING id
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
    patches AS (
      SELECT x."clientId", x.patch FROM jsonb_to_recordset(${client.patches}::jsonb) AS x("clientId" text, patch jsonb)
      WHERE EXISTS (SELECT 1 FROM batch)
    ),
    -- One update per client (a row updated twice in one statement keeps one of the two): its last activity
    -- and, in the last batch, the custom fields the file gives it, merged over the ones it holds.
    touched AS (
      UPDATE "Client" c SET "lastActivityAt" = GREATEST(c."lastActivityAt", m.latest),
        "customFields" = c."customFields" || coalesce(m.patch, '{}'::jsonb),
        "updatedAt" = CASE WHEN m.patch IS NULL THEN c."updatedAt" ELSE ${now} END
      FROM (
        SELECT coalesce(a."clientId", p."clientId") AS "clientId", a.latest, p.patch
        FROM (SELECT "clientId", max("activityAt") AS latest FROM fresh GROUP BY 1) a
        FULL JOIN patches p ON p."clientId" = a."clientId"
      ) m
      WHERE c.id = m."clientId" AND c."organizationId" = ${organizationId}
      RETURNING 1
    ),
    cohorts AS (
      INSERT INTO "Cohort" (id, "organizationId", name, "startsOn", "endsOn", "createdAt", "updatedAt")
      SELECT x.id, ${organizationId}, x.name, x."startsOn", x."endsOn", ${now}, ${now}
      FROM jsonb_to_recordset(${client.cohorts}::jsonb) AS x(id text, name text, "startsOn" date, "endsOn" date)
      WHERE EXISTS (SELECT 1 FROM batch)
      ON CONFLICT ("organizationId", name) DO NOTHING
      RETURNING id
    ),
    members AS (
      INSERT INTO "ClientCohort" (id, "organizationId", "cohortId", "clientId", "addedAt")
      SELECT x.id, ${organizationId}, x."cohortId", x."clientId", ${now}
      FROM jsonb_to_recordset(${client.memberships}::jsonb) AS x(id text, "cohortId" text, "clientId" text)
      WHERE EXISTS (SELECT 1 FROM batch)
        AND x."clientId" IN (SELECT id FROM "Client" WHERE "organizationId" = ${organizationId})
        AND (x."cohortId" IN (SELECT id FROM "Cohort" WHERE "organizationId" = ${organizationId})
          OR x."cohortId" IN (SELECT id FROM cohorts))
      ON CONFLICT ("organizationId", "cohortId", "clientId") DO NOTHING
      RETURNING 1
    ),
    audits AS (
      INSERT INTO "AuditEvent" (id, "organizationId", "actorUserId", "actorType", action, "targetType", "targetId",
        metadata, "createdAt")
      SELECT x.id, ${organizationId}, ${client.actorUserId}, 'COACH'::"ActorType", x.action, x."targetType",
        x."targetId", x.metadata, ${now}
      FROM jsonb_to_recordset(${client.audits}::jsonb) AS x(id text, action text, "targetType" text,
        "targetId" text, metadata jsonb)
      WHERE EXISTS (SELECT 1 FROM batch)
      RETURNING 1
    ),
    moved AS (
      UPDATE "ImportBatch" SET "writtenRows" = ${next}, "rowsToWrite" = ${total},
        "heartbeatAt" = ${new Date()} ${finish}
      WHERE id IN (SELECT id FROM batch)
      RETURNING "importedCount"
    )
    SELECT (SELECT "importedCount" FROM moved)::int AS imported, (SELECT count(*) FROM moved)::int AS batches,
      (SELECT count(*) FROM events)::int AS events, (SELECT count(*) FROM touched)::int AS clients
  `,
  )
  return result?.batches ? { imported: result.imported } : null
}
