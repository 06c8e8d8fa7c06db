import { Body, Container, Head, Hr, Html, Preview, Section, Text } from '@react-email/components'
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

export function EmailLayout({
  preview,
  children,
  footer,
}: {
  preview: string
  children: ReactNode
  footer?: ReactNode
}) {
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
