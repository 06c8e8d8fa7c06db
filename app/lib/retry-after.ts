import type { HeadersFunction } from '@remix-run/node'

/**
 * A route's `headers` for pages that answer 429: an action's or loader's Retry-After reaches the
 * document response too (headers given to `data()` alone reach only `.data` requests).
 */
export const retryAfterHeaders: HeadersFunction = ({ actionHeaders, loaderHeaders }) => {
  const retryAfter = actionHeaders.get('Retry-After') ?? loaderHeaders.get('Retry-After')
  const headers = new Headers()
  if (retryAfter) headers.set('Retry-After', retryAfter)
  return headers
}
