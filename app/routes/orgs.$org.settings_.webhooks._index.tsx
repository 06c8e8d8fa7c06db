import { useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { requirePermission, requireTenant } from '~/auth/require-tenant.server'
import { WebhookEndpointInput } from '~/domain/webhooks/endpoint-input'
import { createWebhookEndpoint, listWebhookEndpoints, maxEndpoints } from '~/domain/webhooks/endpoints.server'
import { formatDateTime } from '~/lib/dates'
import { InputError } from '~/lib/input-error'
import { orgPath } from '~/lib/org-path'
import { readForm } from '~/lib/request-input'
import { inputErrorReply } from '~/lib/responses.server'
import { Field, SubmitButton } from '~/ui/form'
import { ItemRows, NewItemForm, SecretShownOnce, SettingsHeader, SettingsSection } from '~/ui/settings-page'
import { endpointState, WebhookEventChoices } from '~/ui/webhook-events'

export const meta: MetaFunction = () => [{ title: 'Webhooks · Rebound' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'practice:settings')
  return { endpoints: await listWebhookEndpoints(t), timezone: t.org.timezone, slug: t.org.slug }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'practice:settings')
  const submission = parseWithZod(await readForm(request), { schema: WebhookEndpointInput })
  if (submission.status !== 'success') return data({ result: submission.reply(), secret: null }, { status: 400 })
  try {
    if ((await listWebhookEndpoints(t)).length >= maxEndpoints)
      throw new InputError(null, `A practice may have ${maxEndpoints} endpoints: remove one you no longer use first`)
    const { endpoint, secret } = await createWebhookEndpoint(t, submission.value)
    return data({
      result: submission.reply({ resetForm: true }),
      secret: { url: endpoint.url, id: endpoint.id, value: secret },
    })
  } catch (error) {
    return inputErrorReply(submission, error, { secret: null })
  }
}

export default function WebhooksPage() {
  const { endpoints, timezone, slug } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [form, fields] = useForm<{ url: string; description: string; events: string[] }>({
    id: 'new-webhook',
    // Checked on the server only: the event checkboxes stay as the owner left them after a refusal.
    lastResult: actionData?.result,
  })
  return (
    <main className="max-w-4xl">
      <SettingsHeader backTo={orgPath(slug, 'settings')} title="Webhooks">
        Rebound can tell another tool (your CRM, a spreadsheet, an automation) the moment something happens in the
        practice. Each event is a signed POST, following the{' '}
        <a href="https://www.standardwebhooks.com/" className="text-brand-700 underline">
          Standard Webhooks
        </a>{' '}
        specification; if the receiver is down, Rebound tries again for a day. The{' '}
        <a href="/api/v1/reference" className="text-brand-700 underline">
          API reference
        </a>{' '}
        describes every event.
      </SettingsHeader>

      {actionData?.secret ? (
        <SecretShownOnce
          id="new-webhook-secret"
          label="Signing secret"
          value={actionData.secret.value}
          message={<>Endpoint {actionData.secret.url} added. Copy its signing secret now: it is shown only once.</>}
        >
          <p className="mt-2 text-sm">
            <Link to={actionData.secret.id} className="text-brand-700 underline">
              Send it a test event
            </Link>
          </p>
        </SecretShownOnce>
      ) : null}

      <SettingsSection id="endpoints" title="Endpoints of this practice">
        <ItemRows
          items={endpoints}
          empty="No endpoints yet. Add one below and Rebound will start telling it what happens."
        >
          {(e) => {
            const state = endpointState(e)
            return (
              <>
                <div className="min-w-0">
                  <p className="font-mono text-sm font-medium break-all">{e.url}</p>
                  {e.description ? <p className="text-sm break-words text-slate-700">{e.description}</p> : null}
                  <p className="text-sm text-slate-700">
                    <span className={state.className}>{state.label}</span> · {e.events.length}{' '}
                    {e.events.length === 1 ? 'event' : 'events'} · added {formatDateTime(e.createdAt, timezone)}
                  </p>
                </div>
                <Link
                  to={e.id}
                  className="text-sm text-brand-700 underline"
                  aria-label={`Deliveries and settings of ${e.url}`}
                >
                  Deliveries and settings
                </Link>
              </>
            )
          }}
        </ItemRows>
      </SettingsSection>

      <NewItemForm form={form} title="Add an endpoint">
        <Field
          label="Address"
          type="url"
          field={fields.url}
          placeholder="https://example.com/hooks/rebound"
          hint="A public https address of the tool that receives the events."
        />
        <Field label="Description (optional)" field={fields.description} hint="Say what receives it, e.g. “CRM”." />
        <WebhookEventChoices errorId={fields.events.errorId} errors={fields.events.errors} />
        <SubmitButton pendingText="Adding…">Add endpoint</SubmitButton>
      </NewItemForm>
    </main>
  )
}
