import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { requirePermission, requireTenant } from '~/auth/require-tenant.server'
import { listCohortChoices } from '~/domain/cohorts/cohorts.server'
import { funnelKeys, type OutcomeFigures } from '~/domain/outcomes/outcome-figures'
import { OutcomeQuery, outcomeReport } from '~/domain/outcomes/outcome-report.server'
import { formatDate } from '~/lib/dates'
import { orgPath } from '~/lib/org-path'
import { notFound } from '~/lib/responses.server'
import { queryOf } from '~/lib/request-input'
import { inputClass } from '~/ui/form'

export const meta: MetaFunction = () => [{ title: 'Outcomes · Rebound' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'clients:read')
  const query = OutcomeQuery.parse(queryOf(request))
  const [report, cohorts] = await Promise.all([outcomeReport(t, query), listCohortChoices(t)])
  if (!report) throw notFound()
  return { report, cohorts, slug: t.org.slug }
}

const funnelLabels = {
  APPLIED: 'Applied',
  SCREEN: 'Screen',
  INTERVIEW: 'Interview',
  FINAL: 'Final round',
  OFFER: 'Offer',
}
const pct = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`)
const counted = (r: { days: number; placed: number; eligible: number }) =>
  r.eligible ? `${r.placed} of ${r.eligible} clients` : `Nobody has been coached ${r.days} days yet`
const days = (n: number | null) => (n === null ? '—' : `${n} days`)

export default function Outcomes() {
  const { report, cohorts, slug } = useLoaderData<typeof loader>()
  const f = report.figures
  const params = report.cohort ? `cohort=${report.cohort.id}` : `from=${report.from}&to=${report.to}`
  return (
    <main className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">Outcomes</h1>
          <p className="text-sm text-slate-700">
            {report.cohort ? (
              <>
                {report.cohort.name}
                {report.cohort.sponsorName ? ` · sponsored by ${report.cohort.sponsorName}` : ''} ·{' '}
              </>
            ) : null}
            {formatDate(report.from)} to {formatDate(report.to)}
          </p>
        </div>
        <a
          href={`${orgPath(slug, 'outcomes', 'export')}?${params}`}
          download
          className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-brand-700 hover:bg-slate-100"
        >
          Download CSV
        </a>
      </div>
      <Form method="get" aria-label="Choose the report" className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="cohort" className="block text-sm font-medium text-slate-800">
            Cohort
          </label>
          <select id="cohort" name="cohort" defaultValue={report.cohort?.id ?? ''} className={`mt-1 ${inputClass}`}>
            <option value="">No cohort: a range of dates</option>
            {cohorts.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="from" className="block text-sm font-medium text-slate-800">
            From
          </label>
          <input
            id="from"
            name="from"
            type="date"
            defaultValue={report.cohort ? '' : report.from}
            className={`mt-1 ${inputClass}`}
          />
        </div>
        <div>
          <label htmlFor="to" className="block text-sm font-medium text-slate-800">
            To
          </label>
          <input
            id="to"
            name="to"
            type="date"
            defaultValue={report.cohort ? '' : report.to}
            className={`mt-1 ${inputClass}`}
          />
        </div>
        <button
          type="submit"
          className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-100"
        >
          Show
        </button>
        <p className="w-full text-sm text-slate-600">
          A cohort’s report covers its own dates; the range is for the whole caseload.
        </p>
      </Form>
      {report.notice ? (
        <p role="status" className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-950">
          {report.notice}
        </p>
      ) : null}
      {f.served === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
          <h2 className="text-lg font-semibold">No clients to report on yet</h2>
          <p className="mt-1 text-slate-700">
            {report.cohort ? (
              <>
                Add clients to this cohort from the{' '}
                <Link to={orgPath(slug, 'clients')} className="text-brand-700 underline">
                  roster
                </Link>
                .
              </>
            ) : (
              'Nobody was being coached in these dates. Try a wider range.'
            )}
          </p>
        </div>
      ) : (
        <>
          <Summary f={f} />
          <Funnel f={f} />
          <ByCoach report={report} />
          <HowCounted />
        </>
      )}
    </main>
  )
}

function Stat({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4">
      <dt className="text-sm text-slate-700">{label}</dt>
      <dd className="mt-1 text-2xl font-bold">{value}</dd>
      {detail ? <dd className="text-sm text-slate-600">{detail}</dd> : null}
    </div>
  )
}

function Summary({ f }: { f: OutcomeFigures }) {
  const [r90, r180] = f.placementRates
  return (
    <section aria-labelledby="summary">
      <h2 id="summary" className="sr-only">
        Summary
      </h2>
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
        <Stat label="Clients served" value={String(f.served)} />
        <Stat
          label="Engaged"
          value={String(f.engaged)}
          detail={`${f.activeWeeks} active weeks · ${f.checkIns} check-ins · ${f.tasksDone} tasks done`}
        />
        <Stat label="Placed" value={String(f.placed)} />
        <Stat label="Placed within 90 days" value={pct(r90!.rate)} detail={counted(r90!)} />
        <Stat label="Placed within 180 days" value={pct(r180!.rate)} detail={counted(r180!)} />
        <Stat
          label="Median time to offer"
          value={days(f.medianDaysToOffer)}
          detail={`${f.clientsWithOffer} ${f.clientsWithOffer === 1 ? 'client' : 'clients'} with an offer`}
        />
      </dl>
    </section>
  )
}

function Funnel({ f }: { f: OutcomeFigures }) {
  const top = Math.max(1, f.funnel.APPLIED)
  return (
    <section aria-labelledby="funnel" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="funnel" className="text-lg font-semibold">
        Funnel
      </h2>
      <p className="text-sm text-slate-700">Applications sent in these dates, at every stage they reached.</p>
      <ol className="mt-3 space-y-2">
        {funnelKeys.map((k) => (
          <li key={k} className="grid grid-cols-[7rem_1fr_3rem] items-center gap-2 text-sm">
            <span>{funnelLabels[k]}</span>
            <span className="h-4 rounded bg-slate-100" aria-hidden="true">
              <span className="block h-4 rounded bg-brand-700" style={{ width: `${(f.funnel[k] / top) * 100}%` }} />
            </span>
            <span className="text-right font-medium">{f.funnel[k]}</span>
          </li>
        ))}
      </ol>
    </section>
  )
}

function ByCoach({ report }: { report: ReturnType<typeof useLoaderData<typeof loader>>['report'] }) {
  return (
    <section aria-labelledby="by-coach" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="by-coach" className="text-lg font-semibold">
        By coach
      </h2>
      <div className="mt-2 overflow-x-auto" tabIndex={0} role="region" aria-label="Figures by coach">
        <table className="w-full min-w-[40rem] text-left text-sm">
          <thead>
            <tr className="border-b border-slate-200 text-slate-700">
              <th scope="col" className="py-2 pr-3 font-medium">
                Coach
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Served
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Engaged
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Placed
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Within 90 days
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Within 180 days
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Median to offer
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Applied → offer
              </th>
            </tr>
          </thead>
          <tbody>
            {report.byCoach.map((c) => {
              const [r90, r180] = c.figures.placementRates
              return (
                <tr key={c.coachId ?? 'none'} className="border-b border-slate-100">
                  <th scope="row" className="py-2 pr-3 font-medium">
                    {c.coachName}
                  </th>
                  <td className="py-2 pr-3">{c.figures.served}</td>
                  <td className="py-2 pr-3">{c.figures.engaged}</td>
                  <td className="py-2 pr-3">{c.figures.placed}</td>
                  <td className="py-2 pr-3">
                    {pct(r90!.rate)} ({r90!.placed} of {r90!.eligible})
                  </td>
                  <td className="py-2 pr-3">
                    {pct(r180!.rate)} ({r180!.placed} of {r180!.eligible})
                  </td>
                  <td className="py-2 pr-3">{days(c.figures.medianDaysToOffer)}</td>
                  <td className="py-2 pr-3">
                    {c.figures.funnel.APPLIED} → {c.figures.funnel.OFFER}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </section>
  )
}

function HowCounted() {
  return (
    <details className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700">
      <summary className="cursor-pointer font-medium text-slate-900">How these figures are counted</summary>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        <li>
          Coaching starts on the day a client was added to the practice, or on the cohort’s first day if they were added
          before it.
        </li>
        <li>Engaged: at least one week with an application moved, a check-in or a task done, in these dates.</li>
        <li>
          Placed within 90 (or 180) days: of the clients whose start was at least that long ago, those who accepted an
          offer within that many days of it.
        </li>
        <li>Time to offer: from the start to the first offer reached (or the placement, if it came first).</li>
      </ul>
    </details>
  )
}
