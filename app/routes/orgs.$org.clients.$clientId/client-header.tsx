import { Form, Link } from '@remix-run/react'
import { clientStatusLabels, type ClientStatus } from '~/domain/clients/client-status'
import { seniorityLabels, type Seniority } from '~/domain/applications/pipeline'
import { formatDay } from '~/lib/dates'
import { orgPath } from '~/lib/org-path'
import { SubmitButton } from '~/ui/form'

// The top of the client page: who the client is, and what a coach who may change them can do.

const statusActions = [
  { status: 'ACTIVE', label: 'Mark active' },
  { status: 'PAUSED', label: 'Pause' },
  { status: 'PLACED', label: 'Mark placed' },
  { status: 'ARCHIVED', label: 'Archive' },
] as const

type HeaderClient = {
  id: string
  name: string
  email: string
  status: ClientStatus
  coach: { name: string } | null
  targetRole: string | null
  seniority: Seniority | null
  industries: string[]
  emailSuppressedAt: Date | null
  emailSuppression: string | null
}

export function ClientHeader({
  client,
  slug,
  timezone,
  canWrite,
  fields = [],
}: {
  client: HeaderClient
  slug: string
  timezone: string
  canWrite: boolean
  /** The practice's custom fields that hold a value for this client. */
  fields?: { id: string; name: string; value: string }[]
}) {
  return (
    <div>
      <Link to={orgPath(slug, 'clients')} className="text-sm text-brand-700 underline">
        ← Clients
      </Link>
      <div className="mt-2 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">{client.name}</h1>
          <p className="text-slate-700">
            {client.email} · {clientStatusLabels[client.status]} · Coach: {client.coach?.name ?? 'unassigned'}
          </p>
          <p className="text-slate-700">
            {client.targetRole ?? 'No target role yet'}
            {client.seniority ? ` · ${seniorityLabels[client.seniority]}` : ''}
            {client.industries.length ? ` · ${client.industries.join(', ')}` : ''}
          </p>
          {fields.length ? (
            <dl aria-label="Practice fields" className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700">
              {fields.map((f) => (
                <div key={f.id} className="flex gap-1">
                  <dt className="font-medium text-slate-800">{f.name}:</dt>
                  <dd>{f.value}</dd>
                </div>
              ))}
            </dl>
          ) : null}
          {client.emailSuppressedAt ? (
            <p className="mt-1 text-sm font-medium text-red-800">
              Email to this client stopped on {formatDay(client.emailSuppressedAt, timezone)}: {client.emailSuppression}
            </p>
          ) : null}
        </div>
        {canWrite ? (
          <div className="flex flex-wrap gap-2">
            <Link
              to={orgPath(slug, 'clients', client.id, 'edit')}
              className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-100"
            >
              Edit
            </Link>
            <Link
              to={orgPath(slug, 'clients', client.id, 'placement')}
              className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-100"
            >
              {client.status === 'PLACED' ? 'Placement' : 'Record placement'}
            </Link>
            {statusActions
              .filter((a) => a.status !== client.status)
              .map((a) => (
                <Form method="post" key={a.status}>
                  <input type="hidden" name="status" value={a.status} />
                  <SubmitButton intent="set-status" variant="secondary" pendingText="Saving…">
                    {a.label}
                  </SubmitButton>
                </Form>
              ))}
          </div>
        ) : null}
      </div>
    </div>
  )
}
