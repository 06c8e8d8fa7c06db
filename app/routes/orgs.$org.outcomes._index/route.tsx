import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { requirePermission, requireTenant } from '~/auth/require-tenant.server'
import { listCohortChoices } from '~/domain/cohorts/cohorts.server'
import { OutcomeQuery, outcomeReport } from '~/domain/outcomes/outcome-report.server'
import { printableReport } from '~/domain/outcomes/report-text'
import {
  createSponsorLink,
  listSponsorLinks,
  revokeSponsorLink,
  SponsorLinkForm,
} from '~/domain/outcomes/sponsor-links.server'
import { can } from '~/domain/practices/permissions'
import { formatDate } from '~/lib/dates'
import { getEnv } from '~/lib/env.server'
import { orgPath } from '~/lib/org-path'
import { notFound } from '~/lib/responses.server'
import { queryOf, readForm } from '~/lib/request-input'
import { FilterButton, FilterInput, FilterSelect } from '~/ui/filters'
import { choicesOf } from '~/ui/form'
import { ReportBody } from '~/ui/outcome-report'
import { SponsorLinks } from './sponsor-links'
import { PageHeader } from '~/ui/page-header'
import { EmptyPanel } from '~/ui/empty-note'

export const meta: MetaFunction = () => [{ title: 'Outcomes · Rebound' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'clients:read')
  const query = OutcomeQuery.parse(queryOf(request))
  const [report, cohorts] = await Promise.all([outcomeReport(t, query), listCohortChoices(t)])
  if (!report) throw notFound()
  const canShare = can(t.role, 'sponsors:share')
  const sponsorLinks = report.cohort && canShare ? await listSponsorLinks(t, report.cohort.id) : []
  return { report, printable: printableReport(report, t.org.name), cohorts, slug: t.org.slug, canShare, sponsorLinks }
}

// The owner's sponsor links for the cohort shown: create one (its address is shown once) or revoke one.
export async function action({ request, params }: ActionFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'sponsors:share')
  const submission = parseWithZod(await readForm(request), { schema: SponsorLinkForm })
  if (submission.status !== 'success')
    return data({ error: 'Choose a cohort and how long the link lasts.', url: null }, { status: 400 })
  if (submission.value.intent === 'revoke-sponsor-link') {
    if (!(await revokeSponsorLink(t, submission.value.linkId))) throw notFound()
    return { error: null, url: null, revoked: true }
  }
  const created = await createSponsorLink(t, submission.value)
  if (!created) throw notFound()
  return { error: null, url: `${getEnv().APP_URL.replace(/\/$/, '')}/sponsor/${created.token}`, revoked: false }
}

export default function Outcomes() {
  const { report, printable, cohorts, slug, canShare, sponsorLinks } = useLoaderData<typeof loader>()
  const f = report.figures
  const params = report.cohort ? `cohort=${report.cohort.id}` : `from=${report.from}&to=${report.to}`
  return (
    <main className="space-y-6">
      <PageHeader
        title="Outcomes"
        smallIntro
        intro={
          <>
            {report.cohort ? (
              <>
                {report.cohort.name}
                {report.cohort.sponsorName ? ` · sponsored by ${report.cohort.sponsorName}` : ''} ·{' '}
              </>
            ) : null}
            {formatDate(report.from)} to {formatDate(report.to)}
          </>
        }
      >
        <div className="flex flex-wrap gap-2">
          <a
            href={`${orgPath(slug, 'outcomes', 'pdf')}?${params}`}
            download
            className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-brand-700 hover:bg-slate-100"
          >
            Download PDF
          </a>
          <a
            href={`${orgPath(slug, 'outcomes', 'export')}?${params}`}
            download
            className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-brand-700 hover:bg-slate-100"
          >
            Download CSV
          </a>
        </div>
      </PageHeader>
      <Form method="get" aria-label="Choose the report" className="flex flex-wrap items-end gap-3">
        <FilterSelect
          name="cohort"
          label="Cohort"
          value={report.cohort?.id}
          all="No cohort: a range of dates"
          options={choicesOf(cohorts)}
        />
        <FilterInput name="from" label="From" type="date" value={report.cohort ? '' : report.from} />
        <FilterInput name="to" label="To" type="date" value={report.cohort ? '' : report.to} />
        <FilterButton>Show</FilterButton>
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
        <EmptyPanel>
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
        </EmptyPanel>
      ) : (
        <ReportBody p={printable} />
      )}
      {report.cohort && canShare ? <SponsorLinks cohort={report.cohort} links={sponsorLinks} /> : null}
    </main>
  )
}
