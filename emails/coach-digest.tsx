import { Button, Heading, Section, Text } from '@react-email/components'
import type { CSSProperties, ReactNode } from 'react'
import { buttonStyle, colors, EmailLayout, textStyle } from './layout'

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

const h1: CSSProperties = { fontSize: '22px', lineHeight: '30px', color: colors.text, margin: '0 0 16px' }
const h2: CSSProperties = { fontSize: '17px', lineHeight: '24px', color: colors.text, margin: '24px 0 8px' }
const small: CSSProperties = { ...textStyle, color: colors.muted, fontSize: '14px', lineHeight: '20px' }
const item: CSSProperties = { ...textStyle, margin: '0 0 8px' }

function List({ title, hint, lines }: { title: string; hint?: ReactNode; lines: CoachDigestLine[] }) {
  if (!lines.length) return null
  return (
    <Section>
      <Heading as="h2" style={h2}>
        {title} ({lines.length})
      </Heading>
      {hint ? <Text style={{ ...small, margin: '0 0 8px' }}>{hint}</Text> : null}
      {lines.map((line, i) => (
        <Text key={i} style={item}>
          <strong>{line.clientName}</strong>: {line.detail}
        </Text>
      ))}
    </Section>
  )
}

export default function CoachDigestEmail(props: CoachDigestProps) {
  const first = props.coachName.split(' ')[0] || props.coachName
  const empty =
    !props.atRisk.length &&
    !props.rejections.length &&
    !props.interviews.length &&
    !props.overdueTasks.length &&
    !props.noUpdate.length
  return (
    <EmailLayout
      preview={`${props.atRisk.length} clients to look at, ${props.interviews.length} in interviews`}
      footer={`Your weekly summary of ${props.clientCount} clients at ${props.practiceName}.`}
    >
      <Heading as="h1" style={h1}>
        Hi {first}, your caseload this week
      </Heading>
      <Text style={small}>{props.weekLabel}</Text>
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
      {props.more > 0 ? <Text style={small}>And {props.more} more on your dashboard.</Text> : null}
      <Section style={{ margin: '24px 0 0' }}>
        <Button href={props.dashboardUrl} className="rb-button" style={buttonStyle}>
          Open the dashboard
        </Button>
      </Section>
    </EmailLayout>
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
