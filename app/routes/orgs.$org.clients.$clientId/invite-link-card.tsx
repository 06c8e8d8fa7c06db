import { Form } from '@remix-run/react'
import { useState } from 'react'
import { formatDateTime } from '~/lib/dates'
import { SubmitButton } from '~/ui/form'
import { Section } from '~/ui/section'

type Invite = { createdAt: Date; expiresAt: Date; revokedAt: Date | null; lastUsedAt: Date | null } | null

/** The client's invite link: its state, and create / copy / email / revoke. The link itself is shown once, when made. */
export function InviteLinkCard({
  invite,
  freshUrl,
  timezone,
  canWrite,
}: {
  invite: Invite
  freshUrl: string | null
  timezone: string
  canWrite: boolean
}) {
  const [copied, setCopied] = useState(false)
  const live = invite && !invite.revokedAt && new Date(invite.expiresAt) > new Date()
  return (
    <Section headingId="invite-heading" title="Invite link" card>
      <p className="mt-1 text-sm text-slate-700">
        {invite == null
          ? 'No link yet. The client signs in with it, no password needed.'
          : live
            ? `Active until ${formatDateTime(invite.expiresAt, timezone)}.`
            : invite.revokedAt
              ? `Revoked ${formatDateTime(invite.revokedAt, timezone)}.`
              : `Expired ${formatDateTime(invite.expiresAt, timezone)}.`}{' '}
        {invite?.lastUsedAt
          ? `Last used ${formatDateTime(invite.lastUsedAt, timezone)}.`
          : invite
            ? 'Not used yet.'
            : ''}
      </p>
      {freshUrl ? (
        <div className="mt-3 rounded-md border border-emerald-300 bg-emerald-50 p-3">
          <label htmlFor="invite-url" className="block text-sm font-medium text-emerald-900">
            New link (shown once; any earlier link no longer works, and the client signs in again with this one)
          </label>
          <div className="mt-1 flex flex-wrap gap-2">
            <input
              id="invite-url"
              readOnly
              value={freshUrl}
              onFocus={(e) => e.currentTarget.select()}
              className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 font-mono text-xs"
            />
            <button
              type="button"
              onClick={async () => {
                await navigator.clipboard.writeText(freshUrl)
                setCopied(true)
              }}
              className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800"
            >
              {copied ? 'Copied' : 'Copy link'}
            </button>
          </div>
          <p role="status" className="sr-only">
            {copied ? 'Link copied to the clipboard' : ''}
          </p>
        </div>
      ) : null}
      {canWrite ? (
        <div className="mt-3 flex flex-wrap gap-2">
          <Form method="post">
            <SubmitButton intent="issue-link" variant="secondary" pendingText="Creating…">
              {invite ? 'Create a new link' : 'Create link'}
            </SubmitButton>
          </Form>
          <Form method="post">
            <SubmitButton intent="email-link" variant="secondary" pendingText="Sending…">
              Email a new link
            </SubmitButton>
          </Form>
          {live ? (
            <Form method="post">
              <SubmitButton intent="revoke-link" variant="danger" pendingText="Revoking…">
                Revoke link
              </SubmitButton>
            </Form>
          ) : null}
        </div>
      ) : null}
    </Section>
  )
}
