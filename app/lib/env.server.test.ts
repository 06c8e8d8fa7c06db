import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { afterEach, vi } from 'vitest'
import { EnvError, envValue, parseEnv, webHeapMb } from './env.server'

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

describe('the web processes’ heap limit', () => {
  const server = {
    ...valid,
    NODE_ENV: 'production',
    DATABASE_URL: 'postgresql://db.example/rebound',
    RUN_JOBS: 'false',
  }
  test('192 MB each for web processes without jobs in production on a PostgreSQL server, none otherwise', () => {
    expect(webHeapMb(parseEnv(server))).toBe(192)
    expect(webHeapMb(parseEnv({ ...server, RUN_JOBS: 'true' }))).toBeNull()
    expect(webHeapMb(parseEnv({ ...server, NODE_ENV: 'development' }))).toBeNull()
    expect(webHeapMb(parseEnv({ ...server, DATABASE_URL: undefined }))).toBeNull()
  })
  test('WEB_HEAP_MB sets it, and 0 leaves V8’s own', () => {
    expect(webHeapMb(parseEnv({ ...server, WEB_HEAP_MB: '512' }))).toBe(512)
    expect(webHeapMb(parseEnv({ ...server, RUN_JOBS: 'true', WEB_HEAP_MB: '512' }))).toBe(512)
    expect(webHeapMb(parseEnv({ ...server, WEB_HEAP_MB: '0' }))).toBeNull()
    expect(() => parseEnv({ ...server, WEB_HEAP_MB: 'lots' })).toThrow(EnvError)
  })
})

describe('empty values mean unset', () => {
  afterEach(() => vi.unstubAllEnvs())

  test('in the whole environment', () => {
    const env = parseEnv({ ...valid, DATABASE_URL: '', TEST_DATABASE_URL: '', PORT: '', RESEND_API_KEY: '' })
    expect(env.DATABASE_URL).toBeUndefined()
    expect(env.TEST_DATABASE_URL).toBeUndefined()
    expect(env.RESEND_API_KEY).toBeUndefined()
    expect(env.PORT).toBe(3000)
  })

  test('one variable at a time, read again when it changes', () => {
    vi.stubEnv('TEST_DATABASE_URL', '')
    expect(envValue('TEST_DATABASE_URL')).toBeUndefined()
    vi.stubEnv('TEST_DATABASE_URL', 'postgresql://127.0.0.1:5432/x')
    expect(envValue('TEST_DATABASE_URL')).toBe('postgresql://127.0.0.1:5432/x')
    vi.stubEnv('TEST_DATABASE_URL', 'mysql://nope')
    expect(() => envValue('TEST_DATABASE_URL')).toThrow(/TEST_DATABASE_URL: must be a postgresql/)
  })
})

test('an empty DATABASE_URL starts the embedded database', () => {
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '-e',
      "const { openDatabase } = await import('./app/lib/database.server.ts'); const d = await openDatabase(); console.log(d.dataDir ? 'embedded' : 'server'); await d.stop()",
    ],
    {
      env: {
        ...process.env,
        DATABASE_URL: '',
        REBOUND_DATA_DIR: path.join(mkdtempSync(path.join(tmpdir(), 'rebound-env-')), 'db'),
      },
      encoding: 'utf8',
      timeout: 110_000,
    },
  )
  expect(result.stdout.trim()).toBe('embedded')
}, 120_000)

test('the server refuses to start with a bad value and names it', () => {
  const result = spawnSync('npx', ['tsx', 'server/main.ts'], {
    env: { ...process.env, SESSION_SECRET: 'short', PORT: '4999', DATABASE_URL: 'postgresql://127.0.0.1:9/x' },
    encoding: 'utf8',
    timeout: 60_000,
  })
  expect(result.status).toBe(1)
  expect(result.stderr).toContain('SESSION_SECRET')
})
