import http from 'node:http'
import { expect, test } from '@playwright/test'
import { envValue } from '../../app/lib/env.server'
import { spawnBuiltWeb } from './built-web'
import { e2eDatabaseUrl } from './database-url'

// A web process told to stop (SIGTERM: a deploy, a restart, the cluster primary) while clients keep their
// connections open and busy: every answer it gives is a real one (no 500 from a database closed under a request), the
// clients are asked to close their connections, and the process is gone within its 10 s grace.

type Outcome = { status: number; connection: string | undefined } | { error: string }

function get(agent: http.Agent, port: number, path: string) {
  return new Promise<Outcome>((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path, agent }, (response) => {
      response.resume()
      response.on('end', () => resolve({ status: response.statusCode ?? 0, connection: response.headers.connection }))
    })
    request.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }))
  })
}

test('a web process stopping under steady requests answers each one it takes, then closes its connections', async () => {
  const databaseUrl = e2eDatabaseUrl()
  test.skip(!databaseUrl, 'A second web process shares the server’s database: set TEST_DATABASE_URL')
  test.setTimeout(60_000)
  const port = envValue('E2E_PORT') + 2
  const server = spawnBuiltWeb(
    port,
    {
      APP_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: databaseUrl!,
      SESSION_SECRET: 'shutdown-test-secret-0123456789abcdef0123',
    },
    ['ignore', 'ignore', 'pipe'],
  )
  let stderr = ''
  server.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)))
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 })
  try {
    await expect
      .poll(async () => ((await get(agent, port, '/healthz')) as { status?: number }).status, { timeout: 30_000 })
      .toBe(200)
    // Four clients, each sending its next request as soon as the last is answered, on connections kept open; each
    // stops when the server refuses it or closes its connection after asking it to.
    const outcomes: Outcome[] = []
    let stopAt = 0
    const client = async () => {
      for (;;) {
        const outcome = await get(agent, port, '/healthz')
        outcomes.push(outcome)
        if ('error' in outcome || outcome.connection === 'close' || (stopAt && Date.now() > stopAt)) return
      }
    }
    const clients = Array.from({ length: 4 }, client)
    await new Promise((r) => setTimeout(r, 1_000))
    const signalled = Date.now()
    stopAt = signalled + 15_000
    server.kill('SIGTERM')
    await Promise.all(clients)
    const code = await exited
    expect(Date.now() - signalled).toBeLessThan(12_000)
    expect(code).toBe(0)

    const answered = outcomes.filter((o): o is Exclude<Outcome, { error: string }> => !('error' in o))
    expect(answered.length).toBeGreaterThan(20)
    // Every answer is the page's own: no 500 or 503 from a database closed while a request was being served.
    expect(answered.filter((o) => o.status !== 200)).toEqual([])
    // Clients with a connection open were told to close it; the others were refused at the door, never answered wrong.
    expect(answered.some((o) => o.connection === 'close')).toBe(true)
    for (const o of outcomes) if ('error' in o) expect(['ECONNREFUSED', 'ECONNRESET', 'EPIPE']).toContain(o.error)
    expect(stderr).not.toMatch(/Cannot use a pool after calling end/)
  } finally {
    agent.destroy()
    if (server.exitCode === null) server.kill('SIGKILL')
  }
})
