import { Text } from '@react-email/components'
import { colors, LinkEmail, textStyle } from './layout'

export type ResetPasswordEmailProps = { name: string; resetUrl: string }

export default function ResetPasswordEmail({ name, resetUrl }: ResetPasswordEmailProps) {
  return (
    <LinkEmail
      preview="A link to choose a new Rebound password"
      footer="If you didn't ask for this, you can ignore this email: your password stays as it is."
      heading="Choose a new password"
      url={resetUrl}
      button="Choose a new password"
      linkNote="If the button doesn't work, paste this link into your browser:"
      after={
        <Text style={{ ...textStyle, color: colors.muted, fontSize: '14px', margin: '12px 0 0' }}>
          Once you've set a new password, you'll be signed out everywhere else.
        </Text>
      }
    >
      <Text style={textStyle}>Hi {name},</Text>
      <Text style={textStyle}>
        Someone, hopefully you, asked to reset the password of your Rebound account. The button below lets you choose a
        new one. It works once, for the next hour.
      </Text>
    </LinkEmail>
  )
}

export const PreviewProps: ResetPasswordEmailProps = {
  name: 'Olivia',
  resetUrl: 'http://localhost:3000/reset-password?token=example-token',
}

ResetPasswordEmail.PreviewProps = PreviewProps
