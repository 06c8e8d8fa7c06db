import { parseWithZod } from '@conform-to/zod/v4'
import { data } from '@remix-run/node'
import type { $ZodType, output } from 'zod/v4/core'
import { inputErrorReply, notFound } from './responses.server'
import { redirectWithToast } from './toast.server'

// The body of most form actions, written once: parse the form with its schema, hand the value to the
// domain, and answer. A form that does not parse, and input the domain refuses (InputError), come back
// as the form's 400 with what was typed kept; anything else thrown goes on to the error boundary.

/**
 * Parses `form` with `schema` and runs `run` with its value: `run`'s answer, or the 400 `{ ...extra, result }`
 * when the form does not parse or `run` throws an InputError.
 */
export async function submitForm<Schema extends $ZodType, Answer, Extra extends object = object>(
  form: FormData,
  schema: Schema,
  run: (value: output<Schema>) => Promise<Answer>,
  extra: Extra = {} as Extra,
) {
  const submission = parseWithZod(form, { schema })
  if (submission.status !== 'success') return data({ ...extra, result: submission.reply() }, { status: 400 })
  try {
    return await run(submission.value)
  } catch (error) {
    return inputErrorReply(submission, error, extra)
  }
}

/** What one of a thread's message forms did (the conversations domain's `MessageActionResult`). */
type MessageOutcome =
  | { ok: true; title: string }
  | { ok: false; status: 400 | 404; error: string; intent: string; messageId: string | null }

/**
 * The answer to a message form (send, edit, delete) on a page with a thread: back to the thread with a toast,
 * 404 for a thread or message not in view, or 400 with the error beside the message (`messageError`).
 */
export function messageReply<Extra extends object>(result: MessageOutcome, thread: string, extra: Extra) {
  if (!result.ok && result.status === 404) throw notFound()
  if (!result.ok)
    return data({ ...extra, result: null, messageError: result.error, messageId: result.messageId }, { status: 400 })
  return redirectWithToast(`${thread}#conversation`, { title: result.title })
}
