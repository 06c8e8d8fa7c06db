import type { Outcome, RejectionReason, Stage } from '~/generated/prisma/enums'
import type { JobDetails } from '../applications/pipeline'
import { restoreCell } from './csv'
import { parseImportDateTime, type DateStyle, type ImportDateTime } from './dates'
import { fieldIdOf, type ColumnMapping, type ImportField } from './fields'
import { readStatus, statusWords, type StatusReading } from './statuses'
import { emailPattern, parseSalary, readSeniority, readSource, readWorkMode, readYesNo } from './values'

// One record of the file, read through the mapping into an application, or the reasons it cannot be.
// No database here: which client an email names, duplicates and future dates are checked by preview.

export type RowError = { row: number; column: string; reason: string }

export type ImportRow = {
  row: number
  clientEmail: string | null
  company: string
  roleTitle: string
  /** Calendar days as the file gives them (YYYY-MM-DD), with the time of day when it gives one. */
  appliedOn: string | null
  statusDate: string | null
  respondedOn: string | null
  times: { appliedOn?: ImportDateTime; statusDate?: ImportDateTime; respondedOn?: ImportDateTime }
  stage: Stage
  outcome: Outcome
  rejectionReason: RejectionReason | null
  /** The status cell as written, for the preview's list of values it could not read. */
  statusText: string
  resumeTailored: boolean
  coverLetter: boolean
  salaryMin: number | null
  salaryMax: number | null
  notes: string | null
} & JobDetails

/** A status value the coach mapped once for the whole file: "STAGE:OUTCOME", e.g. "SCREEN:REJECTED". */
export type StatusChoices = Record<string, string>

export function readChoice(choice: string | undefined): StatusReading | null {
  const [stage, outcome] = (choice ?? '').split(':')
  return stage && outcome ? ({ stage, outcome } as StatusReading) : null
}

const stageOrder: Stage[] = ['SAVED', 'APPLIED', 'SCREEN', 'INTERVIEW', 'FINAL', 'OFFER']
const atLeast = (stage: Stage, floor: Stage) => (stageOrder.indexOf(stage) >= stageOrder.indexOf(floor) ? stage : floor)

function normalizeUrl(value: string) {
  const candidate = /^https?:\/\//i.test(value)
    ? value
    : /^www\.|^[a-z0-9-]+\.[a-z]{2,}\//i.test(value)
      ? `https://${value}`
      : value
  try {
    const url = new URL(candidate)
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null
  } catch {
    return null
  }
}

const limits: Partial<Record<ImportField, number>> = {
  company: 200,
  roleTitle: 200,
  industry: 100,
  location: 120,
  notes: 5000,
  jobUrl: 2000,
}

/** The title of an application whose file gives none. */
export const untitledRole = 'Title not given'

export const unknownStatusReason = (value: string) =>
  `Unknown status “${value}”: choose what it means under “Status values”, or use applied, screen, interview, final round, offer, rejected, no response or withdrawn`

/**
 * Reads one record. Errors refuse the row, each naming its column; notes are values left out of a
 * row that is still imported (an unreadable salary or level).
 */
export function readRow(
  record: { row: number; cells: string[] },
  headers: string[],
  mapping: ColumnMapping,
  options: { statuses?: StatusChoices; dateStyles?: (DateStyle | undefined)[] } = {},
): { value: ImportRow | null; errors: RowError[]; notes: RowError[] } {
  const errors: RowError[] = []
  const notes: RowError[] = []
  const cell = new Map<ImportField, { text: string; column: string; index: number }>()
  mapping.forEach((field, index) => {
    // The client's own values (custom fields) are read by client-values, once the client is known.
    if (field && !fieldIdOf(field))
      cell.set(field as ImportField, {
        text: restoreCell(record.cells[index] ?? '').trim(),
        column: headers[index] ?? '',
        index,
      })
  })
  const text = (field: ImportField) => cell.get(field)?.text ?? ''
  const at = (field: ImportField, reason: string) => ({
    row: record.row,
    column: cell.get(field)?.column ?? field,
    reason,
  })
  const fail = (field: ImportField, reason: string) => errors.push(at(field, reason))
  const note = (field: ImportField, reason: string) => notes.push(at(field, reason))

  const value: ImportRow = {
    row: record.row,
    clientEmail: text('clientEmail').toLowerCase() || null,
    company: text('company'),
    roleTitle: text('roleTitle'),
    appliedOn: null,
    statusDate: null,
    respondedOn: null,
    times: {},
    stage: 'APPLIED',
    outcome: 'ACTIVE',
    rejectionReason: null,
    statusText: text('status'),
    seniority: null,
    industry: text('industry') || null,
    location: text('location') || null,
    workMode: null,
    source: 'OTHER',
    jobUrl: null,
    resumeTailored: false,
    coverLetter: false,
    salaryMin: null,
    salaryMax: null,
    notes: text('notes') || null,
  }
  // A spreadsheet's own sums ("Total;6" under the last application) are not an application.
  if (/^(grand\s+)?(totals?|sum|count)\s*:?$/i.test(value.company) && !text('appliedOn')) {
    fail('company', `A “${value.company}” row of the spreadsheet’s own sums, not an application`)
    return { value: null, errors, notes }
  }
  // A line the owner wrote between applications ("Took a break in March") has no company, title or date.
  // So is a heading typed in the date column ("MARCH - heads down on the SQL course"), with nothing beside it.
  const appliedIsDate = Boolean(
    text('appliedOn') && parseImportDateTime(text('appliedOn'), options.dateStyles?.[cell.get('appliedOn')!.index]),
  )
  if (!value.company && !text('roleTitle') && !appliedIsDate) {
    const words = [...cell.keys()].map(text).find(Boolean)
    fail(
      'company',
      words
        ? `A note in the spreadsheet (“${words.slice(0, 60)}”), not an application: no company, job title or date`
        : 'No company, job title or date: not an application',
    )
    return { value: null, errors, notes }
  }
  if (!value.company) fail('company', 'The company is empty')
  // A tracker kept by company alone, or a row whose title was never filled in, is still an application.
  if (!value.roleTitle) {
    value.roleTitle = untitledRole
    if (cell.has('roleTitle')) note('roleTitle', `The job title is empty: imported as “${untitledRole}”`)
  }
  for (const [field, max] of Object.entries(limits) as [ImportField, number][]) {
    if (text(field).length > max) fail(field, `Longer than ${max} characters`)
  }
  if (value.clientEmail && !emailPattern.test(value.clientEmail))
    fail('clientEmail', `“${text('clientEmail')}” is not an email address`)

  const reading = (field: 'status' | 'result') =>
    readChoice(options.statuses?.[statusWords(text(field))]) ?? readStatus(text(field))
  const status = reading('status')
  if (status) {
    value.stage = status.stage
    value.outcome = status.outcome
    value.rejectionReason = status.reason ?? null
  } else fail('status', unknownStatusReason(text('status')))
  // An outcome column beside the status: the furthest stage of the two, and the outcome it names.
  const result = text('result') ? reading('result') : null
  if (result) {
    value.stage = atLeast(value.stage, result.stage)
    if (result.outcome !== 'ACTIVE') [value.outcome, value.rejectionReason] = [result.outcome, result.reason ?? null]
    if (result.outcome === 'OFFER_ACCEPTED' || result.outcome === 'OFFER_DECLINED') value.stage = 'OFFER'
  } else if (text('result')) fail('result', unknownStatusReason(text('result')))
  // Yes/no columns: an offer, an interview or a screen reached; a rejection.
  if (readYesNo(text('offer'))) value.stage = atLeast(value.stage, 'OFFER')
  if (readYesNo(text('interviewed'))) value.stage = atLeast(value.stage, 'INTERVIEW')
  if (readYesNo(text('screened'))) value.stage = atLeast(value.stage, 'SCREEN')
  if (readYesNo(text('rejected')) && (value.outcome === 'ACTIVE' || value.outcome === 'GHOSTED'))
    value.outcome = 'REJECTED'

  for (const field of ['appliedOn', 'statusDate', 'respondedOn'] as const) {
    if (!text(field)) continue
    const parsed = parseImportDateTime(text(field), options.dateStyles?.[cell.get(field)!.index])
    if (parsed) [value[field], value.times[field]] = [parsed.day, parsed]
    else if (field === 'appliedOn')
      fail(field, `“${text(field)}” is not a date: use 2026-03-24, 3/24/2026 or Mar 24, 2026`)
    else note(field, `“${text(field)}” is not a date: left out`)
  }
  if (!text('appliedOn') && value.stage !== 'SAVED') fail('appliedOn', 'The applied date is empty')

  if (text('seniority')) {
    value.seniority = readSeniority(text('seniority'))
    if (!value.seniority) note('seniority', `Unknown level “${text('seniority')}”: left out`)
  }
  if (text('source')) value.source = readSource(text('source')) ?? 'OTHER'
  if (text('workMode')) {
    // A "Remote?" column holds yes or no: yes is remote; no is at the office (hybrid is written as such).
    const yesNo = readYesNo(text('workMode'))
    value.workMode = yesNo === true ? 'REMOTE' : yesNo === false ? 'ONSITE' : readWorkMode(text('workMode'))
  }
  if (text('jobUrl')) {
    value.jobUrl = normalizeUrl(text('jobUrl'))
    if (!value.jobUrl) note('jobUrl', `“${text('jobUrl')}” is not a web link: left out`)
  }
  for (const field of ['resumeTailored', 'coverLetter'] as const) {
    const answer = readYesNo(text(field))
    if (answer !== null) value[field] = answer
    else if (text(field)) fail(field, `“${text(field)}” is not yes or no`)
  }
  readSalary(value, text, fail, note)
  return { value: errors.length ? null : value, errors, notes }
}

type Report = (f: ImportField, r: string) => void

function readSalary(value: ImportRow, text: (f: ImportField) => string, fail: Report, note: Report) {
  for (const field of ['salary', 'salaryMin', 'salaryMax'] as const) {
    if (!text(field)) continue
    const range = parseSalary(text(field))
    if (!range) {
      // "DOE", "competitive", "n/a": no amount was given. An amount we cannot read is left out, said so.
      if (/\d/.test(text(field)))
        note(field, `“${text(field)}” is not an amount or a range like 80000-100000: left out`)
      continue
    }
    if (field !== 'salaryMax') value.salaryMin = range.min
    if (field !== 'salaryMin') value.salaryMax = range.max
  }
  if (value.salaryMin !== null && value.salaryMax !== null && value.salaryMin > value.salaryMax)
    fail('salaryMax', 'The top of the salary range is below the bottom')
}

export { parseSalary } from './values'
