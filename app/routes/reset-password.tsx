import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { ResetPasswordInput } from '~/domain/practices/account-schemas'
import { isResetTokenUsable, resetPassword } from '~/auth/accounts.server'
import { getClientIp } from '~/auth/rate-limit.server'
import { clearSessionCookieHeader } from '~/auth/session.server'
import { redirectWithToast } from '~/lib/toast.server'
import { AuthCard, TextLink } from '~/ui/auth-card'
import { SubmitButton, ConformForm, PasswordField, newPasswordHint } from '~/ui/form'
import { useActionForm } from '~/ui/action-form'
import { readForm, searchParamsOf } from '~/lib/request-input'

export const meta: MetaFunction = () => [
  { title: 'Choose a new password · Rebound' },
  { name: 'referrer', content: 'no-referrer' },
]

const expired = 'This reset link has expired or was already used. Ask for a new one below.'

export async function loader({ request }: LoaderFunctionArgs) {
  const token = searchParamsOf(request).get('token') ?? ''
  return { token, usable: token ? await isResetTokenUsable(token) : false }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: ResetPasswordInput })
  if (submission.status !== 'success')
    return data({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
  const result = await resetPassword({ ...submission.value, ip: getClientIp(request, context) })
  if (!result.ok)
    return data({ result: submission.reply({ formErrors: [expired], hideFields: ['password'] }) }, { status: 400 })
  const toast = { title: 'Your password is changed', description: 'Sign in with your new password.' }
  return redirectWithToast('/login', toast, { headers: { 'Set-Cookie': clearSessionCookieHeader() } })
}

export default function ResetPasswordPage() {
  const { token, usable } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [form, fields] = useActionForm(ResetPasswordInput, { id: 'reset-password' })
  const footer = (
    <p>
      <TextLink to="/forgot-password">Ask for a new reset link</TextLink> · <TextLink to="/login">Sign in</TextLink>
    </p>
  )
  if (!usable && !actionData) {
    return (
      <AuthCard title="This link no longer works" footer={footer}>
        <p className="text-slate-700">{expired}</p>
      </AuthCard>
    )
  }
  return (
    <AuthCard
      title="Choose a new password"
      intro="Once it’s set, you’ll be signed out everywhere, and can sign in with the new one."
      footer={footer}
    >
      <ConformForm form={form} className="space-y-4">
        <input type="hidden" name="token" value={token} />
        <PasswordField label="New password" field={fields.password} purpose="new" hint={newPasswordHint} />
        <SubmitButton className="w-full" pendingText="Saving…">
          Set my new password
        </SubmitButton>
      </ConformForm>
    </AuthCard>
  )
}
