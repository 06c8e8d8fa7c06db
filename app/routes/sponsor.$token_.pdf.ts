import type { LoaderFunctionArgs } from '@remix-run/node'
import { openSponsorLink } from '~/auth/sponsor-link.server'
import { outcomePdf } from '~/domain/outcomes/outcome-pdf.server'
import { printableSponsor } from '~/domain/outcomes/report-text'
import { pathParam } from '~/lib/request-input'
import { notFound } from '~/lib/responses.server'

// The sponsor's view as a PDF: the same aggregates as the page, groups under 5 merged or left out.
export async function loader({ params }: LoaderFunctionArgs) {
  const report = await openSponsorLink(pathParam(params, 'token'))
  if (!report) throw notFound()
  const pdf = await outcomePdf(printableSponsor(report, report.practiceName))
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="outcomes-${report.from}-to-${report.to}.pdf"`,
      'Cache-Control': 'private, no-store',
      'Referrer-Policy': 'no-referrer',
      'X-Robots-Tag': 'noindex',
    },
  })
}
