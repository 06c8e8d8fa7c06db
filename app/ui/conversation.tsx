import { Form } from '@remix-run/react'
import { Fragment } from 'react'
import { formatDateTime } from '~/lib/dates'
import { ItemActionForm, SubmitButton, inputClass } from './form'

// A conversation thread: the messages and a form to write, the same on the coach's pages and in the
// portal. Messages are plain text: React escapes them, and only http(s) addresses become links.

export type ThreadMessageView = {
  id: string
  body: string
  authorType: 'COACH' | 'CLIENT'
  authorName: string
  createdAt: string | Date
  editedAt: string | Date | null
  deleted: boolean
  canChange: boolean
  mine: boolean
}

const urlPattern = /https?:\/\/[^\s<>"']+/gi

/** Text split into plain parts and http(s) links; anything else (javascript:, data:) stays text. */
export function linkParts(text: string): { text: string; href?: string }[] {
  const parts: { text: string; href?: string }[] = []
  let last = 0
  for (const match of text.matchAll(urlPattern)) {
    let url = match[0]
    // Sentence punctuation after an address belongs to the sentence.
    const trailing = /[.,;:!?)\]]+$/.exec(url)?.[0] ?? ''
    url = url.slice(0, url.length - trailing.length)
    const start = match.index
    let href: string | undefined
    try {
      const parsed = new URL(url)
      if (parsed.protocol === 'http:' || parsed.protocol === 'https:') href = parsed.href
    } catch {
      href = undefined
    }
    if (!href) continue
    if (start > last) parts.push({ text: text.slice(last, start) })
    parts.push({ text: url, href })
    last = start + url.length
  }
  if (last < text.length) parts.push({ text: text.slice(last) })
  return parts
}

export function MessageText({ text }: { text: string }) {
  return (
    <p className="break-words whitespace-pre-wrap">
      {linkParts(text).map((part, i) =>
        part.href ? (
          <a key={i} href={part.href} rel="noopener nofollow" className="text-brand-700 underline">
            {part.text}
          </a>
        ) : (
          <Fragment key={i}>{part.text}</Fragment>
        ),
      )}
    </p>
  )
}

export function Thread({
  id = 'conversation',
  title,
  intro,
  messages,
  timezone,
  action,
  error,
  placeholder = 'Write a message',
  viewer,
}: {
  id?: string
  title: string
  intro?: string
  messages: ThreadMessageView[]
  timezone: string
  /** Where the forms post; the current page when left out. */
  action?: string
  error?: { message: string; messageId: string | null } | null
  placeholder?: string
  /** Whose side the page is on: their own messages sit on the right. */
  viewer: 'COACH' | 'CLIENT'
}) {
  const headingId = `${id}-heading`
  return (
    <section id={id} aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id={headingId} className="text-lg font-semibold text-slate-900">
        {title}
      </h2>
      {intro ? <p className="text-sm text-slate-700">{intro}</p> : null}
      {messages.length === 0 ? (
        <p className="mt-3 text-slate-700">No messages yet.</p>
      ) : (
        <ol className="mt-3 space-y-3" aria-label="Messages">
          {messages.map((m) => {
            const ownSide = m.authorType === viewer
            return (
              <li key={m.id} className={`flex ${ownSide ? 'justify-end' : 'justify-start'}`}>
                <article
                  aria-label={`${m.authorName}, ${formatDateTime(m.createdAt, timezone)}`}
                  className={`max-w-[85%] min-w-0 rounded-lg px-3 py-2 text-sm ${
                    ownSide ? 'bg-brand-50 text-slate-900' : 'bg-slate-100 text-slate-900'
                  }`}
                >
                  <p className="text-xs font-medium text-slate-700">
                    {m.authorName} · {formatDateTime(m.createdAt, timezone)}
                    {m.editedAt && !m.deleted ? ' · edited' : ''}
                  </p>
                  {m.deleted ? <p className="text-slate-600 italic">Message deleted</p> : <MessageText text={m.body} />}
                  {error && error.messageId === m.id ? (
                    <p role="alert" className="mt-1 text-sm text-red-800">
                      {error.message}
                    </p>
                  ) : null}
                  {m.canChange ? <ChangeMessage message={m} action={action} /> : null}
                </article>
              </li>
            )
          })}
        </ol>
      )}
      <Form method="post" action={action} className="mt-4 space-y-2" preventScrollReset>
        <label htmlFor={`${id}-body`} className="block text-sm font-medium text-slate-900">
          Your message
        </label>
        <textarea
          id={`${id}-body`}
          name="body"
          rows={3}
          required
          maxLength={5000}
          className={inputClass}
          placeholder={placeholder}
          aria-invalid={error && !error.messageId ? true : undefined}
          aria-describedby={error && !error.messageId ? `${id}-error` : undefined}
        />
        {error && !error.messageId ? (
          <p id={`${id}-error`} role="alert" className="text-sm text-red-800">
            {error.message}
          </p>
        ) : null}
        <SubmitButton intent="send-message" pendingText="Sending…" className="min-h-11">
          Send
        </SubmitButton>
      </Form>
    </section>
  )
}

function ChangeMessage({ message, action }: { message: ThreadMessageView; action?: string }) {
  return (
    <div className="mt-1 flex flex-wrap items-start gap-2 text-xs">
      <details className="min-w-0">
        <summary className="cursor-pointer text-brand-700 underline">Edit</summary>
        <Form method="post" action={action} className="mt-1 space-y-1" preventScrollReset>
          <input type="hidden" name="messageId" value={message.id} />
          <label htmlFor={`edit-${message.id}`} className="sr-only">
            Edit your message
          </label>
          <textarea
            id={`edit-${message.id}`}
            name="body"
            rows={3}
            required
            maxLength={5000}
            defaultValue={message.body}
            className={inputClass}
          />
          <SubmitButton intent="edit-message" variant="secondary" pendingText="Saving…">
            Save
          </SubmitButton>
        </Form>
      </details>
      <ItemActionForm
        idName="messageId"
        id={message.id}
        intent="delete-message"
        label={`Delete your message from ${formatDateTime(message.createdAt)}`}
        action={action}
        preventScrollReset
        look="link"
      >
        Delete
      </ItemActionForm>
    </div>
  )
}

/** A count badge for unread messages; nothing when there are none. */
export function UnreadBadge({ count, label = 'unread' }: { count: number; label?: string }) {
  if (!count) return null
  return (
    <span className="ml-1 inline-flex min-w-5 items-center justify-center rounded-full bg-brand-700 px-1.5 text-xs font-semibold text-white">
      {count}
      <span className="sr-only"> {label}</span>
    </span>
  )
}
