import type { LoaderFunctionArgs } from '@remix-run/node'
import { openCalendarFeed } from '~/auth/calendar-feed.server'
import { getEnv } from '~/lib/env.server'
import { pathParam } from '~/lib/request-input'
import { notFound } from '~/lib/responses.server'

// A calendar subscription (Google Calendar, Outlook, Apple Calendar): no cookie, the secret token in
// the path is the credential. `.ics` at the end is optional, for apps that look at the extension.

export async function loader({ params }: LoaderFunctionArgs) {
  const token = pathParam(params, 'token').replace(/\.ics$/, '')
  const body = await openCalendarFeed(token, getEnv().APP_URL)
  if (body === null) throw notFound()
  return new Response(body, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'inline; filename="rebound.ics"',
      'Cache-Control': 'private, max-age=300',
      'Referrer-Policy': 'no-referrer',
      'X-Robots-Tag': 'noindex',
    },
  })
}
