import cluster, { type Worker } from 'node:cluster'

// The node:cluster primary: forks the web workers (each runs server/web.ts and listens on the shared port),
// replaces one that exits unexpectedly (after a pause that grows if they keep dying), and on SIGTERM/SIGINT
// passes the signal on and waits for every worker to finish its requests.

export function runPrimary({
  workers,
  heapMb,
  appUrl,
  port,
}: {
  workers: number
  heapMb: number | null
  appUrl: string
  port: number
}) {
  // V8 fixes its heap limit when a process starts, so the limit goes on the workers' command line.
  if (heapMb) cluster.setupPrimary({ execArgv: [...process.execArgv, `--max-old-space-size=${heapMb}`] })
  let stopping = false
  let listening = 0
  let quickDeaths = 0
  const started = new Map<number, number>()

  const fork = () => {
    const worker = cluster.fork()
    started.set(worker.id, Date.now())
    worker.once('listening', () => {
      listening++
      if (listening === workers)
        console.log(
          `Rebound is running on ${appUrl} (port ${port}, ${workers} web worker${workers === 1 ? '' : 's'}${heapMb ? `, heap ${heapMb} MB each` : ''}).`,
        )
    })
  }

  cluster.on('exit', (worker: Worker, code, signal) => {
    const lived = Date.now() - (started.get(worker.id) ?? 0)
    started.delete(worker.id)
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0)
      return
    }
    quickDeaths = lived < 10_000 ? quickDeaths + 1 : 0
    const delay = Math.min(30_000, 500 * 2 ** Math.min(quickDeaths, 6))
    console.error(
      `Web worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting another in ${delay} ms.`,
    )
    setTimeout(() => !stopping && fork(), delay)
  })

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    const alive = Object.values(cluster.workers ?? {}).filter(Boolean) as Worker[]
    if (alive.length === 0) process.exit(0)
    for (const worker of alive) worker.process.kill(signal)
    // A worker that does not finish in time is ended.
    setTimeout(() => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL')
      process.exit(1)
    }, 20_000).unref()
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGTERM'))

  for (let i = 0; i < workers; i++) fork()
}
