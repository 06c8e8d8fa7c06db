import { z } from 'zod'
import { requiredText } from '../form-fields'

// The account forms' schemas. Not a .server file: the pages validate with them in the browser
// too. The password rule repeats PasswordSchema (password.server.ts), which the server enforces.

export const EmailSchema = z
  .string({ error: 'Enter your email address' })
  .trim()
  .toLowerCase()
  .pipe(z.email('Enter an email address such as name@example.com').max(254, 'That email address is too long'))

export const NameSchema = requiredText('Enter your name', 100, 'Use at most 100 characters')

export const NewPasswordSchema = z
  .string({ error: 'Enter a password' })
  .min(8, 'Use at least 8 characters')
  .max(256, 'Use at most 256 characters')

export const SignUpInput = z.object({
  name: NameSchema,
  email: EmailSchema,
  password: NewPasswordSchema,
  practiceName: requiredText('Enter the name of your practice', 100, 'Use at most 100 characters'),
  // The browser's own timezone, filled in by the page; the practice starts on UTC without it.
  timezone: z.string().max(100).optional(),
})

export const LoginInput = z.object({
  email: EmailSchema,
  // Any length is checked against the hash; the cap only stops absurd inputs.
  password: z.string({ error: 'Enter your password' }).min(1, 'Enter your password').max(4096),
  redirectTo: z.string().optional(),
})

export const ForgotPasswordInput = z.object({ email: EmailSchema })

export const ResetPasswordInput = z.object({
  token: z.string({ error: 'This reset link is incomplete' }),
  password: NewPasswordSchema,
})

const box = z
  .literal('on')
  .optional()
  .transform((v) => v === 'on')

export const SettingsInput = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('profile'), name: NameSchema }),
  z.object({
    intent: z.literal('notifications'),
    notifyClientMessages: box,
    notifyRejections: box,
    notifyLowMood: box,
  }),
  z.object({
    intent: z.literal('password'),
    currentPassword: z.string({ error: 'Enter your current password' }).max(4096),
    newPassword: NewPasswordSchema,
  }),
])

// Two-factor sign-in ---------------------------------------------------------------------------

const TotpCodeSchema = z
  .string({ error: 'Enter the 6-digit code from your authenticator app' })
  .trim()
  .max(20, 'Enter the 6-digit code from your authenticator app')
  .regex(/^\d{3}[\s-]?\d{3}$/, 'Enter the 6 digits your authenticator app shows, such as 123 456')

export const TwoFactorSignInInput = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('totp'), code: TotpCodeSchema, redirectTo: z.string().max(2000).optional() }),
  z.object({
    intent: z.literal('recovery'),
    recoveryCode: z
      .string({ error: 'Enter one of your recovery codes' })
      .trim()
      .max(40, 'A recovery code has 10 letters and digits, such as ABCDE-23456')
      .regex(/^[A-Za-z2-7]{5}-?[A-Za-z2-7]{5}$/, 'A recovery code has 10 letters and digits, such as ABCDE-23456'),
    redirectTo: z.string().max(2000).optional(),
  }),
])

/** A browser's answer to a passkey ceremony, as JSON from @simplewebauthn/browser. */
const PasskeyResponseSchema = z
  .string({ error: 'Your passkey did not answer. Try again.' })
  .max(64_000, 'Your passkey did not answer. Try again.')

export const PasskeySignInInput = z.object({
  intent: z.literal('passkey'),
  response: PasskeyResponseSchema,
  redirectTo: z.string().max(2000).optional(),
})

export const PasskeyOptionsInput = z.object({
  purpose: z.enum(['register', 'second-factor', 'sign-in'], { error: 'Unknown passkey request' }),
})

const PasskeyNameSchema = requiredText(
  'Give this passkey a name, such as “Work laptop”',
  60,
  'Keep the name under 60 characters',
)

/** The add-passkey form as the page checks it before the browser's passkey prompt. */
export const AddPasskeyName = z.object({ name: PasskeyNameSchema })

export const TwoFactorSettingsInput = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('enable'),
    code: TotpCodeSchema,
    sealedKey: z.string({ error: 'Start again: reload the page' }).max(200, 'Start again: reload the page'),
  }),
  z.object({ intent: z.literal('remove') }),
  z.object({ intent: z.literal('regenerate') }),
  z.object({ intent: z.literal('add-passkey'), name: PasskeyNameSchema, response: PasskeyResponseSchema }),
  z.object({
    intent: z.literal('remove-passkey'),
    passkeyId: z.string({ error: 'Choose a passkey' }).max(100),
  }),
])
