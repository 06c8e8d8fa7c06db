import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { TwoFactorSettingsInput } from '~/domain/practices/account-schemas'
import { describeRetryAfter, getClientIp, limitTwoFactor, tooManyRequestsHeaders } from '~/auth/rate-limit.server'
import { safeRedirect } from '~/auth/safe-redirect'
import { requireUser } from '~/auth/session.server'
import {
  enableTotp,
  isSignInRecent,
  practicesRequiringTwoFactor,
  regenerateRecoveryCodes,
  removeTotp,
  resumeTotpEnrolment,
  startTotpEnrolment,
  twoFactorStatus,
} from '~/auth/two-factor.server'
import { redirectWithToast } from '~/lib/toast.server'
import { readForm, searchParamsOf } from '~/lib/request-input'
import { retryAfterHeaders } from '~/lib/retry-after'
import { formatDate } from '~/lib/dates'
import { Button, Field, FormErrors, SubmitButton } from '~/ui/form'

export const meta: MetaFunction = () => [{ title: 'Two-factor sign-in · Rebound' }]
export const headers = retryAfterHeaders

const notRecent =
  'For your safety this needs a sign-in from the last 10 minutes. Sign out, sign in again, then come back here.'

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, signedInAt } = await requireUser(request)
  const redirectTo = searchParamsOf(request).get('redirectTo')
  const [status, requiredBy] = await Promise.all([twoFactorStatus(user.id), practicesRequiringTwoFactor(user.id)])
  return {
    email: user.email,
    status,
    requiredBy,
    recent: isSignInRecent(signedInAt),
    enrolment: status.enabledAt ? null : await startTotpEnrolment(user),
    redirectTo: redirectTo ? safeRedirect(redirectTo, '') : '',
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, sessionId, signedInAt } = await requireUser(request)
  const submission = parseWithZod(await readForm(request), { schema: TwoFactorSettingsInput })
  if (submission.status !== 'success')
    return data({ result: submission.reply({ hideFields: ['code'] }) }, { status: 400 })
  const ip = getClientIp(request, context)
  const value = submission.value
  if (value.intent === 'enable') {
    const enrolment = await resumeTotpEnrolment(user, value.sealedKey)
    const limit = await limitTwoFactor({ userId: user.id, ip })
    if (!limit.allowed) {
      const formErrors = [`Too many codes tried. Try again ${describeRetryAfter(limit.retryAfterSeconds)}.`]
      const headers = tooManyRequestsHeaders(limit.retryAfterSeconds)
      return data(
        { result: submission.reply({ formErrors, hideFields: ['code'] }), enrolment },
        { status: 429, headers },
      )
    }
    const enabled = await enableTotp({ userId: user.id, sessionId, sealedKey: value.sealedKey, code: value.code, ip })
    if (enabled.ok) return { result: submission.reply({ resetForm: true }), recoveryCodes: enabled.recoveryCodes }
    const message =
      enabled.reason === 'already'
        ? 'Two-factor sign-in is already on for your account.'
        : enabled.reason === 'expired'
          ? 'This set-up has expired. Scan the new QR code below and enter its code.'
          : 'That code didn’t match. Check that your app’s clock is right and enter the code it shows now.'
    return data(
      { result: submission.reply({ fieldErrors: { code: [message] }, hideFields: ['code'] }), enrolment },
      { status: 400 },
    )
  }
  if (value.intent === 'regenerate') {
    const made = await regenerateRecoveryCodes({ userId: user.id, signedInAt, ip })
    if (made.ok) return { result: submission.reply(), recoveryCodes: made.recoveryCodes }
    const formErrors = [made.reason === 'not-recent' ? notRecent : 'Turn on two-factor sign-in first.']
    return data({ result: submission.reply({ formErrors }) }, { status: 400 })
  }
  const removed = await removeTotp({ userId: user.id, signedInAt, ip })
  if (!removed.ok) {
    const formErrors = [
      removed.reason === 'not-recent'
        ? notRecent
        : removed.reason === 'not-enabled'
          ? 'Two-factor sign-in is already off.'
          : 'A practice you belong to requires two-factor sign-in, so it stays on while you are a member.',
    ]
    return data({ result: submission.reply({ formErrors }) }, { status: 400 })
  }
  return redirectWithToast('/settings/two-factor', { title: 'Two-factor sign-in is off', type: 'info' })
}

export default function TwoFactorSettingsPage() {
  const loaderData = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const recoveryCodes = actionData && 'recoveryCodes' in actionData ? actionData.recoveryCodes : null
  const resumed: Enrolment | null = actionData && 'enrolment' in actionData ? (actionData.enrolment as Enrolment) : null
  const enrolment = resumed ?? loaderData.enrolment
  const { status, requiredBy, redirectTo } = loaderData
  return (
    <main className="mx-auto w-full max-w-2xl px-4 py-10">
      <Link
        to="/settings"
        className="text-sm font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800"
      >
        ← Back to your account
      </Link>
      <h1 className="mt-4 text-3xl font-bold tracking-tight text-slate-900">Two-factor sign-in</h1>
      <p className="mt-1 text-slate-700">
        With two-factor sign-in, your password alone is not enough: Rebound also asks for a code from an authenticator
        app on your phone.
      </p>
      {requiredBy.length > 0 && !status.enabledAt && !recoveryCodes ? (
        <p role="status" className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {requiredBy.map((p) => p.name).join(', ')} {requiredBy.length === 1 ? 'requires' : 'require'} two-factor
          sign-in of every member. Set it up below to carry on.
        </p>
      ) : null}

      {recoveryCodes ? (
        <RecoveryCodes codes={recoveryCodes} redirectTo={redirectTo} />
      ) : status.enabledAt ? (
        <Enabled status={status} recent={loaderData.recent} actionData={actionData} />
      ) : enrolment ? (
        <Enrol enrolment={enrolment} actionData={actionData} />
      ) : null}
    </main>
  )
}

type ActionData = ReturnType<typeof useActionData<typeof action>>
type Enrolment = { secret: string; qrCode: string; sealedKey: string }

function Enrol({ enrolment, actionData }: { enrolment: Enrolment; actionData: ActionData }) {
  const [form, fields] = useForm({
    id: 'enable-totp',
    lastResult: actionData?.result.initialValue?.intent === 'enable' ? actionData.result : undefined,
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TwoFactorSettingsInput }),
  })
  return (
    <section aria-labelledby="enrol-heading" className="mt-8 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="enrol-heading" className="text-lg font-semibold text-slate-900">
        Set up your authenticator app
      </h2>
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
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="sealedKey" value={enrolment.sealedKey} />
        <Field label="Code from your app" field={fields.code} autoComplete="one-time-code" />
        <SubmitButton intent="enable" pendingText="Checking…">
          Turn on two-factor sign-in
        </SubmitButton>
      </Form>
    </section>
  )
}

function RecoveryCodes({ codes, redirectTo }: { codes: string[]; redirectTo: string }) {
  return (
    <section
      aria-labelledby="codes-heading"
      className="mt-8 rounded-lg border border-emerald-300 bg-white p-6 shadow-sm"
    >
      <h2 id="codes-heading" className="text-lg font-semibold text-slate-900">
        Save your recovery codes
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        Two-factor sign-in is on. If you lose your phone, each of these codes signs you in once. Keep them somewhere
        safe, such as your password manager: <strong>they are shown only now.</strong>
      </p>
      <ul
        aria-label="Recovery codes"
        data-testid="recovery-codes"
        className="mt-4 grid grid-cols-2 gap-2 font-mono text-sm text-slate-900 sm:grid-cols-5"
      >
        {codes.map((code) => (
          <li key={code} className="rounded bg-slate-100 px-2 py-1 text-center">
            {code}
          </li>
        ))}
      </ul>
      <Link
        to={redirectTo || '/orgs'}
        className="mt-6 inline-flex rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800"
      >
        I’ve saved them: continue
      </Link>
    </section>
  )
}

function Enabled({
  status,
  recent,
  actionData,
}: {
  status: { enabledAt: string | Date | null; recoveryCodesLeft: number }
  recent: boolean
  actionData: ActionData
}) {
  const [form] = useForm({
    id: 'two-factor-manage',
    lastResult: actionData?.result.initialValue?.intent !== 'enable' ? actionData?.result : undefined,
  })
  return (
    <section aria-labelledby="on-heading" className="mt-8 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="on-heading" className="text-lg font-semibold text-slate-900">
        Two-factor sign-in is on
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        Since {status.enabledAt ? formatDate(new Date(status.enabledAt)) : ''}. {status.recoveryCodesLeft} of 10
        recovery codes left.
      </p>
      {!recent ? <p className="mt-2 text-sm text-slate-600">{notRecent}</p> : null}
      <Form method="post" {...getFormProps(form)} className="mt-4 flex flex-wrap gap-3">
        <FormErrors id={form.errorId} errors={form.errors} />
        <Button type="submit" name="intent" value="regenerate" variant="secondary">
          Make new recovery codes
        </Button>
        <Button type="submit" name="intent" value="remove" variant="danger">
          Turn off two-factor sign-in
        </Button>
      </Form>
    </section>
  )
}
