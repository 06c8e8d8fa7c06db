import { describe, expect, test } from 'vitest'
import { digestDueAt, dueDigestWeek } from './weeks'

const newYork = { timezone: 'America/New_York', digestDay: 1, digestHour: 8 }

describe('dueDigestWeek', () => {
  test('a practice in New York gets its digest at 08:00 local in the week daylight saving time ends', () => {
    // DST ends Sunday 2026-11-01; the next Monday 08:00 EST is 13:00 UTC.
    expect(dueDigestWeek(newYork, new Date('2026-11-02T12:59:00Z'))).toBeNull()
    expect(dueDigestWeek(newYork, new Date('2026-11-02T13:00:00Z'))).toBe('2026-W45')
    expect(digestDueAt(newYork, '2026-W45').toISOString()).toBe('2026-11-02T13:00:00.000Z')
  })

  test('the week before the change, 08:00 EDT is 12:00 UTC; the week after, 13:00 UTC', () => {
    expect(dueDigestWeek(newYork, new Date('2026-10-26T11:59:00Z'))).toBeNull()
    expect(dueDigestWeek(newYork, new Date('2026-10-26T12:00:00Z'))).toBe('2026-W44')
    expect(digestDueAt(newYork, '2026-W44').toISOString()).toBe('2026-10-26T12:00:00.000Z')
    expect(dueDigestWeek(newYork, new Date('2026-11-09T12:30:00Z'))).toBeNull()
    expect(digestDueAt(newYork, '2026-W46').toISOString()).toBe('2026-11-09T13:00:00.000Z')
  })

  test('a digest on the Sunday the clocks change is due at the right local hour', () => {
    const sunday = { timezone: 'America/New_York', digestDay: 7, digestHour: 1 }
    // 01:00 happens twice on 2026-11-01 (05:00 and 06:00 UTC): the first one counts.
    expect(dueDigestWeek(sunday, new Date('2026-11-01T04:59:00Z'))).toBeNull()
    expect(dueDigestWeek(sunday, new Date('2026-11-01T05:00:00Z'))).toBe('2026-W44')
    expect(digestDueAt(sunday, '2026-W44').toISOString()).toBe('2026-11-01T05:00:00.000Z')
  })

  test('after downtime the week stays due until it ends, and the next week waits for its own hour', () => {
    expect(dueDigestWeek(newYork, new Date('2026-11-05T09:00:00Z'))).toBe('2026-W45')
    expect(dueDigestWeek(newYork, new Date('2026-11-09T04:59:00Z'))).toBe('2026-W45') // Sunday 23:59 local
    expect(dueDigestWeek(newYork, new Date('2026-11-09T05:00:00Z'))).toBeNull() // Monday 00:00 local
  })

  test('an hour skipped when clocks spring forward is due at the next hour that exists', () => {
    const sunday = { timezone: 'America/New_York', digestDay: 7, digestHour: 2 }
    // 2026-03-08 02:00 does not exist in New York; 03:00 EDT is 07:00 UTC.
    expect(dueDigestWeek(sunday, new Date('2026-03-08T06:59:00Z'))).toBeNull()
    expect(dueDigestWeek(sunday, new Date('2026-03-08T07:00:00Z'))).toBe('2026-W10')
  })
})
