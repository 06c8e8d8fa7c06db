import { addDays, dateOnly, isoDate, todayIn } from './dates'

// The one definition of a week: the ISO week (Monday to Sunday) read on the calendar of a timezone,
// the practice's for what coaches see and the client's for what a client reads. "This week" is
// Monday 00:00 local to now; it is compared with last week's Monday 00:00 to the same local wall
// time a week earlier, so a Tuesday is never weighed against a whole week. Computed with Intl
// (never a fixed offset) so that a week holding a daylight saving change still starts at midnight.
// No database here: pages show these values in the browser too.

export type LocalTime = { date: string; weekday: number; hour: number; minute: number; second: number }

const formatters = new Map<string, Intl.DateTimeFormat>()
function formatterFor(timeZone: string) {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

const weekdays: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 }
const weekdayNames = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const

/** The wall-clock date, ISO weekday (1 = Monday) and time at `at` in the timezone. */
export function localTime(at: Date, timeZone: string): LocalTime {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  )
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: weekdays[parts.weekday!]!,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  }
}

/** Milliseconds the timezone's wall clock is ahead of UTC at `at`. */
export function offsetAt(at: Date, timeZone: string) {
  const l = localTime(at, timeZone)
  const wall = Date.parse(`${l.date}T00:00:00Z`) + ((l.hour * 60 + l.minute) * 60 + l.second) * 1000
  return wall - (at.getTime() - (at.getTime() % 1000))
}

/**
 * The instant a wall-clock time (date, seconds after midnight) happens in the timezone. A time
 * skipped by a daylight saving change moves forward by the gap; a repeated one takes the first.
 */
export function instantOf(date: string, secondsOfDay: number, timeZone: string) {
  const wall = Date.parse(`${date}T00:00:00Z`) + secondsOfDay * 1000
  const first = wall - offsetAt(new Date(wall), timeZone)
  const second = wall - offsetAt(new Date(first), timeZone)
  if (first === second) return new Date(first)
  // Two readings: the earlier one that reads back as this wall time, else (a skipped hour) the later.
  const candidates = [Math.min(first, second), Math.max(first, second)]
  const exact = candidates.find((c) => c + offsetAt(new Date(c), timeZone) === wall)
  return new Date(exact ?? Math.max(first, second))
}

/** Midnight at the start of a calendar date (YYYY-MM-DD) in a timezone, as an instant. */
export function startOfDayIn(date: string, timeZone: string) {
  return instantOf(date, 0, timeZone)
}

/** The Monday (YYYY-MM-DD) of the ISO week that contains the given calendar date. */
export function mondayOf(date: string) {
  const d = dateOnly(date)
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7))
  return isoDate(d)
}

/** The ISO week ('2026-W48') of a calendar date (YYYY-MM-DD). */
export function isoWeekOfDate(date: string) {
  const d = new Date(`${date}T00:00:00Z`)
  const weekday = (d.getUTCDay() + 6) % 7 // Monday 0
  // The Thursday of this week decides the ISO year.
  d.setUTCDate(d.getUTCDate() - weekday + 3)
  const year = d.getUTCFullYear()
  const firstThursday = new Date(Date.UTC(year, 0, 4))
  firstThursday.setUTCDate(firstThursday.getUTCDate() - ((firstThursday.getUTCDay() + 6) % 7) + 3)
  const week = 1 + Math.round((d.getTime() - firstThursday.getTime()) / (7 * 86_400_000))
  return `${year}-W${String(week).padStart(2, '0')}`
}

/** The ISO week of an instant, as the calendar reads in the timezone. */
export function isoWeekOf(at: Date, timeZone: string) {
  return isoWeekOfDate(localTime(at, timeZone).date)
}

const isoWeekPattern = /^(\d{4})-W(\d{2})$/
export function isIsoWeek(value: string) {
  const match = isoWeekPattern.exec(value)
  if (!match) return false
  const week = Number(match[2])
  return week >= 1 && week <= 53 && isoWeekOfDate(mondayOfIsoWeek(value)) === value
}

/** The Monday (YYYY-MM-DD) that starts an ISO week. */
export function mondayOfIsoWeek(isoWeek: string) {
  const match = isoWeekPattern.exec(isoWeek)
  if (!match) throw new Error(`Not an ISO week: ${isoWeek}`)
  const [year, week] = [Number(match[1]), Number(match[2])]
  const jan4 = new Date(Date.UTC(year, 0, 4))
  const monday = new Date(jan4)
  monday.setUTCDate(jan4.getUTCDate() - ((jan4.getUTCDay() + 6) % 7) + (week - 1) * 7)
  return monday.toISOString().slice(0, 10)
}

export function previousIsoWeek(isoWeek: string) {
  return isoWeekOfDate(addDays(mondayOfIsoWeek(isoWeek), -7))
}

/**
 * A stretch of one ISO week from its Monday: dates for `date` columns (applied on), instants for
 * timestamps (stage events). Both ends of the dates are inclusive; `end` is exclusive.
 */
export type WeekSpan = {
  isoWeek: string
  timeZone: string
  /** Monday, YYYY-MM-DD. */
  firstDay: string
  /** The last calendar day counted (today for a week in progress), YYYY-MM-DD. */
  lastDay: string
  /** Monday 00:00 local. */
  start: Date
  /** Now for a week in progress; the next Monday 00:00 local for a whole week. */
  end: Date
  /** Days counted, 1 (Monday) to 7. */
  days: number
  isComplete: boolean
}

/** The ISO week in progress at `now` in the timezone: Monday 00:00 local to now. */
export function weekSoFar(now: Date, timeZone: string): WeekSpan {
  const today = todayIn(timeZone, now)
  const firstDay = mondayOf(today)
  return {
    isoWeek: isoWeekOfDate(today),
    timeZone,
    firstDay,
    lastDay: today,
    start: startOfDayIn(firstDay, timeZone),
    end: now,
    days: localTime(now, timeZone).weekday,
    isComplete: false,
  }
}

/** A whole ISO week in the timezone, Monday 00:00 to the next Monday 00:00 local. */
export function wholeWeek(isoWeek: string, timeZone: string): WeekSpan {
  const firstDay = mondayOfIsoWeek(isoWeek)
  return {
    isoWeek,
    timeZone,
    firstDay,
    lastDay: addDays(firstDay, 6),
    start: startOfDayIn(firstDay, timeZone),
    end: startOfDayIn(addDays(firstDay, 7), timeZone),
    days: 7,
    isComplete: true,
  }
}

/**
 * The same stretch one week earlier: from the Monday before to the same local wall time (not 168
 * hours back, which a daylight saving change would shift by an hour).
 */
export function sameSpanLastWeek(week: WeekSpan): WeekSpan {
  const firstDay = addDays(week.firstDay, -7)
  const lastDay = addDays(week.lastDay, -7)
  let end: Date
  if (week.isComplete) end = week.start
  else {
    const wall = localTime(week.end, week.timeZone)
    end = instantOf(lastDay, (wall.hour * 60 + wall.minute) * 60 + wall.second, week.timeZone)
  }
  return {
    isoWeek: previousIsoWeek(week.isoWeek),
    timeZone: week.timeZone,
    firstDay,
    lastDay,
    start: startOfDayIn(firstDay, week.timeZone),
    end,
    days: week.days,
    isComplete: week.isComplete,
  }
}

/** Whether a `date` column value (or YYYY-MM-DD) falls within the span's days. */
export function isInWeekSpan(week: WeekSpan, date: Date | string | null | undefined) {
  if (!date) return false
  const day = typeof date === 'string' ? date.slice(0, 10) : isoDate(date)
  return day >= week.firstDay && day <= week.lastDay
}

/** "Mon–Tue so far, against the same days last week": what a comparison of two spans compares. */
export function describeWeekComparison(week: WeekSpan) {
  if (week.isComplete) return 'The whole week, against the whole week before'
  const days = week.days === 1 ? 'Mon' : `Mon–${weekdayNames[week.days]}`
  return `${days} so far, against the same ${week.days === 1 ? 'day' : 'days'} last week`
}

/** "Mon–Tue so far" or "the whole week": how much of the week a figure counts. */
export function describeWeekSpan(week: WeekSpan) {
  if (week.isComplete) return 'the whole week'
  return week.days === 1 ? 'Monday so far' : `Mon–${weekdayNames[week.days]} so far`
}
