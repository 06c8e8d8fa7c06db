import { spawnSync } from 'node:child_process'
import { describe, expect, test } from 'vitest'
import { EnvError, parseEnv } from './env.server'

const valid = { SESSION_SECRET: 'x'.repeat(32) }

describe('parseEnv', () => {
  test('fills in defaults for a minimal environment', () => {
    const env = parseEnv(valid)
    expect(env.PORT).toBe(3000)
    expect(env.APP_URL).toBe('http://localhost:3000')
    expect(env.DATABASE_URL).toBeUndefined()
    expect(env.RESEND_RATE_LIMIT).toBe(2)
    expect(env.RUN_JOBS).toBe(true)
  })

  test('APP_URL follows PORT when unset', () => {
    expect(parseEnv({ ...valid, PORT: '4123' }).APP_URL).toBe('http://localhost:4123')
  })

  test.each([
    ['SESSION_SECRET', { SESSION_SECRET: 'short' }],
    ['PORT', { ...valid, PORT: 'eighty' }],
    ['PORT', { ...valid, PORT: '70000' }],
    ['DATABASE_URL', { ...valid, DATABASE_URL: 'mysql://localhost/db' }],
    ['APP_URL', { ...valid, APP_URL: 'not a url' }],
    ['RUN_JOBS', { ...valid, RUN_JOBS: 'sometimes' }],
  ])('a bad %s is refused with a message that names it', (name, source) => {
    expect(() => parseEnv(source)).toThrow(EnvError)
    try {
      parseEnv(source)
    } catch (error) {
      expect((error as EnvError).message).toContain(`${name}:`)
    }
  })

  test('a missing SESSION_SECRET is named', () => {
    expect(() => parseEnv({})).toThrow(/SESSION_SECRET/)
  })
})

test('the server refuses to start with a bad value and names it', () => {
  const result = spawnSync('npx', ['tsx', 'server/main.ts'], {
    env: { ...process.env, SESSION_SECRET: 'short', PORT: '4999', DATABASE_URL: 'postgresql://127.0.0.1:9/x' },
    encoding: 'utf8',
    timeout: 60_000,
  })
  expect(result.status).toBe(1)
  expect(result.stderr).toContain('SESSION_SECRET')
})
