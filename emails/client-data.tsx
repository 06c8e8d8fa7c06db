import { Text } from '@react-email/components'
import { type CoachedClient, coachedClientFooter, firstNameOf, LinkEmail, longDate, textStyle } from './layout'

export type ClientDataEmailProps = CoachedClient & {
  signInUrl: string
  expiresAt: Date
}

export default function ClientDataEmail({
  clientName,
  coachName,
  practiceName,
  signInUrl,
  expiresAt,
}: ClientDataEmailProps) {
  return (
    <LinkEmail
      preview="Your job search records, ready to download"
      footer={coachedClientFooter(coachName, practiceName)}
      heading={<>Hi {firstNameOf(clientName)}, your records are yours to keep</>}
      url={signInUrl}
      button="Download my data"
      linkNote={
        <>
          The button signs you in once and works until {longDate(expiresAt)}. If it doesn't work, paste this into your
          browser:
        </>
      }
    >
      <Text style={textStyle}>
        {coachName} sent you everything you recorded in Rebound: your applications, how each one moved, your tasks,
        check-ins and messages. It comes as one zip file with spreadsheets inside, each entry dated, so it can also
        serve as a record of your job search.
      </Text>
    </LinkEmail>
  )
}

ClientDataEmail.PreviewProps = {
  clientName: 'Jordan Lee',
  coachName: 'Sam Rivera',
  practiceName: 'Northstar Career Coaching',
  signInUrl: 'http://localhost:3000/invite/example-token?to=/me/data',
  expiresAt: new Date('2026-12-23T00:00:00Z'),
} satisfies ClientDataEmailProps
