import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { requireClient } from '~/auth/client-session.server'
import { exportSummary } from '~/domain/clients/data-export.server'
import { plural } from '~/lib/plural'
import { Card, PageTitle } from '~/ui/portal'

export const meta: MetaFunction = () => [{ title: 'Your data · Rebound' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const c = await requireClient(request)
  return { summary: await exportSummary(c), timezone: c.client.timezone }
}

export default function DataPage() {
  const { summary, timezone } = useLoaderData<typeof loader>()
  const parts = [
    plural(summary.applications, 'application'),
    plural(summary.stageChanges, 'stage change'),
    plural(summary.rejections, 'rejection'),
    plural(summary.tasks, 'task'),
    plural(summary.checkIns, 'check-in'),
    plural(summary.messages, 'message'),
    plural(summary.digests, 'weekly digest'),
  ]
  return (
    <>
      <PageTitle intro="Everything you recorded here is yours. Take it with you, whenever you like.">
        Your data
      </PageTitle>
      <Card className="space-y-4">
        <p className="text-slate-800">One zip file with a spreadsheet (CSV) and a JSON file for each of these:</p>
        <ul className="list-disc space-y-1 pl-5 text-slate-800">
          {parts.map((part) => (
            <li key={part}>{part}</li>
          ))}
        </ul>
        <p className="text-sm text-slate-700">
          Each entry is dated, on your clock ({timezone}) and in a standard form, so the file can also serve as a record
          of your job search. The applications file can be imported into Rebound or another tracker again. Your coach’s
          private notes are not part of it.
        </p>
        <a
          href="/me/data/download"
          download
          className="inline-flex min-h-11 w-full items-center justify-center rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2 focus-visible:outline-none"
        >
          Download my data (.zip)
        </a>
      </Card>
    </>
  )
}
