import { Link } from '@remix-run/react'
import { outcomeLabels, reasonLabels, stageLabels } from '~/domain/applications/pipeline'
import { formatDate } from '~/lib/dates'
import { Pager } from '~/ui/data-table'
import type { LoaderData } from './route'
import { Section } from '~/ui/section'
import { ColumnHeads } from '~/ui/column-heads'
import { formatCount } from '~/lib/numbers'

// The applications an insight rests on, most recently applied first, a page at a time.

export function ApplicationsBehind({
  applications,
  page: applicationPage,
  base,
}: {
  applications: LoaderData['applications']
  page: LoaderData['applicationPage']
  base: string
}) {
  return (
    <Section headingId="apps-heading" title={<>Applications behind it ({formatCount(applicationPage.total)})</>}>
      <div className="mt-2 overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full min-w-[36rem] text-sm">
          <thead>
            <tr className="border-b border-slate-200 text-left text-slate-700">
              <ColumnHeads
                labels={['Client', 'Company and role', 'Applied', 'Where it stands']}
                className="p-2 font-medium"
              />
            </tr>
          </thead>
          <tbody>
            {applications.map((application) => (
              <tr key={application.id} className="border-b border-slate-100">
                <td className="p-2">
                  <Link to={`${base}/clients/${application.client.id}`} className="text-brand-700 underline">
                    {application.client.name}
                  </Link>
                </td>
                <td className="p-2">
                  <Link to={`${base}/applications/${application.id}`} className="text-brand-700 underline">
                    {application.company} · {application.roleTitle}
                  </Link>
                </td>
                <td className="p-2 whitespace-nowrap">{formatDate(application.appliedOn)}</td>
                <td className="p-2">
                  {stageLabels[application.rejectionStage ?? application.stage]}
                  {application.outcome !== 'ACTIVE' ? ` · ${outcomeLabels[application.outcome]}` : ''}
                  {application.rejectionReason ? ` (${reasonLabels[application.rejectionReason]})` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-1 text-xs text-slate-700">Most recently applied first.</p>
      {applicationPage.total > applicationPage.pageSize ? (
        <Pager
          page={applicationPage.page}
          pageSize={applicationPage.pageSize}
          total={applicationPage.total}
          label="Applications behind it"
          param="evidence"
        />
      ) : null}
    </Section>
  )
}
