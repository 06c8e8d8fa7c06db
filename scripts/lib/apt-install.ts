import { spawnSync } from 'node:child_process'

/**
 * Installs a Debian package with apt-get where `find` finds nothing and this user can.
 * Never fails setup: without the program, only the tests that need it stop, with `help` as the message.
 */
export function ensureAptPackage(opts: { label: string; pkg: string; find: () => string | undefined; help: string }) {
  const { label, pkg, find, help } = opts
  const found = find()
  if (found) {
    console.log(`${label} found: ${found}`)
    return
  }
  const isRoot = process.getuid?.() === 0
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0
  if (!isRoot || !hasApt) {
    console.warn(help)
    return
  }
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', pkg], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status === 0
  if (!install()) {
    spawnSync('apt-get', ['update'], { stdio: 'inherit' })
    install()
  }
  const installed = find()
  console.log(installed ? `${label} installed: ${installed}` : help)
}
