import { defineConfig } from '@playwright/test'
import { chromiumHelp, findChromium } from './tests/e2e/chromium'
import { envValue } from './app/lib/env.server'

const executablePath = findChromium()
if (!executablePath) throw new Error(chromiumHelp)

const port = envValue('E2E_PORT')

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    // No npx or tsx wrapper: the signal below reaches the server and its cleanup runs (tests/e2e/serve.ts).
    command: 'node --import tsx tests/e2e/serve.ts',
    url: `http://localhost:${port}/healthz`,
    // The single sign-on spec runs an OpenID provider on http://127.0.0.1:<port + 1>; webhooks may go to a
    // receiver on this machine, as in development (docs/decisions/0038).
    env: {
      PORT: String(port),
      APP_URL: `http://localhost:${port}`,
      SSO_ALLOW_LOCAL_HTTP_ISSUERS: 'true',
      WEBHOOKS_ALLOW_PRIVATE_ADDRESSES: 'true',
    },
    timeout: 240_000,
    reuseExistingServer: false,
    gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
    stdout: 'ignore',
    stderr: 'pipe',
  },
})
