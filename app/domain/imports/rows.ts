import type { ApplicationSource, Outcome, Seniority, Stage, WorkMode } from '~/generated/prisma/enums'
import { restoreCell } from './csv'
import { parseImportDate } from './dates'
import type { ColumnMapping, ImportField } from './fields'
import { normalizeHeader } from './mapping'
import { readStatus } from './statuses'

// One record of the file, read through the mapping into an application, or the reasons it cannot be.
// No database here: which client an email names, duplicates and future dates are checked by preview.

export type RowError = { row: number; column: string; reason: string }

export type ImportRow = {
  row: number
  clientEmail: string | null
  company: string
  roleTitle: string
  appliedOn: string | null
  statusDate: string | null
  stage: Stage
  outcome: Outcome
  seniority: Seniority | null
  industry: string | null
  location: string | null
  workMode: WorkMode | null
  source: ApplicationSource
  jobUrl: string | null
  resumeTailored: boolean
  coverLetter: boolean
  salaryMin: number | null
  salaryMax: number | null
  notes: string | null
}

const seniorityWords: [Seniority, string[]][] = [
  ['INTERN', ['intern', 'internship', 'trainee', 'apprentice']],
  ['ENTRY', ['entry', 'entry level', 'junior', 'jr', 'graduate', 'grad', 'associate', 'new grad']],
  ['MID', ['mid', 'mid level', 'mid senior', 'intermediate', 'experienced']],
  ['SENIOR', ['senior', 'sr', 'senior level']],
  ['LEAD', ['lead', 'principal', 'staff', 'manager', 'head', 'team lead']],
  ['EXECUTIVE', ['executive', 'director', 'vp', 'vice president', 'c level', 'chief', 'partner']],
]
const sourceWords: [ApplicationSource, string[]][] = [
  ['JOB_BOARD', ['job board', 'linkedin', 'indeed', 'glassdoor', 'monster', 'ziprecruiter', 'simplify', 'board']],
  ['COMPANY_SITE', ['company site', 'company website', 'careers page', 'career site', 'website', 'direct']],
  ['REFERRAL', ['referral', 'referred', 'referal']],
  ['RECRUITER', ['recruiter', 'agency', 'headhunter', 'recruitment agency']],
  ['NETWORKING', ['networking', 'network', 'event', 'meetup', 'contact']],
  ['OTHER', ['other']],
]
const workModeWords: [WorkMode, string[]][] = [
  ['REMOTE', ['remote', 'fully remote', 'wfh']],
  ['HYBRID', ['hybrid']],
  ['ONSITE', ['onsite', 'on site', 'office', 'in office', 'in person']],
]
const lookup = <T>(table: [T, string[]][]) => new Map(table.flatMap(([value, words]) => words.map((w) => [w, value])))
const seniorityByWord = lookup(seniorityWords)
const sourceByWord = lookup(sourceWords)
const workModeByWord = lookup(workModeWords)
const yes = new Set(['yes', 'y', 'true', '1', 'x', 'tailored', 'sent', 'done'])
const no = new Set(['no', 'n', 'false', '0', 'none', 'not tailored', 'not sent'])

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** "80000", "$80,000", "80k", "80k-100k", "£80 000 – £100 000": whole units, or null if unreadable. */
export function parseSalary(value: string): { min: number; max: number } | null {
  const parts = value
    .toLowerCase()
    .replace(/(\d)[,\s](?=\d{3}\b)/g, '$1')
    .split(/\s*(?:-|–|—|to)\s*/)
  const amounts = parts.map((part) => {
    const m = /^[^\d]*(\d+(?:\.\d+)?)\s*(k)?\s*(?:[a-z]{0,3}|\/\s*(?:yr|year))?$/.exec(part.trim())
    return m ? Math.round(Number(m[1]) * (m[2] ? 1000 : 1)) : null
  })
  if (amounts.length > 2 || amounts.some((a) => a === null)) return null
  const [min, max = min] = amounts as number[]
  return min! <= max! && max! <= 100_000_000 ? { min: min!, max: max! } : null
}

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

/** Reads one record; every problem found is returned, each naming its column. */
export function readRow(
  record: { row: number; cells: string[] },
  headers: string[],
  mapping: ColumnMapping,
): { value: ImportRow | null; errors: RowError[] } {
  const errors: RowError[] = []
  const cell = new Map<ImportField, { text: string; column: string }>()
  mapping.forEach((field, index) => {
    if (field) cell.set(field, { text: restoreCell(record.cells[index] ?? '').trim(), column: headers[index] ?? '' })
  })
  const text = (field: ImportField) => cell.get(field)?.text ?? ''
  const fail = (field: ImportField, reason: string) =>
    errors.push({ row: record.row, column: cell.get(field)?.column ?? field, reason })

  const value: ImportRow = {
    row: record.row,
    clientEmail: text('clientEmail').toLowerCase() || null,
    company: text('company'),
    roleTitle: text('roleTitle'),
    appliedOn: null,
    statusDate: null,
    stage: 'APPLIED',
    outcome: 'ACTIVE',
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
  if (!value.company) fail('company', 'The company is empty')
  if (!value.roleTitle) fail('roleTitle', 'The job title is empty')
  for (const [field, max] of Object.entries(limits) as [ImportField, number][]) {
    if (text(field).length > max) fail(field, `Longer than ${max} characters`)
  }
  if (value.clientEmail && !emailPattern.test(value.clientEmail))
    fail('clientEmail', `“${text('clientEmail')}” is not an email address`)

  const status = readStatus(text('status'))
  if (status) Object.assign(value, status)
  else
    fail(
      'status',
      `Unknown status “${text('status')}”: use applied, screen, interview, final round, offer, rejected, no response or withdrawn`,
    )

  for (const field of ['appliedOn', 'statusDate'] as const) {
    if (!text(field)) continue
    const day = parseImportDate(text(field))
    if (day) value[field] = day
    else fail(field, `“${text(field)}” is not a date: use 2026-03-24, 3/24/2026 or Mar 24, 2026`)
  }
  if (!text('appliedOn') && value.stage !== 'SAVED') fail('appliedOn', 'The applied date is empty')

  if (text('seniority')) {
    value.seniority = seniorityByWord.get(normalizeHeader(text('seniority'))) ?? null
    if (!value.seniority)
      fail('seniority', `Unknown seniority “${text('seniority')}”: use intern, entry, mid, senior, lead or executive`)
  }
  if (text('source')) value.source = sourceByWord.get(normalizeHeader(text('source'))) ?? 'OTHER'
  if (text('workMode')) value.workMode = workModeByWord.get(normalizeHeader(text('workMode'))) ?? null
  if (text('jobUrl')) {
    value.jobUrl = normalizeUrl(text('jobUrl'))
    if (!value.jobUrl) fail('jobUrl', `“${text('jobUrl')}” is not a web link`)
  }
  for (const field of ['resumeTailored', 'coverLetter'] as const) {
    const word = normalizeHeader(text(field))
    if (yes.has(word)) value[field] = true
    else if (word && !no.has(word)) fail(field, `“${text(field)}” is not yes or no`)
  }
  readSalary(value, text, fail)
  return { value: errors.length ? null : value, errors }
}

function readSalary(value: ImportRow, text: (f: ImportField) => string, fail: (f: ImportField, r: string) => void) {
  for (const field of ['salary', 'salaryMin', 'salaryMax'] as const) {
    if (!text(field)) continue
    const range = parseSalary(text(field))
    if (!range) {
      fail(field, `“${text(field)}” is not an amount or a range like 80000-100000`)
      continue
    }
    if (field !== 'salaryMax') value.salaryMin = range.min
    if (field !== 'salaryMin') value.salaryMax = range.max
  }
  if (value.salaryMin !== null && value.salaryMax !== null && value.salaryMin > value.salaryMax)
    fail('salaryMax', 'The top of the salary range is below the bottom')
}
