import type { AddressInfo } from 'node:net'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import express from 'express'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { crossSiteGuard } from './security'

// The cross-site guard in front of Remix's own request handler: a Host that differs from the
// Origin (a proxy, a forged Host, a mail provider's one-click unsubscribe) is decided by the guard
// alone, and never reaches Remix's narrower check, which answers with a 500.

const appOrigin = 'http://app.test'
const routes = {
  root: { id: 'root', path: '', module: { default: () => null } },
  'routes/form': {
    id: 'routes/form',
    parentId: 'root',
    path: 'form',
    module: { action: () => Response.json({ ok: true }), default: () => null },
  },
}
const build = {
  mode: 'production',
  entry: { module: { default: () => new Response('page') } },
  routes,
  assets: { url: '/manifest.js', version: '1', entry: { module: '/entry.js', imports: [] }, routes: {} },
  publicPath: '/',
  assetsBuildDirectory: 'build',
  future: { v3_singleFetch: true },
  isSpaMode: false,
} as unknown as ServerBuild

let server: ReturnType<express.Express['listen']>
let base: string

beforeAll(async () => {
  const app = express()
  app.use(crossSiteGuard({ appOrigin, exempt: [/^\/webhooks\//] }))
  app.all('*', createRequestHandler({ build, mode: 'production' }))
  server = app.listen(0)
  await new Promise((resolve) => server.once('listening', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise((resolve) => server.close(resolve)))

const post = (headers: Record<string, string>) =>
  fetch(`${base}/form.data`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: 'a=1',
  })

test('the app’s own Origin with another Host is let through, not answered with a 500', async () => {
  const response = await post({ Origin: appOrigin, Host: 'proxy.internal:8080' })
  expect(response.status).toBe(200)
})

test('a foreign Origin, a malformed Origin and Origin: null are refused with 403 and a message', async () => {
  for (const origin of ['http://evil.test', 'not a url', 'null']) {
    const response = await post({ Origin: origin, Host: 'app.test' })
    expect(response.status, origin).toBe(403)
    expect(await response.text()).toMatch(/^Cross-site request refused/)
  }
})
