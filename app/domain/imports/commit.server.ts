import { randomBytes } from 'node:crypto'
// The tenancy door checks raw SQL by its Sql class; the generated client's Prisma.sql is this same tag.
import { sqltag as sql } from '@prisma/client/runtime/client'
import type { Outcome, Stage } from '~/generated/prisma/enums'
import { queryTenantSql, type TenantContext } from '~/tenancy/scoped-client.server'
import { ImportFileError, importLimits, previewText, rememberMapping, type ValidRow } from './preview.server'
import { enqueue, queues, requestInsightsRefresh, runningQueue } from '~/jobs/queue.server'

// The commit: every valid row with its stage events, or none of them. The rows, their events, the
// clients' last activity and the import's counts are written by ONE SQL statement, which PostgreSQL
// runs atomically (docs/decisions/0006-csv-imports.md: why not createMany in an interactive transaction).

/** Hands a large import to the job queue. */
export type ImportQueue = (batchId: string, organizationId: string) => Promise<unknown>

const jobQueue: ImportQueue = (batchId, organizationId) =>
  enqueue(queues.importApplications, { batchId, organizationId })

export class ImportStateError extends Error {
  override name = 'ImportStateError'
}

/**
 * Confirms an import in its mapping step: remembers the mapping for this header layout, then writes the
 * rows now, or hands a large file to the job queue. Rejected rows and duplicates are skipped.
 */
export async function commitImport(
  t: TenantContext,
  batchId: string,
  options: { queue?: ImportQueue; now?: Date } = {},
) {
  const batch = await t.db.importBatch.findFirst({ where: { id: batchId } })
  if (!batch) return null
  if (batch.status !== 'PREVIEW' || !batch.sourceText) throw new ImportStateError('This import has already started.')
  const preview = await previewText(t, batch.sourceText, {
    clientId: batch.clientId,
    mapping: batch.mapping,
    now: options.now,
  })
  if (preview.problems.length) throw new ImportFileError(preview.problems.join(' '))
  if (!preview.valid.length)
    throw new ImportFileError('No row can be imported: every row was rejected or is a duplicate.')
  await rememberMapping(t, preview.headers, preview.mapping)
  // Without a running queue in this process (a script, jobs off) a large file is written inline.
  const queue = options.queue ?? (runningQueue() ? jobQueue : null)
  const large = preview.valid.length > importLimits.inlineRows && queue !== null
  const claimed = await t.db.importBatch.updateMany({
    where: { id: batchId, status: 'PREVIEW' },
    data: { status: large ? 'QUEUED' : 'RUNNING', processedRows: 0 },
  })
  if (!claimed.count) throw new ImportStateError('This import has already started.')
  if (large) {
    try {
      await queue!(batchId, t.org.id)
    } catch (error) {
      await t.db.importBatch.updateMany({ where: { id: batchId, status: 'QUEUED' }, data: { status: 'PREVIEW' } })
      throw error
    }
    return { status: 'QUEUED' as const }
  }
  return runImport(t, batchId, { now: options.now })
}

/** Checks the kept file again and writes it: the job's work, and the commit of a small file. */
export async function runImport(t: TenantContext, batchId: string, options: { now?: Date } = {}) {
  const claimed = await t.db.importBatch.updateMany({
    where: { id: batchId, status: { in: ['QUEUED', 'RUNNING'] } },
    data: { status: 'RUNNING' },
  })
  const batch = await t.db.importBatch.findFirst({ where: { id: batchId } })
  if (!claimed.count || !batch?.sourceText) return { status: batch?.status ?? ('FAILED' as const) }
  try {
    const preview = await previewText(t, batch.sourceText, {
      clientId: batch.clientId,
      mapping: batch.mapping,
      now: options.now,
      onProgress: (rows) => setProgress(t, batchId, rows),
    })
    if (preview.problems.length) throw new ImportFileError(preview.problems.join(' '))
    const imported = await writeImportRows(t, batchId, preview.valid, {
      duplicateCount: preview.duplicateCount,
      rejected: preview.rejected,
      now: options.now,
    })
    requestInsightsRefresh(t.org.id)
    return { status: 'COMMITTED' as const, imported }
  } catch (error) {
    const message = error instanceof ImportFileError ? error.message : 'The import failed; nothing was imported.'
    await t.db.importBatch.updateMany({
      where: { id: batchId, status: 'RUNNING' },
      data: { status: 'FAILED', error: message, finishedAt: new Date() },
    })
    throw error
  }
}

async function setProgress(t: TenantContext, batchId: string, rows: number) {
  await t.db.importBatch.updateMany({
    where: { id: batchId, processedRows: { lt: rows } },
    data: { processedRows: rows },
  })
}

const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz'
/** A cuid-shaped id, like the ones Prisma makes, for rows inserted by SQL. */
function newId() {
  let id = 'c'
  for (const byte of randomBytes(24)) id += alphabet[byte % alphabet.length]
  return id
}

// Imported dates have no time of day: events sit at noon UTC, which stays on the same calendar day in
// nearly every timezone.
const noon = (day: string) => `${day}T12:00:00.000Z`

type EventRow = {
  id: string
  applicationId: string
  fromStage: Stage | null
  toStage: Stage
  fromOutcome: Outcome | null
  toOutcome: Outcome
  occurredAt: string
}

/**
 * The events of an imported application, as the app itself would have written them: saved or sent,
 * then a move to the stage reached (when past APPLIED), then the outcome (when not in progress).
 */
export function importedHistory(row: ValidRow, applicationId: string, now: Date): EventRow[] {
  const first: Stage = row.stage === 'SAVED' ? 'SAVED' : 'APPLIED'
  const start = row.appliedOn ? noon(row.appliedOn) : now.toISOString()
  const later = row.statusDate ? noon(row.statusDate) : start
  const event = (e: Omit<EventRow, 'id' | 'applicationId'>) => ({ id: newId(), applicationId, ...e })
  const events = [event({ fromStage: null, toStage: first, fromOutcome: null, toOutcome: 'ACTIVE', occurredAt: start })]
  if (row.stage !== first)
    events.push(
      event({ fromStage: first, toStage: row.stage, fromOutcome: 'ACTIVE', toOutcome: 'ACTIVE', occurredAt: later }),
    )
  if (row.outcome !== 'ACTIVE')
    events.push(
      event({
        fromStage: row.stage,
        toStage: row.stage,
        fromOutcome: 'ACTIVE',
        toOutcome: row.outcome,
        occurredAt: later,
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
    return { row, id, events, lastEventAt: events.at(-1)!.occurredAt }
  })
  const appJson = JSON.stringify(
    applications.map(({ row, id, lastEventAt }) => ({
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
      stage: row.stage,
      outcome: row.outcome,
      lastEventAt,
    })),
  )
  const eventJson = JSON.stringify(applications.flatMap((a) => a.events))
  const rejectedJson = JSON.stringify(summary.rejected)
  const [result] = await queryTenantSql<{ imported: number; batches: number }>(
    t,
    (organizationId) => sql`
    WITH input AS (
      SELECT x.* FROM jsonb_to_recordset(${appJson}::jsonb) AS x(
        id text, "clientId" text, company text, "roleTitle" text, seniority text, industry text, location text,
        "workMode" text, source text, "jobUrl" text, "appliedOn" date, "resumeTailored" boolean,
        "coverLetter" boolean, "salaryMin" integer, "salaryMax" integer, notes text, stage text, outcome text,
        "lastEventAt" timestamp(3))
    ),
    batch AS (
      SELECT id FROM "ImportBatch" WHERE id = ${batchId} AND "organizationId" = ${organizationId} AND status = 'RUNNING'
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
        CASE WHEN i.outcome = 'REJECTED' THEN 'NO_REASON_GIVEN'::"RejectionReason" END,
        ${batchId}, ${now}, ${now}
      FROM fresh i
      RETURNING id, "clientId", "lastEventAt"
    ),
    events AS (
      INSERT INTO "StageEvent" (id, "organizationId", "applicationId", "clientId", "fromStage", "toStage",
        "fromOutcome", "toOutcome", "actorType", "actorUserId", "occurredAt")
      SELECT e.id, ${organizationId}, a.id, a."clientId", e."fromStage"::"Stage", e."toStage"::"Stage",
        e."fromOutcome"::"Outcome", e."toOutcome"::"Outcome", 'IMPORT'::"ActorType", ${t.user.id}, e."occurredAt"
      FROM jsonb_to_recordset(${eventJson}::jsonb) AS e(id text, "applicationId" text, "fromStage" text,
        "toStage" text, "fromOutcome" text, "toOutcome" text, "occurredAt" timestamp(3))
      JOIN apps a ON a.id = e."applicationId"
      RETURNING 1
    ),
    touched AS (
      UPDATE "Client" c SET "lastActivityAt" = GREATEST(c."lastActivityAt", m.latest)
      FROM (SELECT "clientId", max("lastEventAt") AS latest FROM apps GROUP BY 1) m
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
  if (!result?.batches) throw new ImportStateError('This import is not running.')
  return result.imported
}
