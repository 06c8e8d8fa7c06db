import { Zip, ZipDeflate } from 'fflate'

// A zip archive written as it is read: each file's text arrives in chunks, is deflated and handed on,
// so a large archive never sits in memory whole. fflate's deflate is synchronous: every chunk pushed
// comes out (compressed) before the next one is read.

export type ZipEntry = { name: string; chunks: AsyncIterable<string> }

/** The archive's bytes, chunk by chunk, from files given one after another. */
export async function* zipChunks(files: AsyncIterable<ZipEntry> | Iterable<ZipEntry>, modified = new Date()) {
  const out: Uint8Array[] = []
  let failure: Error | null = null
  const zip = new Zip((error, chunk) => {
    if (error) failure = error
    else out.push(chunk)
  })
  const encoder = new TextEncoder()
  for await (const file of files) {
    const entry = new ZipDeflate(file.name, { level: 6 })
    entry.mtime = modified
    zip.add(entry)
    for await (const text of file.chunks) {
      if (text) entry.push(encoder.encode(text))
      if (failure) throw failure
      while (out.length) yield out.shift()!
    }
    entry.push(new Uint8Array(0), true)
    while (out.length) yield out.shift()!
  }
  zip.end()
  if (failure) throw failure
  while (out.length) yield out.shift()!
}

/** A zip download streamed from zipChunks; a closed connection stops the reading. */
export function zipDownload(chunks: AsyncGenerator<Uint8Array, unknown, unknown>, fileName: string) {
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await chunks.next()
      if (done) controller.close()
      else controller.enqueue(value)
    },
    async cancel() {
      await chunks.return(undefined)
    },
  })
  return new Response(body, {
    headers: {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="${fileName}"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
