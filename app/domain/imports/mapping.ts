import { createHash } from 'node:crypto'
import type { ColumnMapping, ImportField } from './fields'

// Which column is which, guessed from the header. LinkedIn's and Simplify's exports need no mapping;
// a coach's own spreadsheet usually needs none either. Contact details and question-and-answer
// columns of LinkedIn's export are never imported: personal data the coach does not need.

/** "Date Applied", "date_applied" and " DATE-APPLIED " all read "date applied". */
export function normalizeHeader(header: string) {
  return header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

// Headers never imported, even if a later guess would match them.
const dropped = new Set([
  'contact email',
  'contact phone number',
  'contact phone',
  'contact name',
  'question and answers',
  'questions and answers',
  'resume name',
  'phone',
  'phone number',
])

const synonyms: Record<ImportField, string[]> = {
  company: ['company', 'company name', 'employer', 'organization', 'organisation', 'firm'],
  roleTitle: ['job title', 'title', 'role', 'position', 'role title', 'job', 'position title', 'job role'],
  appliedOn: ['applied date', 'date applied', 'application date', 'applied', 'applied on', 'date', 'submitted'],
  status: ['status', 'stage', 'application status', 'current status', 'outcome'],
  statusDate: ['status date', 'last updated', 'updated', 'status updated', 'last update'],
  seniority: ['seniority', 'level', 'seniority level', 'job level', 'experience level'],
  industry: ['industry', 'sector'],
  location: ['location', 'city', 'job location'],
  workMode: ['remote', 'work mode', 'remote hybrid', 'workplace', 'workplace type', 'on site remote'],
  source: ['source', 'channel', 'found via', 'found on', 'how applied'],
  jobUrl: ['url', 'link', 'job url', 'job link', 'posting', 'posting url', 'job posting', 'listing'],
  resumeTailored: ['tailored', 'resume tailored', 'cv tailored', 'tailored resume', 'tailored cv'],
  coverLetter: ['cover letter', 'cover', 'cover letter sent'],
  salary: ['salary', 'salary range', 'compensation', 'pay', 'pay range'],
  salaryMin: ['salary min', 'min salary', 'salary from', 'minimum salary'],
  salaryMax: ['salary max', 'max salary', 'salary to', 'maximum salary'],
  notes: ['notes', 'note', 'comments', 'comment'],
  clientEmail: ['client email', 'client e mail', 'email', 'e mail', 'jobseeker email', 'candidate email'],
}
const byHeader = new Map<string, ImportField>()
for (const [field, names] of Object.entries(synonyms) as [ImportField, string[]][]) {
  for (const name of names) byHeader.set(name, field)
}

/** The field each column most likely holds; each field goes to its first matching column only. */
export function guessMapping(headers: string[]): ColumnMapping {
  const taken = new Set<ImportField>()
  return headers.map((header) => {
    const name = normalizeHeader(header)
    if (dropped.has(name)) return null
    const field = byHeader.get(name)
    if (!field || taken.has(field)) return null
    taken.add(field)
    return field
  })
}

/** The key under which a confirmed mapping is remembered: the normalised headers, in order. */
export function headerSignature(headers: string[]) {
  return createHash('sha256').update(headers.map(normalizeHeader).join('\u001f')).digest('hex')
}

export function detectFormat(headers: string[]) {
  const names = new Set(headers.map(normalizeHeader))
  const has = (...wanted: string[]) => wanted.every((name) => names.has(name))
  if (has('application date', 'company name', 'job title') && (has('resume name') || has('question and answers')))
    return 'linkedin'
  if (has('job title', 'company name', 'applied date', 'status', 'status date')) return 'simplify'
  return 'spreadsheet'
}

/** Keeps a remembered or submitted mapping only if it fits the file; otherwise the guess. */
export function fitMapping(headers: string[], mapping: unknown): ColumnMapping | null {
  if (!Array.isArray(mapping) || mapping.length !== headers.length) return null
  const fields = new Set(Object.keys(synonyms))
  const seen = new Set<string>()
  const fitted: ColumnMapping = []
  for (const [index, value] of mapping.entries()) {
    const name = normalizeHeader(headers[index] ?? '')
    if (value === null || value === '' || dropped.has(name)) {
      fitted.push(null)
      continue
    }
    if (typeof value !== 'string' || !fields.has(value) || seen.has(value)) return null
    seen.add(value)
    fitted.push(value as ImportField)
  }
  return fitted
}

/** Problems with the mapping as a whole, which no row can fix. */
export function mappingProblems(mapping: ColumnMapping, options: { hasClient: boolean }) {
  const mapped = new Set(mapping.filter(Boolean))
  const problems: string[] = []
  if (!mapped.has('company')) problems.push('Choose the column that holds the company.')
  if (!mapped.has('roleTitle')) problems.push('Choose the column that holds the job title.')
  if (!mapped.has('appliedOn')) problems.push('Choose the column that holds the applied date.')
  if (!options.hasClient && !mapped.has('clientEmail'))
    problems.push('Choose a client for this file, or the column that holds each row’s client email.')
  return problems
}
