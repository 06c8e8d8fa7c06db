import { z } from 'zod'

// The whole environment, parsed once at start. A bad value stops the app with a message naming it.

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** A PostgreSQL URL. Unset: the app starts an embedded PostgreSQL (PGlite). */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')
    .optional(),
  /** Where the embedded database keeps its files when DATABASE_URL is unset. */
  REBOUND_DATA_DIR: z.string().min(1).optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters (npm run setup writes one into .env)'),
  APP_URL: z.url('must be a URL such as http://localhost:3000').optional(),
  RESEND_API_KEY: z.string().min(1).optional(),
  RESEND_BASE_URL: z.url().optional(),
  /** Signs Resend's webhooks (`whsec_...`). Unset: POST /webhooks/resend answers 404. */
  RESEND_WEBHOOK_SECRET: z.string().startsWith('whsec_', 'must start with whsec_').optional(),
  /** Resend's default rate limit is 2 requests a second per team. */
  RESEND_RATE_LIMIT: z.coerce.number().positive().default(2),
  EMAIL_FROM: z.string().min(3).default('Rebound <digests@rebound.example>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Run the job workers inside the web process. `npm run worker` runs them apart. */
  RUN_JOBS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
})

export type Env = z.infer<typeof EnvSchema> & { APP_URL: string }

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'EnvError'
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty variable means unset, as in most shells' `X= command`.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''))
  const result = EnvSchema.safeParse(cleaned)
  if (!result.success) {
    throw new EnvError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`))
  }
  const env = result.data
  return { ...env, APP_URL: (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '') }
}

let cached: Env | undefined
export function getEnv(): Env {
  cached ??= parseEnv(process.env)
  return cached
}
