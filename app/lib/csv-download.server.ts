/**
 * A CSV download streamed from text chunks: a BOM first (so spreadsheets read UTF-8), then each chunk
 * as it comes; a closed connection stops the generator. The file is named `<name>-<UTC day>.csv`.
 */
export function csvDownload(chunks: AsyncGenerator<string, unknown, unknown>, name: string) {
  const encoder = new TextEncoder()
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode('\uFEFF'))
    },
    async pull(controller) {
      const { value, done } = await chunks.next()
      if (done) controller.close()
      else controller.enqueue(encoder.encode(value))
    },
    async cancel() {
      await chunks.return(undefined)
    },
  })
  const day = new Date().toISOString().slice(0, 10)
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}-${day}.csv"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
