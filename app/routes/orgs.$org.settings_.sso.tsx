import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { getClientIp } from '~/auth/rate-limit.server'
import { requirePermission, requireTenant } from '~/auth/require-tenant.server'
import { ssoCallbackPath } from '~/auth/sso.server'
import { findSsoSettings, removeSsoConnection, saveSsoConnection } from '~/domain/sso/sso-connection.server'
import { SsoSettingsInput } from '~/domain/sso/sso-schema'
import { formatDateTime } from '~/lib/dates'
import { getEnv } from '~/lib/env.server'
import { orgPath } from '~/lib/org-path'
import { readForm } from '~/lib/request-input'
import { inputErrorReply } from '~/lib/responses.server'
import { redirectWithToast } from '~/lib/toast.server'
import { Button, Checkbox, CopyField, Field, SubmitButton, ConformForm } from '~/ui/form'
import { useActionForm } from '~/ui/action-form'
import { SettingsHeader } from '~/ui/settings-page'

export const meta: MetaFunction = () => [{ title: 'Single sign-on · Rebound' }]

const Intent = z.discriminatedUnion('intent', [
  SsoSettingsInput.extend({ intent: z.literal('save') }),
  z.object({ intent: z.literal('remove') }),
])

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'sso:manage')
  const appUrl = getEnv().APP_URL
  return {
    settings: await findSsoSettings(t),
    redirectUri: `${appUrl}${ssoCallbackPath}`,
    signInUrl: `${appUrl}/login/sso`,
    slug: t.org.slug,
    timezone: t.org.timezone,
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'sso:manage')
  const submission = parseWithZod(await readForm(request), { schema: Intent })
  if (submission.status !== 'success')
    return data({ result: submission.reply({ hideFields: ['clientSecret'] }) }, { status: 400 })
  const ip = getClientIp(request, context)
  const here = orgPath(t.org.slug, 'settings', 'sso')
  if (submission.value.intent === 'remove') {
    await removeSsoConnection(t, ip)
    return redirectWithToast(here, { title: 'Single sign-on turned off: members sign in with their passwords' })
  }
  try {
    await saveSsoConnection(t, submission.value, ip)
  } catch (error) {
    return inputErrorReply(submission, error)
  }
  return redirectWithToast(here, { title: 'Single sign-on saved' })
}

export default function SsoSettingsPage() {
  const { settings } = useLoaderData<typeof loader>()
  // A new form after each save, so that a secret typed into the old one does not stay in the page.
  return <SsoSettings key={String(settings?.updatedAt ?? 'none')} />
}

function SsoSettings() {
  const { settings, redirectUri, signInUrl, slug, timezone } = useLoaderData<typeof loader>()
  const [form, fields] = useActionForm(Intent, {
    id: 'sso-settings',
    defaultValue: {
      issuer: settings?.issuer ?? '',
      clientId: settings?.clientId ?? '',
      allowedDomains: settings?.allowedDomains.join(', ') ?? '',
      ssoOnly: settings?.ssoOnly ? 'on' : undefined,
    },
  })
  return (
    <main className="max-w-2xl">
      <SettingsHeader backTo={orgPath(slug, 'settings')} title="Single sign-on">
        Let members sign in with their organisation’s account (Google Workspace, Microsoft Entra ID, Okta or any OpenID
        Connect provider). Register Rebound at your provider as a web application with this redirect address:
      </SettingsHeader>
      <CopyField
        id="redirect-uri"
        label="Redirect address to register"
        value={redirectUri}
        labelClassName="mt-3 block text-sm font-medium text-slate-800"
        className="mt-1 block w-full rounded border border-slate-300 bg-slate-50 px-2 py-1 font-mono text-sm"
      />

      {settings ? (
        <div role="status" className="mt-6 rounded-md border border-emerald-300 bg-emerald-50 p-4 text-emerald-950">
          <p className="font-semibold">Single sign-on is on{settings.ssoOnly ? ', and it is the only way in' : ''}.</p>
          <p className="mt-1 text-sm break-words">
            Members sign in at {signInUrl} with an address at {settings.allowedDomains.join(', ')}.{' '}
            {settings.linkedMembers === 1 ? 'One member has' : `${settings.linkedMembers} members have`} signed in this
            way. Last changed {formatDateTime(settings.updatedAt, timezone)}.
          </p>
        </div>
      ) : (
        <p className="mt-6 rounded-md border border-slate-200 bg-slate-50 p-4 text-slate-700">
          Single sign-on is off: members sign in with their email and password.
        </p>
      )}

      <ConformForm form={form} className="mt-6 space-y-5">
        <Field
          label="Issuer address"
          field={fields.issuer}
          type="url"
          placeholder="https://accounts.google.com"
          hint="Rebound reads the provider’s settings from this address’s /.well-known/openid-configuration."
        />
        <Field label="Client ID" field={fields.clientId} autoComplete="off" />
        <Field
          label="Client secret"
          field={fields.clientSecret}
          type="password"
          autoComplete="new-password"
          hint={
            settings
              ? 'A secret is saved and is never shown again. Leave this empty to keep it, or paste a new one.'
              : 'Stored encrypted and never shown again.'
          }
        />
        <Field
          label="Email domains that may sign in"
          field={fields.allowedDomains}
          placeholder="example.edu, careers.example.edu"
          hint="Separate several with commas. Only invited members with an address at one of these can sign in."
        />
        <Checkbox
          field={fields.ssoOnly}
          label="Single sign-on only: members can no longer sign in with a password. Owners still can, so that the practice is never locked out if the provider fails."
        />
        <SubmitButton intent="save" pendingText="Checking the provider…">
          Save single sign-on
        </SubmitButton>
      </ConformForm>

      {settings ? (
        <Form method="post" className="mt-8 border-t border-slate-200 pt-6">
          <h2 className="text-lg font-semibold">Turn single sign-on off</h2>
          <p className="mt-1 text-sm text-slate-700">
            Members go back to signing in with their passwords (or “Forgot your password?” if they never had one).
          </p>
          <Button type="submit" name="intent" value="remove" variant="secondary" className="mt-3">
            Turn off single sign-on
          </Button>
        </Form>
      ) : null}
    </main>
  )
}
