import { describe, expect, test } from 'vitest'
import {
  describeWeekComparison,
  isIsoWeek,
  isInWeekSpan,
  isoWeekOf,
  isoWeekOfDate,
  mondayOfIsoWeek,
  previousIsoWeek,
  sameSpanLastWeek,
  startOfDayIn,
  weekSoFar,
  wholeWeek,
} from './weeks'

describe('ISO weeks', () => {
  test('dates at the turn of the year fall in the ISO week of their Thursday', () => {
    expect(isoWeekOfDate('2026-11-23')).toBe('2026-W48')
    expect(isoWeekOfDate('2026-12-31')).toBe('2026-W53')
    expect(isoWeekOfDate('2027-01-03')).toBe('2026-W53')
    expect(isoWeekOfDate('2027-01-04')).toBe('2027-W01')
    expect(isoWeekOfDate('2024-12-30')).toBe('2025-W01')
    expect(mondayOfIsoWeek('2025-W01')).toBe('2024-12-30')
    expect(mondayOfIsoWeek('2026-W48')).toBe('2026-11-23')
    expect(previousIsoWeek('2027-W01')).toBe('2026-W53')
    expect(isIsoWeek('2026-W53')).toBe(true)
    expect(isIsoWeek('2025-W53')).toBe(false)
    expect(isIsoWeek('2026-48')).toBe(false)
  })

  test('the week of an instant is read on the calendar of the timezone', () => {
    // Sunday 23:30 in New York is already Monday in UTC.
    const at = new Date('2026-11-30T04:30:00Z')
    expect(isoWeekOf(at, 'UTC')).toBe('2026-W49')
    expect(isoWeekOf(at, 'America/New_York')).toBe('2026-W48')
  })
})

describe('the week so far against the same stretch of last week', () => {
  test('on a Tuesday, Monday 00:00 to now against last Monday 00:00 to the same time last Tuesday', () => {
    const now = new Date('2026-11-24T15:30:00Z') // Tuesday
    const week = weekSoFar(now, 'UTC')
    expect(week).toMatchObject({ isoWeek: '2026-W48', firstDay: '2026-11-23', lastDay: '2026-11-24', days: 2 })
    expect(week.start.toISOString()).toBe('2026-11-23T00:00:00.000Z')
    expect(week.end).toEqual(now)
    const last = sameSpanLastWeek(week)
    expect(last).toMatchObject({ isoWeek: '2026-W47', firstDay: '2026-11-16', lastDay: '2026-11-17', days: 2 })
    expect(last.start.toISOString()).toBe('2026-11-16T00:00:00.000Z')
    expect(last.end.toISOString()).toBe('2026-11-17T15:30:00.000Z')
    expect(describeWeekComparison(week)).toBe('Mon–Tue so far, against the same days last week')
    expect(isInWeekSpan(week, '2026-11-24')).toBe(true)
    expect(isInWeekSpan(week, '2026-11-25')).toBe(false)
    expect(isInWeekSpan(last, new Date('2026-11-18T00:00:00Z'))).toBe(false)
  })

  test('late on Sunday night the whole week counts, and midnight starts the next one', () => {
    const sunday = weekSoFar(new Date('2026-11-29T23:59:00Z'), 'UTC')
    expect(sunday).toMatchObject({ isoWeek: '2026-W48', firstDay: '2026-11-23', lastDay: '2026-11-29', days: 7 })
    expect(describeWeekComparison(sunday)).toBe('Mon–Sun so far, against the same days last week')
    expect(sameSpanLastWeek(sunday).end.toISOString()).toBe('2026-11-22T23:59:00.000Z')
    const monday = weekSoFar(new Date('2026-11-30T00:00:00Z'), 'UTC')
    expect(monday).toMatchObject({ isoWeek: '2026-W49', days: 1 })
    expect(describeWeekComparison(monday)).toBe('Mon so far, against the same day last week')
  })

  test('in New York, the week after the clocks go back starts at local midnight and compares the same wall time', () => {
    // Clocks went back on Sunday 2026-11-01. Tuesday 2026-11-03 10:00 EST is 15:00 UTC.
    const week = weekSoFar(new Date('2026-11-03T15:00:00Z'), 'America/New_York')
    expect(week.start.toISOString()).toBe('2026-11-02T05:00:00.000Z') // Monday 00:00 EST
    const last = sameSpanLastWeek(week)
    expect(last.start.toISOString()).toBe('2026-10-26T04:00:00.000Z') // Monday 00:00 EDT
    expect(last.end.toISOString()).toBe('2026-10-27T14:00:00.000Z') // Tuesday 10:00 EDT, not 168 hours back
    // The week that holds the change is 169 hours long.
    const changeWeek = wholeWeek('2026-W44', 'America/New_York')
    expect(changeWeek.end.getTime() - changeWeek.start.getTime()).toBe(169 * 3_600_000)
    expect(startOfDayIn('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z')
    expect(startOfDayIn('2026-03-09', 'America/New_York').toISOString()).toBe('2026-03-09T04:00:00.000Z')
  })

  test('a client in Tokyo is already in next week while a practice in UTC is still on Sunday', () => {
    const now = new Date('2026-11-29T20:00:00Z') // Sunday 20:00 UTC, Monday 05:00 in Tokyo
    const practice = weekSoFar(now, 'UTC')
    const client = weekSoFar(now, 'Asia/Tokyo')
    expect(practice).toMatchObject({ isoWeek: '2026-W48', days: 7 })
    expect(client).toMatchObject({ isoWeek: '2026-W49', firstDay: '2026-11-30', lastDay: '2026-11-30', days: 1 })
    expect(client.start.toISOString()).toBe('2026-11-29T15:00:00.000Z')
    // On Tuesday afternoon both read the same week and the same days.
    const tuesday = new Date('2026-12-01T10:00:00Z')
    expect(weekSoFar(tuesday, 'Asia/Tokyo')).toMatchObject({ firstDay: '2026-11-30', lastDay: '2026-12-01' })
    expect(weekSoFar(tuesday, 'UTC')).toMatchObject({ firstDay: '2026-11-30', lastDay: '2026-12-01' })
  })
})
