import { spawnSync } from 'node:child_process'
import { findChromium, chromiumHelp } from '../tests/e2e/chromium'

// Installs Debian's chromium with apt-get where none is found and this user can.
// Never fails setup: without a browser, only the end-to-end tests stop, with a message.
if (findChromium()) {
  console.log(`Chromium found: ${findChromium()}`)
  process.exit(0)
}
const isRoot = process.getuid?.() === 0
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0
if (!isRoot || !hasApt) {
  console.warn(chromiumHelp)
  process.exit(0)
}
const install = () =>
  spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  }).status === 0
if (!install()) {
  spawnSync('apt-get', ['update'], { stdio: 'inherit' })
  install()
}
console.log(findChromium() ? `Chromium installed: ${findChromium()}` : chromiumHelp)
