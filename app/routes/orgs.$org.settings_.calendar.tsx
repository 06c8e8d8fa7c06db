import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { requirePermission, requireTenant } from '~/auth/require-tenant.server'
import { feedPath, findCoachFeed, issueCoachFeed, revokeCoachFeed } from '~/domain/calendar/feeds.server'
import { formatDay } from '~/lib/dates'
import { getEnv } from '~/lib/env.server'
import { orgPath } from '~/lib/org-path'
import { readForm } from '~/lib/request-input'
import { redirectWithToast } from '~/lib/toast.server'
import { CalendarLinkCard } from '~/ui/calendar-link'

export const meta: MetaFunction = () => [{ title: 'Your calendar · Rebound' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'clients:read')
  const feed = await findCoachFeed(t)
  return {
    practice: t.org.name,
    hasFeed: Boolean(feed),
    since: feed ? formatDay(feed.createdAt, t.org.timezone) : null,
  }
}

const Intent = z.object({ intent: z.enum(['issue-calendar', 'revoke-calendar']) })

export async function action({ request, params }: ActionFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'clients:read')
  const parsed = Intent.safeParse(Object.fromEntries(await readForm(request)))
  if (!parsed.success) return data({ url: null, error: 'Choose what to do with the link' }, { status: 400 })
  if (parsed.data.intent === 'revoke-calendar') {
    await revokeCoachFeed(t)
    return redirectWithToast(orgPath(t.org.slug, 'settings', 'calendar'), { title: 'Calendar link turned off' })
  }
  const token = await issueCoachFeed(t)
  return { url: `${getEnv().APP_URL}${feedPath(token)}`, error: null }
}

export default function CoachCalendarPage() {
  const { practice, hasFeed, since } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <main className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold">Your calendar</h1>
      <p className="text-slate-700">
        The interviews and open tasks of the clients you coach at {practice}, in Google Calendar, Outlook or Apple
        Calendar. It refreshes by itself, about every hour.
      </p>
      {actionData?.error ? (
        <p role="alert" className="text-red-700">
          {actionData.error}
        </p>
      ) : null}
      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <CalendarLinkCard
          url={actionData?.url ?? null}
          hasFeed={hasFeed || Boolean(actionData?.url)}
          since={since}
          who="coach"
        />
      </section>
    </main>
  )
}
