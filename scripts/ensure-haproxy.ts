import { existsSync } from 'node:fs'
import { ensureAptPackage } from './lib/apt-install'

// Installs Debian's HAProxy where none is found: the deployment test (tests/deploy/load-balancer.deploy.ts)
// runs two web processes behind it. Without it, that test is skipped with a message.
ensureAptPackage({
  label: 'HAProxy',
  pkg: 'haproxy',
  find: () => ['/usr/sbin/haproxy', '/usr/bin/haproxy', '/usr/local/sbin/haproxy'].find((p) => existsSync(p)),
  help: 'HAProxy not found: the load-balancer test will be skipped. Install it with: apt-get install -y haproxy',
})
