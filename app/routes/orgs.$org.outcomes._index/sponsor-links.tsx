import { Form, useActionData, useNavigation } from '@remix-run/react'
import { sponsorLinkDays } from '~/domain/outcomes/sponsor-link-days'
import { formatDateTime } from '~/lib/dates'
import { CopyInput, inputClass } from '~/ui/form'
import type { action } from './route'
import { Panel } from '~/ui/panel'

// The owner's links for the cohort's sponsor: a new one's address is shown once (only its hash is
// kept), and each link can be revoked. The sponsor sees aggregates only, groups under 5 merged or hidden.

type Link = {
  id: string
  createdAt: Date
  expiresAt: Date
  revokedAt: Date | null
  lastOpenedAt: Date | null
}

const stateOf = (l: Link, now: number) =>
  l.revokedAt ? 'Revoked' : new Date(l.expiresAt).getTime() <= now ? 'Expired' : 'Active'

export function SponsorLinks({
  cohort,
  links,
}: {
  cohort: { id: string; name: string; sponsorName: string | null }
  links: Link[]
}) {
  const result = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const now = Date.now()
  return (
    <Panel id="sponsor-links" title={`Share with ${cohort.sponsorName ?? 'the sponsor'}`}>
      <p className="mt-1 text-sm text-slate-700">
        A read-only link to this cohort’s report, for someone without an account. It shows aggregates only: no names,
        nothing anyone wrote, and any group of fewer than 5 clients is merged with others or left out. The cohort’s
        clients are told in their portal what the sponsor can see.
      </p>
      <Form method="post" className="mt-3 flex flex-wrap items-end gap-3">
        <input type="hidden" name="intent" value="create-sponsor-link" />
        <input type="hidden" name="cohortId" value={cohort.id} />
        <div>
          <label htmlFor="sponsor-days" className="block text-sm font-medium text-slate-800">
            Link works for
          </label>
          <select id="sponsor-days" name="days" defaultValue="90" className={`mt-1 ${inputClass}`}>
            {sponsorLinkDays.map((d) => (
              <option key={d} value={d}>
                {d} days
              </option>
            ))}
          </select>
        </div>
        <button
          type="submit"
          disabled={busy}
          className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800 disabled:opacity-60"
        >
          Create sponsor link
        </button>
      </Form>
      {result?.url ? (
        <div role="status" className="mt-3 rounded-md border border-green-200 bg-green-50 p-3 text-sm text-green-950">
          <p className="font-medium">Copy this link now: it is shown only once.</p>
          <CopyInput
            aria-label="Sponsor link"
            value={result.url}
            className={`mt-2 w-full font-mono text-xs ${inputClass}`}
          />
        </div>
      ) : null}
      {result?.error ? (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {result.error}
        </p>
      ) : null}
      {links.length ? (
        <div className="relative mt-4 overflow-x-auto" tabIndex={0} role="region" aria-label="Sponsor links">
          <table className="w-full min-w-[36rem] text-left text-sm">
            <thead>
              <tr className="border-b border-slate-200 text-slate-700">
                {['Created', 'Expires', 'Last opened', 'State', 'Actions'].map((h) => (
                  <th key={h} scope="col" className="py-2 pr-3 font-medium">
                    {h === 'Actions' ? <span className="sr-only">{h}</span> : h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {links.map((l) => {
                const state = stateOf(l, now)
                return (
                  <tr key={l.id} className="border-b border-slate-100">
                    <td className="py-2 pr-3">{formatDateTime(l.createdAt)}</td>
                    <td className="py-2 pr-3">{formatDateTime(l.expiresAt)}</td>
                    <td className="py-2 pr-3">{l.lastOpenedAt ? formatDateTime(l.lastOpenedAt) : 'Never'}</td>
                    <td className="py-2 pr-3">{state}</td>
                    <td className="py-2 pr-3 text-right">
                      {state === 'Active' ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="revoke-sponsor-link" />
                          <input type="hidden" name="linkId" value={l.id} />
                          <button
                            type="submit"
                            className="rounded-md border border-red-300 px-3 py-1 text-sm font-medium text-red-800 hover:bg-red-50"
                          >
                            Revoke
                          </button>
                        </Form>
                      ) : null}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="mt-3 text-sm text-slate-600">No sponsor links for this cohort yet.</p>
      )}
    </Panel>
  )
}
