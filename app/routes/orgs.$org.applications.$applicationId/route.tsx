import { z } from 'zod'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { requirePermission, requireTenant } from '~/auth/require-tenant.server'
import {
  coachPipelineFor,
  findCoachApplication,
  getApplicationPage,
} from '~/domain/applications/application-page.server'
import {
  readApplicationThread,
  runApplicationForm,
  type ApplicationReader,
} from '~/domain/applications/application-page-action.server'
import type { ApplicationIntent } from '~/domain/applications/application-intents.server'
import { outcomeLabels, stageLabels } from '~/domain/applications/pipeline'
import { coachSpeaker } from '~/domain/conversations/messages.server'
import { can } from '~/domain/practices/permissions'
import { AssignTaskInput, assignTask, taskPrefill } from '~/domain/tasks/tasks.server'
import { taskTypes, type TaskType } from '~/domain/tasks/tasks'
import { addDays, todayIn } from '~/lib/dates'
import { orgPath } from '~/lib/org-path'
import { pathParam, readForm } from '~/lib/request-input'
import { saveForm } from '~/lib/form-action.server'
import { notFound } from '~/lib/responses.server'
import { redirectWithToast } from '~/lib/toast.server'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import { Thread } from '~/ui/conversation'
import { InterviewDates } from '~/ui/interview-dates'
import { AssignApplicationTask } from './assign-task'
import { ApplicationEditing } from './application-editing'
import { ApplicationDetails, RejectionSummary, TaskList, Timeline } from './application-summary'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data ? `${data.application.company} · ${data.application.client.name} · Rebound` : 'Application · Rebound',
  },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'clients:read')
  const page = await getApplicationPage(t, pathParam(params, 'applicationId'))
  if (!page) throw notFound()
  const { organizationId: _o, importBatchId, ...application } = page.application
  // The application's own thread with the client; opening the page marks it read for this coach.
  const canAssign = can(t.role, 'tasks:assign')
  const [thread, prefills] = await Promise.all([
    readApplicationThread(reader(t, application), application.id, application.client.name),
    canAssign ? Promise.all(taskTypes.map(async (type) => [type, await taskPrefill(t, type)] as const)) : [],
  ])
  return {
    ...page,
    ...thread,
    prefills: Object.fromEntries(prefills) as Record<TaskType, { title: string; instructions: string }>,
    defaultDueOn: addDays(todayIn(t.org.timezone), 7),
    canAssign,
    application: { ...application, imported: importBatchId !== null },
    slug: t.org.slug,
    timezone: t.org.timezone,
    today: todayIn(page.application.client.timezone),
    canWrite: can(t.role, 'applications:write'),
  }
}

export type { ApplicationIntent }
const ApplicationTaskInput = AssignTaskInput.omit({ clientIds: true, applicationId: true, insightId: true }).extend({
  intent: z.literal('assign-task'),
})

export async function action({ request, params }: ActionFunctionArgs) {
  const t = await requireTenant(request, params)
  const application = await findCoachApplication(t, pathParam(params, 'applicationId'))
  if (!application) throw notFound()
  const form = await readForm(request)
  if (form.get('intent') === 'assign-task') {
    requirePermission(t, 'tasks:assign')
    const assign = async ({ intent: _intent, ...task }: z.output<typeof ApplicationTaskInput>) => {
      await assignTask(t, {
        ...task,
        clientIds: [application.client.id],
        applicationId: application.id,
        insightId: null,
      })
      return redirectWithToast(`${orgPath(t.org.slug, 'applications', application.id)}#tasks-heading`, {
        title: 'Task assigned',
        description: task.message ? 'Your message is in this application’s conversation.' : undefined,
      })
    }
    return saveForm(form, ApplicationTaskInput, assign, { intent: 'assign-task' })
  }
  return runApplicationForm(form, application, reader(t, application))
}

// A coach on their client's application: writing in its thread is open to every coach who can see the client;
// changing the application takes the permission to write applications.
function reader(
  t: TenantContext,
  application: { id: string; client: { id: string; timezone: string } },
): ApplicationReader {
  return {
    reader: 'coach',
    pipeline: coachPipelineFor(t, application.client),
    speaker: coachSpeaker(t),
    here: orgPath(t.org.slug, 'applications', application.id),
    requireWrite: () => requirePermission(t, 'applications:write'),
  }
}

export type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>

export default function ApplicationPage() {
  const page = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const messageError =
    actionData && 'messageError' in actionData
      ? { message: actionData.messageError, messageId: actionData.messageId }
      : null
  const { application, slug } = page
  const client = application.client
  const closed = application.outcome !== 'ACTIVE'
  return (
    <main className="mx-auto max-w-7xl space-y-5 p-4 sm:p-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <ol className="flex flex-wrap gap-x-2 text-slate-700">
          <li>
            <Link to={orgPath(slug, 'applications')} className="text-brand-700 underline">
              Applications
            </Link>
            <span aria-hidden="true"> /</span>
          </li>
          <li>
            <Link to={orgPath(slug, 'clients', client.id)} className="text-brand-700 underline">
              {client.name}
            </Link>
            <span aria-hidden="true"> /</span>
          </li>
          <li aria-current="page" className="break-all">
            {application.company}
          </li>
        </ol>
      </nav>
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-bold break-words text-slate-900">
            {application.company}
            <span className="font-normal text-slate-700"> · {application.roleTitle}</span>
          </h1>
          <p className="mt-1 text-slate-700">
            <Link to={orgPath(slug, 'clients', client.id)} className="font-medium text-brand-700 underline">
              {client.name}
            </Link>
            {' · '}Coach: {client.coach?.name ?? 'unassigned'}
          </p>
        </div>
        <p className="flex flex-wrap gap-2" aria-label="Where it stands">
          <span className="rounded-full bg-brand-50 px-3 py-1 text-sm font-semibold text-brand-800">
            {stageLabels[application.stage]}
          </span>
          <span
            className={`rounded-full px-3 py-1 text-sm font-semibold ${closed ? 'bg-slate-200 text-slate-900' : 'bg-emerald-50 text-emerald-900'}`}
          >
            {outcomeLabels[application.outcome]}
          </span>
        </p>
      </header>

      <div className="grid gap-5 lg:grid-cols-3">
        <div className="min-w-0 space-y-5 lg:col-span-2">
          {application.outcome === 'REJECTED' ? <RejectionSummary page={page} /> : null}
          <ApplicationDetails page={page} />
          {page.canWrite ? <ApplicationEditing page={page} /> : null}
          <Timeline page={page} />
        </div>
        <div className="min-w-0 space-y-5">
          <InterviewDates
            interviews={page.interviews}
            viewerTimeZone={page.timezone}
            defaultTimeZone={client.timezone}
            zones={page.zones}
            reply={actionData && 'interviewId' in actionData ? actionData : undefined}
            canEdit={page.canWrite}
          />
          <TaskList page={page} />
          {page.canAssign ? <AssignApplicationTask page={page} /> : null}
          <Thread
            title={`Conversation with ${client.name.split(' ')[0] ?? client.name} about this application`}
            intro="The client reads and answers this on the application in their portal."
            messages={page.messages}
            timezone={page.timezone}
            error={messageError}
            viewer="COACH"
          />
        </div>
      </div>
    </main>
  )
}
