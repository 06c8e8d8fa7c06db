import { Link, Text } from '@react-email/components'
import type { CSSProperties } from 'react'
import {
  ClosingButton,
  colors,
  DigestLayout,
  EmailHeading,
  EmailLayout,
  EmailSection,
  firstNameOf,
  ItemLine,
  itemStyle,
  smallStyle,
  textStyle,
} from './layout'

// The client's weekly digest. Props are plain strings and numbers, already worded and dated in
// the client's timezone, so the same props always render the same email.

export type DigestItem = { company: string; roleTitle: string; detail: string }
/** The week's rejections that got as far as one stage ("After an interview"), a few named. */
export type DigestRejectionGroup = { title: string; count: number; items: DigestItem[]; more: number }
/** One reframe for all the week's rejections: how far they got, and what to ask. */
export type DigestReframe = { message: string; ask: string | null }
export type DigestTask = { title: string; due: string }

export type ClientDigestProps = {
  clientName: string
  coachName: string | null
  practiceName: string
  /** "Nov 23 – Nov 24, 2026 (Mon–Tue so far)" */
  weekLabel: string
  /** The week reported: the client's week so far, or (on a Monday) the whole week just ended. */
  periodName: 'this week' | 'last week'
  goal: number
  appliedThisWeek: number
  /** No activity, no tasks, no note: the digest is a short nudge. */
  quiet: boolean
  /** A low mood or a run of rejections: no tally against the goal, a softer opening. */
  gentle: boolean
  stageMoves: DigestItem[]
  upcoming: DigestItem[]
  rejectionGroups: DigestRejectionGroup[]
  reframe: DigestReframe | null
  overdueTasks: DigestTask[]
  dueTasks: DigestTask[]
  note: string | null
  signInUrl: string
  preferencesUrl: string
  unsubscribeUrl: string
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

function goalLine(props: Pick<ClientDigestProps, 'appliedThisWeek' | 'goal' | 'periodName' | 'gentle'>) {
  const { appliedThisWeek: applied, goal, periodName: period } = props
  if (props.gentle)
    return applied > 0
      ? `You sent ${plural(applied, 'application', 'applications')} ${period}. Keeping going through a stretch like this takes real resilience.`
      : `Job searches have hard stretches, and this looks like one. It is fine to take a breath before the next step.`
  if (applied >= goal)
    return `You sent ${plural(applied, 'application', 'applications')} ${period}, at or past your goal of ${goal}. That is steady, real work.`
  if (applied > 0)
    return `You sent ${applied} of your ${goal} applications ${period}. Every one is a door you opened; the next few count just as much.`
  return `No new applications ${period} against your goal of ${goal}. Quiet weeks happen; one tailored application is a good restart.`
}

const gentleOpening =
  'Rejections sting, and several close together are hard. They say little about your worth: hiring turns on many things outside your control, from internal candidates to budgets. You are not doing this alone.'

/** Interviews ahead and tasks due: the digest promises "what comes next" only when there is some. */
export function hasWhatComesNext(props: Pick<ClientDigestProps, 'upcoming' | 'overdueTasks' | 'dueTasks'>) {
  return props.upcoming.length + props.overdueTasks.length + props.dueTasks.length > 0
}

const rejectionsIntro = (groups: DigestRejectionGroup[]) => {
  const total = groups.reduce((sum, g) => sum + g.count, 0)
  return `${plural(total, 'application', 'applications')} closed. A rejection says little about your worth.`
}
const groupLine = (g: DigestRejectionGroup) =>
  `${g.title} (${g.count}): ${g.items.map((i) => `${i.company}, ${i.roleTitle}`).join('; ')}${g.more ? `; and ${g.more} more` : ''}`

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
        <EmailHeading>Hi {first}, a quiet week is fine</EmailHeading>
        <Text style={textStyle}>
          Nothing new in your pipeline this week ({props.weekLabel}). Job searches take months, and weeks like this are
          part of every one of them.
        </Text>
        <Text style={textStyle}>
          One small step keeps things moving: update where your applications stand, or add one role that fits you well.
        </Text>
        {props.upcoming.length ? <WhatComesNext upcoming={props.upcoming} overdueTasks={[]} dueTasks={[]} /> : null}
        <SignIn url={props.signInUrl} />
      </EmailLayout>
    )
  }
  return (
    <DigestLayout
      preview={goalLine(props)}
      footer={footer}
      greeting={<>Hi {first}, here is your week</>}
      weekLabel={props.weekLabel}
    >
      {props.gentle ? <Text style={textStyle}>{gentleOpening}</Text> : null}
      <Text style={textStyle}>{goalLine(props)}</Text>
      {props.note ? (
        <EmailSection heading={`A note from ${coach}`}>
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
        </EmailSection>
      ) : null}
      {props.stageMoves.length ? (
        <EmailSection heading="Moving forward">
          {props.stageMoves.map((m, i) => (
            <ItemLine key={i} lead={m.company}>
              , {m.roleTitle}: {m.detail}
            </ItemLine>
          ))}
          <Text style={smallStyle}>Every stage you reach is progress, whatever happens next.</Text>
        </EmailSection>
      ) : null}
      {props.rejectionGroups.length ? (
        <EmailSection heading="Closed this week">
          <Text style={smallStyle}>{rejectionsIntro(props.rejectionGroups)}</Text>
          {props.rejectionGroups.map((g, i) => (
            <Text key={i} style={itemStyle}>
              <strong>
                {g.title} ({g.count})
              </strong>
              {props.gentle
                ? null
                : `: ${g.items.map((r) => `${r.company}, ${r.roleTitle}`).join('; ')}${g.more ? `; and ${g.more} more` : ''}`}
            </Text>
          ))}
          {props.reframe ? (
            <>
              <Text style={{ ...textStyle, margin: '8px 0 4px' }}>{props.reframe.message}</Text>
              {props.reframe.ask ? <Text style={{ ...smallStyle, margin: 0 }}>{props.reframe.ask}</Text> : null}
            </>
          ) : null}
        </EmailSection>
      ) : null}
      <WhatComesNext {...props} />
      <SignIn url={props.signInUrl} />
    </DigestLayout>
  )
}

const sub: CSSProperties = { ...textStyle, fontWeight: 600, margin: '8px 0 4px' }

function WhatComesNext(props: Pick<ClientDigestProps, 'upcoming' | 'overdueTasks' | 'dueTasks'>) {
  if (!hasWhatComesNext(props)) return null
  return (
    <EmailSection heading="What comes next">
      {props.upcoming.length ? (
        <>
          <Text style={sub}>Interviews ahead</Text>
          {props.upcoming.map((m, i) => (
            <ItemLine key={i} lead={m.company}>
              , {m.roleTitle}: {m.detail}
            </ItemLine>
          ))}
          <Text style={smallStyle}>
            Only a small share of applicants get this far. Your coach can run a mock interview with you.
          </Text>
        </>
      ) : null}
      {props.overdueTasks.length || props.dueTasks.length ? (
        <>
          <Text style={sub}>Your tasks</Text>
          {props.overdueTasks.map((t, i) => (
            <Text key={`o${i}`} style={itemStyle}>
              {t.title} <span style={{ color: colors.muted }}>(still open, was due {t.due})</span>
            </Text>
          ))}
          {props.dueTasks.map((t, i) => (
            <Text key={`d${i}`} style={itemStyle}>
              {t.title} <span style={{ color: colors.muted }}>(due {t.due})</span>
            </Text>
          ))}
        </>
      ) : null}
    </EmailSection>
  )
}

function SignIn({ url }: { url: string }) {
  return (
    <ClosingButton
      href={url}
      note="The button signs you in, no password needed. It works once, for the next three days."
    >
      Update my pipeline
    </ClosingButton>
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
    lines.push(`Hi ${first}, here is your week`, props.weekLabel, '')
    if (props.gentle) lines.push(gentleOpening, '')
    lines.push(goalLine(props))
    if (props.note) section(`A note from ${coach}`, [props.note])
    if (props.stageMoves.length)
      section('Moving forward', [
        ...props.stageMoves.map((m) => `- ${m.company}, ${m.roleTitle}: ${m.detail}`),
        'Every stage you reach is progress, whatever happens next.',
      ])
  }
  if (!props.quiet && props.rejectionGroups.length)
    section('Closed this week', [
      rejectionsIntro(props.rejectionGroups),
      ...props.rejectionGroups.map((g) => (props.gentle ? `- ${g.title} (${g.count})` : `- ${groupLine(g)}`)),
      ...(props.reframe ? ['', props.reframe.message, ...(props.reframe.ask ? [props.reframe.ask] : [])] : []),
    ])
  const tasks = props.quiet ? { overdueTasks: [], dueTasks: [] } : props
  if (hasWhatComesNext({ upcoming: props.upcoming, ...tasks }))
    section('What comes next', [
      ...(props.upcoming.length
        ? [
            'Interviews ahead:',
            ...props.upcoming.map((m) => `- ${m.company}, ${m.roleTitle}: ${m.detail}`),
            'Only a small share of applicants get this far. Your coach can run a mock interview with you.',
          ]
        : []),
      ...(tasks.overdueTasks.length || tasks.dueTasks.length
        ? [
            ...(props.upcoming.length ? [''] : []),
            'Your tasks:',
            ...tasks.overdueTasks.map((t) => `- ${t.title} (still open, was due ${t.due})`),
            ...tasks.dueTasks.map((t) => `- ${t.title} (due ${t.due})`),
          ]
        : []),
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
  weekLabel: 'Nov 23 – Nov 26, 2026 (Mon–Thu so far)',
  periodName: 'this week',
  goal: 10,
  appliedThisWeek: 7,
  quiet: false,
  gentle: false,
  stageMoves: [{ company: 'Brightline', roleTitle: 'Product Analyst', detail: 'moved to Interview' }],
  upcoming: [{ company: 'Brightline', roleTitle: 'Product Analyst', detail: 'Interview' }],
  rejectionGroups: [
    {
      title: 'After the final round',
      count: 1,
      items: [{ company: 'Acme Corp', roleTitle: 'Data Analyst', detail: '' }],
      more: 0,
    },
  ],
  reframe: {
    message:
      'You reached the final round: only a handful of people get that far. Ask for feedback while the conversation is fresh.',
    ask: 'Worth asking Acme Corp: “Is there anything I could strengthen for a role like this?”',
  },
  overdueTasks: [{ title: 'Ask Acme for feedback', due: 'Nov 25' }],
  dueTasks: [{ title: 'Mock interview prep', due: 'Dec 2' }],
  note: 'Great momentum this week. Let us prepare for Brightline together on Thursday.',
  signInUrl: 'http://localhost:3000/invite/example-sign-in-token',
  preferencesUrl: 'http://localhost:3000/me/preferences',
  unsubscribeUrl: 'http://localhost:3000/unsubscribe/example',
}
ClientDigestEmail.PreviewProps = PreviewProps
