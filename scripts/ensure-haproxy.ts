import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

// Installs Debian's HAProxy with apt-get where none is found and this user can: the deployment test
// (tests/deploy/load-balancer.deploy.ts) runs two web processes behind it. Never fails setup: without it,
// that test is skipped with a message.
const find = () => ['/usr/sbin/haproxy', '/usr/bin/haproxy', '/usr/local/sbin/haproxy'].find((p) => existsSync(p))
const help = 'HAProxy not found: the load-balancer test will be skipped. Install it with: apt-get install -y haproxy'
if (find()) {
  console.log(`HAProxy found: ${find()}`)
  process.exit(0)
}
const isRoot = process.getuid?.() === 0
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0
if (!isRoot || !hasApt) {
  console.warn(help)
  process.exit(0)
}
const install = () =>
  spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'haproxy'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  }).status === 0
if (!install()) {
  spawnSync('apt-get', ['update'], { stdio: 'inherit' })
  install()
}
console.log(find() ? `HAProxy installed: ${find()}` : help)
