import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { requirePermission, requireTenant } from '~/auth/require-tenant.server'
import { WebhookEventsInput } from '~/domain/webhooks/endpoint-input'
import {
  deleteWebhookEndpoint,
  findWebhookEndpoint,
  listWebhookDeliveries,
  resendWebhookDelivery,
  rotateWebhookSecret,
  sendTestEvent,
  setWebhookEnabled,
  updateWebhookEvents,
} from '~/domain/webhooks/endpoints.server'
import { formatDateTime } from '~/lib/dates'
import { orgPath } from '~/lib/org-path'
import { pathParam, readForm } from '~/lib/request-input'
import { notFound } from '~/lib/responses.server'
import { redirectWithToast } from '~/lib/toast.server'
import { ItemActionForm, SubmitButton } from '~/ui/form'
import { BackLink, ItemRows, SecretShownOnce, SettingsSection } from '~/ui/settings-page'
import { endpointState, WebhookEventChoices } from '~/ui/webhook-events'

export const meta: MetaFunction = () => [{ title: 'Webhook endpoint · Rebound' }]

const id = z.string().min(1).max(64)
const Intent = z.discriminatedUnion('intent', [
  WebhookEventsInput.extend({ intent: z.literal('events') }),
  z.object({ intent: z.enum(['test', 'enable', 'disable', 'rotate', 'delete']) }),
  z.object({ intent: z.literal('resend'), deliveryId: id }),
])

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'practice:settings')
  const endpoint = await findWebhookEndpoint(t, pathParam(params, 'endpointId'))
  if (!endpoint) throw notFound()
  const deliveries = await listWebhookDeliveries(t, endpoint.id)
  return { endpoint, deliveries, timezone: t.org.timezone, slug: t.org.slug }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'practice:settings')
  const endpointId = pathParam(params, 'endpointId')
  const submission = parseWithZod(await readForm(request), { schema: Intent })
  if (submission.status !== 'success') return data({ result: submission.reply(), secret: null }, { status: 400 })
  const here = orgPath(t.org.slug, 'settings', 'webhooks', endpointId)
  const input = submission.value
  switch (input.intent) {
    case 'events': {
      if (!(await updateWebhookEvents(t, endpointId, input.events))) throw notFound()
      return redirectWithToast(here, { title: 'Events saved' })
    }
    case 'enable':
    case 'disable': {
      if (!(await setWebhookEnabled(t, endpointId, input.intent === 'enable'))) throw notFound()
      return redirectWithToast(here, {
        title: input.intent === 'enable' ? 'Endpoint turned on' : 'Endpoint turned off',
      })
    }
    case 'rotate': {
      const rotated = await rotateWebhookSecret(t, endpointId)
      if (!rotated) throw notFound()
      return data({ result: submission.reply(), secret: rotated.secret })
    }
    case 'delete': {
      const deleted = await deleteWebhookEndpoint(t, endpointId)
      if (!deleted) throw notFound()
      return redirectWithToast(orgPath(t.org.slug, 'settings', 'webhooks'), { title: 'Endpoint removed' })
    }
    case 'test': {
      const sent = await sendTestEvent(t, endpointId)
      if (!sent) throw notFound()
      return redirectWithToast(here, deliveredToast(sent, 'Test event'))
    }
    case 'resend': {
      const sent = await resendWebhookDelivery(t, endpointId, input.deliveryId)
      if (!sent) throw notFound()
      return redirectWithToast(here, deliveredToast(sent, 'Event'))
    }
  }
}

function deliveredToast(d: { status: string; responseStatus: number | null; error: string | null }, what: string) {
  return d.status === 'SUCCEEDED'
    ? { title: `${what} delivered`, description: `The receiver answered ${d.responseStatus}.` }
    : {
        title: `${what} not delivered`,
        description: d.error ?? 'The receiver did not accept it.',
        type: 'error' as const,
      }
}

const statusWords = { SUCCEEDED: 'Delivered', PENDING: 'Trying again', FAILED: 'Failed' } as const
const statusColours = { SUCCEEDED: 'text-emerald-800', PENDING: 'text-amber-800', FAILED: 'text-red-800' } as const

export default function WebhookEndpointPage() {
  const { endpoint, deliveries, timezone, slug } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const state = endpointState(endpoint)
  const eventErrors =
    actionData?.result && 'error' in actionData.result ? (actionData.result.error?.events ?? null) : null
  return (
    <main className="max-w-4xl">
      <BackLink to={orgPath(slug, 'settings', 'webhooks')}>Webhooks</BackLink>
      <h1 className="mt-1 font-mono text-xl font-bold break-all">{endpoint.url}</h1>
      {endpoint.description ? <p className="mt-1 break-words text-slate-700">{endpoint.description}</p> : null}
      <p className="mt-1 text-sm">
        <span className={state.className}>{state.label}</span>
        {endpoint.previousSecretUntil && new Date(endpoint.previousSecretUntil) > new Date()
          ? ` · the previous secret also signs until ${formatDateTime(endpoint.previousSecretUntil, timezone)}`
          : null}
      </p>

      {endpoint.disabledReason === 'FAILING' ? (
        <div role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          Rebound turned this endpoint off on {formatDateTime(endpoint.disabledAt, timezone)}: its last{' '}
          {endpoint.consecutiveFailures} events each failed for a day. When the receiver is back, send a test event,
          then turn it on again.
        </div>
      ) : null}

      {actionData?.secret ? (
        <SecretShownOnce
          id="rotated-secret"
          label="Signing secret"
          value={actionData.secret}
          className="mt-4"
          message="New signing secret. Copy it now: it is shown only once. The old one keeps signing for 24 hours, so the receiver can switch without losing an event."
        />
      ) : null}

      <div className="mt-5 flex flex-wrap gap-2">
        <Form method="post">
          <SubmitButton intent="test" pendingText="Sending…">
            Send test event
          </SubmitButton>
        </Form>
        <Form method="post">
          <SubmitButton intent={endpoint.enabled ? 'disable' : 'enable'} variant="secondary" pendingText="Saving…">
            {endpoint.enabled ? 'Turn off' : 'Turn on'}
          </SubmitButton>
        </Form>
        <Form method="post">
          <SubmitButton intent="rotate" variant="secondary" pendingText="Rotating…">
            Rotate secret
          </SubmitButton>
        </Form>
        <Form
          method="post"
          onSubmit={(e) => {
            if (!confirm('Remove this endpoint and its delivery log?')) e.preventDefault()
          }}
        >
          <SubmitButton intent="delete" variant="danger" pendingText="Removing…">
            Remove
          </SubmitButton>
        </Form>
      </div>

      <SettingsSection id="log" title="Deliveries">
        <p className="text-sm text-slate-600">
          The latest 50. Each event keeps its id on every attempt, so the receiver can drop one it already has.
        </p>
        <ItemRows items={deliveries} empty="Nothing sent yet. “Send test event” shows what the receiver answers.">
          {(d) => (
            <>
              <div className="min-w-0 text-sm">
                <p>
                  <span className="font-medium">{d.eventType}</span> ·{' '}
                  <span className={statusColours[d.status]}>{statusWords[d.status]}</span>
                </p>
                <p className="text-slate-700">
                  {formatDateTime(d.createdAt, timezone)} · {d.attempts} {d.attempts === 1 ? 'attempt' : 'attempts'}
                  {d.responseStatus ? ` · answered ${d.responseStatus}` : ''}
                  {d.durationMs !== null && d.attempts > 0 ? ` · ${d.durationMs} ms` : ''}
                </p>
                {d.status !== 'SUCCEEDED' && d.error ? <p className="break-words text-slate-700">{d.error}</p> : null}
                {d.status === 'PENDING' && d.nextAttemptAt ? (
                  <p className="text-slate-600">Next attempt {formatDateTime(d.nextAttemptAt, timezone)}</p>
                ) : null}
                <p className="font-mono text-xs break-all text-slate-600">{d.eventId}</p>
              </div>
              <ItemActionForm
                idName="deliveryId"
                id={d.id}
                intent="resend"
                pendingText="Sending…"
                label={`Send ${d.eventType} of ${formatDateTime(d.createdAt, timezone)} again`}
              >
                Send again
              </ItemActionForm>
            </>
          )}
        </ItemRows>
      </SettingsSection>

      <SettingsSection id="events" title="What it receives" className="mt-10">
        <Form method="post" className="mt-3 space-y-4">
          <WebhookEventChoices chosen={endpoint.events} errorId="events-error" errors={eventErrors} />
          <SubmitButton intent="events" pendingText="Saving…">
            Save events
          </SubmitButton>
        </Form>
      </SettingsSection>
    </main>
  )
}
