import { Form, Link } from '@remix-run/react'
import { orgPath } from '~/lib/org-path'
import { SubmitButton } from '~/ui/form'
import { Section } from '~/ui/section'

const linkClass =
  'inline-flex min-h-10 items-center justify-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-900 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none'

/** The client's records: download them, email them to the client, or (owners and admins) erase them. */
export function ClientDataCard({
  slug,
  clientId,
  archived,
  canWrite,
  canErase,
}: {
  slug: string
  clientId: string
  archived: boolean
  canWrite: boolean
  canErase: boolean
}) {
  return (
    <Section headingId="data-heading" title="Their data" card>
      <p className="mt-1 text-sm text-slate-700">
        Everything the client recorded, dated, as spreadsheets in one zip: what they download from their portal. Your
        private notes are never in it.
      </p>
      <div className="mt-3 flex flex-wrap gap-2">
        <a href={orgPath(slug, 'clients', clientId, 'data')} download className={linkClass}>
          Download (.zip)
        </a>
        {canWrite ? (
          <Form method="post">
            <SubmitButton intent="email-data" variant="secondary" pendingText="Sending…" disabled={archived}>
              Email it to them
            </SubmitButton>
          </Form>
        ) : null}
        {canErase ? (
          <Link to={orgPath(slug, 'clients', clientId, 'erase')} className={`${linkClass} text-red-800`}>
            Erase client…
          </Link>
        ) : null}
      </div>
      {archived && canWrite ? (
        <p className="mt-2 text-sm text-slate-700">
          An archived client cannot sign in to download: mark them placed to email it, then archive them again.
        </p>
      ) : null}
    </Section>
  )
}
