import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { requirePermission, requireTenant } from '~/auth/require-tenant.server'
import { clientStatusLabels } from '~/domain/clients/client-status'
import { CohortInput } from '~/domain/cohorts/cohort-input'
import {
  deleteCohort,
  findCohort,
  listCohortMembers,
  removeClientFromCohort,
  updateCohort,
} from '~/domain/cohorts/cohorts.server'
import { can } from '~/domain/practices/permissions'
import { formatDate } from '~/lib/dates'
import { orgPath } from '~/lib/org-path'
import { saveForm } from '~/lib/form-action.server'
import { notFound } from '~/lib/responses.server'
import { cleanForm, pathParam, readForm } from '~/lib/request-input'
import { redirectWithToast } from '~/lib/toast.server'
import { CohortForm } from '~/ui/cohort-form'
import { Button, ItemActionForm } from '~/ui/form'
import { Panel } from '~/ui/panel'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.cohort.name ?? 'Cohort'} · Rebound` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'clients:read')
  const cohort = await findCohort(t, pathParam(params, 'cohortId'))
  if (!cohort) throw notFound()
  return {
    cohort,
    members: await listCohortMembers(t, cohort.id),
    slug: t.org.slug,
    canManage: can(t.role, 'cohorts:manage'),
    canWrite: can(t.role, 'clients:write'),
  }
}

const RemoveInput = z.object({ intent: z.literal('remove'), clientId: z.string().min(1).max(64) })

export async function action({ request, params }: ActionFunctionArgs) {
  const t = await requireTenant(request, params)
  const cohortId = pathParam(params, 'cohortId')
  const form = await readForm(request)
  const intent = form.get('intent')
  if (intent === 'remove') {
    requirePermission(t, 'clients:write')
    const parsed = RemoveInput.safeParse(Object.fromEntries(cleanForm(form)))
    if (!parsed.success) return data({ removeError: 'Choose a client to take out of the cohort' }, { status: 400 })
    if (!(await removeClientFromCohort(t, cohortId, parsed.data.clientId))) throw notFound()
    return redirectWithToast(orgPath(t.org.slug, 'cohorts', cohortId), { title: 'Taken out of the cohort' })
  }
  requirePermission(t, 'cohorts:manage')
  if (intent === 'delete') {
    if (!(await deleteCohort(t, cohortId))) throw notFound()
    return redirectWithToast(orgPath(t.org.slug, 'cohorts'), {
      title: 'Cohort deleted',
      description: 'Its clients stay in your practice.',
    })
  }
  if (intent !== 'save') return data({ removeError: 'Choose what to do' }, { status: 400 })
  return saveForm(form, CohortInput, async (input) => {
    const cohort = await updateCohort(t, cohortId, input)
    if (!cohort) throw notFound()
    return redirectWithToast(orgPath(t.org.slug, 'cohorts', cohort.id), { title: 'Cohort saved' })
  })
}

export default function CohortPage() {
  const { cohort, members, slug, canManage, canWrite } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <main className="space-y-6">
      <div>
        <Link to={orgPath(slug, 'cohorts')} className="text-sm text-brand-700 underline">
          ← Cohorts
        </Link>
        <h1 className="mt-2 text-2xl font-bold">{cohort.name}</h1>
        <p className="text-sm text-slate-700">
          {formatDate(cohort.startsOn)} to {formatDate(cohort.endsOn)}
          {cohort.sponsorName ? ` · Sponsor: ${cohort.sponsorName}` : ''}
        </p>
        <p className="mt-2 flex flex-wrap gap-3 text-sm">
          <Link to={`${orgPath(slug, 'outcomes')}?cohort=${cohort.id}`} className="text-brand-700 underline">
            Outcome report
          </Link>
          <Link to={`${orgPath(slug, 'clients')}?cohort=${cohort.id}&status=ALL`} className="text-brand-700 underline">
            Roster of this cohort
          </Link>
          <Link to={`${orgPath(slug, 'applications')}?cohort=${cohort.id}`} className="text-brand-700 underline">
            Applications of this cohort
          </Link>
        </p>
      </div>
      <Panel id="members" title={`Clients (${members.length})`}>
        {actionData && 'removeError' in actionData ? (
          <p role="alert" className="mt-2 text-sm text-red-800">
            {actionData.removeError}
          </p>
        ) : null}
        {members.length === 0 ? (
          <p className="mt-2 text-slate-700">
            No clients in this cohort yet. On the{' '}
            <Link to={orgPath(slug, 'clients')} className="text-brand-700 underline">
              roster
            </Link>
            , tick the clients and choose “Add to cohort”.
          </p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100">
            {members.map((m) => (
              <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  <Link to={orgPath(slug, 'clients', m.id)} className="font-medium text-brand-700 underline">
                    {m.name}
                  </Link>{' '}
                  <span className="text-sm text-slate-700">
                    · {clientStatusLabels[m.status]} · {m.coachName ?? 'Unassigned'}
                  </span>
                </span>
                {canWrite ? (
                  <ItemActionForm
                    idName="clientId"
                    id={m.id}
                    intent="remove"
                    label={`Take ${m.name} out of the cohort`}
                    preventScrollReset
                  >
                    Take out
                  </ItemActionForm>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Panel>
      {canManage ? (
        <>
          <Panel id="edit" title="Edit cohort" headingClassName="mb-3">
            <CohortForm
              lastResult={actionData && 'result' in actionData ? actionData.result : null}
              defaultValue={cohort}
              intent="save"
              submitLabel="Save cohort"
            />
          </Panel>
          <Form method="post" className="flex flex-wrap items-center gap-3">
            <Button type="submit" name="intent" value="delete" variant="danger">
              Delete cohort
            </Button>
            <span className="text-sm text-slate-700">Its clients stay in your practice; only the grouping goes.</span>
          </Form>
        </>
      ) : null}
    </main>
  )
}
