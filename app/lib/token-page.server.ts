import { pathParam } from './request-input'
import { notFound } from './responses.server'

/** What the token in a token page's path opens (token-page.ts), as `open` reads it; 404 when it opens nothing. */
export async function openByToken<Opened>(
  params: Record<string, string | undefined>,
  open: (token: string) => Promise<Opened | null>,
) {
  const opened = await open(pathParam(params, 'token'))
  if (!opened) throw notFound()
  return opened
}
