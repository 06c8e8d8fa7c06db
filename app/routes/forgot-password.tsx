import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData } from '@remix-run/react'
import { ForgotPasswordInput } from '~/domain/practices/account-schemas'
import { queuePasswordReset } from '~/auth/accounts.server'
import { getClientIp, limitPasswordReset } from '~/auth/rate-limit.server'
import { tooManyAttemptsReply } from '~/auth/too-many-attempts.server'
import { AuthCard, TextLink } from '~/ui/auth-card'
import { Field, SubmitButton, ConformForm } from '~/ui/form'
import { useActionForm } from '~/ui/action-form'
import { readForm } from '~/lib/request-input'
import { retryAfterHeaders } from '~/lib/retry-after'

export const meta: MetaFunction = () => [{ title: 'Reset your password · Rebound' }]
export const headers = retryAfterHeaders

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: ForgotPasswordInput })
  if (submission.status !== 'success') return data({ result: submission.reply(), sentTo: null }, { status: 400 })
  const { email } = submission.value
  const limit = await limitPasswordReset({ email, ip: getClientIp(request, context) })
  if (!limit.allowed)
    return tooManyAttemptsReply(submission, limit, 'Too many reset requests', { extra: { sentTo: null } })
  // Queued, not looked up: the reply takes the same time whether or not the address has an account.
  await queuePasswordReset({ email })
  return { result: submission.reply({ resetForm: true }), sentTo: email }
}

export default function ForgotPasswordPage() {
  const actionData = useActionData<typeof action>()
  const [form, fields] = useActionForm(ForgotPasswordInput, { id: 'forgot-password' })
  const footer = (
    <>
      <p>
        Remembered it? <TextLink to="/login">Sign in</TextLink>
      </p>
      <p>
        No account yet? <TextLink to="/signup">Start a practice</TextLink>
      </p>
    </>
  )
  if (actionData?.sentTo) {
    return (
      <AuthCard title="Check your email" footer={footer}>
        <div role="status" className="space-y-3 text-slate-700">
          <p>
            If an account uses <strong className="text-slate-900">{actionData.sentTo}</strong>, we’ve sent it a link to
            choose a new password. The link works once, for one hour.
          </p>
          <p>Nothing after a few minutes? Check your spam folder, or try again with the address you signed up with.</p>
        </div>
      </AuthCard>
    )
  }
  return (
    <AuthCard
      title="Reset your password"
      intro="Enter the email you sign in with, and we’ll send you a link to choose a new password."
      footer={footer}
    >
      <ConformForm form={form} className="space-y-4">
        <Field label="Email" field={fields.email} type="email" autoComplete="email" />
        <SubmitButton className="w-full" pendingText="Sending…">
          Send me a reset link
        </SubmitButton>
      </ConformForm>
    </AuthCard>
  )
}
