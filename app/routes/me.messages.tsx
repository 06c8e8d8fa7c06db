import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { requireClient } from '~/auth/client-session.server'
import { clientSpeaker, isMessageIntent, runMessageIntent } from '~/domain/conversations/messages.server'
import { openThread } from '~/domain/conversations/open-thread.server'
import { applicationThreads } from '~/domain/conversations/unread.server'
import { readForm } from '~/lib/request-input'
import { redirectWithToast } from '~/lib/toast.server'
import { Thread, UnreadBadge } from '~/ui/conversation'
import { PageTitle } from '~/ui/portal'

export const meta: MetaFunction = () => [{ title: 'Messages · Rebound' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const c = await requireClient(request)
  const s = clientSpeaker(c.pipeline)
  const [messages, threads] = await Promise.all([
    openThread(s, c.client.id, null, c.client.name),
    applicationThreads(s, c.client.id),
  ])
  return { messages, threads, timezone: c.client.timezone }
}

export async function action({ request }: ActionFunctionArgs) {
  const c = await requireClient(request)
  const form = await readForm(request)
  if (!isMessageIntent(form))
    return data({ error: 'Send, edit or delete a message from this page.', messageId: null }, { status: 400 })
  const result = await runMessageIntent(clientSpeaker(c.pipeline), c.client.id, null, form)
  if (!result.ok && result.status === 404) throw new Response('Not found', { status: 404 })
  if (!result.ok) return data({ error: result.error, messageId: result.messageId }, { status: 400 })
  return redirectWithToast('/me/messages#conversation', { title: result.title })
}

export default function MessagesPage() {
  const { messages, threads, timezone } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const error = actionData ? { message: actionData.error, messageId: actionData.messageId } : null
  return (
    <>
      <PageTitle intro="Write to your coach any time. They answer here, and you hear by email when they do.">
        Messages
      </PageTitle>
      <Thread title="You and your coach" messages={messages} timezone={timezone} error={error} viewer="CLIENT" />
      {threads.length ? (
        <section aria-labelledby="threads-heading" className="mt-6">
          <h2 id="threads-heading" className="text-lg font-semibold text-slate-900">
            About your applications
          </h2>
          <ul className="mt-2 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {threads.map((t) => (
              <li key={t.id}>
                <Link
                  to={`/me/applications/${t.id}#conversation`}
                  className="flex min-h-11 items-center justify-between gap-2 px-3 py-2 hover:bg-slate-50"
                >
                  <span className="min-w-0 truncate">
                    {t.company} · {t.roleTitle}
                  </span>
                  <UnreadBadge count={t.unread} label="unread messages" />
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  )
}
