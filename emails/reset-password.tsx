import { Button, Heading, Link, Text } from '@react-email/components'
import { buttonStyle, colors, EmailLayout, textStyle } from './layout'

export type ResetPasswordEmailProps = { name: string; resetUrl: string }

export default function ResetPasswordEmail({ name, resetUrl }: ResetPasswordEmailProps) {
  return (
    <EmailLayout
      preview="A link to choose a new Rebound password"
      footer="If you didn't ask for this, you can ignore this email: your password stays as it is."
    >
      <Heading as="h1" style={{ fontSize: '22px', lineHeight: '30px', color: colors.text, margin: '0 0 16px' }}>
        Choose a new password
      </Heading>
      <Text style={textStyle}>Hi {name},</Text>
      <Text style={textStyle}>
        Someone, hopefully you, asked to reset the password of your Rebound account. The button below lets you choose a
        new one. It works once, for the next hour.
      </Text>
      <Button href={resetUrl} className="rb-button" style={buttonStyle}>
        Choose a new password
      </Button>
      <Text style={{ ...textStyle, color: colors.muted, fontSize: '14px', margin: '20px 0 0' }}>
        If the button doesn't work, paste this link into your browser:{' '}
        <Link href={resetUrl} style={{ color: colors.brand, wordBreak: 'break-all' }}>
          {resetUrl}
        </Link>
      </Text>
      <Text style={{ ...textStyle, color: colors.muted, fontSize: '14px', margin: '12px 0 0' }}>
        Once you've set a new password, you'll be signed out everywhere else.
      </Text>
    </EmailLayout>
  )
}

export const PreviewProps: ResetPasswordEmailProps = {
  name: 'Olivia',
  resetUrl: 'http://localhost:3000/reset-password?token=example-token',
}

ResetPasswordEmail.PreviewProps = PreviewProps
