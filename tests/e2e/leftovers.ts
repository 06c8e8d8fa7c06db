import { readdirSync, readFileSync } from 'node:fs'
import net from 'node:net'
import { envValue } from '../../app/lib/env.server'

// Run after the end-to-end suite (npm run test:e2e does): fails if any process the run started is still
// alive, or if its port is still taken. Every process of a run carries REBOUND_E2E_RUN (tests/e2e/serve.ts).

function leftoverProcesses(port: number) {
  const found: string[] = []
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const environ = readFileSync(`/proc/${pid}/environ`, 'latin1')
      if (!environ.split('\0').some((entry) => entry === `REBOUND_E2E_RUN=${port}`)) continue
      found.push(`${pid} ${readFileSync(`/proc/${pid}/cmdline`, 'latin1').replaceAll('\0', ' ').trim()}`)
    } catch {
      // Gone already, or another user's process.
    }
  }
  return found
}

function isPortFree(port: number) {
  return new Promise<boolean>((resolve) => {
    const probe = net.createServer()
    probe.once('error', () => resolve(false))
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)))
  })
}

const port = envValue('E2E_PORT')
// A run stopped by a signal closes its server and database in a few seconds: give it 30.
let processes: string[] = []
let free = false
for (let waited = 0; waited <= 30; waited++) {
  processes = process.platform === 'linux' ? leftoverProcesses(port) : []
  free = await isPortFree(port)
  if (!processes.length && free) break
  await new Promise((resolve) => setTimeout(resolve, 1_000))
}
if (processes.length || !free) {
  console.error('The end-to-end run left something behind:')
  for (const line of processes) console.error(`  process ${line}`)
  if (!free) console.error(`  port ${port} is still taken`)
  process.exit(1)
}
console.log(`End-to-end run left nothing behind: no process of the run, port ${port} free.`)
