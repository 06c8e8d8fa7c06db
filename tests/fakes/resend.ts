import { createHash, randomUUID } from 'node:crypto'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

// A local server that speaks the part of Resend's API the app uses (POST /emails and
// POST /emails/batch), so the real SDK runs against it through RESEND_BASE_URL. Like Resend it
// keeps idempotency keys: the same key with the same payload answers the first response again
// and sends nothing new; the same key with another payload is a 409. It can enforce a rate limit
// (429 with Retry-After), answer scripted failures, and hold its answer to let a test kill the
// client mid-request (the send still happens, as it would at Resend).

export type FakeRequest = { path: string; headers: IncomingHttpHeaders; body: unknown; at: number }
export type FakeEmail = {
  id: string
  from: string
  to: string
  subject: string
  html: string
  text?: string
  headers?: Record<string, string>
  idempotencyKey?: string
}
export type ScriptedAnswer = { status: number; body: unknown; headers?: Record<string, string> }

export type FakeResendOptions = {
  /** Requests a second before answering 429 (Resend's default is 2). Unset: no limit. */
  rateLimit?: number
  /** Hold each answer this long (the email counts as sent as soon as the request arrives). */
  delayMs?: number
}

export type FakeResend = {
  url: string
  requests: FakeRequest[]
  sent: FakeEmail[]
  /** Answers used, in order, before normal processing resumes. */
  script: (...answers: ScriptedAnswer[]) => void
  setDelay: (ms: number) => void
  /** Resolves when `count` requests to `path` have arrived. */
  waitForRequests: (count: number, path?: string) => Promise<void>
  sentTo: (email: string) => FakeEmail[]
  reset: () => void
  close: () => Promise<void>
}

type Stored = { hash: string; status: number; body: unknown; done: boolean }

export async function startFakeResend(options: FakeResendOptions = {}): Promise<FakeResend> {
  const requests: FakeRequest[] = []
  const sent: FakeEmail[] = []
  const scripted: ScriptedAnswer[] = []
  const keys = new Map<string, Stored>()
  const waiters: { count: number; path?: string; resolve: () => void }[] = []
  let delayMs = options.delayMs ?? 0
  let windowStart = 0
  let windowCount = 0

  function notify() {
    for (const waiter of [...waiters]) {
      const n = requests.filter((r) => !waiter.path || r.path === waiter.path).length
      if (n >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1)
        waiter.resolve()
      }
    }
  }

  function overLimit(now: number) {
    if (!options.rateLimit) return false
    if (now - windowStart >= 1000) {
      windowStart = now
      windowCount = 0
    }
    windowCount++
    return windowCount > options.rateLimit
  }

  function deliver(path: string, body: unknown, key: string | undefined) {
    const emails = (path === '/emails/batch' ? (body as FakeEmail[]) : [body as FakeEmail]).map((email) => ({
      ...email,
      to: Array.isArray(email.to) ? String(email.to[0]) : email.to,
      id: randomUUID(),
      idempotencyKey: key,
    }))
    if (emails.length > 100) return { status: 422, body: error(422, 'validation_error', 'Too many emails (max 100).') }
    for (const email of emails) {
      if (!email.to || !String(email.to).includes('@'))
        return { status: 422, body: error(422, 'validation_error', 'Invalid `to` field.') }
    }
    sent.push(...emails)
    const ids = emails.map((e) => ({ id: e.id }))
    return { status: 200, body: path === '/emails/batch' ? { data: ids } : ids[0] }
  }

  const server: Server = createServer((req, res) => {
    // Bytes first, decoded once: a UTF-8 character split across two chunks must not become two
    // replacement characters, or an identical retry would hash differently from the first attempt.
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8')
      const path = (req.url ?? '').split('?')[0]!
      const body: unknown = raw ? JSON.parse(raw) : {}
      const now = Date.now()
      requests.push({ path, headers: req.headers, body, at: now })
      notify()
      const answer = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        const write = () => {
          if (res.destroyed) return
          res.writeHead(status, { 'Content-Type': 'application/json', ...headers })
          res.end(JSON.stringify(payload))
        }
        if (delayMs > 0) setTimeout(write, delayMs)
        else write()
      }
      if (req.method !== 'POST' || (path !== '/emails' && path !== '/emails/batch'))
        return answer(404, error(404, 'not_found', 'Not found'))
      if (overLimit(now))
        return answer(429, error(429, 'rate_limit_exceeded', 'Too many requests.'), { 'retry-after': '1' })
      const next = scripted.shift()
      if (next) return answer(next.status, next.body, next.headers)

      const key = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : undefined
      const hash = createHash('sha256').update(`${path}\n${raw}`).digest('hex')
      if (key) {
        const stored = keys.get(`${path}\n${key}`)
        if (stored && stored.hash !== hash)
          return answer(409, error(409, 'invalid_idempotent_request', 'Same key, different payload.'))
        if (stored && !stored.done)
          return answer(409, error(409, 'concurrent_idempotent_requests', 'Same key still in progress.'))
        if (stored) return answer(stored.status, stored.body)
      }
      const result = deliver(path, body, key)
      if (key) keys.set(`${path}\n${key}`, { hash, ...result, done: true })
      answer(result.status, result.body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    url,
    requests,
    sent,
    script: (...answers) => scripted.push(...answers),
    setDelay: (ms) => (delayMs = ms),
    waitForRequests: (count, path) =>
      new Promise<void>((resolve) => {
        waiters.push({ count, path, resolve })
        notify()
      }),
    sentTo: (email) => sent.filter((e) => e.to === email),
    reset() {
      requests.length = 0
      sent.length = 0
      scripted.length = 0
      keys.clear()
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export function error(statusCode: number, name: string, message: string) {
  return { statusCode, name, message }
}
