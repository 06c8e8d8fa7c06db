import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getClientIp } from '~/auth/rate-limit.server'
import { PracticeSettingsInput, retentionMonthChoices, timeZoneOptions } from '~/domain/practices/practices-schema'
import { practiceSettingsOf, updatePracticeSettings } from '~/domain/practices/practices.server'
import { redirectWithToast } from '~/lib/toast.server'
import { requirePermission, requireTenant } from '~/auth/require-tenant.server'
import { Checkbox, Field, SelectField, SubmitButton, ConformForm } from '~/ui/form'
import { useActionForm } from '~/ui/action-form'
import { DigestScheduleFields } from '~/ui/digest-schedule-fields'
import { readForm } from '~/lib/request-input'
import { TimeZoneField } from '~/ui/time-zone-field'
import { orgPath } from '~/lib/org-path'
import { can } from '~/domain/practices/permissions'

export const meta: MetaFunction = () => [{ title: 'Practice settings · Rebound' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'practice:settings')
  return { settings: practiceSettingsOf(t.org), timeZones: timeZoneOptions, canManageSso: can(t.role, 'sso:manage') }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'practice:settings')
  const submission = parseWithZod(await readForm(request), { schema: PracticeSettingsInput })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  await updatePracticeSettings(t, submission.value, getClientIp(request, context))
  return redirectWithToast(orgPath(t.org.slug, 'settings'), { title: 'Practice settings saved' })
}

export default function PracticeSettingsPage() {
  const { settings, timeZones, canManageSso } = useLoaderData<typeof loader>()
  const [form, fields] = useActionForm(PracticeSettingsInput, {
    id: 'practice-settings',
    defaultValue: {
      ...settings,
      digestDay: String(settings.digestDay),
      digestHour: String(settings.digestHour),
      ghostingThresholdDays: String(settings.ghostingThresholdDays),
      digestSkipInactive: settings.digestSkipInactive ? 'on' : undefined,
      coachesSeeOwnClientsOnly: settings.coachesSeeOwnClientsOnly ? 'on' : undefined,
      requireTwoFactor: settings.requireTwoFactor ? 'on' : undefined,
      archivedClientRetentionMonths: settings.archivedClientRetentionMonths
        ? String(settings.archivedClientRetentionMonths)
        : '',
    },
  })
  return (
    <main className="max-w-xl">
      <h1 className="text-2xl font-bold">Practice settings</h1>
      <nav aria-label="Settings pages" className="mt-2 space-y-1 text-sm">
        <p>
          <Link to="templates" className="text-brand-700 underline">
            Task templates
          </Link>{' '}
          · what “Assign a task” fills in for each type of task
        </p>
        <p>
          <Link to="fields" className="text-brand-700 underline">
            Client fields
          </Link>{' '}
          · your own fields on every client (programme, location…), to filter and sort by
        </p>
        <p>
          <Link to="security" className="text-brand-700 underline">
            Security controls
          </Link>{' '}
          · what is in place, for a security questionnaire
        </p>
        <p>
          <Link to="api-keys" className="text-brand-700 underline">
            API keys
          </Link>{' '}
          · connect other tools
        </p>
        {canManageSso ? (
          <p>
            <Link to="sso" className="text-brand-700 underline">
              Single sign-on
            </Link>{' '}
            · members sign in with your organisation’s account
          </p>
        ) : null}
        <p>
          <Link to="webhooks" className="text-brand-700 underline">
            Webhooks
          </Link>{' '}
          · tell other tools when something happens
        </p>
      </nav>
      <ConformForm form={form} className="mt-6 space-y-5">
        <Field label="Practice name" field={fields.name} />
        <TimeZoneField label="Time zone" field={fields.timezone} zones={timeZones} />
        <fieldset className="grid gap-4 sm:grid-cols-2">
          <legend className="mb-2 text-sm font-semibold text-slate-900">Weekly digest</legend>
          <DigestScheduleFields day={fields.digestDay} hour={fields.digestHour} />
        </fieldset>
        <Checkbox field={fields.digestSkipInactive} label="Skip the digest for clients with no activity that week" />
        <Field
          label="Ghosting threshold (days)"
          type="number"
          field={fields.ghostingThresholdDays}
          hint="An application with no reply for this long counts as ghosted (7 to 120 days)."
        />
        <Checkbox field={fields.coachesSeeOwnClientsOnly} label="Coaches see only the clients assigned to them" />
        <Checkbox
          field={fields.requireTwoFactor}
          label="Every member signs in with two-factor: a member without it is asked to set it up at their next visit"
        />
        <SelectField
          label="Erase archived clients"
          field={fields.archivedClientRetentionMonths}
          options={[
            { value: '', label: 'Never: keep them until erased by hand' },
            ...retentionMonthChoices.map((m) => ({
              value: m,
              label: `${m} months after they were archived and last changed`,
            })),
          ]}
        />
        <SubmitButton>Save settings</SubmitButton>
      </ConformForm>
    </main>
  )
}
