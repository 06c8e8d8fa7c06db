import { webhookEventLabels, webhookEventTypes } from '~/domain/webhooks/events'
import { ErrorList } from './form'

/** The events an endpoint receives, as checkboxes named `events`, grouped by what they are about. */
export function WebhookEventChoices({
  chosen = [],
  errorId,
  errors,
}: {
  chosen?: readonly string[]
  errorId?: string
  errors?: string[] | null
}) {
  return (
    <fieldset aria-describedby={errors?.length ? errorId : undefined}>
      <legend className="text-sm font-medium text-slate-800">Events</legend>
      <p className="text-sm text-slate-600">Rebound sends only what you tick.</p>
      <div className="mt-2 grid gap-x-6 gap-y-2 sm:grid-cols-2">
        {webhookEventTypes.map((type) => (
          <label key={type} className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              name="events"
              value={type}
              defaultChecked={chosen.includes(type)}
              className="mt-0.5 size-4 shrink-0"
            />
            <span>
              {webhookEventLabels[type]} <code className="text-xs break-all text-slate-600">{type}</code>
            </span>
          </label>
        ))}
      </div>
      <ErrorList id={errorId} errors={errors} />
    </fieldset>
  )
}

/** Whether an endpoint is on, off, or turned off by Rebound after failing. */
export function endpointState(e: { enabled: boolean; disabledReason: string | null }) {
  if (e.enabled) return { label: 'On', className: 'text-emerald-800' }
  if (e.disabledReason === 'FAILING') return { label: 'Turned off after failing for a day', className: 'text-red-800' }
  return { label: 'Off', className: 'text-slate-600' }
}
