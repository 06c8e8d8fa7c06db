import { Transform, Writable } from 'node:stream'

/**
 * A pass-through for React's HTML stream that drops NUL bytes. React 18.3's Node renderer encodes
 * text into 2 KB buffers and, when a character of several bytes does not fit at the end of one,
 * sends the whole buffer, unused zero bytes included (react-dom-server.node, writeStringChunk; fixed
 * in React 19, which this stack cannot use yet). UTF-8 never uses a zero byte inside a character and
 * HTML has no place for NUL, so dropping every zero byte gives exactly the page React meant.
 *
 * With `coalesceBytes`, it also gathers React's many small writes into chunks of about that size (or whatever
 * one turn of the event loop produced), so that the web stream, gzip and the socket below handle a few large
 * chunks rather than dozens of 2 KB ones: a table page's HTML is about 100 kB. What React flushes later (a
 * Suspense boundary that resolves) still goes out in the turn it arrives.
 */
export function withoutNulBytes({ coalesceBytes = 0 }: { coalesceBytes?: number } = {}) {
  let pending: Uint8Array[] = []
  let size = 0
  let scheduled = false
  const emit = () => {
    scheduled = false
    if (size === 0) return
    stream.push(pending.length === 1 ? pending[0] : Buffer.concat(pending, size))
    pending = []
    size = 0
  }
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const clean = dropNulBytes(chunk)
      if (coalesceBytes <= 0) return done(null, clean)
      pending.push(clean)
      size += clean.length
      if (size >= coalesceBytes) emit()
      else if (!scheduled) {
        scheduled = true
        setImmediate(emit)
      }
      done()
    },
    flush(done) {
      emit()
      done()
    },
  })
  return stream
}

/**
 * A sink for React's whole HTML stream: `done` gets the page as one buffer, without NUL bytes (as withoutNulBytes
 * drops them), when React ends it. A page rendered only once everything is ready (onAllReady) goes out whole:
 * one chunk through gzip and the socket rather than a chain of streams (BENCHMARKS.md, "The seventh pass").
 */
export function wholeDocument(done: (page: Uint8Array<ArrayBuffer>) => void) {
  const chunks: Buffer[] = []
  let size = 0
  return new Writable({
    writev(writes, callback) {
      for (const { chunk } of writes) {
        chunks.push(chunk as Buffer)
        size += (chunk as Buffer).length
      }
      callback()
    },
    final(callback) {
      const page = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)
      // A page's buffers are Node's own (never a SharedArrayBuffer), as a Response body wants them.
      done(dropNulBytes(page) as Uint8Array<ArrayBuffer>)
      callback()
    },
  })
}

/**
 * The bytes without their zero bytes: the same buffer when it has none, else the runs between them copied into a
 * new one. Filtering byte by byte through a callback cost 3 ms on a 70 kB page (a quarter of its CPU) whenever
 * React's buffer split a character.
 */
export function dropNulBytes(bytes: Buffer): Buffer {
  let at = bytes.indexOf(0)
  if (at === -1) return bytes
  const out = Buffer.allocUnsafeSlow(bytes.length)
  let size = 0
  let from = 0
  while (at !== -1) {
    size += bytes.copy(out, size, from, at)
    from = at + 1
    at = bytes.indexOf(0, from)
  }
  size += bytes.copy(out, size, from)
  return out.subarray(0, size)
}
