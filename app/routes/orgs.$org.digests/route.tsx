import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { z } from 'zod'
import { can } from '~/domain/practices/permissions'
import { getClientIp } from '~/auth/rate-limit.server'
import {
  deliveryStatusLabels,
  DigestScheduleInput,
  DigestsPageInput,
  digestNoteMax,
  weekdayNames,
} from '~/domain/digests/digest-forms'
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
import { ErrorList, FormErrors, inputClass, SelectField, SubmitButton } from '~/ui/form'
import { queryOf, readForm } from '~/lib/request-input'
import { InputError } from '~/lib/input-error'
import { notFound } from '~/lib/responses.server'
import { orgPath } from '~/lib/org-path'

export const meta: MetaFunction = () => [{ title: 'Digests · Rebound' }]

const Query = z.object({
  page: z.coerce.number().int().min(1).default(1).catch(1),
  preview: z.string().max(64).optional().catch(undefined),
})

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

const statusClass = {
  CLAIMED: 'bg-amber-100 text-amber-900',
  SENT: 'bg-green-100 text-green-900',
  SKIPPED: 'bg-slate-100 text-slate-800',
  FAILED: 'bg-red-100 text-red-900',
} as const

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

      <section aria-labelledby="week-heading" className="mt-8">
        <h2 id="week-heading" className="text-lg font-semibold">
          This week
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          {(['SENT', 'CLAIMED', 'SKIPPED', 'FAILED'] as const)
            .map((s) => `${deliveryStatusLabels[s]}: ${digests.counts[s] ?? 0}`)
            .join(' · ')}{' '}
          (clients and coaches)
        </p>
        {digests.clients.length === 0 ? (
          <p className="mt-3 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-700">
            No clients yet. Add clients and their digests show up here.
          </p>
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
      </section>

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

      <section aria-labelledby="history-heading" className="mt-8">
        <h2 id="history-heading" className="text-lg font-semibold">
          Past weeks
        </h2>
        {digests.history.length === 0 ? (
          <p className="mt-2 text-slate-700">No digests sent before this week.</p>
        ) : (
          <div className="mt-2 overflow-x-auto">
            <table className="min-w-full text-left text-sm">
              <thead>
                <tr className="border-b border-slate-200">
                  <th scope="col" className="py-2 pr-4">
                    Week
                  </th>
                  {(['SENT', 'SKIPPED', 'FAILED', 'CLAIMED'] as const).map((s) => (
                    <th key={s} scope="col" className="py-2 pr-4">
                      {deliveryStatusLabels[s]}
                    </th>
                  ))}
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
      </section>
    </main>
  )
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>['digests']['clients'][number]

function ClientRow({ client, page }: { client: Row; page: number }) {
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

function ScheduleForm({
  schedule,
}: {
  schedule: { digestDay: number; digestHour: number; digestSkipInactive: boolean }
}) {
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'digest-schedule',
    lastResult: navigation.state === 'idle' && actionData && 'result' in actionData ? actionData.result : undefined,
    defaultValue: {
      digestDay: String(schedule.digestDay),
      digestHour: String(schedule.digestHour),
      digestSkipInactive: schedule.digestSkipInactive ? 'on' : undefined,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DigestScheduleInput }),
  })
  return (
    <section aria-labelledby="schedule-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="schedule-heading" className="text-lg font-semibold">
        Schedule
      </h2>
      <Form method="post" {...getFormProps(form)} className="mt-3 space-y-4">
        <FormErrors errors={form.errors} />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label="Day"
            field={fields.digestDay}
            options={weekdayNames.map((d, i) => ({ value: String(i + 1), label: d }))}
          />
          <SelectField
            label="Hour (practice time)"
            field={fields.digestHour}
            options={Array.from({ length: 24 }, (_, h) => ({
              value: String(h),
              label: `${String(h).padStart(2, '0')}:00`,
            }))}
          />
        </div>
        <div className="flex items-start gap-2">
          <input
            {...getInputProps(fields.digestSkipInactive, { type: 'checkbox' })}
            key={fields.digestSkipInactive.key}
            className="mt-1 size-4"
          />
          <label htmlFor={fields.digestSkipInactive.id} className="text-sm text-slate-800">
            Skip the digest for clients with no activity that week (otherwise they get a short nudge)
          </label>
        </div>
        <SubmitButton intent="schedule" pendingText="Saving…">
          Save schedule
        </SubmitButton>
      </Form>
    </section>
  )
}

const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}:00`

function StartDigestsForm({
  schedule,
  previewedClientId,
}: {
  schedule: { digestDay: number; digestHour: number; timezone: string }
  previewedClientId: string
}) {
  const actionData = useActionData<typeof action>()
  const errors = actionData && 'startError' in actionData ? [actionData.startError] : undefined
  return (
    <Form method="post" className="mt-4 rounded-lg border border-brand-100 bg-brand-50 p-4">
      <p className="text-slate-900">
        Happy with this? Start the weekly digests: every {weekdayNames[schedule.digestDay - 1]} at{' '}
        {hourLabel(schedule.digestHour)} ({schedule.timezone}), from the next one on.
      </p>
      <FormErrors errors={errors} />
      <input type="hidden" name="digestDay" value={schedule.digestDay} />
      <input type="hidden" name="digestHour" value={schedule.digestHour} />
      <input type="hidden" name="previewedClientId" value={previewedClientId} />
      <SubmitButton intent="start" pendingText="Starting…" className="mt-3">
        Start weekly digests
      </SubmitButton>
    </Form>
  )
}
