import { Button, Heading, Link, Section, Text } from '@react-email/components'
import type { CSSProperties, ReactNode } from 'react'
import { buttonStyle, colors, EmailLayout, textStyle } from './layout'

// The client's weekly digest. Props are plain strings and numbers, already worded and dated in
// the client's timezone, so the same props always render the same email.

export type DigestItem = { company: string; roleTitle: string; detail: string }
export type DigestRejection = DigestItem & { message: string; ask: string | null }
export type DigestTask = { title: string; due: string }

export type ClientDigestProps = {
  clientName: string
  coachName: string | null
  practiceName: string
  /** "Nov 23 – Nov 29" */
  weekLabel: string
  goal: number
  appliedThisWeek: number
  /** No activity, no tasks, no note: the digest is a short nudge. */
  quiet: boolean
  stageMoves: DigestItem[]
  upcoming: DigestItem[]
  rejections: DigestRejection[]
  overdueTasks: DigestTask[]
  dueTasks: DigestTask[]
  note: string | null
  signInUrl: string
  preferencesUrl: string
  unsubscribeUrl: string
}

const h1: CSSProperties = { fontSize: '22px', lineHeight: '30px', color: colors.text, margin: '0 0 16px' }
const h2: CSSProperties = { fontSize: '17px', lineHeight: '24px', color: colors.text, margin: '24px 0 8px' }
const small: CSSProperties = { ...textStyle, color: colors.muted, fontSize: '14px', lineHeight: '20px' }
const item: CSSProperties = { ...textStyle, margin: '0 0 8px' }

export function firstNameOf(name: string) {
  return name.split(' ')[0] || name
}

function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Section>
      <Heading as="h2" style={h2}>
        {title}
      </Heading>
      {children}
    </Section>
  )
}

function goalLine(applied: number, goal: number) {
  if (applied >= goal)
    return `You sent ${applied} applications this week, at or past your goal of ${goal}. That is steady, real work.`
  if (applied > 0)
    return `You sent ${applied} of your ${goal} applications this week. Every one is a door you opened; the next few count just as much.`
  return `No new applications this week against your goal of ${goal}. Quiet weeks happen; one tailored application is a good restart.`
}

export default function ClientDigestEmail(props: ClientDigestProps) {
  const first = firstNameOf(props.clientName)
  const coach = props.coachName ?? 'Your coach'
  const footer = (
    <>
      You get this weekly update because {coach} at {props.practiceName} coaches your job search.{' '}
      <Link href={props.preferencesUrl} style={{ color: colors.brand }}>
        Change when and whether it comes
      </Link>{' '}
      or{' '}
      <Link href={props.unsubscribeUrl} style={{ color: colors.brand }}>
        unsubscribe
      </Link>
      .
    </>
  )
  if (props.quiet) {
    return (
      <EmailLayout preview={`A quiet week, ${first}: one small step is enough`} footer={footer}>
        <Heading as="h1" style={h1}>
          Hi {first}, a quiet week is fine
        </Heading>
        <Text style={textStyle}>
          Nothing new in your pipeline this week ({props.weekLabel}). Job searches take months, and weeks like this are
          part of every one of them.
        </Text>
        <Text style={textStyle}>
          One small step keeps things moving: update where your applications stand, or add one role that fits you well.
        </Text>
        {props.upcoming.length ? <Upcoming items={props.upcoming} /> : null}
        <SignIn url={props.signInUrl} />
      </EmailLayout>
    )
  }
  return (
    <EmailLayout
      preview={`Your week: ${props.appliedThisWeek} of ${props.goal} applications, and what comes next`}
      footer={footer}
    >
      <Heading as="h1" style={h1}>
        Hi {first}, here is your week
      </Heading>
      <Text style={small}>{props.weekLabel}</Text>
      <Text style={textStyle}>{goalLine(props.appliedThisWeek, props.goal)}</Text>
      {props.note ? (
        <Block title={`A note from ${coach}`}>
          <Text
            style={{
              ...textStyle,
              borderLeft: `3px solid ${colors.brand}`,
              paddingLeft: '12px',
              whiteSpace: 'pre-line',
            }}
          >
            {props.note}
          </Text>
        </Block>
      ) : null}
      {props.stageMoves.length ? (
        <Block title="Moving forward">
          {props.stageMoves.map((m, i) => (
            <Text key={i} style={item}>
              <strong>{m.company}</strong>, {m.roleTitle}: {m.detail}
            </Text>
          ))}
          <Text style={small}>Every stage you reach is progress, whatever happens next.</Text>
        </Block>
      ) : null}
      {props.upcoming.length ? <Upcoming items={props.upcoming} /> : null}
      {props.rejections.length ? (
        <Block title="Closed this week">
          <Text style={small}>A rejection says little about your worth. Here is what each one still gives you.</Text>
          {props.rejections.map((r, i) => (
            <Section key={i} style={{ margin: '0 0 12px' }}>
              <Text style={item}>
                <strong>{r.company}</strong>, {r.roleTitle}: {r.detail}
              </Text>
              <Text style={{ ...small, margin: '0 0 4px' }}>{r.message}</Text>
              {r.ask ? <Text style={{ ...small, margin: 0 }}>{r.ask}</Text> : null}
            </Section>
          ))}
        </Block>
      ) : null}
      {props.overdueTasks.length || props.dueTasks.length ? (
        <Block title="Your tasks">
          {props.overdueTasks.map((t, i) => (
            <Text key={`o${i}`} style={item}>
              {t.title} <span style={{ color: colors.muted }}>(was due {t.due})</span>
            </Text>
          ))}
          {props.dueTasks.map((t, i) => (
            <Text key={`d${i}`} style={item}>
              {t.title} <span style={{ color: colors.muted }}>(due {t.due})</span>
            </Text>
          ))}
        </Block>
      ) : null}
      <SignIn url={props.signInUrl} />
    </EmailLayout>
  )
}

function Upcoming({ items }: { items: DigestItem[] }) {
  return (
    <Block title="Interviews ahead">
      {items.map((m, i) => (
        <Text key={i} style={item}>
          <strong>{m.company}</strong>, {m.roleTitle}: {m.detail}
        </Text>
      ))}
      <Text style={small}>
        Only a small share of applicants get this far. Your coach can run a mock interview with you.
      </Text>
    </Block>
  )
}

function SignIn({ url }: { url: string }) {
  return (
    <Section style={{ margin: '24px 0 0' }}>
      <Button href={url} className="rb-button" style={buttonStyle}>
        Update my pipeline
      </Button>
      <Text style={{ ...small, margin: '12px 0 0' }}>
        The button signs you in, no password needed. It works once, for the next three days.
      </Text>
    </Section>
  )
}

/**
 * The plain-text part, written from the same props (faster than deriving it from the HTML when
 * thousands go out at once, and it reads better).
 */
export function clientDigestText(props: ClientDigestProps) {
  const first = firstNameOf(props.clientName)
  const coach = props.coachName ?? 'Your coach'
  const lines: string[] = []
  const section = (title: string, body: string[]) => lines.push('', title.toUpperCase(), ...body)
  const signIn = [
    '',
    `Update my pipeline: ${props.signInUrl}`,
    'The link signs you in, no password needed. It works once, for the next three days.',
  ]
  if (props.quiet) {
    lines.push(
      `Hi ${first}, a quiet week is fine`,
      '',
      `Nothing new in your pipeline this week (${props.weekLabel}). Job searches take months, and weeks like this are part of every one of them.`,
      '',
      'One small step keeps things moving: update where your applications stand, or add one role that fits you well.',
    )
  } else {
    lines.push(`Hi ${first}, here is your week`, props.weekLabel, '', goalLine(props.appliedThisWeek, props.goal))
    if (props.note) section(`A note from ${coach}`, [props.note])
    if (props.stageMoves.length)
      section('Moving forward', [
        ...props.stageMoves.map((m) => `- ${m.company}, ${m.roleTitle}: ${m.detail}`),
        'Every stage you reach is progress, whatever happens next.',
      ])
  }
  if (props.upcoming.length)
    section('Interviews ahead', [
      ...props.upcoming.map((m) => `- ${m.company}, ${m.roleTitle}: ${m.detail}`),
      'Only a small share of applicants get this far. Your coach can run a mock interview with you.',
    ])
  if (!props.quiet && props.rejections.length)
    section('Closed this week', [
      'A rejection says little about your worth. Here is what each one still gives you.',
      ...props.rejections.flatMap((r) => [
        '',
        `- ${r.company}, ${r.roleTitle}: ${r.detail}`,
        `  ${r.message}`,
        ...(r.ask ? [`  ${r.ask}`] : []),
      ]),
    ])
  if (!props.quiet && (props.overdueTasks.length || props.dueTasks.length))
    section('Your tasks', [
      ...props.overdueTasks.map((t) => `- ${t.title} (was due ${t.due})`),
      ...props.dueTasks.map((t) => `- ${t.title} (due ${t.due})`),
    ])
  lines.push(
    ...signIn,
    '',
    '--',
    `You get this weekly update because ${coach} at ${props.practiceName} coaches your job search.`,
    `Change when and whether it comes: ${props.preferencesUrl}`,
    `Unsubscribe: ${props.unsubscribeUrl}`,
  )
  return lines.join('\n')
}

export const PreviewProps: ClientDigestProps = {
  clientName: 'Jordan Lee',
  coachName: 'Sam Rivera',
  practiceName: 'Northstar Career Coaching',
  weekLabel: 'Nov 23 – Nov 29, 2026',
  goal: 10,
  appliedThisWeek: 7,
  quiet: false,
  stageMoves: [{ company: 'Brightline', roleTitle: 'Product Analyst', detail: 'moved to Interview' }],
  upcoming: [{ company: 'Brightline', roleTitle: 'Product Analyst', detail: 'Interview' }],
  rejections: [
    {
      company: 'Acme Corp',
      roleTitle: 'Data Analyst',
      detail: 'ended at the Final round',
      message:
        'You reached the final round: only a handful of people get that far. Ask for feedback while the conversation is fresh.',
      ask: 'Worth asking: “Is there anything I could strengthen for a role like this?”',
    },
  ],
  overdueTasks: [{ title: 'Ask Acme for feedback', due: 'Nov 25' }],
  dueTasks: [{ title: 'Mock interview prep', due: 'Dec 2' }],
  note: 'Great momentum this week. Let us prepare for Brightline together on Thursday.',
  signInUrl: 'http://localhost:3000/invite/example-sign-in-token',
  preferencesUrl: 'http://localhost:3000/me/preferences',
  unsubscribeUrl: 'http://localhost:3000/unsubscribe/example',
}
ClientDigestEmail.PreviewProps = PreviewProps
