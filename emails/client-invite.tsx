import { Button, Heading, Link, Text } from '@react-email/components'
import { buttonStyle, colors, EmailLayout, textStyle } from './layout'

export type ClientInviteEmailProps = {
  clientName: string
  coachName: string
  practiceName: string
  inviteUrl: string
  expiresAt: Date
}

function formatDate(date: Date) {
  return new Intl.DateTimeFormat('en-US', { month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(
    date,
  )
}

export default function ClientInviteEmail({
  clientName,
  coachName,
  practiceName,
  inviteUrl,
  expiresAt,
}: ClientInviteEmailProps) {
  const firstName = clientName.split(' ')[0] || clientName
  return (
    <EmailLayout
      preview={`${coachName} set up a place to track your job search`}
      footer={`You get this because ${coachName} at ${practiceName} is your career coach. The link is yours alone: please don't forward it.`}
    >
      <Heading as="h1" style={{ fontSize: '22px', lineHeight: '30px', color: colors.text, margin: '0 0 16px' }}>
        Hi {firstName}, your job search, in one place
      </Heading>
      <Text style={textStyle}>
        {coachName} uses Rebound to follow your applications with you. Add each role you apply for and move it along as
        you hear back. Every stage you reach counts as progress, and a rejection tells us where to focus next, not what
        you're worth.
      </Text>
      <Text style={textStyle}>No password needed: this button signs you in.</Text>
      <Button href={inviteUrl} className="rb-button" style={buttonStyle}>
        Open my pipeline
      </Button>
      <Text style={{ ...textStyle, color: colors.muted, fontSize: '14px', margin: '20px 0 0' }}>
        The link works until {formatDate(expiresAt)}. If the button doesn't work, paste this into your browser:{' '}
        <Link href={inviteUrl} style={{ color: colors.brand, wordBreak: 'break-all' }}>
          {inviteUrl}
        </Link>
      </Text>
    </EmailLayout>
  )
}

ClientInviteEmail.PreviewProps = {
  clientName: 'Jordan Lee',
  coachName: 'Sam Rivera',
  practiceName: 'Northstar Career Coaching',
  inviteUrl: 'http://localhost:3000/invite/example-token',
  expiresAt: new Date('2026-12-23T00:00:00Z'),
} satisfies ClientInviteEmailProps
