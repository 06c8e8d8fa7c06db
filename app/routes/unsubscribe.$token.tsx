import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { findUnsubscribeTarget, unsubscribeByToken } from '~/auth/unsubscribe.server'
import { AuthCard } from '~/ui/auth-card'
import { SubmitButton } from '~/ui/form'
import { pathParam } from '~/lib/request-input'
import { notFound } from '~/lib/responses.server'
import { tokenPageHeaders, tokenPageMeta } from '~/lib/token-page'
import { openByToken } from '~/lib/token-page.server'

// RFC 8058 one-click unsubscribe. Mail apps POST here without any cookie; the signed token is the
// proof, and the digest stops at once. Opening the link (GET) only shows a button: link scanners
// fetch URLs and must not unsubscribe anyone.

export const meta = tokenPageMeta('Unsubscribe')
export const headers = tokenPageHeaders

export function loader({ params }: LoaderFunctionArgs) {
  return openByToken(params, findUnsubscribeTarget)
}

export async function action({ params }: ActionFunctionArgs) {
  if (!(await unsubscribeByToken(pathParam(params, 'token')))) throw notFound()
  return { unsubscribed: true }
}

function pageText(audience: 'coach' | 'client', practiceName: string | null) {
  if (audience === 'coach')
    return {
      done: (
        <>
          <p className="text-slate-700">
            You won't get emails between digests about your clients' messages, rejections or check-ins any more.
          </p>
          <p className="mt-3 text-slate-700">You can turn each one back on under Your settings (/settings).</p>
        </>
      ),
      title: 'Stop emails between digests?',
      intro: "Word about your clients' messages, rejections and check-ins.",
      note: 'The weekly digest and the app are not affected. Choose one by one under Your settings (/settings).',
    }
  return {
    done: (
      <>
        <p className="text-slate-700">You won't get the weekly digest from {practiceName} any more.</p>
        <p className="mt-3 text-slate-700">
          Changed your mind? You can subscribe again any time in your portal, under Preferences (/me/preferences).
        </p>
      </>
    ),
    title: 'Stop the weekly digest?',
    intro: `The weekly progress email from ${practiceName}.`,
    note: 'You can subscribe again any time in your portal, under Preferences (/me/preferences).',
  }
}

export default function UnsubscribePage() {
  const { practiceName, subscribed, audience } = useLoaderData<typeof loader>()
  const done = useActionData<typeof action>()?.unsubscribed || !subscribed
  const text = pageText(audience, practiceName)
  if (done) return <AuthCard title="You're unsubscribed">{text.done}</AuthCard>
  return (
    <AuthCard title={text.title} intro={text.intro}>
      <Form method="post">
        <SubmitButton className="min-h-11 w-full text-base" pendingText="Unsubscribing…">
          Unsubscribe
        </SubmitButton>
      </Form>
      <p className="mt-4 text-sm text-slate-600">{text.note}</p>
    </AuthCard>
  )
}
