import { Button, Heading, Link, Text } from '@react-email/components'
import { buttonStyle, colors, EmailLayout, textStyle } from './layout'

export type ClientDataEmailProps = {
  clientName: string
  coachName: string
  practiceName: string
  signInUrl: string
  expiresAt: Date
}

function formatDate(date: Date) {
  return new Intl.DateTimeFormat('en-US', { month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(
    date,
  )
}

export default function ClientDataEmail({
  clientName,
  coachName,
  practiceName,
  signInUrl,
  expiresAt,
}: ClientDataEmailProps) {
  const firstName = clientName.split(' ')[0] || clientName
  return (
    <EmailLayout
      preview="Your job search records, ready to download"
      footer={`You get this because ${coachName} at ${practiceName} is your career coach. The link is yours alone: please don't forward it.`}
    >
      <Heading as="h1" style={{ fontSize: '22px', lineHeight: '30px', color: colors.text, margin: '0 0 16px' }}>
        Hi {firstName}, your records are yours to keep
      </Heading>
      <Text style={textStyle}>
        {coachName} sent you everything you recorded in Rebound: your applications, how each one moved, your tasks,
        check-ins and messages. It comes as one zip file with spreadsheets inside, each entry dated, so it can also
        serve as a record of your job search.
      </Text>
      <Button href={signInUrl} className="rb-button" style={buttonStyle}>
        Download my data
      </Button>
      <Text style={{ ...textStyle, color: colors.muted, fontSize: '14px', margin: '20px 0 0' }}>
        The button signs you in once and works until {formatDate(expiresAt)}. If it doesn't work, paste this into your
        browser:{' '}
        <Link href={signInUrl} style={{ color: colors.brand, wordBreak: 'break-all' }}>
          {signInUrl}
        </Link>
      </Text>
    </EmailLayout>
  )
}

ClientDataEmail.PreviewProps = {
  clientName: 'Jordan Lee',
  coachName: 'Sam Rivera',
  practiceName: 'Northstar Career Coaching',
  signInUrl: 'http://localhost:3000/invite/example-token?to=/me/data',
  expiresAt: new Date('2026-12-23T00:00:00Z'),
} satisfies ClientDataEmailProps
