import { Link } from '@remix-run/react'
import { UnreadBadge } from '~/ui/conversation'
import { orgPath } from '~/lib/org-path'
import { Section } from '~/ui/section'
import { ItemList } from '~/ui/item-list'

// Two small cards of the client page: the week against the client's goal, and the applications with messages.

export function WeekGoal({
  appliedThisWeek,
  appliedLastWeek,
  goal,
  compared,
}: {
  appliedThisWeek: number
  appliedLastWeek: number
  goal: number
  compared: string
}) {
  const progress = goal > 0 ? Math.min(100, Math.round((appliedThisWeek / goal) * 100)) : 100
  return (
    <Section headingId="goal-heading" title="This week" card className="lg:col-span-2">
      <p className="mt-1 text-slate-800">
        {appliedThisWeek} of {goal} {goal === 1 ? 'application' : 'applications'}
        <span className="text-slate-700"> · same days last week: {appliedLastWeek}</span>
      </p>
      <p className="text-sm text-slate-700">{compared}.</p>
      <div
        role="progressbar"
        aria-label="Weekly application goal"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={progress}
        className="mt-2 h-3 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className="h-full bg-brand-700" style={{ width: `${progress}%` }} />
      </div>
    </Section>
  )
}

export function ApplicationThreads({
  threads,
  slug,
}: {
  threads: { id: string; company: string; roleTitle: string; unread: number }[]
  slug: string
}) {
  return (
    <Section headingId="app-threads-heading" title="About applications" card>
      <ItemList items={threads} empty="No messages about a single application yet." className="space-y-1 text-sm">
        {(a) => (
          <>
            <Link to={`${orgPath(slug, 'applications', a.id)}#conversation`} className="text-brand-700 underline">
              {a.company} · {a.roleTitle}
            </Link>
            <UnreadBadge count={a.unread} label="unread messages" />
          </>
        )}
      </ItemList>
    </Section>
  )
}
