import { Form } from '@remix-run/react'
import { CopyField, SubmitButton } from './form'

// The calendar subscription card, the same for a coach and a client: a new link is shown once (only
// its hash is kept), with how to add it; the link can be replaced or turned off.

export function CalendarLinkCard({
  url,
  hasFeed,
  since,
  who,
}: {
  url: string | null
  hasFeed: boolean
  since: string | null
  who: 'coach' | 'client'
}) {
  return (
    <div className="space-y-3">
      {url ? (
        <div className="rounded-md border border-emerald-200 bg-emerald-50 p-3">
          <p className="font-medium text-emerald-900">
            Your calendar link is ready. Copy it now: it is shown only once.
          </p>
          <CopyField
            id="calendar-url"
            label="Calendar link"
            value={url}
            labelClassName="mt-2 block text-sm font-medium text-slate-800"
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm break-all"
          />
          <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-800">
            <li>Google Calendar: Other calendars, +, From URL, then paste it.</li>
            <li>Outlook: Add calendar, Subscribe from web, then paste it.</li>
            <li>Apple Calendar: File, New Calendar Subscription, then paste it.</li>
          </ul>
        </div>
      ) : hasFeed ? (
        <p className="text-slate-700">
          Your calendar link is on{since ? ` (made ${since})` : ''}. Anyone with the link can see{' '}
          {who === 'coach' ? 'your clients’ interviews and tasks' : 'your interviews and tasks'}, so keep it to
          yourself.
        </p>
      ) : (
        <p className="text-slate-700">
          No calendar link yet. Make one to see {who === 'coach' ? 'your clients’' : 'your'} interviews and task due
          dates in the calendar you already use.
        </p>
      )}
      <div className="flex flex-col gap-2 sm:flex-row">
        <Form method="post">
          <SubmitButton intent="issue-calendar" pendingText="Making a link…">
            {hasFeed ? 'Make a new link' : 'Make a calendar link'}
          </SubmitButton>
        </Form>
        {hasFeed ? (
          <Form method="post">
            <SubmitButton intent="revoke-calendar" variant="secondary" pendingText="Turning off…">
              Turn the link off
            </SubmitButton>
          </Form>
        ) : null}
      </div>
      {hasFeed ? <p className="text-sm text-slate-600">A new link stops the old one at once.</p> : null}
    </div>
  )
}
