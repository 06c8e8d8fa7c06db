import { describe, expect, test } from 'vitest'
import { formatDate, formatDateTime, formatDay } from './dates'

// The day and date-time texts are written without Intl (UTC days) or kept a minute at a time (other timezones):
// either way they must be what Intl writes, across timezones, daylight saving changes and years.

const zones = [
  'UTC',
  'America/New_York',
  'America/St_Johns',
  'America/Los_Angeles',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
]

const day = (timeZone: string) =>
  new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone })
const dateTime = (timeZone: string) =>
  new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone })

// Every 3 hours 7 minutes and 13 seconds over 2026 (so every time of day and both sides of each change), twice over
// so that the second pass reads kept texts.
function instants() {
  const out: Date[] = []
  for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += ((3 * 60 + 7) * 60 + 13) * 1000)
    out.push(new Date(t))
  return [...out, ...out]
}

describe('dates', () => {
  test('formatDay and formatDateTime write what Intl writes, in every kind of timezone', () => {
    const all = instants()
    for (const timeZone of zones) {
      const [d, dt] = [day(timeZone), dateTime(timeZone)]
      expect(all.map((at) => formatDay(at, timeZone))).toEqual(all.map((at) => d.format(at)))
      expect(all.map((at) => formatDateTime(at, timeZone))).toEqual(all.map((at) => dt.format(at)))
    }
  })

  test('the seconds either side of a local midnight and of a daylight saving change', () => {
    const edges = [
      ['America/New_York', '2026-03-08T07:00:00Z'],
      ['America/New_York', '2026-11-01T05:00:00Z'],
      ['Europe/Berlin', '2026-03-28T23:00:00Z'],
      ['Asia/Kathmandu', '2026-05-31T18:15:00Z'],
      ['Pacific/Chatham', '2026-04-04T13:45:00Z'],
    ] as const
    for (const [timeZone, iso] of edges)
      for (const ms of [-60_001, -1, 0, 1, 59_999]) {
        const at = new Date(Date.parse(iso) + ms)
        expect(formatDay(at, timeZone)).toBe(day(timeZone).format(at))
        expect(formatDateTime(at, timeZone)).toBe(dateTime(timeZone).format(at))
      }
  })

  test('formatDate writes a date column as Intl does, strings and Dates, over four centuries', () => {
    const utc = day('UTC')
    const days: Date[] = []
    for (let t = Date.UTC(1900, 0, 1); t < Date.UTC(2300, 0, 1); t += 86_400_000 * 13) days.push(new Date(t))
    const expected = days.map((at) => utc.format(at))
    expect(days.map((at) => formatDate(at))).toEqual(expected)
    expect(days.map((at) => formatDay(at))).toEqual(expected)
    expect(formatDate('2026-11-23')).toBe('Nov 23, 2026')
    expect(formatDate(new Date(Date.UTC(999, 4, 2)))).toBe(utc.format(new Date(Date.UTC(999, 4, 2))))
    expect(formatDate(null)).toBe('—')
    expect(formatDay(undefined, 'Europe/Berlin')).toBe('—')
    expect(() => formatDate('not a date')).toThrow(RangeError)
    expect(() => formatDay('not a date', 'Europe/Berlin')).toThrow(RangeError)
  })
})
