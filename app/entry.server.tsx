import type { AppLoadContext, EntryContext } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { renderToPipeableStream } from 'react-dom/server'
import { wholeDocument } from '~/lib/html-stream.server'
import { installRouteMatchCache } from '~/lib/route-match-cache.server'
import { NonceProvider } from '~/ui/nonce'

const ABORT_DELAY = 5_000

installRouteMatchCache()

// A page is rendered whole and sent as one body. No page defers data (every loader's data is ready before React
// renders), so streaming the shell first gained nothing but a chain of streams per response; bots and people get the
// same complete page (docs/decisions/0049).
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          shellRendered = true
        },
        onAllReady() {
          clearTimeout(timer)
          pipe(
            wholeDocument((page) => {
              responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
              responseHeaders.set('Content-Length', String(page.length))
              resolve(new Response(page, { headers: responseHeaders, status: responseStatusCode }))
            }),
          )
        },
        onShellError(error: unknown) {
          clearTimeout(timer)
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          // Before the shell, the rejection above reaches Remix, which reports it.
          if (shellRendered) console.error(error)
        },
      },
    )
    const timer = setTimeout(abort, ABORT_DELAY)
  })
}

// The web process (server/main.ts) starts the job runner and closes the database through these exports
// of the build, so that the copy of the app that serves requests is the one that runs jobs.
export { startJobs } from '~/jobs/boss.server'
export { disconnectPrisma } from '~/lib/db.server'
