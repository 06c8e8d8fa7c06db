import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { requirePermission, requireTenant } from '~/auth/require-tenant.server'
import { CohortInput } from '~/domain/cohorts/cohort-input'
import { createCohort, listCohorts } from '~/domain/cohorts/cohorts.server'
import { can } from '~/domain/practices/permissions'
import { formatDate, todayIn } from '~/lib/dates'
import { orgPath } from '~/lib/org-path'
import { saveForm } from '~/lib/form-action.server'
import { readForm } from '~/lib/request-input'
import { redirectWithToast } from '~/lib/toast.server'
import { CohortForm } from '~/ui/cohort-form'
import { Panel } from '~/ui/panel'

export const meta: MetaFunction = () => [{ title: 'Cohorts · Rebound' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'clients:read')
  return {
    cohorts: await listCohorts(t),
    slug: t.org.slug,
    today: todayIn(t.org.timezone),
    canManage: can(t.role, 'cohorts:manage'),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'cohorts:manage')
  return saveForm(await readForm(request), CohortInput, async (input) => {
    const cohort = await createCohort(t, input)
    return redirectWithToast(orgPath(t.org.slug, 'cohorts', cohort.id), {
      title: `${cohort.name} created`,
      description: 'Next: choose its clients on the roster and use “Add to cohort”.',
    })
  })
}

export default function Cohorts() {
  const { cohorts, slug, today, canManage } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <main className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">Cohorts</h1>
        <p className="text-sm text-slate-700">
          Groups of clients coached together: a programme, an intake, a sponsor’s group. A client can be in several.
        </p>
      </div>
      {cohorts.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
          <h2 className="text-lg font-semibold">No cohorts yet</h2>
          <p className="mt-1 text-slate-700">
            {canManage
              ? 'Create one below, then add clients to it from the roster.'
              : 'An owner or admin of the practice can create cohorts.'}
          </p>
        </div>
      ) : (
        <ul className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
          {cohorts.map((c) => {
            const when = today < c.startsOn ? 'Starts' : today > c.endsOn ? 'Ended' : 'Running'
            return (
              <li key={c.id} className="rounded-lg border border-slate-200 bg-white p-4">
                <h2 className="text-lg font-semibold">
                  <Link to={orgPath(slug, 'cohorts', c.id)} className="text-brand-700 underline">
                    {c.name}
                  </Link>
                </h2>
                <p className="text-sm text-slate-700">
                  {formatDate(c.startsOn)} to {formatDate(c.endsOn)} · {when}
                </p>
                {c.sponsorName ? <p className="text-sm text-slate-700">Sponsor: {c.sponsorName}</p> : null}
                <p className="mt-2 text-sm">
                  {c.members} {c.members === 1 ? 'client' : 'clients'} ·{' '}
                  <Link
                    to={`${orgPath(slug, 'clients')}?cohort=${c.id}&status=ALL`}
                    className="text-brand-700 underline"
                  >
                    on the roster
                  </Link>{' '}
                  ·{' '}
                  <Link to={`${orgPath(slug, 'outcomes')}?cohort=${c.id}`} className="text-brand-700 underline">
                    outcomes
                  </Link>
                </p>
              </li>
            )
          })}
        </ul>
      )}
      {canManage ? (
        <Panel id="new-cohort" title="New cohort" headingClassName="mb-3">
          <CohortForm lastResult={actionData?.result} intent="create" submitLabel="Create cohort" />
        </Panel>
      ) : null}
    </main>
  )
}
