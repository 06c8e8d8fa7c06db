import { localTime } from '~/lib/weeks'

// Dates as trackers and spreadsheets write them, read as a calendar day (YYYY-MM-DD).
// ISO (2026-03-24, with or without a time), US month-first (3/24/2026, 3/24/26, LinkedIn's
// "3/24/23, 4:11 PM"), "Mar 24, 2026" and "24 Mar 2026". Day-first numeric dates (24/03/2026) are
// read only when the first number cannot be a month, since 03/04/2026 would be ambiguous, or when
// written with dots (03.04.2026), which is day first wherever it is written. A column is read as a
// whole, though (see dateStyleOf): when any of its dates is 24/03/2026, 03/04/2026 in it is the 3rd of
// April. An Excel serial number (45680, a date cell saved as General) is a date in a date column.

const months = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
]

/** 1 to 12 for "Mar", "March" or "Sept"; null for anything else. */
function monthNumber(name: string) {
  const word = name.toLowerCase()
  if (word === 'sept') return 9
  const index = months.findIndex((month) => month.startsWith(word))
  return word.length >= 3 && index !== -1 ? index + 1 : null
}

function fullYear(year: string) {
  const n = Number(year)
  return year.length === 2 ? 2000 + n : n
}

function calendarDay(year: number, month: number, day: number) {
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return null
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCMonth() !== month - 1) return null // 2/30 and the like
  return date.toISOString().slice(0, 10)
}

const time = String.raw`(?:[,\s]+(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?\s*(?:[ap]\.?m\.?)?(?:\s*(?:z|utc|gmt|[+-]\d{2}:?\d{2}))?)?`
const isoPattern = new RegExp(
  String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[t\s]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*(?:z|utc|gmt|[+-]\d{2}:?\d{2}))?)?$`,
  'i',
)
const numericPattern = new RegExp(String.raw`^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})${time}$`, 'i')
const monthFirstPattern = new RegExp(String.raw`^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})${time}$`, 'i')
const dayFirstPattern = new RegExp(
  String.raw`^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]{3,9})\.?,?[\s-]+(\d{4}|\d{2})${time}$`,
  'i',
)

/** How a column writes its dates, read from all of its values. */
export type DateStyle = { dayFirst: boolean; serials: boolean }

const serialPattern = /^(\d{5})(?:\.(\d+))?$/
// Excel's day 1 is 1900-01-01 and it counts a 29 February 1900 that never was: day 0 is 1899-12-30.
const excelEpoch = Date.UTC(1899, 11, 30)
/** Serial numbers from 1990 to 2069: anything else in a date column is not a date. */
const serialDay = (serial: number) => (serial >= 32874 && serial <= 62091 ? serial : null)

/**
 * Whether a column's slash dates are day first (one of them, like 24/03/2026, cannot be month first,
 * and none cannot be day first), and whether its bare numbers are Excel serial dates (its header says
 * it holds dates, or most of its other values are dates).
 */
export function dateStyleOf(values: string[], header = ''): DateStyle {
  let dayFirst = false
  let monthFirst = false
  let serialCount = 0
  let dates = 0
  let others = 0
  for (const raw of values) {
    const text = raw.trim()
    if (!text) continue
    const serial = serialPattern.exec(text)
    if (serial && serialDay(Number(serial[1]))) {
      serialCount++
      continue
    }
    const m = numericPattern.exec(text)
    if (m && m[2] !== '.') {
      if (Number(m[1]) > 12 && Number(m[3]) <= 12) dayFirst = true
      if (Number(m[3]) > 12 && Number(m[1]) <= 12) monthFirst = true
    }
    if (parseImportDate(text)) dates++
    else others++
  }
  const dateHeader = /\b(date|day|applied|sent|submitted|heard|respon\w*|repl\w*|when|on)\b/i.test(
    header.replace(/[^a-z0-9]+/gi, ' '),
  )
  return {
    dayFirst: dayFirst && !monthFirst,
    serials: serialCount > 0 && (dateHeader || dates >= Math.max(1, others * 2)),
  }
}

/** A column's numeric dates by what they can be: only day first (13/03/2025), only month first, or either way. */
export type NumericDates = { dayOnly: string | null; monthOnly: string | null; either: string | null }

/** An example of each kind of numeric date (slashes or dashes; dots are always day first) a column holds. */
export function numericDatesOf(values: string[]): NumericDates {
  const found: NumericDates = { dayOnly: null, monthOnly: null, either: null }
  for (const raw of values) {
    const text = raw.trim()
    const m = numericPattern.exec(text)
    if (!m || m[2] === '.') continue
    const [first, second] = [Number(m[1]), Number(m[3])]
    if (first > 12 && second <= 12) found.dayOnly ??= text
    else if (second > 12 && first <= 12) found.monthOnly ??= text
    else if (first <= 12 && second <= 12 && first !== second) found.either ??= text
  }
  return found
}

/**
 * Timezones whose people write month first (3/24/2026): the United States and its territories, and the
 * Philippines. Elsewhere a date that reads either way is taken as day first.
 */
export function writesMonthFirst(timeZone: string) {
  return (
    /^(US\/|America\/(Indiana|Kentucky|North_Dakota)\/)/.test(timeZone) ||
    [
      'UTC',
      'Etc/UTC',
      'America/New_York',
      'America/Chicago',
      'America/Denver',
      'America/Phoenix',
      'America/Los_Angeles',
      'America/Anchorage',
      'America/Adak',
      'America/Boise',
      'America/Detroit',
      'America/Juneau',
      'America/Sitka',
      'America/Nome',
      'America/Yakutat',
      'America/Metlakatla',
      'America/Menominee',
      'America/Puerto_Rico',
      'Pacific/Honolulu',
      'Pacific/Guam',
      'Asia/Manila',
    ].includes(timeZone)
  )
}

/** The calendar day a cell names, or null when it is not a date this reader knows. */
export function parseImportDate(value: string, style?: DateStyle): string | null {
  // Google Sheets' and Excel's long formats open with the weekday: "Monday, January 5, 2026", "Mon 5 Jan 2026".
  const text = value.trim().replace(/^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+(?=[a-z0-9])/i, '')
  if (style?.serials) {
    const serial = serialPattern.exec(text)
    const day = serial && serialDay(Number(serial[1]))
    if (day) return new Date(excelEpoch + day * 86_400_000).toISOString().slice(0, 10)
  }
  let m = isoPattern.exec(text)
  if (m) return calendarDay(Number(m[1]), Number(m[2]), Number(m[3]))
  m = numericPattern.exec(text)
  if (m) {
    const [first, second, year] = [Number(m[1]), Number(m[3]), fullYear(m[4]!)]
    // Dots are how Europe writes dates (24.03.2026, German and Nordic Excel): day first, always.
    const dayFirst = first > 12 || m[2] === '.' || Boolean(style?.dayFirst && second <= 12)
    return dayFirst ? calendarDay(year, second, first) : calendarDay(year, first, second)
  }
  m = monthFirstPattern.exec(text)
  if (m) {
    const month = monthNumber(m[1]!)
    return month ? calendarDay(Number(m[3]), month, Number(m[2])) : null
  }
  m = dayFirstPattern.exec(text)
  if (m) {
    const month = monthNumber(m[2]!)
    return month ? calendarDay(fullYear(m[3]!), month, Number(m[1])) : null
  }
  return null
}

/** A date cell with the time of day it gives, if any. */
export type ImportDateTime = {
  day: string
  /** "HH:MM:SS" as written (24-hour), or null when the cell has no time. */
  time: string | null
  /** Minutes east of UTC when the cell names an offset (Z, +02:00, UTC), else null: local to the client. */
  offsetMinutes: number | null
}

const timeParts = /(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([ap])?\.?m?\.?\s*(z|utc|gmt|[+-]\d{2}:?\d{2})?\s*$/i

/** The day a cell names, with its time and offset when it gives them; null when it is not a date. */
export function parseImportDateTime(value: string, style?: DateStyle): ImportDateTime | null {
  const day = parseImportDate(value, style)
  if (!day) return null
  const serial = style?.serials ? serialPattern.exec(value.trim()) : null
  if (serial) {
    // The fraction of a serial is the time of day: 45680.625 is 15:00.
    const seconds = Math.round(Number(`0.${serial[2] ?? '0'}`) * 86_400)
    if (!serial[2] || seconds >= 86_400) return { day, time: null, offsetMinutes: null }
    const hh = String(Math.floor(seconds / 3600)).padStart(2, '0')
    const mm = String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')
    const ss = String(seconds % 60).padStart(2, '0')
    return { day, time: `${hh}:${mm}:${ss}`, offsetMinutes: null }
  }
  // The date part matched one of the patterns above; what follows it, if anything, is the time.
  const rest = value.trim().replace(/^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}t?/i, ' ')
  const m = timeParts.exec(rest)
  if (!m || !/\d:\d\d/.test(rest)) return { day, time: null, offsetMinutes: null }
  let hours = Number(m[1])
  if (m[4]) hours = (hours % 12) + (m[4].toLowerCase() === 'p' ? 12 : 0)
  if (hours > 23 || Number(m[2]) > 59) return { day, time: null, offsetMinutes: null }
  const time = `${String(hours).padStart(2, '0')}:${m[2]}:${m[3] ?? '00'}`
  return { day, time, offsetMinutes: m[5] ? offsetOf(m[5]) : null }
}

function offsetOf(zone: string) {
  if (/^(z|utc|gmt)$/i.test(zone)) return 0
  const sign = zone.startsWith('-') ? -1 : 1
  const digits = zone.slice(1).replace(':', '')
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)))
}

/** How far (in minutes) the timezone is ahead of UTC at the given instant. */
function zoneOffsetMinutes(timeZone: string, at: Date) {
  const wall = localTime(at, timeZone)
  const [year, month, day] = wall.date.split('-').map(Number) as [number, number, number]
  const local = Date.UTC(year, month - 1, day, wall.hour, wall.minute, wall.second)
  return Math.round((local - at.getTime()) / 60_000)
}

/**
 * The instant a local wall-clock time names in a timezone (for a time skipped by a DST change, the
 * instant an hour later). The importer's convention: a cell with no time is 12:00 in the client's
 * timezone, which keeps it on the same calendar day and makes response times whole days.
 */
export function importInstant(value: ImportDateTime, timeZone: string): Date {
  const time = value.time ?? '12:00:00'
  const wall = Date.parse(`${value.day}T${time}Z`)
  if (value.offsetMinutes !== null) return new Date(wall - value.offsetMinutes * 60_000)
  // A file repeats its days (and formatting a date in a timezone is slow): each is worked out once.
  const key = `${timeZone} ${wall}`
  const known = instants.get(key)
  if (known !== undefined) return new Date(known)
  let guess = wall - zoneOffsetMinutes(timeZone, new Date(wall)) * 60_000
  guess = wall - zoneOffsetMinutes(timeZone, new Date(guess)) * 60_000
  if (instants.size >= 50_000) instants.clear()
  instants.set(key, guess)
  return new Date(guess)
}

const instants = new Map<string, number>()
