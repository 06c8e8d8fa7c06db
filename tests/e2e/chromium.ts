import { existsSync } from 'node:fs'
import { envValue } from '../../app/lib/env.server'

const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']

/** The Chromium the end-to-end tests drive: CHROMIUM_PATH, or a system install. */
export function findChromium() {
  const configured = envValue('CHROMIUM_PATH')
  if (configured) return existsSync(configured) ? configured : null
  return candidates.find((c) => existsSync(c)) ?? null
}

export const chromiumHelp = `No Chromium was found for the end-to-end tests.
Install one, then run the tests again:
  - Debian or Ubuntu: sudo apt-get install -y chromium
  - anywhere else: install Chromium or Chrome and set CHROMIUM_PATH=/path/to/the/binary
(Playwright's own browser download is not used.)`
