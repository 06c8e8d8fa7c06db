import type { SubmissionResult } from '@conform-to/react'
import { data } from '@remix-run/node'
import { describeRetryAfter, tooManyRequestsHeaders } from './rate-limit.server'

// The answer of a sign-in or account form that a rate limit turned down: 429 with Retry-After, and a line that
// says what was refused and when to try again ("Too many sign-in attempts. Try again in 5 minutes.").

type Refused = { retryAfterSeconds: number }

/** Status 429 with Retry-After; `body` makes the answer around the message. */
export function tooManyAttempts<Body>(limit: Refused, what: string, body: (message: string) => Body) {
  const message = `${what}. Try again ${describeRetryAfter(limit.retryAfterSeconds)}.`
  return data(body(message), { status: 429, headers: tooManyRequestsHeaders(limit.retryAfterSeconds) })
}

type Replying = { reply(options: { formErrors: string[]; hideFields?: string[] }): SubmissionResult<string[]> }

/** The form back with the message above it (`{ ...extra, result }`), its secret fields (`hideFields`) emptied. */
export function tooManyAttemptsReply<Extra extends object = object>(
  submission: Replying,
  limit: Refused,
  what: string,
  { hideFields, extra = {} as Extra }: { hideFields?: string[]; extra?: Extra } = {},
) {
  return tooManyAttempts(limit, what, (message) => ({
    ...extra,
    result: submission.reply({ formErrors: [message], hideFields }),
  }))
}
