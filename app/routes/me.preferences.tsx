import { useForm } from '@conform-to/react'

import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import type { z } from 'zod'
import { requireClient } from '~/auth/client-session.server'
import {
  DigestPreferencesInput,
  findDigestPreferences,
  timeZoneOptions,
  updateDigestPreferences,
} from '~/domain/clients/client-preferences.server'
import { redirectWithToast } from '~/lib/toast.server'
import { SubmitButton, ConformForm } from '~/ui/form'
import { TimeZoneField } from '~/ui/time-zone-field'
import { CheckboxField, LinkButton, PageTitle } from '~/ui/portal'

import { saveForm } from '~/lib/form-action.server'
import { readForm } from '~/lib/request-input'
import { feedPath, findClientFeed, issueClientFeed, revokeClientFeed } from '~/domain/calendar/feeds.server'
import { formatDay } from '~/lib/dates'
import { getEnv } from '~/lib/env.server'
import { CalendarLinkCard } from '~/ui/calendar-link'
import { Card, SectionTitle } from '~/ui/portal'
import { listClientSponsors } from '~/domain/outcomes/sponsor-links.server'
import { SponsorNotice } from '~/ui/sponsor-notice'

export const meta: MetaFunction = () => [{ title: 'Preferences · Rebound' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const c = await requireClient(request)
  const [prefs, feed, sponsors] = await Promise.all([
    findDigestPreferences(c.pipeline),
    findClientFeed(c.pipeline),
    listClientSponsors(c.pipeline),
  ])
  return {
    sponsors,
    hasFeed: Boolean(feed),
    feedSince: feed ? formatDay(feed.createdAt, c.client.timezone) : null,
    digestOptIn: c.client.digestOptIn,
    notifyMessages: prefs?.notifyMessages ?? true,
    notifyTasks: prefs?.notifyTasks ?? true,
    timezone: c.client.timezone,
    timeZones: timeZoneOptions(),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const c = await requireClient(request)
  const form = await readForm(request)
  const intent = form.get('intent')
  if (intent === 'revoke-calendar') {
    await revokeClientFeed(c.pipeline)
    return redirectWithToast('/me/preferences', { title: 'Calendar link turned off' })
  }
  if (intent === 'issue-calendar') {
    const token = await issueClientFeed(c.pipeline)
    return { result: undefined, calendarUrl: `${getEnv().APP_URL}${feedPath(token)}` }
  }
  return saveForm(form, DigestPreferencesInput, async (value) => {
    await updateDigestPreferences(c.pipeline, value)
    return redirectWithToast('/me/preferences', { title: 'Preferences saved' })
  })
}

export default function PreferencesPage() {
  const { digestOptIn, notifyMessages, notifyTasks, timezone, timeZones, hasFeed, feedSince, sponsors } =
    useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const calendarUrl = actionData && 'calendarUrl' in actionData ? actionData.calendarUrl : null
  const [form, fields] = useForm<z.input<typeof DigestPreferencesInput>>({
    id: 'preferences',
    lastResult: actionData?.result ?? undefined,
    defaultValue: {
      digestOptIn: digestOptIn ? 'on' : undefined,
      notifyMessages: notifyMessages ? 'on' : undefined,
      notifyTasks: notifyTasks ? 'on' : undefined,
      timezone,
    },
  })
  return (
    <>
      <PageTitle intro="Once a week, a short email with your progress, your tasks and a note from your coach.">
        Preferences
      </PageTitle>
      <ConformForm form={form} className="space-y-5">
        <CheckboxField label="Send me the weekly digest" field={fields.digestOptIn} />
        <fieldset className="space-y-3">
          <legend className="font-medium text-slate-900">Between digests, email me when</legend>
          <input type="hidden" name="notificationChoices" value="shown" />
          <CheckboxField label="my coach writes to me" field={fields.notifyMessages} />
          <CheckboxField label="my coach gives me a task" field={fields.notifyTasks} />
          <p className="text-sm text-slate-700">At most one email every 15 minutes. Unsubscribing stops every email.</p>
        </fieldset>
        <TimeZoneField
          label="Your timezone (sets your week and the dates you see)"
          field={fields.timezone}
          zones={timeZones}
        />
        <SubmitButton className="min-h-11 w-full text-base">Save preferences</SubmitButton>
      </ConformForm>
      <Card className="mt-6">
        <SectionTitle id="calendar">Your calendar</SectionTitle>
        <p className="mt-1 mb-3 text-slate-700">
          Your interviews and task due dates in Google Calendar, Outlook or Apple Calendar.
        </p>
        <CalendarLinkCard url={calendarUrl} hasFeed={hasFeed || Boolean(calendarUrl)} since={feedSince} who="client" />
      </Card>
      {sponsors.length ? <SponsorNotice sponsors={sponsors} /> : null}
      <section aria-labelledby="your-data" className="mt-8 border-t border-slate-200 pt-5">
        <h2 id="your-data" className="text-lg font-semibold text-slate-900">
          Your data
        </h2>
        <p className="mt-1 text-slate-700">Download everything you recorded here, dated, as spreadsheets.</p>
        <LinkButton to="/me/data" variant="secondary" className="mt-3 w-full">
          Download my data
        </LinkButton>
      </section>
    </>
  )
}
