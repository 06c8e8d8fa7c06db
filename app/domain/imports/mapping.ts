import { createHash } from 'node:crypto'
import { restoreCell } from './csv'
import { dateStyleOf, numericDatesOf, parseImportDate, type DateStyle } from './dates'
import { fieldIdOf, fieldTarget, importFields, type ColumnMapping, type ColumnTarget, type ImportField } from './fields'
import { readStatus, statusWords } from './statuses'
import { normalizeWords, readSource, readWorkMode, readYesNo } from './values'

// Which column is which, from its header and from the values under it. LinkedIn's, Simplify's,
// Huntr's and Teal's exports and a person's own tracker ("Date sent", "Response", "Remote?") map
// with no help; each column comes with the reason it was mapped, and the coach can change any.
// Contact details and question-and-answer columns are never imported (nor kept: see batches.server).

export const normalizeHeader = normalizeWords

/** Contact details, phone numbers and screening answers: personal data the coach does not need. */
export function isPrivateColumn(header: string) {
  const name = normalizeHeader(header)
  return (
    /\b(contact|phone|mobile|telephone|questions?|answers?|screening answers?)\b/.test(name) ||
    /\b(recruiter|hiring manager|hr|poc|referrer|interviewer)s? (e ?mail|name|email address|linkedin)\b/.test(name) ||
    name === 'resume name' ||
    name === 'resume' ||
    name === 'cv'
  )
}

const synonyms: Record<ImportField, string[]> = {
  company: ['company', 'company name', 'employer', 'organization', 'organisation', 'firm', 'org', 'business'],
  roleTitle: [
    'job title',
    'title',
    'role',
    'position',
    'role title',
    'job',
    'position title',
    'job role',
    'job position',
    'job name',
  ],
  appliedOn: [
    'applied date',
    'date applied',
    'application date',
    'applied',
    'applied on',
    'date',
    'submitted',
    'date sent',
    'sent',
    'sent on',
    'date submitted',
    'submitted on',
    'applied at',
  ],
  status: [
    'status',
    'stage',
    'application status',
    'current status',
    'outcome',
    'response',
    'result',
    'progress',
    'list',
    'state',
  ],
  result: ['final outcome', 'final status', 'final result', 'decision', 'result status'],
  screened: ['phone screen', 'screened', 'phone screen y n', 'screen', 'screening', 'recruiter call', 'phone call'],
  interviewed: ['interview', 'interviewed', 'interview y n', 'got interview', 'interviews'],
  rejected: ['rejected', 'rejection', 'rejected y n', 'got rejected'],
  statusDate: ['status date', 'last updated', 'updated', 'status updated', 'last update', 'updated at', 'modified'],
  respondedOn: [
    'first response',
    'first response date',
    'response date',
    'date of response',
    'heard back',
    'heard back on',
    'date heard back',
    'reply date',
    'responded',
    'responded on',
    'first reply',
    'reply received',
    'response received',
    'heard back date',
    'date responded',
    'callback date',
  ],
  offer: ['offer', 'offer received', 'got offer', 'offered', 'offer y n'],
  seniority: ['seniority', 'level', 'seniority level', 'job level', 'experience level', 'lvl'],
  industry: ['industry', 'sector', 'field'],
  location: ['location', 'city', 'job location', 'place', 'office'],
  workMode: ['remote', 'work mode', 'remote hybrid', 'workplace', 'workplace type', 'on site remote', 'remote y n'],
  source: [
    'source',
    'channel',
    'found via',
    'found on',
    'how applied',
    'site',
    'board',
    'job board',
    'platform',
    'via',
    'applied via',
    'applied through',
  ],
  jobUrl: ['url', 'link', 'job url', 'job link', 'posting', 'posting url', 'job posting', 'listing', 'posting link'],
  resumeTailored: ['tailored', 'resume tailored', 'cv tailored', 'tailored resume', 'tailored cv', 'custom resume'],
  coverLetter: ['cover letter', 'cover', 'cover letter sent', 'cl'],
  salary: ['salary', 'salary range', 'compensation', 'pay', 'pay range', 'comp', 'salary posted', 'base'],
  salaryMin: ['salary min', 'min salary', 'salary from', 'minimum salary'],
  salaryMax: ['salary max', 'max salary', 'salary to', 'maximum salary'],
  notes: ['notes', 'note', 'comments', 'comment', 'description', 'details', 'remarks'],
  clientEmail: [
    'client email',
    'client e mail',
    'email',
    'e mail',
    'jobseeker email',
    'candidate email',
    'student email',
    'learner email',
    'participant email',
  ],
  cohort: ['cohort', 'cohorts', 'cohort name', 'intake', 'client cohort'],
}
const byHeader = new Map<string, ImportField>()
for (const [field, names] of Object.entries(synonyms) as [ImportField, string[]][]) {
  for (const name of names) byHeader.set(name, field)
}

/** What the values of one column look like, over its non-empty cells (the first 500 rows). */
type Profile = {
  filled: number
  dates: number
  statuses: number
  yesNo: number
  sources: number
  modes: number
  /** Remote, hybrid or on site, alone or among a multi-select cell's items ("Remote, Full-time"). */
  modeItems: number
}

/** How dates that read either way (02/04/2025) are taken when nothing in the file tells. */
export type DateOrderDefault = { dayFirst: boolean; because: string }

/** The date columns' styles, and for each, how its numeric dates were read and why (for the preview). */
export type DateColumns = { styles: (DateStyle | undefined)[]; notes: (string | null)[]; eitherWay: boolean }

const isDateTarget = (field: ColumnTarget | null) =>
  field === 'appliedOn' || field === 'statusDate' || field === 'respondedOn'

/**
 * Reads the columns mapped to a date only (reading a whole file's other columns is wasted time). A column
 * with a date that can only be day first (13/03/2025) is day first throughout; one whose dates all read
 * either way follows the file's other date columns, else the coach's choice, else the default given.
 */
export function readDateColumns(
  headers: string[],
  rows: string[][],
  mapping: ColumnMapping,
  fallback: DateOrderDefault,
  chosen?: 'day' | 'month' | null,
): DateColumns {
  const columns = mapping.map((field, i) => {
    if (!isDateTarget(field)) return null
    const values = rows.map((cells) => restoreCell(cells[i] ?? ''))
    return { style: dateStyleOf(values, headers[i]), numeric: numericDatesOf(values) }
  })
  const kinds = columns.filter((c) => c !== null)
  const dayCount = kinds.filter((c) => c.numeric.dayOnly && !c.numeric.monthOnly).length
  const monthCount = kinds.filter((c) => c.numeric.monthOnly && !c.numeric.dayOnly).length
  const fileOrder = dayCount && !monthCount ? 'day' : monthCount && !dayCount ? 'month' : null
  let eitherWay = false
  const notes = columns.map((c) => {
    if (!c) return null
    const { dayOnly, monthOnly, either } = c.numeric
    if (dayOnly && monthOnly)
      return `Its dates are written both ways (${dayOnly} day first, ${monthOnly} month first): each is read the only way it can be, and one that reads either way, month first`
    if (dayOnly) return `${dayOnly} can only be day first, so its dates are read day first`
    if (monthOnly) return `${monthOnly} can only be month first, so its dates are read month first`
    if (!either) return null
    eitherWay = true
    const reading = (dayFirst: boolean) => {
      c.style.dayFirst = dayFirst
      return dayFirst ? `day first (${dayFirstExample(either)})` : `month first (${monthFirstExample(either)})`
    }
    if (chosen) return `Its dates read either way (${either}): ${reading(chosen === 'day')}, as you chose`
    if (fileOrder)
      return `Its dates read either way (${either}): ${reading(fileOrder === 'day')}, like the file’s other date column`
    return `Its dates read either way (${either}): ${reading(fallback.dayFirst)}, ${fallback.because}`
  })
  return { styles: columns.map((c) => c?.style), notes, eitherWay }
}

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const numbersOf = (text: string) => text.split(/[/.-]/).map((part) => Number.parseInt(part, 10))
const dayFirstExample = (text: string) => {
  const [day, month] = numbersOf(text)
  return `${day} ${monthNames[month! - 1]}`
}
const monthFirstExample = (text: string) => {
  const [month, day] = numbersOf(text)
  return `${day} ${monthNames[month! - 1]}`
}

/** How each column writes its dates (day first or not, Excel serial numbers), from its values. */
export function columnDateStyles(headers: string[], rows: string[][]): DateStyle[] {
  return headers.map((header, i) =>
    dateStyleOf(
      rows.map((cells) => restoreCell(cells[i] ?? '')),
      header,
    ),
  )
}

function profile(values: string[], style: DateStyle): Profile {
  const cells = values.map((v) => restoreCell(v).trim()).filter(Boolean)
  const share = (test: (v: string) => boolean) => (cells.length ? cells.filter(test).length / cells.length : 0)
  return {
    filled: cells.length,
    dates: share((v) => parseImportDate(v, style) !== null),
    // A status word, not just a number or yes/no: "y" reads as nothing, "2" as no status.
    statuses: share((v) => readYesNo(v) === null && statusWords(v) !== '' && readStatus(v) !== null),
    yesNo: share((v) => readYesNo(v) !== null),
    sources: share((v) => readSource(v) !== null),
    modes: share((v) => readWorkMode(v) !== null || readYesNo(v) !== null),
    modeItems: share((v) => readWorkMode(v) !== null),
  }
}

export type ColumnGuess = { field: ColumnTarget | null; why: string }

/** A custom client field of the practice, as the mapping sees it: a column headed with its name maps to it. */
export type NamedField = { id: string; name: string }

const percent = (share: number) => `${Math.round(share * 100)}%`
const hasWord = (name: string, pattern: RegExp) => pattern.test(name)

/**
 * The field each column most likely holds, and why; each field goes to one column only. Reads the
 * header first, then the values: dates, status words, yes/no, job sites.
 */
export function guessColumns(headers: string[], rows: string[][] = [], clientFields: NamedField[] = []): ColumnGuess[] {
  const sample = rows.slice(0, 500)
  const names = headers.map(normalizeHeader)
  const styles = columnDateStyles(headers, sample)
  const profiles = headers.map((_, i) =>
    profile(
      sample.map((cells) => cells[i] ?? ''),
      styles[i]!,
    ),
  )
  const guesses: ColumnGuess[] = headers.map(() => ({ field: null, why: 'Not recognised: left out' }))
  const taken = new Set<ColumnTarget>()
  const assign = (i: number, field: ColumnTarget, why: string) => {
    if (taken.has(field) || guesses[i]!.field) return false
    taken.add(field)
    guesses[i] = { field, why }
    return true
  }
  const free = (i: number) => !guesses[i]!.field && !isPrivateColumn(headers[i]!) && names[i] !== ''
  const datesOk = (i: number) => profiles[i]!.filled === 0 || profiles[i]!.dates >= 0.6
  const yesNoOk = (p: Profile) => p.filled === 0 || p.yesNo >= 0.6
  const isYesNoField = (f: ImportField) =>
    f === 'offer' ||
    f === 'resumeTailored' ||
    f === 'coverLetter' ||
    f === 'screened' ||
    f === 'interviewed' ||
    f === 'rejected'
  const isDateField = (f: ImportField) => f === 'appliedOn' || f === 'statusDate' || f === 'respondedOn'

  headers.forEach((header, i) => {
    if (isPrivateColumn(header)) guesses[i] = { field: null, why: 'Contact details and answers are never imported' }
  })
  // 1. Headers that say what they hold, when the values agree.
  names.forEach((name, i) => {
    const field = byHeader.get(name)
    if (!field || !free(i)) return
    if (isDateField(field) && !datesOk(i)) return
    if (isYesNoField(field) && !yesNoOk(profiles[i]!)) return
    const p = profiles[i]!
    // "Response: yes/no" says whether they answered, not how: not a status column.
    if ((field === 'status' || field === 'result') && p.filled && (p.yesNo >= 0.6 || p.dates >= 0.6)) return
    const why = isDateField(field)
      ? `The header says so, and ${percent(p.dates)} of its values are dates`
      : field === 'status' && p.filled
        ? `The header says so, and ${percent(p.statuses)} of its values are status words`
        : 'The header says so'
    assign(i, field, why)
  })
  // 1b. The practice's own client fields, by their name ("Programme", "Graduation date"): before the values
  // are read, so that a graduation date is never taken for the applied date.
  for (const field of clientFields) {
    const i = names.findIndex((name, j) => name !== '' && name === normalizeHeader(field.name) && free(j))
    if (i !== -1) assign(i, fieldTarget(field.id), `The header is the name of your client field “${field.name}”`)
  }
  // 2. Dates: the applied date is the date column named like one, else the earliest of the date columns.
  // A date a job was saved, posted or created, or a follow-up is planned, is not when it was applied for.
  const notApplied = /\b(saved|created|added|posted|posting date|deadline|follow\w*|due|next|bookmarked)\b/
  const dateColumns = names
    .map((_, i) => i)
    .filter((i) => free(i) && profiles[i]!.filled > 0 && datesOk(i) && !notApplied.test(names[i]!))
  if (!taken.has('appliedOn')) {
    const named = dateColumns.find((i) => hasWord(names[i]!, /\b(appl\w*|sent|submit\w*|date)\b/))
    const earliest = named ?? earliestColumn(dateColumns, sample, styles)
    if (earliest !== undefined)
      assign(
        earliest,
        'appliedOn',
        `${percent(profiles[earliest]!.dates)} of its values are dates, the earliest in each row`,
      )
  }
  const applied = guesses.findIndex((g) => g.field === 'appliedOn')
  for (const i of dateColumns) {
    if (!free(i)) continue
    const after = applied === -1 ? 0 : shareOnOrAfter(sample, i, applied, styles)
    if (hasWord(names[i]!, /\b(respon\w*|repl\w*|heard|answer\w*|callback|contacted)\b/) && after >= 0.9)
      assign(i, 'respondedOn', `Its header speaks of a response and its dates fall on or after the applied date`)
    // An interview (or screen) date: the employer had answered by then.
    else if (hasWord(names[i]!, /\b(interview\w*|screen\w*)\b/) && after >= 0.9)
      assign(
        i,
        'respondedOn',
        'Its header names an interview, which means a response by then, and its dates fall on or after the applied date',
      )
    else if (hasWord(names[i]!, /\b(updat\w*|status|last|changed|modified)\b/))
      assign(
        i,
        'statusDate',
        `Its header speaks of an update and ${percent(profiles[i]!.dates)} of its values are dates`,
      )
  }
  // 3. Status words: the column where most values read as a stage or an outcome.
  if (!taken.has('status')) {
    const best = names
      .map((_, i) => i)
      .filter((i) => free(i) && profiles[i]!.filled > 0 && profiles[i]!.statuses >= 0.6)
      .sort((a, b) => profiles[b]!.statuses - profiles[a]!.statuses)[0]
    if (best !== undefined)
      assign(best, 'status', `${percent(profiles[best]!.statuses)} of its values are status words`)
  }
  // A second column of status words beside the status ("Stage" and "Outcome", "Status" and "Result"):
  // read together, the furthest stage of the two and the outcome the second gives.
  if (taken.has('status') && !taken.has('result')) {
    const second = names
      .map((_, i) => i)
      .find(
        (i) =>
          free(i) &&
          profiles[i]!.filled > 0 &&
          profiles[i]!.statuses >= 0.6 &&
          /\b(status|stage|outcome|result|decision|response|progress)\b/.test(names[i]!),
      )
    if (second !== undefined)
      assign(
        second,
        'result',
        `A second column of status words (${percent(profiles[second]!.statuses)}): read with the status`,
      )
  }
  // 4. Headers that name a field in more words ("Remote?", "Offer (Y/N)", "Company name (as posted)").
  const keywordRules: [RegExp, ImportField, (p: Profile) => boolean][] = [
    [/\bcompany|employer|organi[sz]ation\b/, 'company', () => true],
    [/\b(job )?(title|role|position)\b/, 'roleTitle', () => true],
    [/\bremote|wfh|work ?mode|on ?site|hybrid\b/, 'workMode', (p) => p.filled === 0 || p.modes >= 0.6],
    [/\boffer\b/, 'offer', yesNoOk],
    [/\binterview(ed|s)?\b/, 'interviewed', yesNoOk],
    [/\b(phone )?screen(ed|ing)?\b|\bcall(ed)?\b/, 'screened', yesNoOk],
    [/\brejected|rejection\b/, 'rejected', yesNoOk],
    [/\btailor/, 'resumeTailored', yesNoOk],
    [/\bcover\b/, 'coverLetter', yesNoOk],
    [/\blevel|seniority\b/, 'seniority', () => true],
    [/\bsalary|pay|comp\w*\b/, 'salary', () => true],
    [/\blocation|city\b/, 'location', () => true],
    [/\burl|link\b/, 'jobUrl', () => true],
    [/\bnotes?|comments?\b/, 'notes', () => true],
    [/\bsite|board|source|platform|via\b/, 'source', () => true],
  ]
  names.forEach((name, i) => {
    if (!free(i)) return
    for (const [pattern, field, fits] of keywordRules) {
      if (pattern.test(name) && fits(profiles[i]!) && assign(i, field, `The header names it: “${headers[i]}”`)) return
    }
  })
  // 5. Values alone: yes/no with remote or hybrid, job sites.
  names.forEach((_, i) => {
    if (!free(i) || !profiles[i]!.filled) return
    const p = profiles[i]!
    if (p.sources >= 0.7) assign(i, 'source', `${percent(p.sources)} of its values are job sites or channels`)
    else if (p.modeItems >= 0.7)
      assign(i, 'workMode', `${percent(p.modeItems)} of its values say remote, hybrid or on site`)
  })
  return guesses
}

function earliestColumn(columns: number[], rows: string[][], styles: DateStyle[]) {
  let best: number | undefined
  let bestWins = -1
  const day = (cells: string[], j: number) => parseImportDate(cells[j] ?? '', styles[j])
  for (const i of columns) {
    const wins = rows.filter((cells) => {
      const mine = day(cells, i)
      return mine && columns.every((j) => j === i || !day(cells, j) || mine <= day(cells, j)!)
    }).length
    if (wins > bestWins) [best, bestWins] = [i, wins]
  }
  return best
}

function shareOnOrAfter(rows: string[][], column: number, applied: number, styles: DateStyle[]) {
  let both = 0
  let after = 0
  for (const cells of rows) {
    const a = parseImportDate(cells[applied] ?? '', styles[applied])
    const b = parseImportDate(cells[column] ?? '', styles[column])
    if (!a || !b) continue
    both++
    if (b >= a) after++
  }
  return both ? after / both : 0
}

/** The field each column most likely holds; each field goes to one column only. */
export function guessMapping(headers: string[], rows: string[][] = [], clientFields: NamedField[] = []): ColumnMapping {
  return guessColumns(headers, rows, clientFields).map((g) => g.field)
}

/** The key under which a confirmed mapping is remembered: the normalised headers, in order. */
export function headerSignature(headers: string[]) {
  return createHash('sha256').update(headers.map(normalizeHeader).join('\u001f')).digest('hex')
}

export function detectFormat(headers: string[]) {
  const names = new Set(headers.map(normalizeHeader))
  const has = (...wanted: string[]) => wanted.every((name) => names.has(name))
  // LinkedIn's export, with or without the contact and answer columns (they are cut before the file is kept).
  if (has('application date', 'company name', 'job title') && (has('job url') || has('resume name'))) return 'linkedin'
  if (has('job title', 'company name', 'applied date', 'status', 'status date')) return 'simplify'
  if (has('company', 'list') && (has('job title') || has('title'))) return 'huntr'
  if (has('company', 'job position', 'status')) return 'teal'
  return 'spreadsheet'
}

/**
 * Keeps a remembered or submitted mapping only if it fits the file (and names only the practice's active
 * client fields, `fieldIds`); otherwise null.
 */
export function fitMapping(
  headers: string[],
  mapping: unknown,
  fieldIds: ReadonlySet<string> = new Set(),
): ColumnMapping | null {
  if (!Array.isArray(mapping) || mapping.length !== headers.length) return null
  const fields = new Set<string>(importFields)
  const seen = new Set<string>()
  const fitted: ColumnMapping = []
  for (const [index, value] of mapping.entries()) {
    if (value === null || value === '' || isPrivateColumn(headers[index] ?? '')) {
      fitted.push(null)
      continue
    }
    if (typeof value !== 'string' || seen.has(value)) return null
    const fieldId = fieldIdOf(value as ColumnTarget)
    if (fieldId !== null ? !fieldIds.has(fieldId) : !fields.has(value)) return null
    seen.add(value)
    fitted.push(value as ColumnTarget)
  }
  return fitted
}

/** Problems with the mapping as a whole, which no row can fix. */
export function mappingProblems(mapping: ColumnMapping, options: { hasClient: boolean }) {
  const mapped = new Set(mapping.filter(Boolean))
  const problems: string[] = []
  if (!mapped.has('company')) problems.push('Choose the column that holds the company.')
  if (!mapped.has('appliedOn')) problems.push('Choose the column that holds the applied date.')
  if (!options.hasClient && !mapped.has('clientEmail'))
    problems.push('Choose a client for this file, or the column that holds each row’s client email.')
  return problems
}

export const columnReason = (field: ColumnTarget | null, guess: ColumnGuess | undefined) =>
  guess && guess.field === field ? guess.why : field ? 'Chosen by you' : 'Left out'
