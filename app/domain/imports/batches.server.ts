import type { TenantContext } from '~/tenancy/scoped-client.server'
import { writeAuditedWith } from '../practices/audit.server'
import { parseDelimited, withoutColumns } from './csv'
import type { ColumnMapping, ImportedCounts } from './fields'
import { detectFormat, fitMapping, guessMapping, isPrivateColumn } from './mapping'
import { findClient, previewText, readImportFile, rememberedMapping, type ImportFile } from './preview.server'
import type { StatusChoices } from './rows'
import type { ValueChoices } from './client-values'
import { clientValueTargets } from './client-values.server'
import { InputError } from '~/lib/input-error'

// An import's life: uploaded (PREVIEW, the file kept in sourceText without its contact columns), then
// QUEUED or RUNNING, then COMMITTED (file dropped) or FAILED. docs/decisions/0006 and 0014 say why.

/** What the coach chose in the preview, kept in ImportBatch.mapping (an array before statuses existed). */
export type ImportChoices = {
  columns: ColumnMapping
  statuses: StatusChoices
  keepOpen: boolean
  /** Custom-field choice values mapped once for the file ("<fieldId>:<value key>" to a choice). */
  values: ValueChoices
  /** Cohort names (value keys) the file gives that the coach asked to create. */
  newCohorts: string[]
  /** How dates that read either way (02/04/2025) are read, when the coach said; else null. */
  dateOrder: 'day' | 'month' | null
}

const maxValueChoices = 200

export function readChoices(stored: unknown): ImportChoices {
  if (Array.isArray(stored))
    return {
      columns: stored as ColumnMapping,
      statuses: {},
      keepOpen: false,
      values: {},
      newCohorts: [],
      dateOrder: null,
    }
  const value = (stored ?? {}) as Partial<Record<keyof ImportChoices, unknown>>
  const statuses = Object.fromEntries(
    Object.entries((value.statuses ?? {}) as Record<string, unknown>).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && /^[A-Z]+:[A-Z_]+$/.test(entry[1]),
    ),
  )
  const values = Object.fromEntries(
    Object.entries((value.values ?? {}) as Record<string, unknown>)
      .filter(
        (entry): entry is [string, string] =>
          typeof entry[1] === 'string' && entry[1] !== '' && entry[1].length <= 200 && entry[0].length <= 300,
      )
      .slice(0, maxValueChoices),
  )
  const newCohorts = Array.isArray(value.newCohorts)
    ? value.newCohorts.filter((k): k is string => typeof k === 'string' && k.length <= 120).slice(0, 100)
    : []
  return {
    columns: Array.isArray(value.columns) ? (value.columns as ColumnMapping) : [],
    statuses,
    keepOpen: value.keepOpen === true,
    values,
    newCohorts,
    dateOrder: value.dateOrder === 'day' || value.dateOrder === 'month' ? value.dateOrder : null,
  }
}

/** The preview options an import's stored choices stand for. */
export const previewChoices = (batch: { clientId: string | null; mapping: unknown }) => {
  const choices = readChoices(batch.mapping)
  return {
    clientId: batch.clientId,
    mapping: choices.columns,
    statuses: choices.statuses,
    keepOpen: choices.keepOpen,
    values: choices.values,
    newCohorts: choices.newCohorts,
    dateOrder: choices.dateOrder,
  }
}

/**
 * Reads the file, checks its limits and keeps it with a new import for the mapping step. Contact,
 * phone and question-and-answer columns are cut from the kept text: they are never stored.
 */
export async function createImport(t: TenantContext, file: ImportFile, options: { clientId?: string | null } = {}) {
  const read = readImportFile(file)
  const text = withoutColumns(read.text, isPrivateColumn)
  const table = parseDelimited(text)
  if (options.clientId && !(await findClient(t, options.clientId)))
    throw new InputError(null, 'Choose a client of this practice.')
  const { fields } = await clientValueTargets(t)
  const columns =
    (await rememberedMapping(t, table.headers, fields)) ??
    guessMapping(
      table.headers,
      table.rows.map((r) => r.cells),
      fields,
    )
  return writeAuditedWith(
    t,
    (tx) =>
      tx.importBatch.create({
        data: {
          organizationId: t.org.id,
          clientId: options.clientId || null,
          createdById: t.user.id,
          fileName: file.name.slice(0, 200) || 'import.csv',
          format: detectFormat(read.table.headers),
          rowCount: table.rows.length,
          mapping: {
            columns,
            statuses: {},
            keepOpen: false,
            values: {},
            newCohorts: [],
            dateOrder: null,
          } satisfies ImportChoices,
          sourceText: text,
        },
      }),
    (batch) => [
      'import.uploaded',
      { type: 'ImportBatch', id: batch.id },
      { fileName: batch.fileName, rows: batch.rowCount, clientId: batch.clientId },
    ],
  )
}

export function findImport(t: TenantContext, id: string) {
  return t.db.importBatch.findFirst({
    where: { id },
    omit: { sourceText: true },
    include: { client: { select: { id: true, name: true, email: true } } },
  })
}

export function listImports(t: TenantContext, take = 20) {
  return t.db.importBatch.findMany({
    orderBy: { createdAt: 'desc' },
    take,
    select: {
      id: true,
      fileName: true,
      format: true,
      status: true,
      rowCount: true,
      importedCount: true,
      duplicateCount: true,
      processedRows: true,
      createdAt: true,
      finishedAt: true,
      client: { select: { id: true, name: true } },
    },
  })
}

/** The preview of an import still in its mapping step, with the choices it holds; null if it is gone or done. */
export async function previewImportBatch(t: TenantContext, id: string, now = new Date()) {
  const batch = await t.db.importBatch.findFirst({ where: { id } })
  if (!batch?.sourceText) return null
  const preview = await previewText(t, batch.sourceText, { ...previewChoices(batch), now })
  return { batch: { ...batch, sourceText: null }, preview }
}

/** Keeps the columns the coach chose; refused unless they fit the file's columns. */
export async function chooseImportMapping(
  t: TenantContext,
  id: string,
  mapping: ColumnMapping,
  more: {
    statuses?: StatusChoices
    keepOpen?: boolean
    values?: ValueChoices
    newCohorts?: string[]
    dateOrder?: 'day' | 'month' | null
  } = {},
) {
  const batch = await t.db.importBatch.findFirst({
    where: { id, status: 'PREVIEW' },
    select: { sourceText: true, mapping: true },
  })
  if (!batch?.sourceText) return null
  const { fields } = await clientValueTargets(t)
  const fitted = fitMapping(parseDelimited(batch.sourceText).headers, mapping, new Set(fields.map((f) => f.id)))
  if (!fitted) throw new InputError(null, 'Each field can be chosen for one column only.')
  const current = readChoices(batch.mapping)
  const merged = readChoices({
    statuses: { ...current.statuses, ...more.statuses },
    values: { ...current.values, ...more.values },
    newCohorts: more.newCohorts ?? current.newCohorts,
  })
  const choices: ImportChoices = {
    columns: fitted,
    statuses: merged.statuses,
    keepOpen: more.keepOpen ?? current.keepOpen,
    values: merged.values,
    newCohorts: merged.newCohorts,
    dateOrder: more.dateOrder === undefined ? current.dateOrder : more.dateOrder,
  }
  return t.db.importBatch.update({ where: { id }, data: { mapping: choices }, omit: { sourceText: true } })
}

/** Sets the client a file is for, in the preview of a file that has no client email column. */
export async function chooseImportClient(t: TenantContext, id: string, clientId: string) {
  if (!(await findClient(t, clientId))) throw new InputError(null, 'Choose a client of this practice.')
  const updated = await t.db.importBatch.updateMany({ where: { id, status: 'PREVIEW' }, data: { clientId } })
  return updated.count > 0
}

/** The clients an import can be for, for the upload form's picker. */
export function listImportClients(t: TenantContext) {
  return t.db.client.findMany({
    where: { status: { not: 'ARCHIVED' } },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, email: true },
  })
}

/** The first and last applied dates of what an import wrote, for the link to the patterns page. */
export async function importedPeriod(t: TenantContext, batchId: string) {
  const range = await t.db.jobApplication.aggregate({
    where: { importBatchId: batchId },
    _min: { appliedOn: true },
    _max: { appliedOn: true },
  })
  const from = range._min.appliedOn?.toISOString().slice(0, 10)
  const to = range._max.appliedOn?.toISOString().slice(0, 10)
  return from && to ? { from, to } : null
}

/** What an import wrote, counted as a coach would count it: outcomes, and how far the applications got. */
export async function importedCounts(t: TenantContext, batchId: string): Promise<ImportedCounts> {
  const groups = await t.db.jobApplication.groupBy({
    by: ['stage', 'outcome'],
    where: { importBatchId: batchId },
    _count: { _all: true },
  })
  const count = (test: (g: (typeof groups)[number]) => boolean) =>
    groups.filter(test).reduce((sum, g) => sum + g._count._all, 0)
  return {
    applications: count(() => true),
    rejected: count((g) => g.outcome === 'REJECTED'),
    ghosted: count((g) => g.outcome === 'GHOSTED'),
    withdrawn: count((g) => g.outcome === 'WITHDRAWN'),
    open: count((g) => g.outcome === 'ACTIVE'),
    interviews: count((g) => g.stage === 'INTERVIEW' || g.stage === 'FINAL' || g.stage === 'OFFER'),
    offers: count((g) => g.stage === 'OFFER'),
  }
}
