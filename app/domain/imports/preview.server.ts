import type { Outcome } from '~/generated/prisma/enums'
import { addDays, todayIn } from '~/lib/dates'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import { isUniqueViolation } from '~/tenancy/sql.server'
import { decodeText, parseDelimited, parseDelimitedInSlices, type ParsedTable } from './csv'
import { importInstant, writesMonthFirst, type ImportDateTime } from './dates'
import type { ColumnMapping } from './fields'
import {
  detectFormat,
  fitMapping,
  guessColumns,
  headerSignature,
  mappingProblems,
  readDateColumns,
  normalizeHeader,
  type ColumnGuess,
} from './mapping'
import { readRow, type ImportRow, type RowError, type StatusChoices } from './rows'
import type { ClientFieldDef } from '~/domain/client-fields/client-field-input'
import {
  clientDateStyles,
  planClientValues,
  readClientCells,
  valueKey,
  type ClientRowValues,
  type ValueChoices,
} from './client-values'
import {
  clientChangesOf,
  clientValueTargets,
  noClientChanges,
  type ClientChangeSummary,
  type ClientChanges,
} from './client-values.server'
import { fieldIdOf } from './fields'
import { statusWords } from './statuses'
import { importLimits } from './limits'
import { InputError } from '~/lib/input-error'
import { breather } from '~/lib/event-loop'
import { formatCount } from '~/lib/numbers'

// The dry run of an import: every row read and checked, nothing written. The commit runs the same
// checks again on the stored file, so what the coach saw is what goes in.

export { importLimits }

export type ImportFile = { name: string; bytes: Uint8Array }
export type ValidRow = ImportRow & {
  clientId: string
  /** When each event happened (ISO instants): dates without a time are noon in the client's timezone. */
  appliedAt: string | null
  respondedAt: string | null
  statusAt: string | null
  /** Set when a row still open in the file was closed as history (see `stale`). */
  closedAt: string | null
}

/** A status value the reader did not know, once for the whole file. */
export type UnknownStatus = { key: string; value: string; rows: number[] }

/** What the file gives its clients (cohorts, custom fields), beside their applications. */
export type ClientValuesPreview = {
  /** Choice values no choice matches, once per field and value: the coach may say what each means. */
  unknownValues: { fieldId: string; fieldName: string; key: string; value: string; rows: number[] }[]
  /** Cohort names the practice has no cohort for; created only when the coach asks (`create`). */
  unknownCohorts: { key: string; value: string; rows: number[]; create: boolean }[]
  /** Rows of one client that disagree on a field, and which row won. */
  disagreements: RowError[]
  summary: ClientChangeSummary
}

export type ImportPreview = {
  headers: string[]
  format: string
  delimiter: string
  encoding: string
  mapping: ColumnMapping
  /** What each column looks like it holds, and why. */
  guesses: ColumnGuess[]
  /** The mapping came from a layout confirmed before. */
  remembered: boolean
  /** For each date column, how its numeric dates were read (day or month first) and why; null elsewhere. */
  dateNotes: (string | null)[]
  /** Some date column's dates all read either way (02/04/2025): the coach may say which. */
  dateOrderAsked: boolean
  /** The coach's answer: day first or month first, or null to let the file and the timezone tell. */
  dateOrder: 'day' | 'month' | null
  statuses: StatusChoices
  unknownStatuses: UnknownStatus[]
  /** Rows still open in the file whose last date is older than the practice's ghosting threshold. */
  stale: { count: number; thresholdDays: number; closed: boolean }
  /** The practice's active custom client fields: what a column can fill beside the application's fields. */
  clientFields: ClientFieldDef[]
  clientValues: ClientValuesPreview
  /** What the commit writes to the clients (not for the page: its summary is in clientValues). */
  clientChanges: ClientChanges
  /** Values left out of rows that are still imported. */
  notes: RowError[]
  duplicates: RowError[]
  /** The first and last applied dates of the rows to import. */
  period: { from: string; to: string } | null
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
  if (file.bytes.byteLength > importLimits.maxBytes) throw new InputError(null, sizeLimitMessage())
  const kind = binaryKind(file.bytes)
  if (kind)
    throw new InputError(
      null,
      `This file is ${kind}, not a CSV or TSV file. In your spreadsheet, choose File → Save as (or Download) → CSV, and upload that.`,
    )
  const { text, encoding } = decodeText(file.bytes)
  return { text, table: { ...checkedTable(text), encoding } }
}

// The first bytes of files people pick by mistake: a workbook as it is saved, a PDF, a picture.
const signatures: [string, number[]][] = [
  ['an Excel workbook or another zipped document (.xlsx, .numbers, .ods)', [0x50, 0x4b, 0x03, 0x04]],
  ['an older Excel workbook (.xls)', [0xd0, 0xcf, 0x11, 0xe0]],
  ['a PDF', [0x25, 0x50, 0x44, 0x46]],
  ['a picture', [0x89, 0x50, 0x4e, 0x47]],
  ['a picture', [0xff, 0xd8, 0xff]],
  ['a picture', [0x47, 0x49, 0x46, 0x38]],
]

function binaryKind(bytes: Uint8Array) {
  return signatures.find(([, start]) => start.every((byte, i) => bytes[i] === byte))?.[0] ?? null
}

function checkedTable(text: string) {
  return checked(parseDelimited(text))
}

function checked<T extends { headers: string[]; rows: ParsedTable['rows'] }>(table: T) {
  if (!table.headers.length) throw new InputError(null, 'The file is empty.')
  const widest = table.rows.reduce((most, r) => Math.max(most, r.cells.length), table.headers.length)
  if (widest > importLimits.maxColumns)
    throw new InputError(
      null,
      `The file has ${formatCount(widest)} columns; the limit is ${importLimits.maxColumns}. Keep the columns you need and try again.`,
    )
  if (table.rows.length > importLimits.maxRows)
    throw new InputError(
      null,
      `The file has ${formatCount(table.rows.length)} rows; the limit is ${formatCount(importLimits.maxRows)}. Split it into smaller files.`,
    )
  if (!table.rows.length) throw new InputError(null, 'The file has a header but no rows.')
  return table
}

export async function findClient(t: TenantContext, clientId: string) {
  return t.db.client.findFirst({
    where: { id: clientId },
    select: { id: true, email: true, name: true, timezone: true },
  })
}

/** The mapping remembered for this header layout, if it still fits (a retired client field's does not). */
export async function rememberedMapping(t: TenantContext, headers: string[], fields?: { id: string }[]) {
  const saved = await t.db.importMapping.findFirst({ where: { headerSignature: headerSignature(headers) } })
  if (!saved) return null
  const active = fields ?? (await clientValueTargets(t)).fields
  return fitMapping(headers, saved.mapping, new Set(active.map((f) => f.id)))
}

export async function rememberMapping(t: TenantContext, headers: string[], mapping: ColumnMapping) {
  const signature = headerSignature(headers)
  const where = { organizationId_headerSignature: { organizationId: t.org.id, headerSignature: signature } }
  try {
    await t.db.importMapping.upsert({
      where,
      create: { organizationId: t.org.id, headerSignature: signature, mapping },
      update: { mapping },
    })
  } catch (error) {
    // Two runs remembering the same headers at once: the one that lost the insert updates instead.
    if (!isUniqueViolation(error)) throw error
    await t.db.importMapping.update({ where, data: { mapping } })
  }
}

type PreviewOptions = {
  clientId?: string | null
  /** A mapping chosen by the coach; without it, the remembered one or the guess. */
  mapping?: unknown
  /** Meanings the coach gave to status values the reader did not know, by statusWords(value). */
  statuses?: StatusChoices
  /** Keep rows open even when they are older than the ghosting threshold. */
  keepOpen?: boolean
  /** How to read dates that read either way (02/04/2025), when the coach said. */
  dateOrder?: 'day' | 'month' | null
  /** Meanings the coach gave to choice values of custom fields the reader did not know. */
  values?: ValueChoices
  /** Keys (valueKey) of the cohort names the file gives that the coach asked to create. */
  newCohorts?: string[]
  now?: Date
  /** The import being written: its own rows, from a run that died midway, are not duplicates. */
  importBatchId?: string
  onProgress?: (rowsRead: number) => Promise<void> | void
}

/** Parses and checks a file. Throws InputError for a file that cannot be imported at all. */
export async function previewImport(t: TenantContext, file: ImportFile, options: PreviewOptions = {}) {
  const { table } = readImportFile(file)
  return previewTable(t, table, options)
}

/** The same, for text already decoded (the file kept with the import). */
export async function previewText(t: TenantContext, text: string, options: PreviewOptions = {}) {
  const table = checked(await parseDelimitedInSlices(text))
  return previewTable(t, { ...table, encoding: 'utf-8' }, options)
}

async function previewTable(t: TenantContext, table: ParsedTable, options: PreviewOptions): Promise<ImportPreview> {
  const { headers } = table
  const targets = await clientValueTargets(t)
  const guesses = guessColumns(
    headers,
    table.rows.map((r) => r.cells),
    targets.fields,
  )
  const fieldIds = new Set(targets.fields.map((f) => f.id))
  const chosen = options.mapping === undefined ? null : fitMapping(headers, options.mapping, fieldIds)
  const remembered = await rememberedMapping(t, headers, targets.fields)
  const client = options.clientId ? await findClient(t, options.clientId) : null
  if (options.clientId && !client) throw new InputError(null, 'Choose a client of this practice.')
  const mapping = leaveOutOthersEmails(table, chosen ?? remembered ?? guesses.map((g) => g.field), guesses, client)
  const preview: ImportPreview = {
    headers,
    format: detectFormat(headers),
    delimiter: table.delimiter === '\t' ? 'tab' : table.delimiter,
    encoding: table.encoding,
    mapping,
    guesses,
    remembered: Boolean(remembered) && JSON.stringify(remembered) === JSON.stringify(mapping),
    dateNotes: headers.map(() => null),
    dateOrderAsked: false,
    dateOrder: options.dateOrder ?? null,
    statuses: options.statuses ?? {},
    unknownStatuses: [],
    stale: { count: 0, thresholdDays: t.org.ghostingThresholdDays, closed: !options.keepOpen },
    clientFields: targets.fields,
    clientValues: {
      unknownValues: [],
      unknownCohorts: [],
      disagreements: [],
      summary: noClientChanges().summary,
    },
    clientChanges: noClientChanges(),
    problems: mappingProblems(mapping, { hasClient: Boolean(client) }),
    rowCount: table.rows.length,
    valid: [],
    rejected: [],
    rejectedRowCount: 0,
    duplicateCount: 0,
    notes: [],
    duplicates: [],
    period: null,
  }
  // Each date column is read as a whole: day first when one of its dates can only be, serials when dated.
  // Its first 2,000 rows tell (a date after the 12th comes within days), and a large file is not read twice.
  const dates = readDateColumns(
    headers,
    table.rows.slice(0, 2000).map((r) => r.cells),
    mapping,
    dateOrderDefault(client?.timezone ?? t.org.timezone, client ? 'client' : 'practice'),
    options.dateOrder,
  )
  preview.dateNotes = dates.notes
  preview.dateOrderAsked = dates.eitherWay
  if (preview.problems.length) return preview

  // Reading 20,000 rows takes a while: the server keeps answering meanwhile.
  const breathe = breather()
  const dateStyles = dates.styles
  const read: ImportRow[] = []
  const unknown = new Map<string, UnknownStatus>()
  for (const [index, record] of table.rows.entries()) {
    const { value, errors, notes } = readRow(record, headers, mapping, { statuses: options.statuses, dateStyles })
    if (value) read.push(value)
    else refuse(preview, errors)
    preview.notes.push(...notes)
    for (const field of ['status', 'result'] as const) {
      if (!errors.some((e) => e.reason.startsWith('Unknown status') && e.column === headers[mapping.indexOf(field)]))
        continue
      const cell = record.cells[mapping.indexOf(field)]?.trim() ?? ''
      const key = statusWords(cell)
      const entry = unknown.get(key) ?? { key, value: cell, rows: [] }
      entry.rows.push(record.row)
      unknown.set(key, entry)
    }
    await breathe()
    if (options.onProgress && (index + 1) % 1000 === 0) await options.onProgress(index + 1)
  }
  preview.unknownStatuses = [...unknown.values()].sort((a, b) => b.rows.length - a.rows.length)
  const clients = await clientsFor(t, read, client)
  const emailColumn = headers[mapping.indexOf('clientEmail')] ?? 'Client email'
  const appliedColumn = headers[mapping.indexOf('appliedOn')] ?? 'Applied date'
  const resolved: ValidRow[] = []
  // The client's own values (cohorts, custom fields), read once the row's client (and timezone) is known.
  const readsClient = mapping.some((target) => target === 'cohort' || fieldIdOf(target))
  const cellsOf = new Map(readsClient ? table.rows.map((r) => [r.row, r.cells]) : [])
  const clientDates = readsClient
    ? clientDateStyles(
        headers,
        table.rows.slice(0, 2000).map((r) => r.cells),
        mapping,
        targets.fields,
      )
    : []
  const clientRows: ClientRowValues[] = []
  const unknownValues = new Map<string, ClientValuesPreview['unknownValues'][number]>()
  // todayIn builds an Intl formatter each call: once per client, not once per row.
  const todays = new Map<string, string>()
  const todayOf = (owner: { id: string; timezone: string }) =>
    todays.get(owner.id) ?? todays.set(owner.id, todayIn(owner.timezone, options.now)).get(owner.id)!
  for (const row of read) {
    await breathe()
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
    const today = todayOf(owner)
    if (row.appliedOn && row.appliedOn > today) {
      refuse(preview, [{ row: row.row, column: appliedColumn, reason: `${row.appliedOn} is in the future` }])
      continue
    }
    resolved.push(withTimes(row, owner, today, preview, options.now ?? new Date()))
    if (!readsClient) continue
    const read = readClientCells({ row: row.row, cells: cellsOf.get(row.row) ?? [] }, headers, mapping, {
      fields: targets.fields,
      dateStyles: clientDates,
      timeZone: owner.timezone,
      values: options.values,
    })
    preview.notes.push(...read.notes)
    for (const u of read.unknown) {
      const key = `${u.fieldId}:${u.key}`
      const fieldName = targets.fields.find((f) => f.id === u.fieldId)?.name ?? ''
      const entry = unknownValues.get(key) ?? { fieldId: u.fieldId, fieldName, key: u.key, value: u.value, rows: [] }
      if (entry.rows.at(-1) !== row.row) entry.rows.push(row.row)
      unknownValues.set(key, entry)
    }
    const label = row.clientEmail ?? client?.email ?? ''
    clientRows.push({
      row: row.row,
      clientId: owner.id,
      clientLabel: label,
      appliedOn: row.appliedOn,
      cells: read.value,
    })
  }
  if (readsClient) await planClientChanges(t, preview, clientRows, [...unknownValues.values()], targets, options)
  preview.notes.sort((a, b) => a.row - b.row)
  preview.valid = await withoutDuplicates(t, resolved, preview, options.importBatchId)
  preview.rejected.sort((a, b) => a.row - b.row)
  const days = preview.valid
    .map((r) => r.appliedOn)
    .filter((d): d is string => Boolean(d))
    .sort()
  preview.period = days.length ? { from: days[0]!, to: days.at(-1)! } : null
  return preview
}

/** Dates that read either way are month first where people write them so (the US), else day first. */
function dateOrderDefault(timeZone: string, whose: 'client' | 'practice') {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC')
    return { dayFirst: false, because: `as in the US: the ${whose} has no timezone that says otherwise` }
  return writesMonthFirst(timeZone)
    ? { dayFirst: false, because: `as in the US, where the ${whose} is (${timeZone})` }
    : { dayFirst: true, because: `as written where the ${whose} is (${timeZone})` }
}

/** What the rows give their clients, against what the clients hold now (see client-values). */
async function planClientChanges(
  t: TenantContext,
  preview: ImportPreview,
  rows: ClientRowValues[],
  unknownValues: ClientValuesPreview['unknownValues'],
  targets: Awaited<ReturnType<typeof clientValueTargets>>,
  options: PreviewOptions,
) {
  const columns = new Map<string, string>()
  preview.mapping.forEach((target, i) => {
    const id = fieldIdOf(target)
    if (id) columns.set(id, preview.headers[i] ?? '')
  })
  const plan = planClientValues(rows, { fields: targets.fields, columns, cohorts: targets.cohorts })
  const create = new Set((options.newCohorts ?? []).map(valueKey))
  preview.clientChanges = await clientChangesOf(t, plan, {
    fields: targets.fields,
    create,
    today: todayIn(t.org.timezone, options.now),
  })
  preview.clientValues = {
    unknownValues: unknownValues.sort((a, b) => b.rows.length - a.rows.length),
    unknownCohorts: [...plan.cohortNames]
      .filter(([, c]) => !c.id)
      .map(([key, c]) => ({
        key,
        value: c.name,
        rows: [...new Set(c.rows)].sort((a, b) => a - b),
        create: create.has(key),
      })),
    disagreements: plan.disagreements,
    summary: preview.clientChanges.summary,
  }
}

/**
 * The row's dates as instants in the client's timezone, kept in order (a response is never before the
 * application, nor after today), and, when it is still open but older than the practice's ghosting
 * threshold, closed as it most likely ended: an offer not taken up, or silence from the employer.
 */
function withTimes(
  row: ImportRow,
  owner: { id: string; timezone: string },
  today: string,
  preview: ImportPreview,
  now: Date,
): ValidRow {
  const instant = (day: string | null, time: ImportDateTime | undefined) => {
    if (!day) return null
    const at = importInstant(time ?? { day, time: null, offsetMinutes: null }, owner.timezone)
    return (at > now ? now : at).toISOString()
  }
  const clamp = (day: string | null) => (day && day > today ? today : day)
  const notBefore = (day: string | null) => (day && row.appliedOn && day < row.appliedOn ? row.appliedOn : day)
  const respondedOn = notBefore(clamp(row.respondedOn))
  const statusDate = notBefore(clamp(row.statusDate))
  const keep = (day: string | null, original: string | null, time?: ImportDateTime) =>
    instant(day, day === original ? time : undefined)
  const valid: ValidRow = {
    ...row,
    clientId: owner.id,
    respondedOn,
    statusDate,
    appliedAt: instant(row.appliedOn, row.times.appliedOn),
    respondedAt: keep(respondedOn, row.respondedOn, row.times.respondedOn),
    statusAt: keep(statusDate, row.statusDate, row.times.statusDate),
    closedAt: null,
  }
  const last = [row.appliedOn, respondedOn, statusDate]
    .filter((d): d is string => Boolean(d))
    .sort()
    .at(-1)
  const threshold = preview.stale.thresholdDays
  if (valid.outcome === 'ACTIVE' && valid.stage !== 'SAVED' && last && addDays(last, threshold) < today) {
    preview.stale.count++
    if (preview.stale.closed) {
      const outcome: Outcome = valid.stage === 'OFFER' ? 'OFFER_DECLINED' : 'GHOSTED'
      valid.outcome = outcome
      valid.closedAt = instant(addDays(last, threshold), undefined)
    }
  }
  return valid
}

/**
 * In a file for one client, a column headed just "Email" that holds other addresses is a recruiter's or a
 * company's, not the client's: it is left out rather than refusing every row. ("Client Email" is kept:
 * its other addresses are other clients' rows, which must not land with this one.)
 */
function leaveOutOthersEmails(
  table: ParsedTable,
  mapping: ColumnMapping,
  guesses: ColumnGuess[],
  client: { email: string } | null,
) {
  const column = mapping.indexOf('clientEmail')
  if (!client || column === -1 || !/^e ?mail( address)?$/.test(normalizeHeader(table.headers[column] ?? '')))
    return mapping
  const others = table.rows.some((r) => {
    const email = (r.cells[column] ?? '').trim().toLowerCase()
    return email !== '' && email !== client.email.toLowerCase()
  })
  if (!others) return mapping
  guesses[column] = { field: null, why: 'Holds other people’s emails (a recruiter’s?), not this client’s: left out' }
  return mapping.map((field, i) => (i === column ? null : field))
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

async function withoutDuplicates(t: TenantContext, rows: ValidRow[], preview: ImportPreview, importBatchId?: string) {
  const seen = new Map<string, number | null>()
  const clientIds = [...new Set(rows.map((r) => r.clientId))]
  const dates = rows
    .map((r) => r.appliedOn)
    .filter((d): d is string => Boolean(d))
    .sort()
  for (let i = 0; i < clientIds.length; i += 500) {
    const existing = await t.db.jobApplication.findMany({
      where: {
        clientId: { in: clientIds.slice(i, i + 500) },
        ...(importBatchId && { AND: [{ OR: [{ importBatchId: null }, { importBatchId: { not: importBatchId } }] }] }),
        OR: [
          { appliedOn: null },
          ...(dates.length ? [{ appliedOn: { gte: new Date(dates[0]!), lte: new Date(dates.at(-1)!) } }] : []),
        ],
      },
      select: { clientId: true, company: true, roleTitle: true, appliedOn: true },
    })
    for (const e of existing)
      seen.set(duplicateKey({ ...e, appliedOn: e.appliedOn?.toISOString().slice(0, 10) ?? null }), null)
  }
  const companyColumn = preview.headers[preview.mapping.indexOf('company')] ?? 'Company'
  return rows.filter((row) => {
    const key = duplicateKey(row)
    if (seen.has(key)) {
      const first = seen.get(key)
      preview.duplicateCount++
      preview.duplicates.push({
        row: row.row,
        column: companyColumn,
        reason: first
          ? `Same company, title and applied date as row ${first}`
          : 'Already in Rebound: same client, company, title and applied date',
      })
      return false
    }
    seen.set(key, row.row)
    return true
  })
}
