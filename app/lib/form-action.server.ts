import { parseWithZod } from '@conform-to/zod/v4'
import { data } from '@remix-run/node'
import type { $ZodType, output } from 'zod/v4/core'
import { inputErrorReply } from './responses.server'

/**
 * The action of a one-form page: the form parsed with its schema, and the value handed to `save`, whose
 * answer (a redirect) is the action's. Input that does not parse, or that `save` refuses with an
 * InputError, answers 400 with the form's errors and what was typed kept.
 */
export async function saveForm<Schema extends $ZodType, Answer>(
  form: FormData,
  schema: Schema,
  save: (value: output<Schema>) => Promise<Answer>,
) {
  const submission = parseWithZod(form, { schema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  try {
    return await save(submission.value)
  } catch (error) {
    return inputErrorReply(submission, error)
  }
}
