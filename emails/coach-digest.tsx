import { Text } from '@react-email/components'
import type { ReactNode } from 'react'
import { ClosingButton, DigestLayout, EmailSection, firstNameOf, ItemLine, smallStyle, textStyle } from './layout'

// The coach's weekly digest: who needs attention this week. Props are already worded and dated
// in the practice's timezone.

export type CoachDigestLine = { clientName: string; detail: string }

export type CoachDigestProps = {
  coachName: string
  practiceName: string
  weekLabel: string
  clientCount: number
  atRisk: CoachDigestLine[]
  rejections: CoachDigestLine[]
  interviews: CoachDigestLine[]
  overdueTasks: CoachDigestLine[]
  noUpdate: CoachDigestLine[]
  /** Lines left out of the lists above to keep the email short. */
  more: number
  dashboardUrl: string
}

function List({ title, hint, lines }: { title: string; hint?: ReactNode; lines: CoachDigestLine[] }) {
  if (!lines.length) return null
  return (
    <EmailSection
      heading={
        <>
          {title} ({lines.length})
        </>
      }
    >
      {hint ? <Text style={{ ...smallStyle, margin: '0 0 8px' }}>{hint}</Text> : null}
      {lines.map((line, i) => (
        <ItemLine key={i} lead={line.clientName}>
          : {line.detail}
        </ItemLine>
      ))}
    </EmailSection>
  )
}

export default function CoachDigestEmail(props: CoachDigestProps) {
  const first = firstNameOf(props.coachName)
  const empty =
    !props.atRisk.length &&
    !props.rejections.length &&
    !props.interviews.length &&
    !props.overdueTasks.length &&
    !props.noUpdate.length
  return (
    <DigestLayout
      preview={`${props.atRisk.length} clients to look at, ${props.interviews.length} in interviews`}
      footer={`Your weekly summary of ${props.clientCount} clients at ${props.practiceName}.`}
      greeting={<>Hi {first}, your caseload this week</>}
      weekLabel={props.weekLabel}
    >
      {empty ? (
        <Text style={textStyle}>
          A calm week: no open patterns, no rejections or interviews, nothing overdue. A good week to check in with
          someone you have not heard from in a while.
        </Text>
      ) : null}
      <List title="Clients who may need you" hint="Open patterns, most pressing first." lines={props.atRisk} />
      <List title="Interviews in progress" lines={props.interviews} />
      <List
        title="Rejections this week"
        hint="A word from you soon after a rejection helps more than any later one."
        lines={props.rejections}
      />
      <List title="Overdue tasks" lines={props.overdueTasks} />
      <List title="No update for two weeks" lines={props.noUpdate} />
      {props.more > 0 ? <Text style={smallStyle}>And {props.more} more on your dashboard.</Text> : null}
      <ClosingButton href={props.dashboardUrl}>Open the dashboard</ClosingButton>
    </DigestLayout>
  )
}

export const PreviewProps: CoachDigestProps = {
  coachName: 'Sam Rivera',
  practiceName: 'Northstar Career Coaching',
  weekLabel: 'Nov 23 – Nov 29, 2026',
  clientCount: 25,
  atRisk: [{ clientName: 'Jordan Lee', detail: 'Rejected at final rounds' }],
  rejections: [{ clientName: 'Riley Chen', detail: 'Acme Corp, Data Analyst, at the Interview stage' }],
  interviews: [{ clientName: 'Jordan Lee', detail: 'Brightline, Product Analyst (Final round)' }],
  overdueTasks: [{ clientName: 'Riley Chen', detail: 'Ask Acme for feedback, due Nov 25' }],
  noUpdate: [{ clientName: 'Alex Morgan', detail: 'last update Nov 9' }],
  more: 0,
  dashboardUrl: 'http://localhost:3000/orgs/northstar',
}
CoachDigestEmail.PreviewProps = PreviewProps
