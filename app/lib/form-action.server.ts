import { parseWithZod } from '@conform-to/zod/v4'
import { data } from '@remix-run/node'
import type { $ZodType, output } from 'zod/v4/core'
import { inputErrorReply, notFound } from './responses.server'
import { redirectWithToast } from './toast.server'

/**
 * The action of a form: the form parsed with its schema, and the value handed to `save`, whose answer
 * (a redirect) is the action's. Input that does not parse, or that `save` refuses with an InputError,
 * answers 400 with the form's errors and what was typed kept (`{ ...extra, result }`, where a page with
 * several forms names the one that failed); anything else thrown goes on to the error boundary.
 */
export async function saveForm<Schema extends $ZodType, Answer, Extra extends object = object>(
  form: FormData,
  schema: Schema,
  save: (value: output<Schema>) => Promise<Answer>,
  extra: Extra = {} as Extra,
) {
  const submission = parseWithZod(form, { schema })
  if (submission.status !== 'success') return data({ ...extra, result: submission.reply() }, { status: 400 })
  try {
    return await save(submission.value)
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
