import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { SettingsInput } from '~/domain/practices/account-schemas'
import {
  changePassword,
  findNotificationPreferences,
  updateNotificationPreferences,
  updateUserName,
} from '~/auth/accounts.server'
import { getClientIp, limitLogin } from '~/auth/rate-limit.server'
import { tooManyAttemptsReply } from '~/auth/too-many-attempts.server'
import { knownDeviceFor } from '~/auth/known-device.server'
import { requireUser, sessionCookieHeader } from '~/auth/session.server'
import { listUserPractices } from '~/auth/require-tenant.server'
import { redirectWithToast } from '~/lib/toast.server'
import type { ReactNode } from 'react'
import { Button, Field, SubmitButton, ConformForm, PasswordField, type AnyForm } from '~/ui/form'
import { useZodForm } from '~/ui/zod-form'
import { readForm } from '~/lib/request-input'
import { retryAfterHeaders } from '~/lib/retry-after'
import { SettingsCard } from '~/ui/settings-card'
import { AccountPage } from '~/ui/account-page'
import { orgPath } from '~/lib/org-path'

export const meta: MetaFunction = () => [{ title: 'Your account · Rebound' }]
export const headers = retryAfterHeaders

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, hasTwoFactor } = await requireUser(request)
  const [notifications, practices] = await Promise.all([
    findNotificationPreferences(user.id),
    listUserPractices(user.id),
  ])
  return { user, hasTwoFactor, notifications, practices }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, sessionId } = await requireUser(request)
  const submission = parseWithZod(await readForm(request), { schema: SettingsInput })
  const hideFields = ['currentPassword', 'newPassword']
  if (submission.status !== 'success') return data({ result: submission.reply({ hideFields }) }, { status: 400 })
  if (submission.value.intent === 'profile') {
    await updateUserName(user.id, submission.value.name)
    return redirectWithToast('/settings', { title: 'Your name is saved' })
  }
  if (submission.value.intent === 'notifications') {
    const { intent: _intent, ...preferences } = submission.value
    await updateNotificationPreferences(user.id, preferences)
    return redirectWithToast('/settings', { title: 'Email choices saved' })
  }
  const ip = getClientIp(request, context)
  // Guessing the current password from a stolen session is held to the sign-in limits.
  const limit = await limitLogin({ email: user.email, ip, knownDevice: knownDeviceFor(request, user.email) })
  if (!limit.allowed) return tooManyAttemptsReply(submission, limit, 'Too many attempts', { hideFields })
  const { currentPassword, newPassword } = submission.value
  const changed = await changePassword({ userId: user.id, sessionId, currentPassword, newPassword, ip })
  if (!changed.ok) {
    const fieldErrors = { currentPassword: ['That isn’t your current password.'] }
    return data({ result: submission.reply({ fieldErrors, hideFields }) }, { status: 400 })
  }
  const toast = { title: 'Your password is changed', description: 'You’ve been signed out on your other devices.' }
  return redirectWithToast('/settings', toast, { headers: { 'Set-Cookie': sessionCookieHeader(changed.token) } })
}

const notificationChoices = [
  { name: 'notifyClientMessages', label: 'A client writes to me' },
  { name: 'notifyRejections', label: 'A client records a rejection after an interview' },
  { name: 'notifyLowMood', label: 'A client checks in with a mood of 2 or less' },
] as const

export default function SettingsPage() {
  const { user, hasTwoFactor, notifications, practices } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const lastIntent = actionData?.result.initialValue?.intent
  const [profileForm, profileFields] = useZodForm(SettingsInput, {
    id: 'profile',
    lastResult: lastIntent === 'profile' ? actionData?.result : undefined,
    defaultValue: { name: user.name },
  })
  const [passwordForm, passwordFields] = useZodForm(SettingsInput, {
    id: 'password',
    lastResult: lastIntent === 'password' ? actionData?.result : undefined,
  })
  return (
    <AccountPage
      backTo="/orgs"
      backLabel="Back to your practices"
      title="Your account"
      intro={
        <>
          Signed in as <strong className="text-slate-900">{user.email}</strong>
        </>
      }
    >
      <FormCard
        id="profile"
        title="Your name"
        className="mt-8"
        intro="Clients and colleagues see this name on tasks, notes and digests."
        form={profileForm}
        submit="Save name"
      >
        <Field label="Name" field={profileFields.name} autoComplete="name" />
      </FormCard>

      <AccountCard
        id="notifications"
        title="Email between digests"
        intro="For your own clients (or, for owners and admins, clients without a coach). At most one email every 15 minutes; the app shows the same on your home page."
      >
        <Form method="post" className="mt-4 space-y-3">
          {notificationChoices.map((choice) => (
            <label key={choice.name} className="flex min-h-11 items-center gap-3 text-slate-900">
              <input
                type="checkbox"
                name={choice.name}
                defaultChecked={notifications[choice.name]}
                className="size-5 rounded border-slate-400 text-brand-700 focus:ring-brand-600"
              />
              {choice.label}
            </label>
          ))}
          <SubmitButton intent="notifications">Save email choices</SubmitButton>
        </Form>
      </AccountCard>

      <AccountCard
        id="calendar"
        title="Your calendar"
        intro="Your clients’ interviews and task due dates in Google Calendar, Outlook or Apple Calendar: one link per practice."
      >
        <ul className="mt-3 space-y-1">
          {practices.map((practice) => (
            <li key={practice.id}>
              <Link to={orgPath(practice.slug, 'settings', 'calendar')} className="text-brand-700 underline">
                Calendar link for {practice.name}
              </Link>
            </li>
          ))}
        </ul>
      </AccountCard>

      <FormCard
        id="password"
        title="Change your password"
        intro="You’ll stay signed in here, and be signed out everywhere else."
        form={passwordForm}
        submit="Change password"
        pendingText="Changing…"
      >
        <PasswordField label="Current password" field={passwordFields.currentPassword} purpose="current" />
        <PasswordField
          label="New password"
          field={passwordFields.newPassword}
          purpose="new"
          hint="At least 8 characters."
        />
      </FormCard>

      <AccountCard
        id="two-factor"
        title="Two-factor sign-in"
        intro={
          hasTwoFactor
            ? 'On: signing in asks for a passkey or a code from your authenticator app.'
            : 'Off: ask for a passkey or a code from an authenticator app as well as your password.'
        }
      >
        <Link
          to="/settings/two-factor"
          className="mt-4 inline-flex text-sm font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800"
        >
          {hasTwoFactor ? 'Manage two-factor sign-in' : 'Set up two-factor sign-in'}
        </Link>
      </AccountCard>

      <SettingsCard id="signout" title="Sign out">
        <Form method="post" action="/logout" className="mt-4">
          <Button type="submit" variant="secondary">
            Sign out of Rebound
          </Button>
        </Form>
      </SettingsCard>
    </AccountPage>
  )
}

type CardProps = { id: string; title: string; className?: string; intro: ReactNode; children: ReactNode }

/** A card of the account page: its title, a line on what it is for, then what it holds. */
function AccountCard({ intro, children, ...card }: CardProps) {
  return (
    <SettingsCard {...card}>
      <p className="mt-1 text-sm text-slate-600">{intro}</p>
      {children}
    </SettingsCard>
  )
}

/** A card that is one form, posted with the card's id as its intent: its fields, then the button that saves them. */
function FormCard({
  form,
  submit,
  pendingText,
  children,
  ...card
}: CardProps & { form: AnyForm; submit: string; pendingText?: string }) {
  return (
    <AccountCard {...card}>
      <ConformForm form={form} className="mt-4 space-y-4">
        {children}
        <SubmitButton intent={card.id} pendingText={pendingText}>
          {submit}
        </SubmitButton>
      </ConformForm>
    </AccountCard>
  )
}
