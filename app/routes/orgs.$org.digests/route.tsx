import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { can } from '~/domain/practices/permissions'
import { getClientIp } from '~/auth/rate-limit.server'
import { deliveryStatusLabels, DigestsPageInput, weekdayNames } from '~/domain/digests/digest-forms'
import { sendDigestNow, sendNowToast } from '~/domain/digests/run.server'
import {
  loadDigestsPage,
  previewClientDigest,
  saveDigestNote,
  startDigests,
  updateDigestSchedule,
} from '~/domain/digests/status.server'
import { formatDateTime } from '~/lib/dates'
import { redirectWithToast } from '~/lib/toast.server'
import { requirePermission, requireTenant } from '~/auth/require-tenant.server'
import { Pager } from '~/ui/data-table'
import { pageWithOpened } from '~/lib/page-query'
import { queryOf, readForm } from '~/lib/request-input'
import { InputError } from '~/lib/input-error'
import { notFound } from '~/lib/responses.server'
import { orgPath } from '~/lib/org-path'
import { ClientRow } from './client-row'
import { hourLabel } from '~/ui/digest-schedule-fields'
import { ScheduleForm, StartDigestsForm } from './schedule-forms'
import { Section } from '~/ui/section'
import { ColumnHeads } from '~/ui/column-heads'
import { EmptyNote } from '~/ui/empty-note'

export const meta: MetaFunction = () => [{ title: 'Digests · Rebound' }]

const Query = pageWithOpened('preview')

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'digests:send')
  const query = Query.parse(queryOf(request))
  const [digests, preview] = await Promise.all([
    loadDigestsPage(t, query.page),
    query.preview ? previewClientDigest(t, query.preview) : null,
  ])
  if (query.preview && !preview) throw notFound()
  const previewName = digests.clients.find((c) => c.id === query.preview)?.name ?? 'this client'
  return {
    digests,
    preview: preview && { ...preview, name: previewName, clientId: query.preview! },
    canEditSchedule: can(t.role, 'practice:settings'),
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'digests:send')
  const submission = parseWithZod(await readForm(request), { schema: DigestsPageInput })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const back = `${orgPath(t.org.slug, 'digests')}${new URL(request.url).search}`
  const input = submission.value
  if (input.intent === 'schedule') {
    requirePermission(t, 'practice:settings')
    await updateDigestSchedule(t, input, getClientIp(request, context))
    return redirectWithToast(back, { title: 'Digest schedule saved' })
  }
  if (input.intent === 'start') {
    requirePermission(t, 'practice:settings')
    try {
      await startDigests(t, input, getClientIp(request, context))
    } catch (error) {
      if (!(error instanceof InputError)) throw error
      return data({ startError: error.message }, { status: 400 })
    }
    return redirectWithToast(orgPath(t.org.slug, 'digests'), { title: 'Weekly digests started' })
  }
  if (input.intent === 'note') {
    if (!(await saveDigestNote(t, input.clientId, input.body))) throw notFound()
    return redirectWithToast(back, { title: input.body ? 'Note saved for this week' : 'Note removed' })
  }
  const result = await sendDigestNow(t, input.clientId)
  if (!result) throw notFound()
  return redirectWithToast(back, sendNowToast(result))
}

/** The statuses the past weeks' table counts, a column each. */
const historyStatuses = ['SENT', 'SKIPPED', 'FAILED', 'CLAIMED'] as const

export default function DigestsPage() {
  const { digests, preview, canEditSchedule } = useLoaderData<typeof loader>()
  const { schedule } = digests
  const previewRef = useRef<HTMLElement>(null)
  const previewId = preview?.clientId
  // The preview renders below the list: bring it into view (and focus) when a Preview link is followed.
  useEffect(() => {
    if (!previewId || !previewRef.current) return
    previewRef.current.scrollIntoView({ block: 'start' })
    previewRef.current.querySelector<HTMLElement>('h2')?.focus({ preventScroll: true })
  }, [previewId])
  return (
    <main className="mx-auto max-w-6xl p-4 sm:p-6">
      <h1 className="text-2xl font-bold">Digests</h1>
      {digests.startedAt ? (
        <p className="mt-1 text-slate-700">
          Every {weekdayNames[schedule.digestDay - 1]} at {hourLabel(schedule.digestHour)} ({schedule.timezone}), each
          client gets a summary of their week and each coach a summary of their caseload. This week ({digests.isoWeek}){' '}
          {digests.isDue ? 'they were due' : 'they are due'} {formatDateTime(digests.dueAt, schedule.timezone)}. A new
          client’s first digest comes after their first full week.
        </p>
      ) : (
        <div role="status" className="mt-3 rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-950">
          <p className="font-medium">Weekly digests are off: nothing is emailed to your clients or coaches yet.</p>
          <p className="mt-1 text-sm">
            {canEditSchedule
              ? 'Choose the day and hour below, preview a client’s digest, then start them from the preview. Weeks before you start are never sent.'
              : 'An owner or admin starts them once they have chosen the day and hour and seen a preview.'}
          </p>
        </div>
      )}

      {canEditSchedule ? <ScheduleForm schedule={schedule} /> : null}

      <Section headingId="week-heading" title="This week" className="mt-8">
        <p className="mt-1 text-sm text-slate-700">
          {(['SENT', 'CLAIMED', 'SKIPPED', 'FAILED'] as const)
            .map((s) => `${deliveryStatusLabels[s]}: ${digests.counts[s] ?? 0}`)
            .join(' · ')}{' '}
          (clients and coaches)
        </p>
        {digests.clients.length === 0 ? (
          <EmptyNote roomy className="mt-3">
            No clients yet. Add clients and their digests show up here.
          </EmptyNote>
        ) : (
          <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {digests.clients.map((client) => (
              <ClientRow key={client.id} client={client} page={digests.page} />
            ))}
          </ul>
        )}
        {digests.total > digests.pageSize ? (
          <Pager page={digests.page} pageSize={digests.pageSize} total={digests.total} label="Clients" />
        ) : null}
      </Section>

      {preview ? (
        <section aria-labelledby="preview-heading" className="mt-8 scroll-mt-4" ref={previewRef}>
          <h2 id="preview-heading" tabIndex={-1} className="text-lg font-semibold focus:outline-none">
            Preview: {preview.name}
          </h2>
          <p className="mt-1 text-sm text-slate-700">
            {preview.quiet
              ? preview.skippedIfQuiet
                ? 'A quiet week: the practice skips quiet weeks, so this digest is not sent unless you send it now.'
                : 'A quiet week: the digest is a short nudge.'
              : 'As it would go out now. The real email carries a fresh sign-in link.'}
          </p>
          {/* The email's own HTML, isolated: no scripts, no same-origin access. */}
          <iframe
            title={`Digest preview for ${preview.name}`}
            srcDoc={preview.html}
            sandbox=""
            className="mt-3 h-[36rem] w-full rounded-md border border-slate-200 bg-white"
          />
          {!digests.startedAt && canEditSchedule ? (
            <StartDigestsForm schedule={schedule} previewedClientId={preview.clientId} />
          ) : null}
        </section>
      ) : null}

      <Section headingId="history-heading" title="Past weeks" className="mt-8">
        {digests.history.length === 0 ? (
          <p className="mt-2 text-slate-700">No digests sent before this week.</p>
        ) : (
          <div className="mt-2 overflow-x-auto">
            <table className="min-w-full text-left text-sm">
              <thead>
                <tr className="border-b border-slate-200">
                  <ColumnHeads
                    labels={['Week', ...historyStatuses.map((s) => deliveryStatusLabels[s])]}
                    className="py-2 pr-4"
                  />
                </tr>
              </thead>
              <tbody>
                {digests.history.map((week) => (
                  <tr key={week.isoWeek} className="border-b border-slate-100">
                    <th scope="row" className="py-2 pr-4 font-medium">
                      {week.isoWeek}
                    </th>
                    <td className="py-2 pr-4">{week.SENT ?? 0}</td>
                    <td className="py-2 pr-4">{week.SKIPPED ?? 0}</td>
                    <td className="py-2 pr-4">{week.FAILED ?? 0}</td>
                    <td className="py-2 pr-4">{week.CLAIMED ?? 0}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
    </main>
  )
}

export type Row = ReturnType<typeof useLoaderData<typeof loader>>['digests']['clients'][number]
