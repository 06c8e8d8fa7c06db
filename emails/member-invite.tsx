import { Text } from '@react-email/components'
import { LinkEmail, textStyle } from './layout'

export type MemberInviteEmailProps = {
  practiceName: string
  inviterName: string
  role: 'OWNER' | 'ADMIN' | 'COACH'
  acceptUrl: string
  expiresAt: Date
}

const roleNames = { OWNER: 'an owner', ADMIN: 'an admin', COACH: 'a coach' }

function formatDate(date: Date) {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    date,
  )
}

export default function MemberInviteEmail({
  practiceName,
  inviterName,
  role,
  acceptUrl,
  expiresAt,
}: MemberInviteEmailProps) {
  return (
    <LinkEmail
      preview={`${inviterName} invited you to join ${practiceName} on Rebound`}
      footer="If you weren't expecting this invitation, you can ignore it: nothing happens unless you accept."
      heading={<>Join {practiceName} on Rebound</>}
      url={acceptUrl}
      button="Accept the invitation"
      linkNote={
        <>
          The invitation works once, for this email address, until {formatDate(expiresAt)}. If the button doesn't work,
          paste this link into your browser:
        </>
      }
    >
      <Text style={textStyle}>
        {inviterName} invited you to join {practiceName} as {roleNames[role]}. Rebound is where the practice keeps track
        of each client's job search, spots where they get stuck, and helps them through rejection.
      </Text>
    </LinkEmail>
  )
}

export const PreviewProps: MemberInviteEmailProps = {
  practiceName: 'Northstar Careers',
  inviterName: 'Olivia Owner',
  role: 'COACH',
  acceptUrl: 'http://localhost:3000/join/example-token',
  expiresAt: new Date('2026-07-01T12:00:00Z'),
}

MemberInviteEmail.PreviewProps = PreviewProps
