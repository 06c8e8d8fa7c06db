import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { requirePermission, requireTenant } from '~/auth/require-tenant.server'
import { ApiKeyInput } from '~/domain/api-keys/api-key-input'
import { createApiKey, isKeyLive, listApiKeys, revokeApiKey } from '~/domain/api-keys/api-keys.server'

import { roleLabels } from '~/domain/practices/permissions'
import { formatDateTime } from '~/lib/dates'
import { readForm } from '~/lib/request-input'
import { inputErrorReply } from '~/lib/responses.server'
import { redirectWithToast } from '~/lib/toast.server'
import { Field, ItemActionForm, SubmitButton } from '~/ui/form'
import { useActionForm } from '~/ui/action-form'
import { ApiScopeChoices } from '~/ui/api-scope-choices'
import { ItemRows, NewItemForm, SecretShownOnce, SettingsHeader, SettingsSection } from '~/ui/settings-page'
import { orgPath } from '~/lib/org-path'

export const meta: MetaFunction = () => [{ title: 'API keys · Rebound' }]

const Intent = z.discriminatedUnion('intent', [
  ApiKeyInput.extend({ intent: z.literal('create') }),
  z.object({ intent: z.literal('revoke'), keyId: z.string().min(1).max(64) }),
])

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'practice:settings')
  const keys = await listApiKeys(t)
  const now = new Date()
  return { keys: keys.map((k) => ({ ...k, live: isKeyLive(k, now) })), timezone: t.org.timezone, slug: t.org.slug }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'practice:settings')
  const submission = parseWithZod(await readForm(request), { schema: Intent })
  if (submission.status !== 'success') return data({ result: submission.reply(), secret: null }, { status: 400 })
  if (submission.value.intent === 'revoke') {
    const key = await revokeApiKey(t, submission.value.keyId)
    if (!key) throw new Response('No such API key in this practice', { status: 404 })
    return redirectWithToast(orgPath(t.org.slug, 'settings', 'api-keys'), { title: `Key “${key.name}” revoked` })
  }
  try {
    const { key, secret } = await createApiKey(t, submission.value)
    return data({ result: submission.reply({ resetForm: true }), secret: { name: key.name, value: secret } })
  } catch (error) {
    return inputErrorReply(submission, error, { secret: null })
  }
}

export default function ApiKeysPage() {
  const { keys, timezone, slug } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [form, fields] = useActionForm(Intent, { id: 'new-api-key' })
  return (
    <main className="max-w-4xl">
      <SettingsHeader backTo={orgPath(slug, 'settings')} title="API keys">
        A key lets another tool read or change this practice’s records through the{' '}
        <a href="/api/v1/reference" className="text-brand-700 underline">
          JSON API
        </a>
        . It acts with your role, never more, and only within the scopes you tick. Each key may make 120 requests a
        minute.
      </SettingsHeader>

      {actionData?.secret ? (
        <SecretShownOnce
          id="new-key-value"
          label="Your new key"
          value={actionData.secret.value}
          message={<>Key “{actionData.secret.name}” made. Copy it now: it is shown only once.</>}
        />
      ) : null}

      <SettingsSection id="keys" title="Keys of this practice">
        <ItemRows items={keys} empty="No keys yet.">
          {(k) => (
            <>
              <div className="min-w-0">
                <p className="font-medium break-words">
                  {k.name}{' '}
                  <span className={k.live ? 'text-emerald-800' : 'text-slate-600'}>
                    · {k.revokedAt ? 'revoked' : k.live ? 'active' : 'expired'}
                  </span>
                </p>
                <p className="font-mono text-sm text-slate-700">{k.prefix}…</p>
                <p className="text-sm break-words text-slate-700">
                  {k.scopes.join(', ')} · acts as {roleLabels[k.role]}
                </p>
                <p className="text-sm text-slate-600">
                  Made {formatDateTime(k.createdAt, timezone)}
                  {k.expiresAt ? ` · expires ${formatDateTime(k.expiresAt, timezone)}` : ' · never expires'} ·{' '}
                  {k.lastUsedAt ? `last used ${formatDateTime(k.lastUsedAt, timezone)}` : 'never used'} · {k.useCount}{' '}
                  {k.useCount === 1 ? 'request' : 'requests'}
                </p>
              </div>
              {k.revokedAt ? null : (
                <ItemActionForm
                  idName="keyId"
                  id={k.id}
                  intent="revoke"
                  variant="danger"
                  pendingText="Revoking…"
                  label={`Revoke ${k.name}`}
                >
                  Revoke
                </ItemActionForm>
              )}
            </>
          )}
        </ItemRows>
      </SettingsSection>

      <NewItemForm form={form} title="Make a key">
        <Field label="Name" field={fields.name} hint="Say what uses it, e.g. “CRM sync”." />
        <ApiScopeChoices errorId={fields.scopes.errorId} errors={fields.scopes.errors} />
        <Field
          label="Last day it works (optional)"
          type="date"
          field={fields.expiresOn}
          hint="Leave empty for a key that works until it is revoked."
        />
        <SubmitButton intent="create" pendingText="Making…">
          Make key
        </SubmitButton>
      </NewItemForm>
    </main>
  )
}
