import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { openSponsorLink } from '~/auth/sponsor-link.server'
import { printableSponsor } from '~/domain/outcomes/report-text'
import { pathParam } from '~/lib/request-input'
import { notFound } from '~/lib/responses.server'
import { ReportBody } from '~/ui/outcome-report'

// A cohort's outcome report as its sponsor sees it, without an account: the secret token in the path
// opens it. Aggregates only; no names, no free text; groups under 5 clients merged or left out.
// Revoked, expired and unknown links are 404.

export const meta: MetaFunction = () => [{ title: 'Outcome report · Rebound' }, { name: 'robots', content: 'noindex' }]
export const headers: HeadersFunction = () => ({ 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' })

export async function loader({ params }: LoaderFunctionArgs) {
  const token = pathParam(params, 'token')
  const report = await openSponsorLink(token)
  if (!report) throw notFound()
  return {
    printable: printableSponsor(report, report.practiceName),
    pdfHref: `/sponsor/${encodeURIComponent(token)}/pdf`,
  }
}

export default function SponsorReportPage() {
  const { printable, pdfHref } = useLoaderData<typeof loader>()
  return (
    <main className="mx-auto w-full max-w-6xl space-y-6 px-4 py-8">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">Rebound</p>
          <h1 className="text-2xl font-bold">{printable.title}</h1>
          <p className="text-sm text-slate-700">{printable.subtitle}</p>
        </div>
        <a
          href={pdfHref}
          download
          className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-brand-700 hover:bg-slate-100"
        >
          Download PDF
        </a>
      </div>
      <p className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm text-slate-800">
        A read-only view shared with you by the practice. Aggregates only: no client is named, and any group of fewer
        than 5 clients is merged with others or left out.
      </p>
      <ReportBody p={printable} />
    </main>
  )
}
