import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data } from '@remix-run/node'
import type { $ZodType } from 'zod/v4/core'
import { InputError } from './input-error'

// The two refusals every route gives: a record that is not there (or not the visitor's to see), and
// input the domain turned down.

/** The 404 a route throws for a record that does not exist or is not in view: the same answer for both. */
export function notFound() {
  return new Response('Not found', { status: 404 })
}

type Replying = { reply(options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }): SubmissionResult }

/**
 * The form's reply to an InputError: status 400 with the message beside its field (or above the form)
 * and what was typed kept. Anything else is thrown on, to the error boundary.
 */
export function inputErrorReply<Extra extends object = object>(
  submission: Replying,
  error: unknown,
  extra: Extra = {} as Extra,
) {
  if (!(error instanceof InputError)) throw error
  const result = error.field
    ? submission.reply({ fieldErrors: { [error.field]: [error.message] } })
    : submission.reply({ formErrors: [error.message] })
  return data({ ...extra, result }, { status: 400 })
}

/**
 * A form of one of a page's intents, parsed with its schema: the intent it names, and either its value or,
 * when it does not parse, the 400 that gives the form back its errors (`{ intent, result }`).
 */
export function parseIntentForm<Schema extends $ZodType>(form: FormData, schema: Schema) {
  const submission = parseWithZod(form, { schema })
  const intent = String(submission.payload.intent ?? '')
  if (submission.status !== 'success')
    return { ok: false as const, intent, refusal: data({ intent, result: submission.reply() }, { status: 400 }) }
  return { ok: true as const, intent, submission, value: submission.value }
}
