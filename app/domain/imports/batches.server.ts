import type { TenantContext } from '~/tenancy/scoped-client.server'
import { parseDelimited } from './csv'
import type { ColumnMapping } from './fields'
import { detectFormat, fitMapping, guessMapping } from './mapping'
import {
  findClient,
  ImportFileError,
  previewText,
  readImportFile,
  rememberedMapping,
  type ImportFile,
} from './preview.server'

// An import's life: uploaded (PREVIEW, the file kept in sourceText), then QUEUED or RUNNING, then
// COMMITTED (file dropped) or FAILED. docs/decisions/0006-csv-imports.md says why it works this way.

/** Reads the file, checks its limits and keeps it with a new import for the mapping step. */
export async function createImport(t: TenantContext, file: ImportFile, options: { clientId?: string | null } = {}) {
  const { text, table } = readImportFile(file)
  if (options.clientId && !(await findClient(t, options.clientId)))
    throw new ImportFileError('Choose a client of this practice.')
  const mapping = (await rememberedMapping(t, table.headers)) ?? guessMapping(table.headers)
  return t.db.importBatch.create({
    data: {
      organizationId: t.org.id,
      clientId: options.clientId || null,
      createdById: t.user.id,
      fileName: file.name.slice(0, 200) || 'import.csv',
      format: detectFormat(table.headers),
      rowCount: table.rows.length,
      mapping,
      sourceText: text,
    },
  })
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

/** The preview of an import still in its mapping step, with the mapping it holds; null if it is gone or done. */
export async function previewImportBatch(t: TenantContext, id: string, now = new Date()) {
  const batch = await t.db.importBatch.findFirst({ where: { id } })
  if (!batch?.sourceText) return null
  const preview = await previewText(t, batch.sourceText, { clientId: batch.clientId, mapping: batch.mapping, now })
  return { batch: { ...batch, sourceText: null }, preview }
}

/** Keeps the mapping the coach chose; refused unless it fits the file's columns. */
export async function chooseImportMapping(t: TenantContext, id: string, mapping: ColumnMapping) {
  const batch = await t.db.importBatch.findFirst({ where: { id, status: 'PREVIEW' }, select: { sourceText: true } })
  if (!batch?.sourceText) return null
  const fitted = fitMapping(parseDelimited(batch.sourceText).headers, mapping)
  if (!fitted) throw new ImportFileError('Each field can be chosen for one column only.')
  return t.db.importBatch.update({ where: { id }, data: { mapping: fitted }, omit: { sourceText: true } })
}

/** The clients an import can be for, for the upload form's picker. */
export function listImportClients(t: TenantContext) {
  return t.db.client.findMany({
    where: { status: { not: 'ARCHIVED' } },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, email: true },
  })
}
