import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from '@react-email/components'
import type { CSSProperties, ReactNode } from 'react'

// The frame every Rebound email shares: one narrow column that reads well on a phone, plain
// colours that hold up when a mail app switches to dark mode, and a footer that says who sent it.

export const colors = { text: '#1e293b', muted: '#475569', brand: '#194d9c', border: '#e2e8f0', page: '#f8fafc' }

export const textStyle: CSSProperties = { fontSize: '16px', lineHeight: '24px', color: colors.text, margin: '0 0 16px' }
export const buttonStyle: CSSProperties = {
  backgroundColor: colors.brand,
  borderRadius: '6px',
  color: '#ffffff',
  display: 'inline-block',
  fontSize: '16px',
  fontWeight: 600,
  padding: '12px 20px',
  textDecoration: 'none',
}

export const headingStyle: CSSProperties = {
  fontSize: '22px',
  lineHeight: '30px',
  color: colors.text,
  margin: '0 0 16px',
}
export const subheadingStyle: CSSProperties = {
  fontSize: '17px',
  lineHeight: '24px',
  color: colors.text,
  margin: '24px 0 8px',
}
export const smallStyle: CSSProperties = { ...textStyle, color: colors.muted, fontSize: '14px', lineHeight: '20px' }
export const itemStyle: CSSProperties = { ...textStyle, margin: '0 0 8px' }

const darkMode = `
  :root { color-scheme: light dark; supported-color-schemes: light dark; }
  @media (prefers-color-scheme: dark) {
    .rb-body { background-color: #0f172a !important; }
    .rb-card { background-color: #1e293b !important; border-color: #334155 !important; }
    .rb-card p, .rb-card h1, .rb-card li { color: #e2e8f0 !important; }
    .rb-card a { color: #93c5fd !important; }
    .rb-card a.rb-button { background-color: #2563eb !important; color: #ffffff !important; }
  }
`

type EmailLayoutProps = { preview: string; children: ReactNode; footer?: ReactNode }

export function EmailLayout({ preview, children, footer }: EmailLayoutProps) {
  return (
    <Html lang="en">
      <Head>
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
        <style>{darkMode}</style>
      </Head>
      <Preview>{preview}</Preview>
      <Body
        className="rb-body"
        style={{
          backgroundColor: colors.page,
          fontFamily: '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif',
          margin: 0,
          padding: '24px 12px',
        }}
      >
        <Container
          className="rb-card"
          style={{
            backgroundColor: '#ffffff',
            border: `1px solid ${colors.border}`,
            borderRadius: '8px',
            maxWidth: '560px',
            padding: '28px 24px',
          }}
        >
          <Text style={{ ...textStyle, color: colors.brand, fontWeight: 700, margin: '0 0 20px' }}>Rebound</Text>
          {children}
          <Hr style={{ borderColor: colors.border, margin: '28px 0 16px' }} />
          <Section>
            <Text style={{ fontSize: '13px', lineHeight: '20px', color: colors.muted, margin: 0 }}>
              {footer ?? 'Sent by Rebound, the workspace your career coach uses.'}
            </Text>
          </Section>
        </Container>
      </Body>
    </Html>
  )
}

/** The email's title. */
export function EmailHeading({ children }: { children: ReactNode }) {
  return (
    <Heading as="h1" style={headingStyle}>
      {children}
    </Heading>
  )
}

/** A weekly digest: its greeting, the week it covers below it, then its sections. */
export function DigestLayout({
  greeting,
  weekLabel,
  children,
  ...layout
}: EmailLayoutProps & { greeting: ReactNode; weekLabel: string }) {
  return (
    <EmailLayout {...layout}>
      <EmailHeading>{greeting}</EmailHeading>
      <Text style={smallStyle}>{weekLabel}</Text>
      {children}
    </EmailLayout>
  )
}

/** One line of a digest's list: who or what it is about in bold, then what happened. */
export function ItemLine({ lead, children }: { lead: ReactNode; children: ReactNode }) {
  return (
    <Text style={itemStyle}>
      <strong>{lead}</strong>
      {children}
    </Text>
  )
}

/** The button that closes a longer email, set apart from the lists above it, with a note below it if any. */
export function ClosingButton({ href, children, note }: { href: string; children: ReactNode; note?: ReactNode }) {
  return (
    <Section style={{ margin: '24px 0 0' }}>
      <EmailButton href={href}>{children}</EmailButton>
      {note ? <Text style={{ ...smallStyle, margin: '12px 0 0' }}>{note}</Text> : null}
    </Section>
  )
}

/** A titled part of a longer email (a digest's list). */
export function EmailSection({ heading, children }: { heading: ReactNode; children: ReactNode }) {
  return (
    <Section>
      <Heading as="h2" style={subheadingStyle}>
        {heading}
      </Heading>
      {children}
    </Section>
  )
}

/** The one action the email asks for. */
export function EmailButton({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Button href={href} className="rb-button" style={buttonStyle}>
      {children}
    </Button>
  )
}

/** A small note under the button that ends with its link written out, for a mail app that hides the button. */
export function LinkWrittenOut({ url, children }: { url: string; children: ReactNode }) {
  return (
    <Text style={{ ...textStyle, color: colors.muted, fontSize: '14px', margin: '20px 0 0' }}>
      {children}{' '}
      <Link href={url} style={{ color: colors.brand, wordBreak: 'break-all' }}>
        {url}
      </Link>
    </Text>
  )
}

/** The first word of a person's name, for a greeting. */
export function firstNameOf(name: string) {
  return name.split(' ')[0] || name
}

/** A date as a client reads it in an email: "December 23, 2026". */
export function longDate(date: Date) {
  return new Intl.DateTimeFormat('en-US', { month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(
    date,
  )
}

/** Who an email to a client is to and from. */
export type CoachedClient = { clientName: string; coachName: string; practiceName: string }

/** The footer of an email to a client from their coach with a sign-in link. */
export function coachedClientFooter(coachName: string, practiceName: string) {
  return `You get this because ${coachName} at ${practiceName} is your career coach. The link is yours alone: please don't forward it.`
}

/**
 * An email whose one action is a link: its title, what it is about, the button, and the link written
 * out below it with a note (how long it works).
 */
export function LinkEmail({
  preview,
  footer,
  heading,
  url,
  button,
  linkNote,
  children,
  after,
}: {
  preview: string
  footer: ReactNode
  heading: ReactNode
  url: string
  button: string
  /** The note before the link written out. */
  linkNote: ReactNode
  children: ReactNode
  /** Anything below the link. */
  after?: ReactNode
}) {
  return (
    <EmailLayout preview={preview} footer={footer}>
      <EmailHeading>{heading}</EmailHeading>
      {children}
      <EmailButton href={url}>{button}</EmailButton>
      <LinkWrittenOut url={url}>{linkNote}</LinkWrittenOut>
      {after}
    </EmailLayout>
  )
}
