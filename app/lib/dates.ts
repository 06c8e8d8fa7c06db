// Calendar dates in a person's timezone. Dates without a time (applied on, due on) are stored as
// PostgreSQL `date`, which Prisma hands over as midnight UTC of that day.

// Making an Intl.DateTimeFormat costs about 40 µs, formatting with one about 1 µs: a table of 50 rows made one per
// cell and spent a sixth of its server time there. One formatter per style and timezone, kept (a few hundred
// timezones exist, so the map stays small; an unknown timezone throws before anything is kept).
const formatters = new Map<string, Intl.DateTimeFormat>()
function formatter(style: 'iso' | 'day' | 'dateTime', timeZone: string) {
  const key = `${style} ${timeZone}`
  let format = formatters.get(key)
  if (!format) {
    format =
      style === 'iso'
        ? new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
        : style === 'day'
          ? new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone })
          : new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone })
    formatters.set(key, format)
  }
  return format
}

/** Today's date (YYYY-MM-DD) in the given IANA timezone. */
export function todayIn(timeZone: string, now: Date = new Date()) {
  return formatter('iso', timeZone).format(now)
}

/** A `date` column value as YYYY-MM-DD. */
export function isoDate(value: Date) {
  return value.toISOString().slice(0, 10)
}

/**
 * True for a day that exists, written YYYY-MM-DD, between the years 1900 and 2999: 2026-02-30 and
 * 2026-00-10 are not days, and JavaScript's Date would quietly turn them into other ones.
 */
export function isCalendarDay(value: string) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  if (year < 1900 || year > 2999) return false
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

export const notACalendarDay = 'That day does not exist. Use a date that exists on the calendar, like 2026-11-23.'

/** YYYY-MM-DD to the Date Prisma stores for a `date` column. */
export function dateOnly(value: string) {
  return new Date(`${value}T00:00:00.000Z`)
}

let zones: string[] | undefined
/** Every IANA timezone the runtime knows, sorted, with UTC (which Intl leaves out of its list). */
export function timeZoneList() {
  zones ??= [...new Set([...Intl.supportedValuesOf('timeZone'), 'UTC'])].sort()
  return zones
}

/** The browser's (or server's) own timezone, when the runtime names a valid one. */
export function localTimeZone() {
  const zone = new Intl.DateTimeFormat().resolvedOptions().timeZone
  return zone && isValidTimeZone(zone) ? zone : null
}

export function isValidTimeZone(timeZone: string) {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone })
    return true
  } catch {
    return false
  }
}

export function addDays(date: string, days: number) {
  const d = dateOnly(date)
  d.setUTCDate(d.getUTCDate() + days)
  return isoDate(d)
}

const dayFormat = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' })
const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** "Nov 23, 2026" from a Date's UTC calendar day: what `dayFormat` writes, without Intl's 15 µs a call. */
function utcDayText(value: Date) {
  const year = value.getUTCFullYear()
  // Intl's own words for an invalid date (it throws) and for years written other than with four digits.
  if (!(year >= 1000 && year <= 9999)) return dayFormat.format(value)
  return `${monthNames[value.getUTCMonth()]} ${value.getUTCDate()}, ${year}`
}

// Formatting an instant in a timezone costs 15–40 µs even with a kept formatter, and a table page formats a hundred.
// What it writes changes at most once a minute (every timezone's offset has been whole minutes since 1972), so the
// text of each minute is kept, a bounded number of them, for the pages that show the same rows again.
const minuteTexts = new Map<string, string>()
function inTimeZone(style: 'day' | 'dateTime', value: Date, timeZone: string) {
  const key = `${style} ${timeZone} ${Math.floor(value.getTime() / 60_000)}`
  let text = minuteTexts.get(key)
  if (text === undefined) {
    text = formatter(style, timeZone).format(value)
    if (minuteTexts.size >= 20_000) minuteTexts.clear()
    minuteTexts.set(key, text)
  }
  return text
}

/** "Nov 23, 2026" for a `date` column value. */
export function formatDate(value: Date | string | null | undefined) {
  if (!value) return '—'
  return utcDayText(typeof value === 'string' ? new Date(value) : value)
}

/** "Nov 23, 2026": the day an instant falls on in the given timezone (the app's one date style). */
export function formatDay(value: Date | string | null | undefined, timeZone = 'UTC') {
  if (!value) return '—'
  const at = typeof value === 'string' ? new Date(value) : value
  return timeZone === 'UTC' ? utcDayText(at) : inTimeZone('day', at, timeZone)
}

/** "Nov 23, 2026, 9:41 AM" in the given timezone, for timestamps. */
export function formatDateTime(value: Date | string | null | undefined, timeZone = 'UTC') {
  if (!value) return '—'
  return inTimeZone('dateTime', typeof value === 'string' ? new Date(value) : value, timeZone)
}
