import { Text } from '@react-email/components'
import { type CoachedClient, coachedClientFooter, firstNameOf, LinkEmail, longDate, textStyle } from './layout'

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
  return (
    <LinkEmail
      preview={`${coachName} set up a place to track your job search`}
      footer={coachedClientFooter(coachName, practiceName)}
      heading={<>Hi {firstNameOf(clientName)}, your job search, in one place</>}
      url={inviteUrl}
      button="Open my pipeline"
      linkNote={
        <>The link works until {longDate(expiresAt)}. If the button doesn't work, paste this into your browser:</>
      }
    >
      <Text style={textStyle}>
        {coachName} uses Rebound to follow your applications with you. Add each role you apply for and move it along as
        you hear back. Every stage you reach counts as progress, and a rejection tells us where to focus next, not what
        you're worth.
      </Text>
      <Text style={textStyle}>No password needed: this button signs you in.</Text>
    </LinkEmail>
  )
}

ClientInviteEmail.PreviewProps = {
  clientName: 'Jordan Lee',
  coachName: 'Sam Rivera',
  practiceName: 'Northstar Career Coaching',
  inviteUrl: 'http://localhost:3000/invite/example-token',
  expiresAt: new Date('2026-12-23T00:00:00Z'),
} satisfies ClientInviteEmailProps
