import type { RequestHandler } from 'express'

/**
 * At most `limit` requests of this process past this point at once; the rest wait their turn in arrival order.
 * A page being rendered holds its loader's data, its React tree and a gzip stream: 50 at once took a web process
 * past 450 MB (BENCHMARKS.md, the soak). Waiting costs a socket; the server time logged for a request includes
 * its wait. A request whose client went away while it waited is dropped when its turn comes.
 */
export function admission(limit: number): RequestHandler {
  let active = 0
  const waiting: (() => void)[] = []
  const release = () => {
    active--
    const next = waiting.shift()
    if (next) {
      active++
      next()
    }
  }
  return (req, res, next) => {
    const start = () => {
      if (req.destroyed || res.writableEnded) return release()
      let released = false
      const done = () => {
        if (released) return
        released = true
        release()
      }
      res.once('finish', done)
      res.once('close', done)
      next()
    }
    if (active < limit) {
      active++
      start()
    } else waiting.push(start)
  }
}
