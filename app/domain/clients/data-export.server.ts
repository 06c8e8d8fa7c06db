import {
  outcomeLabels,
  reasonLabels,
  seniorityLabels,
  sourceLabels,
  stageLabels,
  workModeLabels,
  endedByLabels,
} from '~/domain/applications/pipeline'
import { statusPhrase } from '~/domain/applications/caseload-applications.server'
import { toCsv } from '~/domain/imports/csv'
import { valuesOf, type ClientFieldValue } from '~/domain/client-fields/client-field-display'
import { taskStatusLabels, taskTypeLabels } from '~/domain/tasks/tasks'
import { localTime } from '~/lib/weeks'
import type { ZipEntry } from '~/lib/zip-download.server'
import type { TenantDb } from '~/tenancy/scoped-client.server'
import { exportReadme } from './data-export-readme'

// A client's own records to take away: their applications, stage history, rejections, tasks,
// check-ins, messages and digests, each as CSV (for a spreadsheet) and JSON (for a program), with a
// README. Read a page at a time and written as it is read, so a long search never sits in memory.
// Never the coach's private notes, insights or anything about other clients: every query names the client.

export type ExportSource = {
  /** The practice door (a coach's) or the portal's: either way every query below also names the client. */
  db: TenantDb
  client: { id: string; name: string; email: string; timezone: string }
  org: { name: string }
}

const pageSize = 1_000

type Column<T> = { key: string; header: string; value: (row: T) => string }
type Table<T> = { name: string; columns: Column<T>[]; pages: () => AsyncGenerator<T[]> }

const yesNo = (value: boolean) => (value ? 'yes' : 'no')
const day = (value: Date | null) => (value ? value.toISOString().slice(0, 10) : '')

/** A timestamp as two columns: the client's wall clock, and ISO 8601 in UTC. */
function instantColumns<T>(key: string, header: string, timeZone: string, get: (row: T) => Date | null): Column<T>[] {
  return [
    {
      key,
      header: `${header} (${timeZone})`,
      value: (row) => {
        const at = get(row)
        if (!at) return ''
        const l = localTime(at, timeZone)
        return `${l.date} ${String(l.hour).padStart(2, '0')}:${String(l.minute).padStart(2, '0')}`
      },
    },
    { key: `${key}Iso`, header: `${header} (ISO 8601, UTC)`, value: (row) => get(row)?.toISOString() ?? '' },
  ]
}

/** Rows in (date, id) order, a page at a time: the next page starts after the last row read. */
async function* keyset<T extends { id: string }>(
  field: keyof T & string,
  read: (where: object) => Promise<T[]>,
): AsyncGenerator<T[]> {
  let last: T | null = null
  for (;;) {
    const where: object = last
      ? { OR: [{ [field]: { gt: last[field] } }, { [field]: last[field], id: { gt: last.id } }] }
      : {}
    const rows = await read(where)
    if (rows.length) yield rows
    if (rows.length < pageSize) return
    last = rows.at(-1)!
  }
}

const order = (field: string) => [{ [field]: 'asc' as const }, { id: 'asc' as const }]

/** What a table's query adds to its own filter to read the next page. */
type Page = { after: object; orderBy: ReturnType<typeof order>; take: number }

type Instant<T> = (key: string, header: string, get: (row: T) => Date | null) => Column<T>[]

/**
 * A table of one model's rows, read by `read` a page at a time in (field, id) order; its columns may
 * hold instants, shown in the client's time zone.
 */
function keysetTable<T extends { id: string }>(
  s: ExportSource,
  name: string,
  field: keyof T & string,
  read: (page: Page) => Promise<T[]>,
  columns: (instant: Instant<T>) => Column<T>[],
): Table<T> {
  return {
    name,
    pages: () => keyset(field, (after) => read({ after, orderBy: order(field), take: pageSize })),
    columns: columns((key, header, get) => instantColumns(key, header, s.client.timezone, get)),
  }
}

/** A page of the client's rows: their own, and any other condition the table adds. */
const clientPage = (s: ExportSource, { after, ...page }: Page, where: object = {}) => ({
  where: { clientId: s.client.id, ...where, AND: [after] },
  ...page,
})

const withApplication = { application: { select: { company: true, roleTitle: true } } }

const applicationTitle = (row: { application: { company: string; roleTitle: string } | null }) =>
  row.application ? `${row.application.roleTitle} at ${row.application.company}` : ''

// ---------------------------------------------------------------------------------------------
// The tables

function readApplications(s: ExportSource, rejectedOnly = false) {
  return (page: Page) =>
    s.db.jobApplication.findMany(clientPage(s, page, rejectedOnly ? { outcome: 'REJECTED' as const } : {}))
}
type ApplicationRow = Awaited<ReturnType<TenantDb['jobApplication']['findFirstOrThrow']>>

function applicationsTable(s: ExportSource): Table<ApplicationRow> {
  return keysetTable(s, 'applications', 'createdAt', readApplications(s), (instant) => [
    { key: 'company', header: 'Company', value: (a) => a.company },
    { key: 'jobTitle', header: 'Job Title', value: (a) => a.roleTitle },
    { key: 'status', header: 'Status', value: (a) => statusPhrase(a.stage, a.outcome) },
    { key: 'appliedDate', header: 'Applied Date', value: (a) => day(a.appliedOn) },
    { key: 'seniority', header: 'Seniority', value: (a) => (a.seniority ? seniorityLabels[a.seniority] : '') },
    { key: 'industry', header: 'Industry', value: (a) => a.industry ?? '' },
    { key: 'location', header: 'Location', value: (a) => a.location ?? '' },
    { key: 'workMode', header: 'Work Mode', value: (a) => (a.workMode ? workModeLabels[a.workMode] : '') },
    { key: 'source', header: 'Source', value: (a) => sourceLabels[a.source] },
    { key: 'jobUrl', header: 'Job URL', value: (a) => a.jobUrl ?? '' },
    { key: 'resumeTailored', header: 'Resume Tailored', value: (a) => yesNo(a.resumeTailored) },
    { key: 'coverLetter', header: 'Cover Letter', value: (a) => yesNo(a.coverLetter) },
    { key: 'salaryFrom', header: 'Salary From', value: (a) => a.salaryMin?.toString() ?? '' },
    { key: 'salaryTo', header: 'Salary To', value: (a) => a.salaryMax?.toString() ?? '' },
    { key: 'notes', header: 'Notes', value: (a) => a.notes ?? '' },
    { key: 'salaryCurrency', header: 'Salary Currency', value: (a) => a.salaryCurrency ?? '' },
    { key: 'stage', header: 'Stage', value: (a) => stageLabels[a.stage] },
    { key: 'outcome', header: 'Outcome', value: (a) => outcomeLabels[a.outcome] },
    ...instant('lastChange', 'Last Change', (a) => a.lastEventAt),
    ...instant('recorded', 'Recorded', (a) => a.createdAt),
  ])
}

function rejectionsTable(s: ExportSource): Table<ApplicationRow> {
  return keysetTable(s, 'rejections', 'createdAt', readApplications(s, true), (instant) => [
    { key: 'company', header: 'Company', value: (a) => a.company },
    { key: 'jobTitle', header: 'Job Title', value: (a) => a.roleTitle },
    { key: 'appliedDate', header: 'Applied Date', value: (a) => day(a.appliedOn) },
    ...instant('rejected', 'Rejected', (a) => a.lastEventAt),
    { key: 'stage', header: 'Stage Reached', value: (a) => stageLabels[a.rejectionStage ?? a.stage] },
    { key: 'endedBy', header: 'Ended By', value: (a) => (a.endedBy ? endedByLabels[a.endedBy] : '') },
    { key: 'reason', header: 'Reason', value: (a) => (a.rejectionReason ? reasonLabels[a.rejectionReason] : '') },
    { key: 'feedback', header: 'Feedback', value: (a) => a.feedbackText ?? '' },
    { key: 'feedbackRequestedOn', header: 'Feedback Requested On', value: (a) => day(a.feedbackRequestedOn) },
    { key: 'feedbackReceived', header: 'Feedback Received', value: (a) => yesNo(a.feedbackReceived) },
  ])
}

function stageHistoryTable(s: ExportSource) {
  return keysetTable(
    s,
    'stage-history',
    'occurredAt',
    (page: Page) => s.db.stageEvent.findMany({ ...clientPage(s, page), include: withApplication }),
    (instant) => [
      ...instant('occurred', 'When', (e) => e.occurredAt),
      { key: 'company', header: 'Company', value: (e) => e.application.company },
      { key: 'jobTitle', header: 'Job Title', value: (e) => e.application.roleTitle },
      {
        key: 'from',
        header: 'From',
        value: (e) => (e.fromStage ? statusPhrase(e.fromStage, e.fromOutcome ?? 'ACTIVE') : ''),
      },
      { key: 'to', header: 'To', value: (e) => statusPhrase(e.toStage, e.toOutcome) },
      { key: 'recordedBy', header: 'Recorded By', value: (e) => recordedBy(e.actorType) },
    ],
  )
}

const recordedBy = (actor: string) =>
  ({ CLIENT: 'You', COACH: 'Your coach', IMPORT: 'An import', SYSTEM: 'Rebound', API_KEY: 'A connected tool' })[
    actor
  ] ?? actor

function tasksTable(s: ExportSource) {
  return keysetTable(
    s,
    'tasks',
    'createdAt',
    (page: Page) => s.db.task.findMany({ ...clientPage(s, page), include: withApplication }),
    (instant) => [
      { key: 'title', header: 'Task', value: (r) => r.title },
      { key: 'type', header: 'Kind', value: (r) => taskTypeLabels[r.type] },
      { key: 'instructions', header: 'Instructions', value: (r) => r.instructions },
      { key: 'application', header: 'Application', value: applicationTitle },
      { key: 'dueOn', header: 'Due', value: (r) => day(r.dueOn) },
      { key: 'status', header: 'Status', value: (r) => taskStatusLabels[r.status] },
      ...instant('completed', 'Completed', (r) => r.completedAt),
      { key: 'completionNote', header: 'Completion Note', value: (r) => r.completionNote ?? '' },
      ...instant('assigned', 'Assigned', (r) => r.createdAt),
    ],
  )
}

function checkInsTable(s: ExportSource) {
  return keysetTable(
    s,
    'check-ins',
    'weekOf',
    (page: Page) => s.db.checkIn.findMany(clientPage(s, page)),
    (instant) => [
      { key: 'weekOf', header: 'Week Of', value: (r) => day(r.weekOf) },
      { key: 'mood', header: 'Mood (1-5)', value: (r) => String(r.mood) },
      { key: 'energy', header: 'Energy (1-5)', value: (r) => String(r.energy) },
      { key: 'confidence', header: 'Confidence (1-5)', value: (r) => String(r.confidence) },
      { key: 'note', header: 'Note', value: (r) => r.note ?? '' },
      ...instant('recorded', 'Recorded', (r) => r.createdAt),
    ],
  )
}

function messagesTable(s: ExportSource) {
  return keysetTable(
    s,
    'messages',
    'createdAt',
    (page: Page) =>
      s.db.message.findMany({
        ...clientPage(s, page, { deletedAt: null }),
        include: { author: { select: { name: true } }, ...withApplication },
      }),
    (instant) => [
      ...instant('sent', 'Sent', (m) => m.createdAt),
      {
        key: 'from',
        header: 'From',
        value: (m) => (m.authorType === 'CLIENT' ? 'You' : (m.author?.name ?? 'Your coach')),
      },
      { key: 'about', header: 'About', value: applicationTitle },
      { key: 'message', header: 'Message', value: (m) => m.body },
      ...instant('edited', 'Edited', (m) => m.editedAt),
    ],
  )
}

const digestStatus: Record<string, string> = { SENT: 'Sent', SKIPPED: 'Skipped', FAILED: 'Not delivered' }

function digestsTable(s: ExportSource) {
  return keysetTable(
    s,
    'digests',
    'claimedAt',
    ({ after, ...page }: Page) =>
      s.db.digestDelivery.findMany({
        where: { recipientType: 'CLIENT', recipientId: s.client.id, AND: [after] },
        ...page,
      }),
    (instant) => [
      { key: 'week', header: 'Week', value: (d) => d.isoWeek },
      { key: 'status', header: 'Status', value: (d) => digestStatus[d.status] ?? 'Being sent' },
      ...instant('sent', 'Sent', (d) => d.sentAt),
    ],
  )
}

function digestNotesTable(s: ExportSource) {
  return keysetTable(
    s,
    'digest-notes',
    'createdAt',
    (page: Page) => s.db.digestNote.findMany(clientPage(s, page)),
    (instant) => [
      { key: 'week', header: 'Week', value: (n) => n.isoWeek },
      { key: 'note', header: 'Note From Your Coach', value: (n) => n.body },
      ...instant('written', 'Written', (n) => n.createdAt),
    ],
  )
}

type FieldRow = { id: string; field: string; value: string; retired: boolean }

/** A value as the archive writes it: numbers plain, dates as days (YYYY-MM-DD), several choices joined. */
const fieldText = (value: ClientFieldValue) =>
  Array.isArray(value) ? value.join(', ') : typeof value === 'number' ? String(value) : value

/**
 * The client's values of the practice's own fields (docs/decisions/0039), by the field's name, in the
 * practice's order. A retired field's value is kept on the client, so it is here too, marked retired.
 */
function fieldsTable(s: ExportSource): Table<FieldRow> {
  async function* pages() {
    const [client, fields] = await Promise.all([
      s.db.client.findFirst({ where: { id: s.client.id }, select: { customFields: true } }),
      s.db.clientField.findMany({
        select: { id: true, name: true, retiredAt: true },
        orderBy: [{ position: 'asc' }, { createdAt: 'asc' }],
      }),
    ])
    const values = valuesOf(client?.customFields)
    const rows = fields.flatMap((f) => {
      const value = values[f.id]
      return value === undefined ? [] : [{ id: f.id, field: f.name, value: fieldText(value), retired: !!f.retiredAt }]
    })
    if (rows.length) yield rows
  }
  return {
    name: 'fields',
    pages,
    columns: [
      { key: 'field', header: 'Field', value: (r) => r.field },
      { key: 'value', header: 'Value', value: (r) => r.value },
      { key: 'retired', header: 'Retired', value: (r) => yesNo(r.retired) },
    ],
  }
}

// ---------------------------------------------------------------------------------------------
// Files

async function* csvChunks<T>(table: Table<T>) {
  yield '\uFEFF' + toCsv([table.columns.map((c) => c.header)])
  for await (const rows of table.pages()) yield toCsv(rows.map((row) => table.columns.map((c) => c.value(row))))
}

async function* jsonChunks<T>(table: Table<T>) {
  yield '['
  let first = true
  for await (const rows of table.pages()) {
    const objects = rows.map((row) =>
      JSON.stringify(Object.fromEntries(table.columns.map((c) => [c.key, c.value(row)]))),
    )
    yield (first ? '\n  ' : ',\n  ') + objects.join(',\n  ')
    first = false
  }
  yield first ? ']\n' : '\n]\n'
}

const both = <T>(table: Table<T>) => ({
  name: table.name,
  csv: () => csvChunks(table),
  json: () => jsonChunks(table),
})

async function* once(text: string) {
  yield text
}

export const exportFileNames = [
  'applications',
  'stage-history',
  'rejections',
  'tasks',
  'check-ins',
  'messages',
  'digests',
  'digest-notes',
  'fields',
] as const

/** Every file of the archive, in order: the README first, then each table as CSV and JSON. */
export function* clientExportFiles(s: ExportSource, now = new Date()): Generator<ZipEntry> {
  const folder = exportFolderName(s.client.name, now, s.client.timezone)
  yield { name: `${folder}/README.txt`, chunks: once(exportReadme(s, now)) }
  const tables = [
    both(applicationsTable(s)),
    both(stageHistoryTable(s)),
    both(rejectionsTable(s)),
    both(tasksTable(s)),
    both(checkInsTable(s)),
    both(messagesTable(s)),
    both(digestsTable(s)),
    both(digestNotesTable(s)),
    both(fieldsTable(s)),
  ]
  for (const table of tables) {
    yield { name: `${folder}/${table.name}.csv`, chunks: table.csv() }
    yield { name: `${folder}/${table.name}.json`, chunks: table.json() }
  }
}

/** "rebound-data-ana-lima-2026-11-23": the folder inside the archive and the download's name. */
export function exportFolderName(name: string, now: Date, timeZone: string) {
  const slug =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'client'
  return `rebound-data-${slug}-${localTime(now, timeZone).date}`
}

/** How many rows each part of the archive holds, for the page that offers it. */
export async function exportSummary(s: Pick<ExportSource, 'db' | 'client'>) {
  const byClient = { clientId: s.client.id }
  const [applications, stageChanges, rejections, tasks, checkIns, messages, digests] = await Promise.all([
    s.db.jobApplication.count({ where: byClient }),
    s.db.stageEvent.count({ where: byClient }),
    s.db.jobApplication.count({ where: { ...byClient, outcome: 'REJECTED' } }),
    s.db.task.count({ where: byClient }),
    s.db.checkIn.count({ where: byClient }),
    s.db.message.count({ where: { ...byClient, deletedAt: null } }),
    s.db.digestDelivery.count({ where: { recipientType: 'CLIENT', recipientId: s.client.id } }),
  ])
  return { applications, stageChanges, rejections, tasks, checkIns, messages, digests }
}
