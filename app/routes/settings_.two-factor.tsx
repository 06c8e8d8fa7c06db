import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import type { RegistrationResponseJSON } from '@simplewebauthn/server'
import type { z } from 'zod'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSubmit } from '@remix-run/react'
import { useState } from 'react'
import { AddPasskeyName, TwoFactorSettingsInput } from '~/domain/practices/account-schemas'
import { describeRetryAfter, getClientIp, limitTwoFactor, tooManyRequestsHeaders } from '~/auth/rate-limit.server'
import { safeRedirect } from '~/auth/safe-redirect'
import { requireUser } from '~/auth/session.server'
import { finishPasskeyRegistration, listPasskeys, parseCeremonyResponse, removePasskey } from '~/auth/passkeys.server'
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
import { runPasskeyCeremony } from '~/ui/passkey'

export const meta: MetaFunction = () => [{ title: 'Two-factor sign-in · Rebound' }]
export const headers = retryAfterHeaders

const notRecent =
  'For your safety this needs a sign-in from the last 10 minutes. Sign out, sign in again, then come back here.'

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, signedInAt } = await requireUser(request)
  const redirectTo = searchParamsOf(request).get('redirectTo')
  const [status, requiredBy, passkeys] = await Promise.all([
    twoFactorStatus(user.id),
    practicesRequiringTwoFactor(user.id),
    listPasskeys(user.id),
  ])
  return {
    email: user.email,
    status,
    requiredBy,
    passkeys,
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
    if (enabled.ok && enabled.recoveryCodes)
      return { result: submission.reply({ resetForm: true }), recoveryCodes: enabled.recoveryCodes }
    if (enabled.ok) return redirectWithToast('/settings/two-factor', { title: 'Your authenticator app is set up' })
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
  if (value.intent === 'add-passkey') return addPasskey(submission, value, { userId: user.id, sessionId, ip })
  if (value.intent === 'remove-passkey') {
    const removed = await removePasskey({ userId: user.id, passkeyId: value.passkeyId, signedInAt, ip })
    if (removed.ok) return redirectWithToast('/settings/two-factor', { title: `Passkey “${removed.name}” removed` })
    const formErrors = [
      removed.reason === 'not-recent'
        ? notRecent
        : removed.reason === 'required'
          ? 'A practice you belong to requires two-factor sign-in, and this is your last way to pass it. Add another passkey or an authenticator app first.'
          : 'That passkey was already removed.',
    ]
    return data({ result: submission.reply({ formErrors }) }, { status: removed.reason === 'not-found' ? 404 : 400 })
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
  const title = removedAppTitle(await twoFactorStatus(user.id))
  return redirectWithToast('/settings/two-factor', { title, type: 'info' })
}

const removedAppTitle = (status: { passkeys: number }) =>
  status.passkeys > 0 ? 'Authenticator app removed: your passkeys still guard sign-in' : 'Two-factor sign-in is off'

type AddPasskey = Extract<z.infer<typeof TwoFactorSettingsInput>, { intent: 'add-passkey' }>

async function addPasskey(
  submission: { reply: (options?: { formErrors?: string[]; resetForm?: boolean }) => SubmissionResult },
  value: AddPasskey,
  who: { userId: string; sessionId: string; ip: string },
) {
  const response = parseCeremonyResponse<RegistrationResponseJSON>(value.response)
  const added = response
    ? await finishPasskeyRegistration({ ...who, name: value.name, response })
    : ({ ok: false, reason: 'not-verified' } as const)
  if (added.ok && added.recoveryCodes)
    return { result: submission.reply({ resetForm: true }), recoveryCodes: added.recoveryCodes }
  if (added.ok) return redirectWithToast('/settings/two-factor', { title: `Passkey “${added.passkey.name}” added` })
  const formErrors = [
    added.reason === 'expired'
      ? 'That took too long, or the page was open in two places. Try adding the passkey again.'
      : added.reason === 'already'
        ? 'This passkey is already registered.'
        : added.reason === 'too-many'
          ? 'You have 20 passkeys, the most an account can hold. Remove one you no longer use first.'
          : 'Your passkey’s answer couldn’t be checked. Try again, or use another device.',
  ]
  return data({ result: submission.reply({ formErrors }) }, { status: 400 })
}

export default function TwoFactorSettingsPage() {
  const loaderData = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const recoveryCodes = actionData && 'recoveryCodes' in actionData ? actionData.recoveryCodes : null
  const resumed: Enrolment | null = actionData && 'enrolment' in actionData ? (actionData.enrolment as Enrolment) : null
  const enrolment = resumed ?? loaderData.enrolment
  const { status, requiredBy, redirectTo, passkeys, recent } = loaderData
  const anyFactor = status.enabledAt !== null || passkeys.length > 0
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
        With two-factor sign-in, your password alone is not enough: Rebound also asks for a passkey on your device or a
        code from an authenticator app on your phone.
      </p>
      {requiredBy.length > 0 && !anyFactor && !recoveryCodes ? (
        <p role="status" className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {requiredBy.map((p) => p.name).join(', ')} {requiredBy.length === 1 ? 'requires' : 'require'} two-factor
          sign-in of every member. Add a passkey or set up an authenticator app below to carry on.
        </p>
      ) : null}

      {recoveryCodes ? (
        <RecoveryCodes codes={recoveryCodes} redirectTo={redirectTo} />
      ) : (
        <>
          <Passkeys passkeys={passkeys} recent={recent} actionData={actionData} />
          {status.enabledAt ? (
            <Enabled status={status} recent={recent} actionData={actionData} />
          ) : enrolment ? (
            <Enrol enrolment={enrolment} actionData={actionData} another={passkeys.length > 0} />
          ) : null}
          {anyFactor ? <Recovery left={status.recoveryCodesLeft} recent={recent} actionData={actionData} /> : null}
        </>
      )}
    </main>
  )
}

type Passkey = { id: string; name: string; createdAt: string | Date; lastUsedAt: string | Date | null }

function Passkeys({ passkeys, recent, actionData }: { passkeys: Passkey[]; recent: boolean; actionData: ActionData }) {
  const submit = useSubmit()
  const navigation = useNavigation()
  const [busy, setBusy] = useState(false)
  const [ceremonyError, setCeremonyError] = useState<string | null>(null)
  const intent = actionData?.result.initialValue?.intent
  const [form, fields] = useForm({
    id: 'add-passkey',
    lastResult: intent === 'add-passkey' ? actionData?.result : undefined,
    defaultValue: { name: passkeys.length === 0 ? 'My passkey' : '' },
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AddPasskeyName }),
    async onSubmit(event, { formData, submission }) {
      event.preventDefault()
      if (submission?.status !== 'success') return
      setBusy(true)
      setCeremonyError(null)
      const outcome = await runPasskeyCeremony('register')
      setBusy(false)
      if (!outcome.ok) return setCeremonyError(outcome.message)
      submit(
        { intent: 'add-passkey', name: String(formData.get('name')), response: outcome.response },
        { method: 'post' },
      )
    },
  })
  const [removeForm] = useForm({
    id: 'remove-passkey',
    lastResult: intent === 'remove-passkey' ? actionData?.result : undefined,
  })
  const adding = busy || (navigation.state !== 'idle' && navigation.formData?.get('intent') === 'add-passkey')
  return (
    <section
      aria-labelledby="passkeys-heading"
      className="mt-8 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
    >
      <h2 id="passkeys-heading" className="text-lg font-semibold text-slate-900">
        Passkeys
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        A passkey lives on your phone, computer or security key and is unlocked with your fingerprint, face or PIN. It
        works as your second step after your password, or on its own: choose “Sign in with a passkey”.
      </p>
      <FormErrors id={removeForm.errorId} errors={removeForm.errors} />
      {passkeys.length === 0 ? (
        <p className="mt-4 rounded-md bg-slate-50 p-3 text-sm text-slate-700">No passkeys yet.</p>
      ) : (
        <ul aria-label="Your passkeys" className="mt-4 divide-y divide-slate-200 rounded-md border border-slate-200">
          {passkeys.map((passkey) => (
            <li key={passkey.id} className="flex flex-wrap items-center justify-between gap-3 p-3">
              <div className="min-w-0">
                <p className="font-medium break-words text-slate-900">{passkey.name}</p>
                <p className="text-sm text-slate-600">
                  Added {formatDate(passkey.createdAt)} ·{' '}
                  {passkey.lastUsedAt ? `last used ${formatDate(passkey.lastUsedAt)}` : 'not used yet'}
                </p>
              </div>
              <Form method="post">
                <input type="hidden" name="passkeyId" value={passkey.id} />
                <Button
                  type="submit"
                  name="intent"
                  value="remove-passkey"
                  variant="secondary"
                  aria-label={`Remove passkey ${passkey.name}`}
                >
                  Remove
                </Button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      {passkeys.length > 0 && !recent ? <p className="mt-2 text-sm text-slate-600">{notRecent}</p> : null}
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4">
        <FormErrors id={form.errorId} errors={ceremonyError ? [ceremonyError] : form.errors} />
        <Field
          label="Name for the new passkey"
          field={fields.name}
          autoComplete="off"
          hint="So you can tell your passkeys apart, such as “Work laptop” or “Phone”."
        />
        <Button type="submit" disabled={adding}>
          {adding ? 'Waiting for your device…' : 'Add a passkey'}
        </Button>
      </Form>
    </section>
  )
}

function Recovery({ left, recent, actionData }: { left: number; recent: boolean; actionData: ActionData }) {
  const [form] = useForm({
    id: 'recovery-codes',
    lastResult: actionData?.result.initialValue?.intent === 'regenerate' ? actionData?.result : undefined,
  })
  return (
    <section
      aria-labelledby="recovery-heading"
      className="mt-8 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
    >
      <h2 id="recovery-heading" className="text-lg font-semibold text-slate-900">
        Recovery codes
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        {left} of 10 recovery codes left. Each signs you in once if you lose your phone or passkeys.
      </p>
      {!recent ? <p className="mt-2 text-sm text-slate-600">{notRecent}</p> : null}
      <Form method="post" {...getFormProps(form)} className="mt-4 space-y-3">
        <FormErrors id={form.errorId} errors={form.errors} />
        <Button type="submit" name="intent" value="regenerate" variant="secondary">
          Make new recovery codes
        </Button>
      </Form>
    </section>
  )
}

type ActionData = ReturnType<typeof useActionData<typeof action>>
type Enrolment = { secret: string; qrCode: string; sealedKey: string }

function Enrol({ enrolment, actionData, another }: { enrolment: Enrolment; actionData: ActionData; another: boolean }) {
  const [form, fields] = useForm({
    id: 'enable-totp',
    lastResult: actionData?.result.initialValue?.intent === 'enable' ? actionData.result : undefined,
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TwoFactorSettingsInput }),
  })
  return (
    <section aria-labelledby="enrol-heading" className="mt-8 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="enrol-heading" className="text-lg font-semibold text-slate-900">
        Authenticator app
      </h2>
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
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="sealedKey" value={enrolment.sealedKey} />
        <Field label="Code from your app" field={fields.code} autoComplete="one-time-code" />
        <SubmitButton intent="enable" pendingText="Checking…">
          {another ? 'Add the authenticator app' : 'Turn on two-factor sign-in'}
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
  status: { enabledAt: string | Date | null }
  recent: boolean
  actionData: ActionData
}) {
  const [form] = useForm({
    id: 'two-factor-manage',
    lastResult: actionData?.result.initialValue?.intent === 'remove' ? actionData?.result : undefined,
  })
  return (
    <section aria-labelledby="on-heading" className="mt-8 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="on-heading" className="text-lg font-semibold text-slate-900">
        Authenticator app
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        Set up since {status.enabledAt ? formatDate(new Date(status.enabledAt)) : ''}.
      </p>
      {!recent ? <p className="mt-2 text-sm text-slate-600">{notRecent}</p> : null}
      <Form method="post" {...getFormProps(form)} className="mt-4 space-y-3">
        <FormErrors id={form.errorId} errors={form.errors} />
        <Button type="submit" name="intent" value="remove" variant="danger">
          Remove the authenticator app
        </Button>
      </Form>
    </section>
  )
}
