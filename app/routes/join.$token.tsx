import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { NameSchema, NewPasswordSchema } from '~/domain/practices/account-schemas'
import { acceptInvite, acceptInviteWithNewAccount, findOpenInvite, InviteError } from '~/auth/member-invites.server'
import { roleLabels } from '~/domain/practices/permissions'
import { consume, getClientIp } from '~/auth/rate-limit.server'
import { tooManyAttemptsReply } from '~/auth/too-many-attempts.server'
import { createSession, getUserSession, sessionCookieHeader } from '~/auth/session.server'
import { redirectWithToast } from '~/lib/toast.server'
import { AuthCard, TextLink } from '~/ui/auth-card'
import { Field, SubmitButton, ConformForm, PasswordField } from '~/ui/form'
import { useActionForm } from '~/ui/action-form'
import { pathParam, readForm } from '~/lib/request-input'
import { retryAfterHeaders } from '~/lib/retry-after'
import { orgPath } from '~/lib/org-path'

export const meta: MetaFunction = () => [
  { title: 'Join a practice · Rebound' },
  { name: 'referrer', content: 'no-referrer' },
]
export const headers = retryAfterHeaders

const JoinInput = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('accept') }),
  z.object({ intent: z.literal('create-account'), name: NameSchema, password: NewPasswordSchema }),
])

const redeemPerIp = { capacity: 20, refillPerSecond: 1 / 30 }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const [invite, session] = await Promise.all([findOpenInvite(pathParam(params, 'token')), getUserSession(request)])
  if (!invite) return { invite: null, signedInAs: null, token: '' }
  const { organization, email, role, hasAccount } = invite
  return {
    invite: { practiceName: organization.name, email, role, hasAccount },
    signedInAs: session?.user.email ?? null,
    token: pathParam(params, 'token'),
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: JoinInput })
  if (submission.status !== 'success')
    return data({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
  const ip = getClientIp(request, context)
  const limit = await consume(`join:ip:${ip}`, redeemPerIp)
  if (!limit.allowed) return tooManyAttemptsReply(submission, limit, 'Too many attempts')
  const token = pathParam(params, 'token')
  const session = await getUserSession(request)
  const joined = await (
    submission.value.intent === 'accept'
      ? session
        ? acceptInvite({ token, userId: session.user.id, ip })
        : Promise.reject(new InviteError('wrong-account'))
      : acceptInviteWithNewAccount({ token, ip, ...submission.value })
  ).catch((error: unknown) => {
    if (error instanceof InviteError) return error
    throw error
  })
  if (joined instanceof InviteError) {
    const formErrors = [joinErrors[joined.reason]]
    return data({ result: submission.reply({ formErrors, hideFields: ['password'] }) }, { status: 400 })
  }
  const headers = new Headers()
  if (!session || session.user.id !== joined.userId)
    headers.append('Set-Cookie', sessionCookieHeader((await createSession(joined.userId)).token))
  const toast = { title: `Welcome to ${joined.organization.name}` }
  return redirectWithToast(orgPath(joined.organization.slug), toast, { headers })
}

const joinErrors = {
  unusable: 'This invitation can no longer be used. Ask the practice to send a new one.',
  'wrong-account': 'Sign in with the email address the invitation was sent to.',
  'account-exists': 'An account already uses this email address. Sign in to accept the invitation.',
}

export default function Join() {
  const { invite, signedInAs, token } = useLoaderData<typeof loader>()
  const [form, fields] = useActionForm(JoinInput, { id: 'join', shouldRevalidate: 'onSubmit' })
  if (!invite) {
    return (
      <AuthCard
        title="This invitation can’t be used"
        intro="It may have expired, been used already, or been withdrawn. Ask the person who invited you to send a new one."
        footer={<TextLink to="/">Go to the home page</TextLink>}
      >
        <p className="text-slate-700">Invitations last 7 days and work once.</p>
      </AuthCard>
    )
  }
  const here = `/join/${token}`
  const intro = (
    <>
      You’re invited to join <strong>{invite.practiceName}</strong> as {roleLabels[invite.role].toLowerCase()}.
    </>
  )
  if (signedInAs && signedInAs !== invite.email) {
    return (
      <AuthCard title="Join a practice" intro={intro}>
        <p className="text-slate-700">
          You’re signed in as {signedInAs}, but this invitation was sent to {invite.email}. Log out, then open this link
          again and use the invited address.
        </p>
        <Form method="post" action="/logout" className="mt-4">
          <SubmitButton>Log out</SubmitButton>
        </Form>
      </AuthCard>
    )
  }
  return (
    <AuthCard title="Join a practice" intro={intro}>
      <ConformForm form={form} className="space-y-4">
        {signedInAs ? (
          <SubmitButton intent="accept" pendingText="Joining…">
            Accept and join {invite.practiceName}
          </SubmitButton>
        ) : invite.hasAccount ? (
          <p className="text-slate-700">
            You already have an account with {invite.email}.{' '}
            <TextLink to={`/login?redirectTo=${encodeURIComponent(here)}`}>Sign in to accept</TextLink>.
          </p>
        ) : (
          <>
            <p className="text-slate-700">Create your account for {invite.email}.</p>
            <Field label="Your name" field={fields.name} autoComplete="name" />
            <PasswordField field={fields.password} purpose="new" hint="At least 8 characters." />
            <SubmitButton intent="create-account" pendingText="Creating your account…">
              Create account and join
            </SubmitButton>
          </>
        )}
      </ConformForm>
    </AuthCard>
  )
}
