import { todayIn } from '~/lib/dates'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import { decodeText, parseDelimited, type ParsedTable } from './csv'
import type { ColumnMapping } from './fields'
import { detectFormat, fitMapping, guessMapping, headerSignature, mappingProblems } from './mapping'
import { readRow, type ImportRow, type RowError } from './rows'
import { importLimits } from './limits'

// The dry run of an import: every row read and checked, nothing written. The commit runs the same
// checks again on the stored file, so what the coach saw is what goes in.

export { importLimits }

/** A problem with the file as a whole: its message is for the person importing. */
export class ImportFileError extends Error {
  override name = 'ImportFileError'
}

export type ImportFile = { name: string; bytes: Uint8Array }
export type ValidRow = ImportRow & { clientId: string }

export type ImportPreview = {
  headers: string[]
  format: string
  delimiter: string
  encoding: string
  mapping: ColumnMapping
  /** The mapping came from a layout confirmed before. */
  remembered: boolean
  /** Mapping problems: while there are any, nothing can be imported. */
  problems: string[]
  rowCount: number
  valid: ValidRow[]
  rejected: RowError[]
  /** Rows refused (a row may have several errors). */
  rejectedRowCount: number
  duplicateCount: number
}

export function sizeLimitMessage() {
  return `The file is larger than ${importLimits.maxBytes / 1024 / 1024} MB. Split it into smaller files.`
}

/** Decodes and parses a file, enforcing the size and row limits. */
export function readImportFile(file: ImportFile): { text: string; table: ParsedTable } {
  if (file.bytes.byteLength > importLimits.maxBytes) throw new ImportFileError(sizeLimitMessage())
  const { text, encoding } = decodeText(file.bytes)
  return { text, table: { ...checkedTable(text), encoding } }
}

function checkedTable(text: string) {
  const table = parseDelimited(text)
  if (!table.headers.length) throw new ImportFileError('The file is empty.')
  if (table.rows.length > importLimits.maxRows)
    throw new ImportFileError(
      `The file has ${table.rows.length.toLocaleString('en-US')} rows; the limit is ${importLimits.maxRows.toLocaleString('en-US')}. Split it into smaller files.`,
    )
  if (!table.rows.length) throw new ImportFileError('The file has a header but no rows.')
  return table
}

export async function findClient(t: TenantContext, clientId: string) {
  return t.db.client.findFirst({
    where: { id: clientId },
    select: { id: true, email: true, name: true, timezone: true },
  })
}

/** The mapping remembered for this header layout, if it still fits. */
export async function rememberedMapping(t: TenantContext, headers: string[]) {
  const saved = await t.db.importMapping.findFirst({ where: { headerSignature: headerSignature(headers) } })
  return saved ? fitMapping(headers, saved.mapping) : null
}

export async function rememberMapping(t: TenantContext, headers: string[], mapping: ColumnMapping) {
  const signature = headerSignature(headers)
  await t.db.importMapping.upsert({
    where: { organizationId_headerSignature: { organizationId: t.org.id, headerSignature: signature } },
    create: { organizationId: t.org.id, headerSignature: signature, mapping },
    update: { mapping },
  })
}

type PreviewOptions = {
  clientId?: string | null
  /** A mapping chosen by the coach; without it, the remembered one or the guess. */
  mapping?: unknown
  now?: Date
  onProgress?: (rowsRead: number) => Promise<void> | void
}

/** Parses and checks a file. Throws ImportFileError for a file that cannot be imported at all. */
export async function previewImport(t: TenantContext, file: ImportFile, options: PreviewOptions = {}) {
  const { table } = readImportFile(file)
  return previewTable(t, table, options)
}

/** The same, for text already decoded (the file kept with the import). */
export async function previewText(t: TenantContext, text: string, options: PreviewOptions = {}) {
  return previewTable(t, { ...checkedTable(text), encoding: 'utf-8' }, options)
}

async function previewTable(t: TenantContext, table: ParsedTable, options: PreviewOptions): Promise<ImportPreview> {
  const { headers } = table
  const chosen = options.mapping === undefined ? null : fitMapping(headers, options.mapping)
  const remembered = await rememberedMapping(t, headers)
  const mapping = chosen ?? remembered ?? guessMapping(headers)
  const client = options.clientId ? await findClient(t, options.clientId) : null
  if (options.clientId && !client) throw new ImportFileError('Choose a client of this practice.')
  const preview: ImportPreview = {
    headers,
    format: detectFormat(headers),
    delimiter: table.delimiter === '\t' ? 'tab' : table.delimiter,
    encoding: table.encoding,
    mapping,
    remembered: Boolean(remembered) && JSON.stringify(remembered) === JSON.stringify(mapping),
    problems: mappingProblems(mapping, { hasClient: Boolean(client) }),
    rowCount: table.rows.length,
    valid: [],
    rejected: [],
    rejectedRowCount: 0,
    duplicateCount: 0,
  }
  if (preview.problems.length) return preview

  const read: ImportRow[] = []
  for (const [index, record] of table.rows.entries()) {
    const { value, errors } = readRow(record, headers, mapping)
    if (value) read.push(value)
    else refuse(preview, errors)
    if (options.onProgress && (index + 1) % 1000 === 0) await options.onProgress(index + 1)
  }
  const clients = await clientsFor(t, read, client)
  const emailColumn = headers[mapping.indexOf('clientEmail')] ?? 'Client email'
  const appliedColumn = headers[mapping.indexOf('appliedOn')] ?? 'Applied date'
  const resolved: ValidRow[] = []
  for (const row of read) {
    const owner = client ?? clients.get(row.clientEmail ?? '')
    if (client && row.clientEmail && row.clientEmail !== client.email) {
      refuse(preview, [
        { row: row.row, column: emailColumn, reason: `This row is for ${row.clientEmail}, not ${client.email}` },
      ])
      continue
    }
    if (!owner) {
      const reason = row.clientEmail
        ? `${row.clientEmail} is not a client of this practice`
        : 'The client email is empty'
      refuse(preview, [{ row: row.row, column: emailColumn, reason }])
      continue
    }
    const today = todayIn(owner.timezone, options.now)
    if (row.appliedOn && row.appliedOn > today) {
      refuse(preview, [{ row: row.row, column: appliedColumn, reason: `${row.appliedOn} is in the future` }])
      continue
    }
    const statusDate = row.statusDate && row.statusDate > today ? today : row.statusDate
    resolved.push({
      ...row,
      clientId: owner.id,
      statusDate: statusDate && row.appliedOn && statusDate < row.appliedOn ? row.appliedOn : statusDate,
    })
  }
  preview.valid = await withoutDuplicates(t, resolved, preview)
  preview.rejected.sort((a, b) => a.row - b.row)
  return preview
}

function refuse(preview: ImportPreview, errors: RowError[]) {
  preview.rejected.push(...errors)
  preview.rejectedRowCount++
}

async function clientsFor(t: TenantContext, rows: ImportRow[], chosen: { id: string } | null) {
  const byEmail = new Map<string, { id: string; email: string; timezone: string }>()
  if (chosen) return byEmail
  const emails = [...new Set(rows.map((r) => r.clientEmail).filter((e): e is string => Boolean(e)))]
  for (let i = 0; i < emails.length; i += 1000) {
    const found = await t.db.client.findMany({
      where: { email: { in: emails.slice(i, i + 1000) } },
      select: { id: true, email: true, timezone: true },
    })
    for (const c of found) byEmail.set(c.email, c)
  }
  return byEmail
}

/** Same client, company, title and applied date (ignoring case and spaces): in the file or already saved. */
export const duplicateKey = (r: { clientId: string; company: string; roleTitle: string; appliedOn: string | null }) =>
  [r.clientId, r.company.trim().toLowerCase(), r.roleTitle.trim().toLowerCase(), r.appliedOn ?? ''].join('\u001f')

async function withoutDuplicates(t: TenantContext, rows: ValidRow[], preview: ImportPreview) {
  const seen = new Set<string>()
  const clientIds = [...new Set(rows.map((r) => r.clientId))]
  const dates = rows
    .map((r) => r.appliedOn)
    .filter((d): d is string => Boolean(d))
    .sort()
  for (let i = 0; i < clientIds.length; i += 500) {
    const existing = await t.db.jobApplication.findMany({
      where: {
        clientId: { in: clientIds.slice(i, i + 500) },
        OR: [
          { appliedOn: null },
          ...(dates.length ? [{ appliedOn: { gte: new Date(dates[0]!), lte: new Date(dates.at(-1)!) } }] : []),
        ],
      },
      select: { clientId: true, company: true, roleTitle: true, appliedOn: true },
    })
    for (const e of existing)
      seen.add(duplicateKey({ ...e, appliedOn: e.appliedOn?.toISOString().slice(0, 10) ?? null }))
  }
  return rows.filter((row) => {
    const key = duplicateKey(row)
    if (seen.has(key)) {
      preview.duplicateCount++
      return false
    }
    seen.add(key)
    return true
  })
}
