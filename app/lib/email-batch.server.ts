import { Resend } from 'resend'
import { logger } from '~/lib/logger.server'
import { envValue } from './env.server'

// Resend's batch endpoint (up to 100 emails a call), beside the one-email sender in email.server.ts.
// One idempotency key covers the whole request: callers record the batch before sending and send
// the identical payload on every retry. Requests are paced to RESEND_RATE_LIMIT per second across
// the whole process; 429 waits for Retry-After, 5xx and network errors back off exponentially.

export type BatchEmail = {
  from: string
  to: string
  subject: string
  html: string
  text: string
  headers?: Record<string, string>
}

export type BatchSendResult =
  { ok: true; ids: string[]; attempts: number } | { ok: false; permanent: boolean; error: string; attempts: number }

export const maxBatchSize = 100

// ---------------------------------------------------------------------------------------------
// Pacing: one request every 1/rate seconds, shared by every caller in this process. A 429 pushes
// the next slot past its Retry-After for everyone.

type Pacer = { intervalMs: number; nextAt: number }
let pacer: Pacer | undefined

function rateLimit() {
  return envValue('RESEND_RATE_LIMIT')
}

function currentPacer() {
  // A few milliseconds of slack: requests that leave exactly 1/rate apart can land in one window.
  pacer ??= { intervalMs: 1000 / rateLimit() + 10, nextAt: 0 }
  return pacer
}

/** Forgets the pacing state and reads RESEND_RATE_LIMIT again (tests and the bench change it). */
export function resetEmailRateLimiter() {
  pacer = undefined
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

async function takeSlot() {
  const p = currentPacer()
  const now = Date.now()
  const at = Math.max(now, p.nextAt)
  p.nextAt = at + p.intervalMs
  if (at > now) await sleep(at - now)
  // A timer that fired late (a busy event loop) must not bunch this request with the next one.
  p.nextAt = Math.max(p.nextAt, Date.now() + p.intervalMs)
}

function pauseAll(ms: number) {
  const p = currentPacer()
  p.nextAt = Math.max(p.nextAt, Date.now() + ms)
}

// ---------------------------------------------------------------------------------------------

export type BatchSendOptions = {
  apiKey: string
  idempotencyKey: string
  /** Tries in all, the first included. */
  maxAttempts?: number
  /** First backoff after a 5xx; doubles each time, at most maxBackoffMs. */
  backoffMs?: number
  maxBackoffMs?: number
}

function retryAfterMs(headers: Record<string, string> | null) {
  const value = headers?.['retry-after'] ?? headers?.['ratelimit-reset']
  const seconds = Number(value)
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 1000
}

/** Sends one batch. Never throws for provider errors: the result says whether a retry later can help. */
export async function sendEmailBatch(emails: BatchEmail[], options: BatchSendOptions): Promise<BatchSendResult> {
  if (emails.length === 0) return { ok: true, ids: [], attempts: 0 }
  if (emails.length > maxBatchSize) throw new Error(`A batch holds at most ${maxBatchSize} emails`)
  const resend = new Resend(options.apiKey)
  const maxAttempts = options.maxAttempts ?? 6
  const backoffMs = options.backoffMs ?? 500
  const maxBackoffMs = options.maxBackoffMs ?? 8000
  let lastError = ''
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    await takeSlot()
    const { data, error, headers } = await resend.batch.send(emails, { idempotencyKey: options.idempotencyKey })
    if (!error && data) {
      const ids = data.data.map((d) => d.id)
      if (ids.length !== emails.length)
        return { ok: false, permanent: true, error: 'Resend returned too few ids', attempts: attempt }
      return { ok: true, ids, attempts: attempt }
    }
    const status = error?.statusCode ?? null
    lastError = `${status ?? 'network'} ${error?.name ?? 'unknown_error'}: ${error?.message ?? 'no answer'}`
    const concurrent = status === 409 && error?.name === 'concurrent_idempotent_requests'
    const transient = status === null || status === 429 || status >= 500 || concurrent
    if (!transient) return { ok: false, permanent: true, error: lastError, attempts: attempt }
    if (attempt === maxAttempts) break
    const wait =
      status === 429
        ? retryAfterMs(headers)
        : Math.min(maxBackoffMs, backoffMs * 2 ** (attempt - 1)) * (0.75 + Math.random() / 2)
    logger.warn(
      { idempotencyKey: options.idempotencyKey, status, attempt, waitMs: Math.round(wait) },
      'email batch retry',
    )
    if (status === 429) pauseAll(wait)
    else await sleep(wait)
  }
  return { ok: false, permanent: false, error: lastError, attempts: maxAttempts }
}
