// Calendar dates in a person's timezone. Dates without a time (applied on, due on) are stored as
// PostgreSQL `date`, which Prisma hands over as midnight UTC of that day.

/** Today's date (YYYY-MM-DD) in the given IANA timezone. */
export function todayIn(timeZone: string, now: Date = new Date()) {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}

/** A `date` column value as YYYY-MM-DD. */
export function isoDate(value: Date) {
  return value.toISOString().slice(0, 10)
}

/**
 * Whether a YYYY-MM-DD string names a day that exists, in years PostgreSQL and every calendar
 * widget agree on (1000 to 9999): not 0000-01-01, 2026-00-10 or 2026-02-30.
 */
export function isCalendarDay(value: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number(value.slice(0, 4)) < 1000) return false
  const date = new Date(`${value}T00:00:00.000Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value)
}

/** YYYY-MM-DD to the Date Prisma stores for a `date` column. */
export function dateOnly(value: string) {
  return new Date(`${value}T00:00:00.000Z`)
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
/** "Nov 23, 2026" for a `date` column value. */
export function formatDate(value: Date | string | null | undefined) {
  if (!value) return '—'
  return dayFormat.format(typeof value === 'string' ? new Date(value) : value)
}

/** "Nov 23, 2026, 9:41 AM" in the given timezone, for timestamps. */
export function formatDateTime(value: Date | string | null | undefined, timeZone = 'UTC') {
  if (!value) return '—'
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
    typeof value === 'string' ? new Date(value) : value,
  )
}
