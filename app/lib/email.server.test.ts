import { createElement } from 'react'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import { sendEmail } from '~/lib/email.server'
import MemberInviteEmail, { PreviewProps as invitePreview } from '../../emails/member-invite'
import ResetPasswordEmail, { PreviewProps as resetPreview } from '../../emails/reset-password'
import { unique } from '../../tests/factories'
import { startFakeResend, type FakeResend } from '../../tests/fakes/resend'

// The real SDK against the local fake of Resend's API (tests/fakes/resend.ts).

let fake: FakeResend

beforeAll(async () => {
  fake = await startFakeResend()
})

afterAll(() => fake.close())

afterEach(() => {
  delete process.env.RESEND_API_KEY
  delete process.env.RESEND_BASE_URL
  fake.reset()
})

function useFakeResend() {
  process.env.RESEND_API_KEY = 're_test_key'
  process.env.RESEND_BASE_URL = fake.url
}

const reset = () => createElement(ResetPasswordEmail, resetPreview)

describe('sendEmail', () => {
  test('without RESEND_API_KEY the email lands in the outbox, rendered as HTML and text, and nothing is sent', async () => {
    const to = `${unique('outbox-')}@example.test`
    const result = await sendEmail({ to, subject: 'Reset', react: reset(), kind: 'password-reset' })
    expect(result.status).toBe('OUTBOX')
    const row = await prisma.outboundEmail.findUniqueOrThrow({ where: { id: result.id } })
    expect(row).toMatchObject({ to, subject: 'Reset', kind: 'password-reset', status: 'OUTBOX' })
    expect(row.html).toContain('<html')
    expect(row.html).toContain(resetPreview.resetUrl)
    expect(row.text).not.toContain('<')
    expect(row.text).toContain('Choose a new password')
    expect(fake.requests).toHaveLength(0)
  })

  test('with a key, the real SDK sends HTML, text, headers and the idempotency key, and the row is SENT', async () => {
    useFakeResend()
    fake.script({ status: 200, body: { id: 'msg_abc' } })
    const to = `${unique('sent-')}@example.test`
    const result = await sendEmail({
      to,
      subject: 'Join us',
      react: createElement(MemberInviteEmail, invitePreview),
      kind: 'member-invite',
      headers: { 'X-Entity-Ref-ID': 'ref-1' },
      idempotencyKey: 'invite/abc',
    })
    expect(result.status).toBe('SENT')
    expect(fake.requests).toHaveLength(1)
    const [request] = fake.requests
    expect(request!.headers['idempotency-key']).toBe('invite/abc')
    expect(request!.headers.authorization).toBe('Bearer re_test_key')
    const body = request!.body as Record<string, unknown>
    expect(body).toMatchObject({ to, subject: 'Join us', headers: { 'X-Entity-Ref-ID': 'ref-1' } })
    expect(String(body.html)).toContain(invitePreview.acceptUrl)
    expect(String(body.text)).toContain('Northstar Careers')
    const row = await prisma.outboundEmail.findUniqueOrThrow({ where: { id: result.id } })
    expect(row).toMatchObject({ status: 'SENT', providerMessageId: 'msg_abc' })
    expect(row.sentAt).not.toBeNull()
  })

  test('a provider error is recorded as FAILED with the error', async () => {
    useFakeResend()
    fake.script({ status: 422, body: { statusCode: 422, name: 'validation_error', message: 'Invalid `to` field.' } })
    const result = await sendEmail({ to: `${unique('bad-')}@example.test`, subject: 'x', react: reset(), kind: 'test' })
    expect(result.status).toBe('FAILED')
    const row = await prisma.outboundEmail.findUniqueOrThrow({ where: { id: result.id } })
    expect(row.error).toContain('Invalid `to` field.')
  })

  test('a suppressed address is not sent to', async () => {
    useFakeResend()
    const to = `${unique('bounced-')}@example.test`
    await prisma.emailSuppression.create({ data: { email: to, reason: 'bounce' } })
    const result = await sendEmail({ to: to.toUpperCase(), subject: 'x', react: reset(), kind: 'test' })
    expect(result.status).toBe('SUPPRESSED')
    expect(fake.requests).toHaveLength(0)
  })
})
