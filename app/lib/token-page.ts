import type { HeadersFunction, MetaFunction } from '@remix-run/node'

// A page that a secret token in its path opens without signing in (a survey, an unsubscribe link): kept out of
// search engines, caches and Referer headers. The loader's side is in token-page.server.ts.

export function tokenPageMeta(title: string): MetaFunction {
  return () => [{ title: `${title} · Rebound` }, { name: 'robots', content: 'noindex' }]
}

export const tokenPageHeaders: HeadersFunction = () => ({
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
})
