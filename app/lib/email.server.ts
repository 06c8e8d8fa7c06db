import { render } from '@react-email/render'
import type { ReactElement } from 'react'
import { Resend } from 'resend'
import { prisma } from '~/lib/db.server'
import { envValue, getEnv } from '~/lib/env.server'
import { logger } from '~/lib/logger.server'

// The one way the app sends email. Every email gets an OutboundEmail row, sent or not: without
// RESEND_API_KEY it stays in the dev outbox and nothing leaves the machine.

export type SendEmailInput = {
  to: string
  subject: string
  react: ReactElement
  /** What the email is, e.g. 'password-reset', 'member-invite', 'client-digest'. */
  kind: string
  organizationId?: string | null
  headers?: Record<string, string>
  /** Resend keeps a key 24 hours: a retry with the same key sends nothing new. */
  idempotencyKey?: string
}

export type SendEmailResult = { id: string; status: 'OUTBOX' | 'SENT' | 'FAILED' | 'SUPPRESSED' }

export async function renderEmail(react: ReactElement) {
  const [html, text] = await Promise.all([render(react), render(react, { plainText: true })])
  return { html, text }
}

export function isSuppressed(email: string) {
  return prisma.emailSuppression
    .findUnique({ where: { email: email.trim().toLowerCase() }, select: { email: true } })
    .then(Boolean)
}

// Read at each send, so a test can point the real SDK at a local fake.
function resendApiKey() {
  return envValue('RESEND_API_KEY')
}

export async function sendEmail(input: SendEmailInput): Promise<SendEmailResult> {
  const { html, text } = await renderEmail(input.react)
  const from = getEnv().EMAIL_FROM
  const apiKey = resendApiKey()
  const suppressed = await isSuppressed(input.to)
  const status = suppressed ? 'SUPPRESSED' : apiKey ? 'QUEUED' : 'OUTBOX'
  const row = await prisma.outboundEmail.create({
    data: {
      organizationId: input.organizationId ?? null,
      kind: input.kind,
      to: input.to,
      from,
      subject: input.subject,
      html,
      text,
      headers: input.headers ?? {},
      status,
    },
    select: { id: true },
  })
  if (status !== 'QUEUED' || !apiKey) return { id: row.id, status: status === 'QUEUED' ? 'OUTBOX' : status }

  try {
    const { data, error } = await new Resend(apiKey).emails.send(
      { from, to: input.to, subject: input.subject, html, text, headers: input.headers },
      input.idempotencyKey ? { idempotencyKey: input.idempotencyKey } : undefined,
    )
    if (error || !data) throw new Error(error ? `${error.name}: ${error.message}` : 'Resend returned no message id')
    await prisma.outboundEmail.update({
      where: { id: row.id },
      data: { status: 'SENT', providerMessageId: data.id, sentAt: new Date() },
    })
    return { id: row.id, status: 'SENT' }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    logger.error({ emailId: row.id, kind: input.kind, err: message }, 'email send failed')
    await prisma.outboundEmail.update({ where: { id: row.id }, data: { status: 'FAILED', error: message } })
    return { id: row.id, status: 'FAILED' }
  }
}
