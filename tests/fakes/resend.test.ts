import { request } from 'node:http'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { startFakeResend, type FakeResend } from './resend'

// The fake's idempotency must judge payloads as Resend does, byte for byte, however TCP splits them:
// the digest tests rely on it to tell an identical retry from a changed one.

let fake: FakeResend
beforeAll(async () => {
  fake = await startFakeResend()
})
afterAll(() => fake.close())
beforeEach(() => fake.reset())

/** POSTs `body` in the given pieces, pausing between them so the server reads each as its own chunk. */
function post(path: string, key: string, pieces: Buffer[]) {
  return new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    const total = pieces.reduce((n, p) => n + p.length, 0)
    const req = request(
      `${fake.url}${path}`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': total, 'Idempotency-Key': key },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString()) }))
      },
    )
    req.on('error', reject)
    void (async () => {
      for (const piece of pieces) {
        req.write(piece)
        await new Promise((r) => setTimeout(r, 25))
      }
      req.end()
    })()
  })
}

// A preheader's zero-width padding: three bytes each in UTF-8.
const batch = (subject: string) =>
  Buffer.from(
    JSON.stringify([
      { from: 'a@rebound.test', to: 'b@example.test', subject, html: `<div>\u200c\u200b\u200d</div>`, text: 'hi' },
    ]),
  )

describe('fake Resend idempotency', () => {
  test('the same payload under the same key, split inside a UTF-8 character, is answered as a replay', async () => {
    const body = batch('Your week')
    const first = await post('/emails/batch', 'k/1', [body])
    const cut = body.indexOf(Buffer.from('\u200b')) + 1 // inside the character's three bytes
    const again = await post('/emails/batch', 'k/1', [body.subarray(0, cut), body.subarray(cut)])
    expect(first.status).toBe(200)
    expect(again).toEqual(first)
    expect(fake.sent).toHaveLength(1)
    expect(fake.sent[0]!.html).toBe('<div>\u200c\u200b\u200d</div>')
  })

  test('another payload under the same key is a 409 and sends nothing', async () => {
    await post('/emails/batch', 'k/2', [batch('Your week')])
    const changed = await post('/emails/batch', 'k/2', [batch('Your week!')])
    expect(changed.status).toBe(409)
    expect(changed.body).toMatchObject({ name: 'invalid_idempotent_request' })
    expect(fake.sent).toHaveLength(1)
  })
})
