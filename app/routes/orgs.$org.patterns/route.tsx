import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { requireTenant } from '~/auth/require-tenant.server'
import { getPatternsPage, resolvePatternsView } from '~/domain/patterns/patterns-page.server'
import { patternWindows } from '~/domain/patterns/patterns'
import { orgPath } from '~/lib/org-path'
import { searchParamsOf } from '~/lib/request-input'
import { EffectSection, FunnelSection, GhostingSection, HeatMapSection, ResponseSection } from './sections'
import { PageHeader } from '~/ui/page-header'
import { EmptyNote } from '~/ui/empty-note'
import { Options } from '~/ui/options'

export const meta: MetaFunction = () => [{ title: 'Patterns · Rebound' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  // A group that is not one of the practice's (another practice's cohort, a retired choice) shows everyone.
  const { view, error, groups, group } = await resolvePatternsView(t, searchParamsOf(request))
  return { ...(await getPatternsPage(t, view)), error, slug: t.org.slug, groups, group }
}

export default function PatternsPage() {
  const page = useLoaderData<typeof loader>()
  const { view, label, range, funnel, slug, error, groups, group } = page
  const groupQuery = group ? `&group=${encodeURIComponent(group)}` : ''
  const groupLabel = groups.find((g) => g.value === group)?.label
  const windows = [
    ...patternWindows.map((days) => ({
      key: String(days),
      label: `Last ${days} days`,
      current: view.kind === 'days' && view.days === days,
    })),
    { key: 'all', label: 'All time', current: view.kind === 'all' },
  ]
  return (
    <main className="space-y-8">
      <PageHeader
        title="Patterns"
        intro={
          <>
            {groupLabel ? `What the applications of ${groupLabel} say` : 'What the whole caseload’s applications say'},
            over the applications sent in {label}.
          </>
        }
      >
        <div className="space-y-2">
          <nav aria-label="Window" className="flex flex-wrap gap-1 text-sm">
            {windows.map((option) => (
              <Link
                key={option.key}
                to={`${orgPath(slug, 'patterns')}?days=${option.key}${groupQuery}`}
                aria-current={option.current ? 'page' : undefined}
                className={`rounded-md px-3 py-1.5 font-medium ${option.current ? 'bg-brand-700 text-white' : 'border border-slate-300 bg-white text-slate-800'}`}
              >
                {option.label}
              </Link>
            ))}
          </nav>
          <Form
            method="get"
            action={orgPath(slug, 'patterns')}
            className="flex flex-wrap items-end gap-2 text-sm"
            aria-label="Custom date range"
          >
            {group ? <input type="hidden" name="group" value={group} /> : null}
            <label className="flex flex-col font-medium text-slate-800">
              From
              <input
                type="date"
                name="from"
                defaultValue={range.from}
                className="rounded-md border border-slate-300 bg-white px-2 py-1 font-normal"
              />
            </label>
            <label className="flex flex-col font-medium text-slate-800">
              To
              <input
                type="date"
                name="to"
                defaultValue={range.to}
                className="rounded-md border border-slate-300 bg-white px-2 py-1 font-normal"
              />
            </label>
            <button
              type="submit"
              className={`rounded-md px-3 py-1.5 font-medium ${view.kind === 'range' ? 'bg-brand-700 text-white' : 'border border-slate-300 bg-white text-slate-800'}`}
            >
              Show this range
            </button>
          </Form>
          {groups.length ? (
            <Form
              method="get"
              action={orgPath(slug, 'patterns')}
              className="flex flex-wrap items-end gap-2 text-sm"
              aria-label="Clients shown"
            >
              {view.kind === 'range' ? (
                <>
                  <input type="hidden" name="from" value={view.from} />
                  <input type="hidden" name="to" value={view.to} />
                </>
              ) : (
                <input type="hidden" name="days" value={view.kind === 'all' ? 'all' : view.days} />
              )}
              <div className="flex flex-col">
                <label htmlFor="patterns-group" className="font-medium text-slate-800">
                  Clients
                </label>
                <select
                  id="patterns-group"
                  name="group"
                  defaultValue={group}
                  className="max-w-[16rem] rounded-md border border-slate-300 bg-white px-2 py-1 font-normal"
                >
                  <option value="">Every client</option>
                  <Options choices={groups} />
                </select>
              </div>
              <button
                type="submit"
                className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-800"
              >
                Show these clients
              </button>
            </Form>
          ) : null}
        </div>
      </PageHeader>

      {error ? (
        <p role="status" className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-amber-950">
          {error}
        </p>
      ) : null}

      {funnel.APPLIED === 0 ? (
        <EmptyNote>
          No applications were sent in {label}. Patterns appear once your clients log applications; try a longer window
          or All time, or{' '}
          <Link to={orgPath(slug, 'clients', 'new')} className="text-brand-700 underline">
            add a client
          </Link>
          .
        </EmptyNote>
      ) : null}

      <FunnelSection page={page} />
      <HeatMapSection page={page} />
      <div className="grid gap-6 lg:grid-cols-2">
        <ResponseSection page={page} />
        <GhostingSection page={page} />
      </div>
      <EffectSection page={page} />
    </main>
  )
}
