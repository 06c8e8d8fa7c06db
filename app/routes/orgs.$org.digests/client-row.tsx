import { Link, useFetcher } from '@remix-run/react'
import { deliveryStatusLabels, digestNoteMax } from '~/domain/digests/digest-forms'
import { ErrorList, inputClass } from '~/ui/form'
import type { action, Row } from './route'

// One client's row in the digest batch: what their digest says, whether it went, and what the coach can do.

const statusClass = {
  CLAIMED: 'bg-amber-100 text-amber-900',
  SENT: 'bg-green-100 text-green-900',
  SKIPPED: 'bg-slate-100 text-slate-800',
  FAILED: 'bg-red-100 text-red-900',
} as const

export function ClientRow({ client, page }: { client: Row; page: number }) {
  const send = useFetcher()
  const note = useFetcher<typeof action>()
  const sending = send.state !== 'idle'
  const savingNote = note.state !== 'idle'
  const noteErrors = note.data && 'result' in note.data ? note.data.result.error?.body : undefined
  const status = client.delivery?.status
  const pageQuery = page > 1 ? `&page=${page}` : ''
  return (
    <li className="p-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <p className="font-medium text-slate-900">{client.name}</p>
          <p className="text-sm text-slate-700">
            {client.email}
            {client.status !== 'ACTIVE' ? ` · ${client.status.toLowerCase()}` : ''}
            {!client.digestOptIn ? ' · unsubscribed' : ''}
            {client.emailSuppressedAt ? ' · address suppressed' : ''}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <span
            className={`rounded px-2 py-0.5 text-sm font-medium ${status ? statusClass[status] : 'text-slate-700'}`}
          >
            {status ? deliveryStatusLabels[status] : 'Not yet'}
          </span>
          <Link
            to={`?preview=${client.id}${pageQuery}`}
            preventScrollReset
            className="rounded-md px-2 py-1 text-sm font-medium text-brand-700 underline hover:bg-slate-100"
          >
            Preview<span className="sr-only"> {client.name}’s digest</span>
          </Link>
          <send.Form method="post">
            <input type="hidden" name="clientId" value={client.id} />
            <button
              type="submit"
              name="intent"
              value="send"
              disabled={sending || status === 'SENT'}
              aria-busy={sending}
              className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm font-medium text-slate-900 hover:bg-slate-100 disabled:opacity-60"
            >
              {sending ? 'Sending…' : 'Send now'}
              <span className="sr-only"> to {client.name}</span>
            </button>
          </send.Form>
        </div>
      </div>
      {client.delivery?.error ? (
        <p className={`mt-1 text-sm ${status === 'FAILED' ? 'text-red-800' : 'text-slate-700'}`}>
          {client.delivery.error}
        </p>
      ) : null}
      <details className="mt-2">
        <summary className="cursor-pointer text-sm font-medium text-slate-800">
          {client.note ? 'Edit this week’s note' : 'Add a note for this week'}
        </summary>
        <note.Form method="post" className="mt-2 space-y-2">
          <input type="hidden" name="clientId" value={client.id} />
          <label htmlFor={`note-${client.id}`} className="block text-sm font-medium text-slate-800">
            Note to {client.name} in this week’s digest
          </label>
          <textarea
            id={`note-${client.id}`}
            name="body"
            rows={3}
            maxLength={digestNoteMax}
            defaultValue={client.note}
            aria-invalid={noteErrors ? true : undefined}
            aria-describedby={noteErrors ? `note-${client.id}-error` : undefined}
            className={inputClass}
          />
          <ErrorList id={`note-${client.id}-error`} errors={noteErrors} />
          <button
            type="submit"
            name="intent"
            value="note"
            disabled={savingNote}
            aria-busy={savingNote}
            className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800 disabled:opacity-60"
          >
            {savingNote ? 'Saving…' : 'Save note'}
          </button>
        </note.Form>
      </details>
    </li>
  )
}
