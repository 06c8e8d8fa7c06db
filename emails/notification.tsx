import { Link, Text } from '@react-email/components'
import { colors, EmailButton, EmailHeading, EmailLayout, textStyle } from './layout'

// Word between digests: what is new since the last email, gathered (at most one email every 15 minutes).

export type NotificationItem = { kind: string; summary: string }

export type NotificationEmailProps = {
  recipientName: string
  practiceName: string
  audience: 'client' | 'coach'
  items: NotificationItem[]
  /** For a client: a short-lived link that signs them in. For a coach: the page to open. */
  openUrl: string
  preferencesUrl: string
  unsubscribeUrl: string | null
}

export function notificationSubject(props: Pick<NotificationEmailProps, 'audience' | 'items'>) {
  const n = props.items.length
  if (props.audience === 'client') return n === 1 ? 'Something new from your coach' : `${n} new things from your coach`
  return n === 1 ? 'Something new from a client' : `${n} new things from your clients`
}

export default function NotificationEmail({
  recipientName,
  practiceName,
  audience,
  items,
  openUrl,
  preferencesUrl,
  unsubscribeUrl,
}: NotificationEmailProps) {
  const firstName = recipientName.trim().split(/\s+/)[0] || recipientName
  return (
    <EmailLayout
      preview={items[0]?.summary ?? 'Something new'}
      footer={
        <>
          {audience === 'client'
            ? `You get this because ${practiceName} coaches your job search. `
            : `You get this as a coach at ${practiceName}. `}
          <Link href={preferencesUrl} style={{ color: colors.muted }}>
            Choose what you hear about
          </Link>
          {unsubscribeUrl ? (
            <>
              {' · '}
              <Link href={unsubscribeUrl} style={{ color: colors.muted }}>
                Unsubscribe
              </Link>
            </>
          ) : null}
        </>
      }
    >
      <EmailHeading>Hi {firstName}, here is what is new</EmailHeading>
      {items.map((item, i) => (
        <Text key={i} style={{ ...textStyle, whiteSpace: 'pre-wrap' }}>
          {item.summary}
        </Text>
      ))}
      <EmailButton href={openUrl}>{audience === 'client' ? 'Open my portal' : 'Open Rebound'}</EmailButton>
    </EmailLayout>
  )
}

NotificationEmail.PreviewProps = {
  recipientName: 'Jordan Lee',
  practiceName: 'Northstar Career Coaching',
  audience: 'client',
  items: [
    { kind: 'MESSAGE', summary: 'Sam Rivera wrote: “Great progress this week.”' },
    { kind: 'TASK', summary: 'Sam Rivera assigned you a task: Mock interview, due Dec 4.' },
  ],
  openUrl: 'http://localhost:3000/invite/example-token',
  preferencesUrl: 'http://localhost:3000/me/preferences',
  unsubscribeUrl: 'http://localhost:3000/unsubscribe/example',
} satisfies NotificationEmailProps
