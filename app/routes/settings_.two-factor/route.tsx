import { type SubmissionResult } from '@conform-to/react'
import type { RegistrationResponseJSON } from '@simplewebauthn/server'
import type { z } from 'zod'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { AccountPage } from '~/ui/account-page'
import { TwoFactorSettingsInput } from '~/domain/practices/account-schemas'
import { getClientIp, limitTwoFactor } from '~/auth/rate-limit.server'
import { tooManyAttemptsReply } from '~/auth/too-many-attempts.server'
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
import { Enabled, Enrol, type Enrolment } from './authenticator-app'
import { notRecent } from './not-recent'
import { Passkeys } from './passkeys'
import { Recovery, RecoveryCodes } from './recovery'

export const meta: MetaFunction = () => [{ title: 'Two-factor sign-in · Rebound' }]
export const headers = retryAfterHeaders

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
    if (!limit.allowed)
      return tooManyAttemptsReply(submission, limit, 'Too many codes tried', {
        hideFields: ['code'],
        extra: { enrolment },
      })
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
    const messages = {
      required:
        'A practice you belong to requires two-factor sign-in, and this is your last way to pass it. Add another passkey or an authenticator app first.',
      'not-found': 'That passkey was already removed.',
    }
    return refuse(submission, removed.reason, messages, removed.reason === 'not-found' ? 404 : 400)
  }
  if (value.intent === 'regenerate') {
    const made = await regenerateRecoveryCodes({ userId: user.id, signedInAt, ip })
    if (made.ok) return { result: submission.reply(), recoveryCodes: made.recoveryCodes }
    return refuse(submission, made.reason, { 'not-enabled': 'Turn on two-factor sign-in first.' })
  }
  const removed = await removeTotp({ userId: user.id, signedInAt, ip })
  if (!removed.ok) {
    return refuse(submission, removed.reason, {
      'not-enabled': 'Two-factor sign-in is already off.',
      required: 'A practice you belong to requires two-factor sign-in, so it stays on while you are a member.',
    })
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
    <AccountPage
      backTo="/settings"
      backLabel="Back to your account"
      title="Two-factor sign-in"
      intro="With two-factor sign-in, your password alone is not enough: Rebound also asks for a passkey on your device or a code from an authenticator app on your phone."
    >
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
    </AccountPage>
  )
}

export type ActionData = ReturnType<typeof useActionData<typeof action>>

/**
 * The form back with one message above it, for the reason the change was refused (a sign-in too long ago reads the
 * same for every change).
 */
function refuse<Reason extends string>(
  submission: { reply(options: { formErrors: string[] }): SubmissionResult<string[]> },
  reason: Reason,
  messages: Record<Exclude<Reason, 'not-recent'>, string>,
  status = 400,
) {
  const message = reason === 'not-recent' ? notRecent : messages[reason as Exclude<Reason, 'not-recent'>]
  return data({ result: submission.reply({ formErrors: [message] }) }, { status })
}
