import { Link } from '@remix-run/react'
import { UnreadBadge } from '~/ui/conversation'
import { formatDateTime } from '~/lib/dates'

import type { Home } from './route'
import { Section } from '~/ui/section'
import { ItemList } from '~/ui/item-list'

// What came in since the coach last looked: unread messages from clients, and the news since the digest.

export function Inbox({
  unread,
  news,
  base,
  timezone,
}: {
  unread: Home['unread']
  news: Home['news']
  base: string
  timezone: string
}) {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Section headingId="unread-heading" title="Unread messages" card>
        <ItemList items={unread} empty="You have read everything your clients wrote." className="space-y-1">
          {(c) => (
            <>
              <Link to={`${base}/clients/${c.id}#conversation`} className="text-brand-700 underline">
                {c.name}
              </Link>
              <UnreadBadge count={c.unread} label="unread messages" />
            </>
          )}
        </ItemList>
      </Section>
      <Section headingId="news-heading" title="Since the digest" card>
        <ItemList items={news} empty="Nothing new from your clients." className="space-y-2 text-sm">
          {(n) => (
            <>
              <Link to={n.path} className="break-words text-brand-700 underline">
                {n.summary}
              </Link>
              <span className="block text-xs text-slate-700">{formatDateTime(n.createdAt, timezone)}</span>
            </>
          )}
        </ItemList>
      </Section>
    </div>
  )
}
