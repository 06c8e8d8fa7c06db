import type { ApplicationSource, Seniority, WorkMode } from '~/generated/prisma/enums'

// The words a cell may hold for the fields with a fixed vocabulary. The row reader reads them;
// the column guesser counts them to tell what a column holds.

/** "Date Applied", "date_applied" and " DATE-APPLIED " all read "date applied". */
export function normalizeWords(text: string) {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

const seniorityWords: [Seniority, string[]][] = [
  ['INTERN', ['intern', 'internship', 'trainee', 'apprentice', 'co op', 'coop']],
  ['ENTRY', ['entry', 'entry level', 'junior', 'jr', 'graduate', 'grad', 'associate', 'new grad']],
  ['MID', ['mid', 'mid level', 'mid senior', 'intermediate', 'experienced', 'ii', 'regular']],
  ['SENIOR', ['senior', 'sr', 'senior level', 'iii']],
  ['LEAD', ['lead', 'principal', 'staff', 'manager', 'head', 'team lead', 'iv']],
  ['EXECUTIVE', ['executive', 'director', 'vp', 'vice president', 'c level', 'chief', 'partner']],
]
const sourceWords: [ApplicationSource, string[]][] = [
  [
    'JOB_BOARD',
    [
      'job board',
      'linkedin',
      'linked in',
      'li',
      'linkedin easy apply',
      'easy apply',
      'indeed',
      'glassdoor',
      'monster',
      'ziprecruiter',
      'zip recruiter',
      'simplify',
      'board',
      'handshake',
      'wellfound',
      'angellist',
      'angel list',
      'built in',
      'builtin',
      'dice',
      'hired',
      'otta',
      'welcome to the jungle',
      'hacker news',
      'hn',
      'craigslist',
      'usajobs',
      'idealist',
      'remoteok',
      'we work remotely',
      'google jobs',
      'job fair',
      'reed',
      'totaljobs',
      'gradcracker',
      'milkround',
      'prospects',
      'cv library',
      'stepstone',
      'xing',
      'seek',
      'jobindex',
    ],
  ],
  [
    'COMPANY_SITE',
    [
      'company site',
      'company website',
      'co website',
      'co site',
      'careers page',
      'career site',
      'careers site',
      'website',
      'direct',
      'company',
      'workday',
      'greenhouse',
      'lever',
      'ashby',
    ],
  ],
  ['REFERRAL', ['referral', 'referred', 'referal', 'ref', 'friend', 'employee referral']],
  ['RECRUITER', ['recruiter', 'agency', 'headhunter', 'recruitment agency', 'recruiter reached out', 'inbound']],
  ['NETWORKING', ['networking', 'network', 'event', 'meetup', 'contact', 'alumni', 'cold email', 'cold outreach']],
  ['OTHER', ['other']],
]
const workModeWords: [WorkMode, string[]][] = [
  ['REMOTE', ['remote', 'fully remote', 'wfh', 'remote ok', 'anywhere']],
  [
    'HYBRID',
    ['hybrid', 'partly remote', 'partially remote', 'part remote', 'partly', 'partial', 'flex', 'flexible', 'mixed'],
  ],
  ['ONSITE', ['onsite', 'on site', 'office', 'in office', 'in person']],
]
const lookup = <T>(table: [T, string[]][]) => new Map(table.flatMap(([value, words]) => words.map((w) => [w, value])))
const seniorityByWord = lookup(seniorityWords)
const sourceByWord = lookup(sourceWords)
const workModeByWord = lookup(workModeWords)

export const readSeniority = (text: string) => seniorityByWord.get(normalizeWords(text)) ?? null
/** "LinkedIn", or the same with a note in brackets ("Referral (Sam)") or beside a dash ("Indeed - easy apply"). */
export function readSource(text: string) {
  const whole = sourceByWord.get(normalizeWords(text))
  if (whole) return whole
  const bare = text.replace(/[([{][^)\]}]*[)\]}]/g, ' ')
  for (const part of [bare, ...bare.split(/\s[-–—:]\s|[,;|/+]/)]) {
    const source = sourceByWord.get(normalizeWords(part))
    if (source) return source
  }
  return null
}
/** "Remote", "on-site", or the first of a multi-select cell's items that says one ("Hybrid, Full-time"). */
export function readWorkMode(text: string) {
  const whole = workModeByWord.get(normalizeWords(text))
  if (whole) return whole
  for (const item of text.split(/[,;|/+]/)) {
    const mode = workModeByWord.get(normalizeWords(item))
    if (mode) return mode
  }
  return null
}

const yes = new Set(['yes', 'y', 'true', '1', 'x', 'tailored', 'sent', 'done', 'yep', 'yeah', 'checked'])
const no = new Set(['no', 'n', 'false', '0', 'none', 'not tailored', 'not sent', 'nope', 'unchecked'])
/** true for yes, y, x, 1, true…; false for no, n, 0, false…; null for an empty cell or anything else. */
export function readYesNo(text: string): boolean | null {
  const word = normalizeWords(text)
  return yes.has(word) ? true : no.has(word) ? false : null
}

export const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

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
  // "$90-110k" and "60-70K": the thousands written once, after the range, count for both ends.
  if (
    amounts.length === 2 &&
    amounts[0]! < 1000 &&
    amounts[1]! >= 1000 &&
    /\d\s*k\b/.test(parts[1]!) &&
    !/k/.test(parts[0]!)
  )
    amounts[0] = amounts[0]! * 1000
  const [min, max = min] = amounts as number[]
  return min! <= max! && max! <= 100_000_000 ? { min: min!, max: max! } : null
}
