// ISO weeks and the digest schedule, computed in a practice's IANA timezone with Intl (never a
// fixed offset), so that the local digest hour holds across daylight saving changes.
// No database here: the digests page shows these values in the browser too.

export type LocalTime = { date: string; weekday: number; hour: number; minute: number }

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
      weekday: 'short',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

const weekdays: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 }

/** The wall-clock date, ISO weekday (1 = Monday) and hour at `at` in the timezone. */
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
  }
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
  const d = new Date(`${mondayOfIsoWeek(isoWeek)}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() - 7)
  return isoWeekOfDate(d.toISOString().slice(0, 10))
}

export type DigestSchedule = {
  timezone: string
  digestDay: number
  digestHour: number
  /** When an owner started the digests; null: not started, nothing is due. */
  digestsStartedAt?: Date | null
}

/**
 * The ISO week whose digests are due at `now`: the practice's local digest day and hour have
 * come in the current ISO week (local calendar). Null before then. A server that was down at the
 * hour still gets the week when it comes back, until the week ends. Null too when the practice
 * has not started its digests, or started them after this week's hour: a week whose hour passed
 * before the start is never caught up.
 */
export function dueDigestWeek(org: DigestSchedule, now: Date): string | null {
  if (org.digestsStartedAt === null) return null
  const local = localTime(now, org.timezone)
  const hasCome = local.weekday > org.digestDay || (local.weekday === org.digestDay && local.hour >= org.digestHour)
  if (!hasCome) return null
  const isoWeek = isoWeekOfDate(local.date)
  if (org.digestsStartedAt && digestDueAt(org, isoWeek) < org.digestsStartedAt) return null
  return isoWeek
}

/** The first ISO week whose digests go out: the first whose hour comes at or after the start. */
export function firstDigestWeek(org: DigestSchedule & { digestsStartedAt: Date }) {
  const week = isoWeekOf(org.digestsStartedAt, org.timezone)
  return digestDueAt(org, week) >= org.digestsStartedAt ? week : nextIsoWeek(week)
}

export function nextIsoWeek(isoWeek: string) {
  const d = new Date(`${mondayOfIsoWeek(isoWeek)}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 7)
  return isoWeekOfDate(d.toISOString().slice(0, 10))
}

/**
 * The instant the digest of an ISO week is due: the first instant whose local wall time is the
 * digest day at or past the digest hour (an hour skipped by a DST change moves to the next one).
 */
export function digestDueAt(org: DigestSchedule, isoWeek: string): Date {
  const monday = new Date(`${mondayOfIsoWeek(isoWeek)}T00:00:00Z`)
  monday.setUTCDate(monday.getUTCDate() + org.digestDay - 1)
  const day = monday.toISOString().slice(0, 10)
  // Local midnight is within 14 hours either side of UTC midnight: scan hour by hour.
  const start = Date.parse(`${day}T00:00:00Z`) - 15 * 3_600_000
  for (let at = start; at < start + 48 * 3_600_000; at += 15 * 60_000) {
    const local = localTime(new Date(at), org.timezone)
    if (local.date > day || (local.date === day && local.hour >= org.digestHour)) return new Date(at)
  }
  throw new Error(`No due time found for ${isoWeek} in ${org.timezone}`)
}
