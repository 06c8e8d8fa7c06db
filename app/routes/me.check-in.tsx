import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { requireClient } from '~/auth/client-session.server'
import { CheckInInput } from '~/domain/clients/checkin-input'
import { findCheckInForWeek, listCheckIns, recordCheckIn } from '~/domain/clients/checkins.server'
import { formatDate } from '~/lib/dates'
import { recordFromPortal } from '~/auth/portal-form.server'
import { SubmitButton, TextareaField, ConformForm } from '~/ui/form'
import { useActionForm } from '~/ui/action-form'
import { Card, PageTitle, ScaleField } from '~/ui/portal'

export const meta: MetaFunction = () => [{ title: 'Weekly check-in · Rebound' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const c = await requireClient(request)
  const [current, history] = await Promise.all([findCheckInForWeek(c.pipeline), listCheckIns(c.pipeline, { take: 8 })])
  return { current, history }
}

export function action({ request }: ActionFunctionArgs) {
  return recordFromPortal(request, CheckInInput, (c, value) => recordCheckIn(c.pipeline, value), {
    title: 'Thanks for checking in',
    description: 'However this week went, it is one week. Your coach will see how you are doing.',
  })
}

const moods = ['Very low', 'Low', 'Okay', 'Good', 'Great'] as const
const energies = ['Drained', 'Tired', 'Steady', 'Good', 'Full'] as const
const confidences = ['Shaken', 'Unsure', 'Mixed', 'Fairly sure', 'Confident'] as const

export default function CheckInPage() {
  const { current, history } = useLoaderData<typeof loader>()
  const [form, fields] = useActionForm(CheckInInput, {
    id: 'check-in',
    // A "choose your mood" message goes as soon as a mood is chosen.
    shouldRevalidate: 'onInput',
    defaultValue: current
      ? {
          mood: String(current.mood),
          energy: String(current.energy),
          confidence: String(current.confidence),
          note: current.note ?? '',
        }
      : undefined,
  })
  return (
    <>
      <PageTitle intro="How is this week going? There are no wrong answers: disappointment is a normal part of a search.">
        Weekly check-in
      </PageTitle>
      {current ? <p className="mb-4 text-slate-700">You checked in this week. You can change your answers.</p> : null}
      <ConformForm form={form} className="space-y-6">
        <ScaleField legend="Mood" field={fields.mood} labels={moods} />
        <ScaleField legend="Energy" field={fields.energy} labels={energies} />
        <ScaleField legend="Confidence" field={fields.confidence} labels={confidences} />
        <TextareaField label="Anything on your mind? (optional)" field={fields.note} rows={4} />
        <SubmitButton className="min-h-11 w-full text-base" pendingText="Saving…">
          {current ? 'Update check-in' : 'Check in'}
        </SubmitButton>
      </ConformForm>
      {history.length > 0 ? (
        <Card className="mt-6">
          <h2 className="text-lg font-semibold text-slate-900">Recent weeks</h2>
          <ul className="mt-2 divide-y divide-slate-200">
            {history.map((h) => (
              <li key={h.id} className="py-2 text-slate-800">
                <span className="font-medium">Week of {formatDate(h.weekOf)}</span>
                <span className="block text-sm text-slate-700">
                  Mood {h.mood} · Energy {h.energy} · Confidence {h.confidence}
                </span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </>
  )
}
