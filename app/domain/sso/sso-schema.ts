import { z } from 'zod'
import { requiredText } from '../form-fields'

// The single sign-on forms' schemas (not .server: the pages validate with them in the browser too).

const domainPattern = /^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/

/** "example.edu, @careers.example.edu" → ['example.edu', 'careers.example.edu']: commas, spaces or lines between. */
export function parseEmailDomains(text: string) {
  const domains = text
    .toLowerCase()
    .split(/[\s,;]+/)
    .map((d) => d.replace(/^@/, '').replace(/\.$/, ''))
    .filter(Boolean)
  return [...new Set(domains)]
}

export const SsoSettingsInput = z.object({
  issuer: z
    .string({ error: 'Enter the issuer address your provider gives' })
    .trim()
    .min(1, 'Enter the issuer address your provider gives')
    .max(500, 'Use an address of at most 500 characters')
    .transform((v) => v.replace(/\/+$/, '')),
  clientId: requiredText(
    'Enter the client ID your provider gave this app',
    300,
    'Use a client ID of at most 300 characters',
  ),
  /** Empty: keep the saved secret. */
  clientSecret: z.string().max(2000, 'Use a secret of at most 2,000 characters').optional(),
  allowedDomains: z
    .string({ error: 'Enter at least one email domain, such as example.edu' })
    .max(2000)
    .transform(parseEmailDomains)
    .pipe(
      z
        .array(z.string().regex(domainPattern, 'Enter domains such as example.edu, separated by commas'))
        .min(1, 'Enter at least one email domain, such as example.edu')
        .max(20, 'Enter at most 20 domains'),
    ),
  ssoOnly: z.boolean().default(false),
})
export type SsoSettings = z.infer<typeof SsoSettingsInput>

export const SsoSignInInput = z.object({
  identifier: requiredText(
    'Enter your work email or your practice’s Rebound address',
    320,
    'That is longer than any email address',
  ),
  redirectTo: z.string().max(2000).optional(),
})
