import { TwoFactorSettingsInput } from '~/domain/practices/account-schemas'
import { formatDate } from '~/lib/dates'
import { Field, SubmitButton, ConformForm } from '~/ui/form'
import { useZodForm } from '~/ui/zod-form'
import { RecentChangeForm } from './recent-change-form'
import type { ActionData } from './route'
import { SettingsCard } from '~/ui/settings-card'

// The authenticator app: setting it up from a QR code (or its key as text), and turning it off.

export type Enrolment = { secret: string; qrCode: string; sealedKey: string }

export function Enrol({
  enrolment,
  actionData,
  another,
}: {
  enrolment: Enrolment
  actionData: ActionData
  another: boolean
}) {
  const [form, fields] = useZodForm(TwoFactorSettingsInput, {
    id: 'enable-totp',
    lastResult: actionData?.result.initialValue?.intent === 'enable' ? actionData.result : undefined,
    shouldValidate: 'onSubmit',
  })
  return (
    <SettingsCard id="enrol" title="Authenticator app" className="mt-8">
      <p className="mt-1 text-sm text-slate-700">Or use a 6-digit code from an app on your phone.</p>
      <ol className="mt-3 list-decimal space-y-1 pl-5 text-sm text-slate-700">
        <li>Open an authenticator app (Google Authenticator, Microsoft Authenticator, 1Password, Authy…).</li>
        <li>Scan this QR code, or type the key below into the app.</li>
        <li>Enter the 6-digit code the app shows.</li>
      </ol>
      <div className="mt-4 flex flex-col items-start gap-4 sm:flex-row">
        <img
          src={enrolment.qrCode}
          alt="QR code holding your two-factor key, to scan with your authenticator app"
          width={176}
          height={176}
          className="size-44 rounded border border-slate-200 bg-white"
        />
        <div className="min-w-0">
          <p className="text-sm font-medium text-slate-800" id="totp-secret-label">
            Key to type in instead
          </p>
          <code
            aria-labelledby="totp-secret-label"
            data-testid="totp-secret"
            className="mt-1 block rounded bg-slate-100 px-2 py-1 font-mono text-sm break-all text-slate-900"
          >
            {enrolment.secret}
          </code>
          <p className="mt-2 text-sm text-slate-600">Time-based, 6 digits, every 30 seconds.</p>
        </div>
      </div>
      <ConformForm form={form} className="mt-6 space-y-4">
        <input type="hidden" name="sealedKey" value={enrolment.sealedKey} />
        <Field label="Code from your app" field={fields.code} autoComplete="one-time-code" />
        <SubmitButton intent="enable" pendingText="Checking…">
          {another ? 'Add the authenticator app' : 'Turn on two-factor sign-in'}
        </SubmitButton>
      </ConformForm>
    </SettingsCard>
  )
}

export function Enabled({
  status,
  recent,
  actionData,
}: {
  status: { enabledAt: string | Date | null }
  recent: boolean
  actionData: ActionData
}) {
  return (
    <SettingsCard id="on" title="Authenticator app" className="mt-8">
      <p className="mt-1 text-sm text-slate-700">
        Set up since {status.enabledAt ? formatDate(new Date(status.enabledAt)) : ''}.
      </p>
      <RecentChangeForm id="two-factor-manage" intent="remove" recent={recent} actionData={actionData} variant="danger">
        Remove the authenticator app
      </RecentChangeForm>
    </SettingsCard>
  )
}
