import {
  isoWeekOf,
  isoWeekOfDate,
  localTime,
  mondayOfIsoWeek,
  previousIsoWeek,
  weekSoFar,
  wholeWeek,
  type WeekSpan,
} from '~/lib/weeks'

// The digest schedule, in a practice's IANA timezone (weeks themselves are defined in
// ~/lib/weeks), so that the local digest hour holds across daylight saving changes.
// No database here: the digests page shows these values in the browser too.

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

/**
 * The stretch a client's digest reports, on the client's calendar: their ISO week so far, as on
 * the coach's roster and client page. A digest built on the client's Monday (the default digest
 * day, when the new week has barely begun) reports the whole week that just ended instead.
 */
export function clientDigestSpan(now: Date, timeZone: string): WeekSpan {
  const week = weekSoFar(now, timeZone)
  return week.days === 1 ? wholeWeek(previousIsoWeek(week.isoWeek), timeZone) : week
}
