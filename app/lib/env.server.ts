import { availableParallelism } from 'node:os'
import { z } from 'zod'

// The whole environment, in one schema. Nothing else reads process.env: the app reads it through
// `getEnv()` (validated whole at start; a bad value stops the app with a message naming it) or
// `envValue(name)` (one variable, for infrastructure that must work before the rest is set, such as
// scripts that only need the database). An empty variable means unset, as in a shell's `X= command`.

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** A PostgreSQL URL. Unset: the app starts an embedded PostgreSQL (PGlite). */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')
    .optional(),
  /**
   * A streaming replica of DATABASE_URL. Set: the patterns page, insights computation and exports read from it
   * (writes stay on DATABASE_URL); while it trails by more than DATABASE_REPLICA_MAX_LAG_SECONDS they read the primary.
   */
  DATABASE_REPLICA_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')
    .optional(),
  DATABASE_REPLICA_MAX_LAG_SECONDS: z.coerce.number().min(0).default(30),
  /** Where the embedded database keeps its files when DATABASE_URL is unset. */
  REBOUND_DATA_DIR: z.string().min(1).optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters (npm run setup writes one into .env)'),
  APP_URL: z.url('must be a URL such as http://localhost:3000').optional(),
  RESEND_API_KEY: z.string().min(1).optional(),
  RESEND_BASE_URL: z.url().optional(),
  /** Signs Resend's webhooks (`whsec_...`). Unset: POST /webhooks/resend answers 404. */
  RESEND_WEBHOOK_SECRET: z.string().startsWith('whsec_', 'must start with whsec_').optional(),
  /**
   * Webhooks may go to private, loopback and link-local addresses (a receiver on this machine or the office
   * network). Unset: allowed when NODE_ENV is development or test, refused in production.
   */
  WEBHOOKS_ALLOW_PRIVATE_ADDRESSES: z.enum(['true', 'false']).optional(),
  /** Resend's default rate limit is 2 requests a second per team. */
  RESEND_RATE_LIMIT: z.coerce.number().positive().default(2),
  /** How long word between digests waits to gather what else happens before its email goes. */
  NOTIFICATION_DELAY_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  /**
   * What the practice's security page states about this deployment, in the host's words: where the
   * database lives and who hosts it (e.g. "EU (Frankfurt), Neon"), and how its disks are encrypted.
   * Unset: the page says the host has not stated it, rather than claiming anything.
   */
  DATA_LOCATION: z.string().min(2).max(200).optional(),
  ENCRYPTION_AT_REST: z.string().min(2).max(300).optional(),
  EMAIL_FROM: z.string().min(3).default('Rebound <digests@rebound.example>'),
  /** Unset: info, or silent under tests. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  /**
   * Whether the web process gzips its pages (level 1). `false` when a load balancer or CDN in front compresses
   * (HAProxy's `compression algo gzip`): gzip is about a tenth of a table page's CPU in the app.
   */
  HTTP_COMPRESSION: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /**
   * Requests a web process handles at once (pages and actions; static files are not counted); the rest wait
   * in arrival order, so many connections share the CPU in turn rather than all rendering at once.
   */
  MAX_CONCURRENT_REQUESTS: z.coerce.number().int().min(1).max(1000).default(8),
  /** Run the job workers inside the web process. `npm run worker` runs them apart. */
  RUN_JOBS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /**
   * Web processes `npm start` runs under node:cluster. Unset: one per core in production on a PostgreSQL server,
   * else 1 (the embedded database serves one process).
   */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  /**
   * The JavaScript heap of each web process, in MB (V8's old space), so that a process collects its garbage instead
   * of growing to a gigabyte under load (docs/decisions/0047). Default: 192 for a web process that runs no jobs
   * (RUN_JOBS=false, with `npm run worker` beside it) on a PostgreSQL server in production; none when it runs jobs,
   * which may need more (a large practice's digests). 0 leaves V8's own limit (a quarter of the machine's memory).
   */
  WEB_HEAP_MB: z.coerce.number().int().min(0).max(65_536).optional(),
  /**
   * Single sign-on: accept an identity provider at an http:// address on this machine (localhost, 127.0.0.1, ::1).
   * For tests and local development with a provider run beside the app; production providers are https.
   */
  SSO_ALLOW_LOCAL_HTTP_ISSUERS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Tests: a PostgreSQL server for the test databases. Unset: an embedded PostgreSQL. */
  TEST_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')
    .optional(),
  /** Tests: the port of the end-to-end server. */
  E2E_PORT: z.coerce.number().int().min(1).max(65535).default(4010),
  /** Tests: a Chromium to drive instead of the one found on the PATH. */
  CHROMIUM_PATH: z.string().min(1).optional(),
  /** npm run screenshots: the port of the server it starts. */
  SCREENSHOTS_PORT: z.coerce.number().int().min(1).max(65535).default(4199),
  /** Tests: end-to-end specs also save their pages into docs/screenshots/ when this is set (SCREENSHOTS=1). */
  SCREENSHOTS: z.string().min(1).optional(),
})

type EnvShape = typeof EnvSchema.shape

export type Env = z.infer<typeof EnvSchema> & { APP_URL: string }

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'EnvError'
  }
}

const names = Object.keys(EnvSchema.shape) as (keyof EnvShape)[]

function present(source: Record<string, string | undefined>) {
  return Object.fromEntries(
    names.flatMap((name) => (source[name] === undefined || source[name] === '' ? [] : [[name, source[name]]])),
  )
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(present(source))
  if (!result.success) {
    throw new EnvError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`))
  }
  const env = result.data
  return { ...env, APP_URL: (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '') }
}

// Parsed again only when a variable of the schema changed (tests point the app at fakes as they run).
let cached: { raw: string; env: Env } | undefined
function rawValues() {
  return JSON.stringify(present(process.env))
}

export function getEnv(): Env {
  const raw = rawValues()
  if (cached?.raw !== raw) cached = { raw, env: parseEnv(process.env) }
  return cached.env
}

const single = new Map<keyof EnvShape, { raw: string | undefined; value: unknown }>()

/** One variable, parsed by its rule in the schema (the others need not be valid). */
export function envValue<Name extends keyof EnvShape>(name: Name): z.output<EnvShape[Name]> {
  const raw = process.env[name] === '' ? undefined : process.env[name]
  const hit = single.get(name)
  if (hit && hit.raw === raw) return hit.value as z.output<EnvShape[Name]>
  const result = EnvSchema.shape[name].safeParse(raw)
  if (!result.success) throw new EnvError(result.error.issues.map((i) => `${name}: ${i.message}`))
  single.set(name, { raw, value: result.data })
  return result.data as z.output<EnvShape[Name]>
}

/** How many web processes `npm start` runs (see WEB_CONCURRENCY). */
export function webConcurrency(env: Env) {
  if (env.WEB_CONCURRENCY) return env.WEB_CONCURRENCY
  return env.NODE_ENV === 'production' && env.DATABASE_URL ? availableParallelism() : 1
}

/** The heap limit of a web process that runs no jobs, in MB, unless WEB_HEAP_MB says otherwise. */
export const defaultWebHeapMb = 192

/** The heap limit of each web process in MB, or null for V8's own (see WEB_HEAP_MB). */
export function webHeapMb(env: Env) {
  if (env.WEB_HEAP_MB !== undefined) return env.WEB_HEAP_MB || null
  return env.NODE_ENV === 'production' && env.DATABASE_URL && !env.RUN_JOBS ? defaultWebHeapMb : null
}

/** The environment for a child process a script starts: this one's, with the overrides. */
export function childEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides }
}

/** Production over https: cookies are Secure. */
export function isSecureOrigin() {
  const appUrl = envValue('APP_URL') ?? ''
  return envValue('NODE_ENV') === 'production' && appUrl.startsWith('https:')
}

/** Whether webhooks may be sent to private, loopback and link-local addresses (docs/decisions/0038). */
export function webhooksAllowPrivateAddresses(env: Env = getEnv()) {
  if (env.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES) return env.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES === 'true'
  return env.NODE_ENV !== 'production'
}
