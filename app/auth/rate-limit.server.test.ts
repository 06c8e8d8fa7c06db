import { describe, expect, test } from 'vitest'
import { consume, getClientIp, limitLogin, limitPasswordReset, limits } from '~/auth/rate-limit.server'
import { unique } from '../../tests/factories'

const start = new Date('2026-03-02T09:00:00Z')
const at = (seconds: number) => new Date(start.getTime() + seconds * 1000)

describe('token buckets', () => {
  test('a bucket allows its capacity, then refuses with the seconds until the next token', async () => {
    const key = unique('test:')
    const options = { capacity: 3, refillPerSecond: 1 / 10 }
    for (let i = 0; i < 3; i++) expect((await consume(key, options, start)).allowed).toBe(true)
    expect(await consume(key, options, start)).toEqual({ allowed: false, retryAfterSeconds: 10 })
    expect(await consume(key, options, at(4))).toEqual({ allowed: false, retryAfterSeconds: 6 })
  })

  test('a refused request takes nothing, and the bucket refills over time up to its capacity', async () => {
    const key = unique('test:')
    const options = { capacity: 2, refillPerSecond: 1 / 10 }
    await consume(key, options, start)
    await consume(key, options, start)
    for (let i = 0; i < 5; i++) expect((await consume(key, options, at(9))).allowed).toBe(false)
    expect((await consume(key, options, at(10))).allowed).toBe(true)
    expect((await consume(key, options, at(11))).allowed).toBe(false)
    // A long pause refills to capacity, not beyond.
    expect(await consume(key, options, at(10_000))).toEqual({ allowed: true, remaining: 1 })
    expect((await consume(key, options, at(10_000))).allowed).toBe(true)
    expect((await consume(key, options, at(10_000))).allowed).toBe(false)
  })

  test('concurrent requests never take more tokens than the bucket holds', async () => {
    const key = unique('test:')
    const options = { capacity: 5, refillPerSecond: 1 / 3600 }
    const results = await Promise.all(Array.from({ length: 25 }, () => consume(key, options, start)))
    expect(results.filter((r) => r.allowed)).toHaveLength(5)
  })

  test('a clock that goes backwards (another server) refills nothing', async () => {
    const key = unique('test:')
    const options = { capacity: 1, refillPerSecond: 1 }
    expect((await consume(key, options, at(100))).allowed).toBe(true)
    expect((await consume(key, options, at(50))).allowed).toBe(false)
  })
})

describe('login and reset limits', () => {
  test('login: one account is limited across addresses, and the limit lifts with time', async () => {
    const email = `${unique('victim-')}@example.test`
    const { capacity, refillPerSecond } = limits.loginPerAccount
    for (let i = 0; i < capacity; i++) {
      expect((await limitLogin({ email, ip: unique('ip-') }, start)).allowed).toBe(true)
    }
    const refused = await limitLogin({ email: email.toUpperCase(), ip: unique('ip-') }, start)
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: Math.ceil(1 / refillPerSecond) })
    expect((await limitLogin({ email, ip: unique('ip-') }, at(1 / refillPerSecond))).allowed).toBe(true)
  })

  test('login: one address is limited across accounts', async () => {
    const ip = unique('ip-')
    for (let i = 0; i < limits.loginPerIp.capacity; i++) {
      expect((await limitLogin({ email: `${unique()}@example.test`, ip }, start)).allowed).toBe(true)
    }
    expect((await limitLogin({ email: `${unique()}@example.test`, ip }, start)).allowed).toBe(false)
    expect((await limitLogin({ email: `${unique()}@example.test`, ip: unique('ip-') }, start)).allowed).toBe(true)
  })

  test('reset: limited per account and per address', async () => {
    const email = `${unique('reset-')}@example.test`
    for (let i = 0; i < limits.resetPerAccount.capacity; i++) {
      expect((await limitPasswordReset({ email, ip: unique('ip-') }, start)).allowed).toBe(true)
    }
    expect((await limitPasswordReset({ email, ip: unique('ip-') }, start)).allowed).toBe(false)

    const ip = unique('ip-')
    for (let i = 0; i < limits.resetPerIp.capacity; i++) {
      expect((await limitPasswordReset({ email: `${unique()}@example.test`, ip }, start)).allowed).toBe(true)
    }
    expect((await limitPasswordReset({ email: `${unique()}@example.test`, ip }, start)).allowed).toBe(false)
  })
})

describe('getClientIp', () => {
  test('prefers the address the server saw, then the first forwarded hop, then unknown', () => {
    const forwarded = new Request('http://localhost:3000/', { headers: { 'X-Forwarded-For': '203.0.113.7, 10.0.0.1' } })
    expect(getClientIp(forwarded, { clientIp: '198.51.100.2' })).toBe('198.51.100.2')
    expect(getClientIp(forwarded, {})).toBe('203.0.113.7')
    expect(getClientIp(new Request('http://localhost:3000/', { headers: { 'X-Real-IP': '192.0.2.1' } }))).toBe(
      '192.0.2.1',
    )
    expect(getClientIp(new Request('http://localhost:3000/'))).toBe('unknown')
  })
})
