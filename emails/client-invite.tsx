import { Text } from '@react-email/components'
import {
  type CoachedClient,
  coachedClientFooter,
  EmailButton,
  EmailHeading,
  EmailLayout,
  firstNameOf,
  LinkWrittenOut,
  longDate,
  textStyle,
} from './layout'

export type ClientInviteEmailProps = CoachedClient & {
  inviteUrl: string
  expiresAt: Date
}

export default function ClientInviteEmail({
  clientName,
  coachName,
  practiceName,
  inviteUrl,
  expiresAt,
}: ClientInviteEmailProps) {
  const firstName = firstNameOf(clientName)
  return (
    <EmailLayout
      preview={`${coachName} set up a place to track your job search`}
      footer={coachedClientFooter(coachName, practiceName)}
    >
      <EmailHeading>Hi {firstName}, your job search, in one place</EmailHeading>
      <Text style={textStyle}>
        {coachName} uses Rebound to follow your applications with you. Add each role you apply for and move it along as
        you hear back. Every stage you reach counts as progress, and a rejection tells us where to focus next, not what
        you're worth.
      </Text>
      <Text style={textStyle}>No password needed: this button signs you in.</Text>
      <EmailButton href={inviteUrl}>Open my pipeline</EmailButton>
      <LinkWrittenOut url={inviteUrl}>
        The link works until {longDate(expiresAt)}. If the button doesn't work, paste this into your browser:
      </LinkWrittenOut>
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
