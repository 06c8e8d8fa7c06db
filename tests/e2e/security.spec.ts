import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { logIn } from './helpers'
import { builtServer } from '../../scripts/lib/built-server'

// What the built server does before Remix sees a request: body limits, the cross-site guard,
// Cache-Control, and the start banner.

type Raw = { status: number; headers: http.IncomingHttpHeaders; body: string }

/** A request with exactly these bytes of path and headers, and `send` bytes of body actually sent. */
function raw(
  baseURL: string,
  options: { method: string; path: string; headers: Record<string, string>; body?: string; send?: number },
) {
  const url = new URL(baseURL)
  return new Promise<Raw>((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, method: options.method, path: options.path, headers: options.headers },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }))
      },
    )
    req.on('error', reject)
    if (options.body !== undefined) return req.end(options.body)
    // Part of a body declared larger, and the request left open: the server must answer without waiting.
    if (options.send) req.write(Buffer.alloc(options.send, 'a'))
    else req.end()
  })
}

const form = { 'Content-Type': 'application/x-www-form-urlencoded' }

test('a body over the limit gets 413 before it is read, signed in or not', async ({ baseURL }) => {
  const huge = String(700 * 1024 * 1024)
  for (const target of ['/login', '/webhooks/resend', '/orgs/northstar/clients/new', '/me/check-in']) {
    const origin = { Origin: baseURL! }
    const result = await raw(baseURL!, {
      method: 'POST',
      path: target,
      headers: { ...form, ...origin, 'Content-Length': huge },
      send: 64 * 1024,
    })
    expect(result.status, target).toBe(413)
    expect(result.body, target).toBe('This request is too large: at most 128 KB is accepted here.')
  }
  const upload = await raw(baseURL!, {
    method: 'POST',
    path: '/orgs/northstar/imports?index',
    headers: { 'Content-Type': 'multipart/form-data; boundary=x', Origin: baseURL!, 'Content-Length': huge },
    send: 1024,
  })
  expect([upload.status, upload.body]).toEqual([413, 'This request is too large: at most 6 MB is accepted here.'])
  const chunked = await raw(baseURL!, {
    method: 'POST',
    path: '/login',
    headers: { ...form, Origin: baseURL!, 'Transfer-Encoding': 'chunked' },
  })
  expect(chunked.status).toBe(411)
  // The server is still up and answering.
  expect((await raw(baseURL!, { method: 'GET', path: '/healthz', headers: {} })).status).toBe(200)
})

test('a form just under the limit is still read', async ({ request, baseURL }) => {
  const response = await request.post('/login', {
    headers: { Origin: baseURL! },
    form: { email: 'nobody@example.test', password: 'x'.repeat(100 * 1024) },
    maxRedirects: 0,
  })
  expect(response.status()).not.toBe(413)
})

test('the cross-site guard checks the path the router will serve, and wants an Origin or Sec-Fetch-Site', async ({
  baseURL,
}) => {
  const attempts: { path: string; headers: Record<string, string> }[] = [
    { path: '/webhooks/../orgs/northstar/clients/new', headers: { 'Sec-Fetch-Site': 'cross-site' } },
    { path: '/webhooks/%2e%2e/orgs/northstar/clients/new', headers: { 'Sec-Fetch-Site': 'cross-site' } },
    { path: '/unsubscribe/..%2forgs/northstar/clients/new', headers: { Origin: 'https://evil.example' } },
    { path: '/login', headers: {} },
    { path: '/login', headers: { 'Sec-Fetch-Site': 'same-site' } },
    { path: '/login', headers: { Origin: 'null' } },
  ]
  for (const { path: p, headers } of attempts) {
    const body = 'email=a%40b.test&password=whatever1'
    const result = await raw(baseURL!, {
      method: 'POST',
      path: p,
      headers: { ...form, ...headers, 'Content-Length': String(body.length) },
      body,
    })
    expect(result.status, `${p} ${JSON.stringify(headers)}`).toBe(403)
    expect(result.body).toMatch(/^Cross-site request refused: /)
  }
  const body = 'email=a%40b.test&password=whatever1'
  const sameOrigin = await raw(baseURL!, {
    method: 'POST',
    path: '/login',
    headers: { ...form, 'Sec-Fetch-Site': 'same-origin', 'Content-Length': String(body.length) },
    body,
  })
  expect(sameOrigin.status).toBe(400)
})

test('a one-click unsubscribe POST with a mail provider’s Origin is not refused by the framework', async ({
  baseURL,
}) => {
  // An unknown token: 404, never a 500 from Remix's own origin check.
  const body = 'List-Unsubscribe=One-Click'
  const result = await raw(baseURL!, {
    method: 'POST',
    path: '/unsubscribe/a.b.c',
    headers: { ...form, Origin: 'https://mail-provider.example', 'Content-Length': String(body.length) },
    body,
  })
  expect(result.status).toBe(404)
})

test('signed-in pages, their .data and token links are never stored by a cache', async ({ page }) => {
  await logIn(page, 'owner@northstar.test')
  for (const p of ['/orgs/northstar', '/orgs/northstar/clients', '/orgs/northstar/clients.data', '/settings']) {
    const response = await page.request.get(p)
    expect(response.status(), p).toBe(200)
    expect(response.headers()['cache-control'], p).toBe('no-store')
  }
  const reset = await page.request.get('/reset-password?token=abc')
  expect(reset.headers()['cache-control']).toBe('no-store')
  const html = await (await page.request.get('/orgs/northstar')).text()
  const asset = html.match(/\/assets\/[\w.-]+\.js/)?.[0]
  expect(asset).toBeTruthy()
  expect((await page.request.get(asset!)).headers()['cache-control']).toContain('immutable')
})

test('the production start banner names no password', async () => {
  const port = Number(process.env.E2E_PORT ?? 4010) + 1000
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    APP_URL: `http://localhost:${port}`,
    RUN_JOBS: 'false',
    SESSION_SECRET: 'banner-test-secret-0123456789abcdef0123456789',
  }
  // The banner comes after the database opens: the test server's database, or a new embedded one.
  delete env.DATABASE_URL
  if (process.env.TEST_DATABASE_URL) env.DATABASE_URL = process.env.TEST_DATABASE_URL
  else env.REBOUND_DATA_DIR = path.join(mkdtempSync(path.join(tmpdir(), 'rebound-banner-')), 'pglite')
  // node itself (no npx wrapper in between), so that stopping it stops the server and its web worker.
  const server = spawn(process.execPath, [builtServer.web], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise((resolve) => server.on('exit', resolve))
  let output = ''
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no banner after 90 s:\n${output}`)), 90_000)
      const read = (chunk: Buffer) => {
        output += chunk.toString()
        if (output.includes('Rebound is running')) {
          clearTimeout(timer)
          setTimeout(resolve, 500)
        }
      }
      server.stdout.on('data', read)
      server.stderr.on('data', read)
      server.on('exit', () => reject(new Error(`the server stopped:\n${output}`)))
    })
  } finally {
    server.kill('SIGTERM')
    await exited
  }
  expect(output).toContain('Rebound is running')
  expect(output).not.toContain('rebound-demo')
  expect(output).not.toMatch(/password/i)
})
