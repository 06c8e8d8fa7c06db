import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { findOutboundEmail, listOutbox } from '~/domain/practices/outbox.server'
import { formatDateTime } from '~/lib/dates'
import { requirePermission, requireTenant } from '~/auth/require-tenant.server'
import { Pager } from '~/ui/data-table'
import { envValue } from '~/lib/env.server'
import { pageWithOpened } from '~/lib/page-query'
import { queryOf } from '~/lib/request-input'
import { notFound } from '~/lib/responses.server'
import { EmptyNote } from '~/ui/empty-note'

export const meta: MetaFunction = () => [{ title: 'Outbox · Rebound' }]

const Query = pageWithOpened('email')

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'digests:send')
  // With a Resend key, mail really leaves: the dev outbox is for machines without one.
  if (envValue('RESEND_API_KEY')) throw notFound()
  const query = Query.parse(queryOf(request))
  const [outbox, selected] = await Promise.all([
    listOutbox(t, query.page),
    query.email ? findOutboundEmail(t, query.email) : null,
  ])
  if (query.email && !selected) throw notFound()
  return { outbox, selected, timezone: t.org.timezone }
}

export default function Outbox() {
  const { outbox, selected, timezone } = useLoaderData<typeof loader>()
  return (
    <main className="mx-auto max-w-7xl p-4 sm:p-6">
      <h1 className="text-2xl font-bold">Outbox</h1>
      <p className="mt-1 text-slate-700">
        No email provider is set up (RESEND_API_KEY is unset), so nothing leaves this machine. Every email the practice
        would have sent is here. A link shows only to those who could already do what it does: sign-in links, and
        invites above your role or for clients you do not coach, read “link hidden”.
      </p>
      <div className="mt-4 grid gap-4 lg:grid-cols-5">
        <section aria-labelledby="emails-heading" className="lg:col-span-2">
          <h2 id="emails-heading" className="sr-only">
            Emails
          </h2>
          {outbox.emails.length === 0 ? (
            <EmptyNote roomy>Nothing yet. Invites, password resets and digests show up here.</EmptyNote>
          ) : (
            <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
              {outbox.emails.map((e) => (
                <li key={e.id}>
                  <Link
                    to={`?email=${e.id}${outbox.page > 1 ? `&page=${outbox.page}` : ''}`}
                    aria-current={selected?.id === e.id ? 'true' : undefined}
                    className={`block p-3 hover:bg-slate-50 ${selected?.id === e.id ? 'bg-brand-50' : ''}`}
                    preventScrollReset
                  >
                    <p className="font-medium text-slate-900">{e.subject}</p>
                    <p className="text-sm text-slate-700">
                      To {e.to} · {e.kind} · {e.status.toLowerCase()} · {formatDateTime(e.createdAt, timezone)}
                    </p>
                  </Link>
                </li>
              ))}
            </ul>
          )}
          {outbox.total > outbox.pageSize ? (
            <Pager page={outbox.page} pageSize={outbox.pageSize} total={outbox.total} label="Outbox" />
          ) : null}
        </section>
        <section aria-labelledby="preview-heading" className="lg:col-span-3">
          <h2 id="preview-heading" className="sr-only">
            Preview
          </h2>
          {selected ? (
            <article className="rounded-lg border border-slate-200 bg-white p-4">
              <h3 className="text-lg font-semibold">{selected.subject}</h3>
              <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 text-sm text-slate-700">
                <dt className="font-medium">To</dt>
                <dd>{selected.to}</dd>
                <dt className="font-medium">From</dt>
                <dd>{selected.from}</dd>
                {Object.entries(selected.headers as Record<string, string>).map(([name, value]) => (
                  <div key={name} className="contents">
                    <dt className="font-medium">{name}</dt>
                    <dd className="break-all">{value}</dd>
                  </div>
                ))}
              </dl>
              {/* The email's own HTML, isolated: no scripts, no same-origin access. */}
              <iframe
                title={`Preview of ${selected.subject}`}
                srcDoc={selected.html}
                sandbox=""
                className="mt-3 h-[32rem] w-full rounded-md border border-slate-200 bg-white"
              />
              <details className="mt-3">
                <summary className="cursor-pointer text-sm font-medium">Plain-text version</summary>
                <pre data-testid="email-text" className="mt-2 overflow-x-auto text-sm whitespace-pre-wrap">
                  {selected.text}
                </pre>
              </details>
            </article>
          ) : (
            <EmptyNote roomy>Choose an email to see it as the recipient would.</EmptyNote>
          )}
        </section>
      </div>
    </main>
  )
}
